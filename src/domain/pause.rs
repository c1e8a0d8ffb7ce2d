//! A lead's stopped clock (中止) and its timeout appeal (超时申诉): what they record, when they
//! are allowed, and how stopped time is left out of a deadline.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::complaint::Deadlines;
use super::{Complaint, Refusal, refuse};
use crate::calendar::Calendar;

labelled_enum!(StopReason {
    Unreachable => "当事人无法联系",
    AwaitingDepartment => "等待其他部门答复",
    ForceMajeure => "不可抗力",
    Other => "其他",
});

/// One stop of a lead's clock, approved by a 队长; `until` is empty while it is stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stop {
    pub from: NaiveDateTime,
    pub until: Option<NaiveDateTime>,
    /// A `StopReason` label.
    pub reason: String,
    /// What 其他 means here, or more about the reason.
    pub note: String,
    pub approved_by: String,
}

impl Stop {
    /// Checks a new stop's reason, note and approver.
    pub fn new(
        from: NaiveDateTime,
        reason: &str,
        note: &str,
        approved_by: &str,
    ) -> Result<Stop, Refusal> {
        let Some(r) = StopReason::parse(reason) else {
            return refuse(format!(
                "中止原因“{reason}”无效，应为 {}",
                StopReason::choices()
            ));
        };
        if r == StopReason::Other && note.trim().is_empty() {
            return refuse("中止原因为「其他」时须写明具体情况");
        }
        if approved_by.trim().is_empty() {
            return refuse("中止须经队长批准");
        }
        Ok(Stop {
            from,
            until: None,
            reason: r.label().to_string(),
            note: note.trim().to_string(),
            approved_by: approved_by.trim().to_string(),
        })
    }

    /// "当事人无法联系（电话停机）".
    pub fn reason_text(&self) -> String {
        if self.note.is_empty() {
            self.reason.clone()
        } else {
            format!("{}（{}）", self.reason, self.note)
        }
    }

    /// The days on which the clock stood stopped at the day's end: from the stop's first day
    /// to the day before it restarted. None while still stopped.
    pub fn days(&self) -> Option<(NaiveDate, NaiveDate)> {
        let until = self.until?;
        let last = until.date().pred_opt()?;
        (last >= self.from.date()).then_some((self.from.date(), last))
    }

    /// Calendar days stopped up to `now` (part of a day counts as one).
    pub fn length_days(&self, now: NaiveDateTime) -> i64 {
        let end = self.until.unwrap_or(now).max(self.from);
        let minutes = (end - self.from).num_minutes();
        (minutes + 1439) / 1440
    }
}

/// The stops that move one step's deadline: those that began before the step was done.
pub struct Stopped<'a> {
    stops: Vec<&'a Stop>,
}

impl<'a> Stopped<'a> {
    pub fn for_step(stops: &'a [Stop], done: Option<NaiveDateTime>) -> Stopped<'a> {
        Stopped {
            stops: stops
                .iter()
                .filter(|s| done.is_none_or(|d| s.from < d))
                .collect(),
        }
    }

    /// The stops that move this step's deadline, oldest first.
    pub fn stops(&self) -> impl Iterator<Item = &'a Stop> + '_ {
        self.stops.iter().copied()
    }

    /// Only the stops that began at or after `at` (an extension's date already allowed for
    /// the ones before it).
    pub fn since(mut self, at: NaiveDateTime) -> Stopped<'a> {
        self.stops.retain(|s| s.from >= at);
        self
    }

    /// Whether the clock stood stopped at the end of `day` (the day is not counted).
    pub fn day(&self, day: NaiveDate) -> bool {
        self.stops
            .iter()
            .any(|s| s.days().is_some_and(|(a, b)| (a..=b).contains(&day)))
    }

    /// A deadline counted in clock hours, pushed back by every restarted stop that began
    /// before it.
    pub fn hours(&self, due: NaiveDateTime) -> NaiveDateTime {
        let mut due = due;
        for s in &self.stops {
            if let Some(until) = s.until
                && s.from < due
            {
                due += until - s.from;
            }
        }
        due
    }

    /// A date deadline (an extension's) pushed back one working day for each working day
    /// stopped from `origin` (exclusive) up to it.
    pub fn days_after(&self, cal: &Calendar, origin: NaiveDate, due: NaiveDate) -> NaiveDate {
        let mut due = due;
        let mut day = origin;
        while day < due {
            day = day.succ_opt().expect("date within range");
            if self.day(day) && cal.is_workday(day) {
                due = next_workday(cal, due);
            }
        }
        due
    }
}

fn next_workday(cal: &Calendar, day: NaiveDate) -> NaiveDate {
    cal.add_workdays(day, 1).date
}

/// What a 队长 decided on an appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub approved: bool,
    pub by: String,
    pub at: NaiveDateTime,
    pub opinion: String,
}

/// 超时申诉: a late lead's one appeal. Approved, it leaves the lead out of the on-time rate
/// after appeals (剔除申诉后); the late fact stays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    pub reason: String,
    pub filed_by: String,
    pub filed_at: NaiveDateTime,
    pub decision: Option<Decision>,
}

impl Appeal {
    pub fn approved(&self) -> bool {
        self.decision.as_ref().is_some_and(|d| d.approved)
    }

    /// 待审批 / 已批准 / 未批准, as the ledgers and the desk say it.
    pub fn state(&self) -> &'static str {
        match &self.decision {
            None => "待审批",
            Some(d) if d.approved => "已批准",
            Some(_) => "未批准",
        }
    }

    /// One line for a ledger cell: "已批准：暴雨封路（W001 2026-11-20 批准）".
    pub fn summary(&self) -> String {
        match &self.decision {
            None => format!("待审批：{}", self.reason),
            Some(d) => format!(
                "{}：{}（{} {} {}{}）",
                self.state(),
                self.reason,
                d.by,
                d.at.format("%Y-%m-%d"),
                if d.approved { "批准" } else { "不予批准" },
                if d.opinion.is_empty() {
                    String::new()
                } else {
                    format!("，{}", d.opinion)
                }
            ),
        }
    }
}

/// The stops of a lead as one ledger cell: "2026-11-20 10:00 至 11-25 09:00 当事人无法联系（W001 批准）；…".
pub fn stops_summary(stops: &[Stop]) -> String {
    stops
        .iter()
        .map(|s| {
            let until = s.until.map_or_else(
                || "今".to_string(),
                |u| u.format("%Y-%m-%d %H:%M").to_string(),
            );
            format!(
                "{} 至 {until} {}（{} 批准）",
                s.from.format("%Y-%m-%d %H:%M"),
                s.reason_text().replace('；', "，"),
                s.approved_by
            )
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// The stops a `stops_summary` wrote, with their times (what a bundle's check needs); None
/// for a cell this program did not write.
pub fn parse_stops(cell: &str) -> Option<Vec<Stop>> {
    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok();
    cell.split('；')
        .filter(|p| !p.trim().is_empty())
        .map(|part| {
            let (from, rest) = part.trim().split_once(" 至 ")?;
            let (until, rest) = match rest.strip_prefix("今 ") {
                Some(rest) => (None, rest),
                None => (Some(at(rest.get(..16)?)?), rest.get(17..)?),
            };
            Some(Stop {
                from: at(from)?,
                until,
                reason: rest.to_string(),
                note: String::new(),
                approved_by: String::new(),
            })
        })
        .collect()
}

/// An appeal as a `summary` cell states it, enough for the rates: approved or not.
pub fn parse_appeal(cell: &str) -> Option<Appeal> {
    let (state, reason) = cell.split_once('：')?;
    let decided = |approved| {
        Some(Decision {
            approved,
            by: String::new(),
            at: NaiveDateTime::default(),
            opinion: String::new(),
        })
    };
    let decision = match state {
        "待审批" => None,
        "已批准" => decided(true),
        "未批准" => decided(false),
        _ => return None,
    };
    Some(Appeal {
        reason: reason.to_string(),
        filed_by: String::new(),
        filed_at: NaiveDateTime::default(),
        decision,
    })
}

/// The calendar days of all stops up to `now`.
pub fn stopped_days(stops: &[Stop], now: NaiveDateTime) -> i64 {
    stops.iter().map(|s| s.length_days(now)).sum()
}

impl Complaint {
    /// Since when the clock stands stopped; None while it runs.
    pub fn stopped_since(&self) -> Option<NaiveDateTime> {
        self.work
            .stops
            .last()
            .filter(|s| s.until.is_none())
            .map(|s| s.from)
    }

    /// 中止: the clock stops at `stop.from`, at most `max` times, only while a step is still
    /// owed and none is overdue (a late lead is appealed instead, never stopped).
    pub fn stop(&mut self, stop: Stop, d: &Deadlines, max: u32) -> Result<(), Refusal> {
        if !self.state.is_open() || self.fed_back_at.is_some() {
            return refuse("只有尚未反馈的在办线索才能中止计时");
        }
        if let Some(since) = self.stopped_since() {
            return refuse(format!(
                "投诉 {} 已于 {} 中止，须先恢复计时",
                self.id,
                since.format("%Y-%m-%d %H:%M")
            ));
        }
        if self.work.stops.len() >= max as usize {
            return refuse(format!(
                "已中止 {} 次，每件线索最多 {max} 次（设置 max_stops）",
                self.work.stops.len()
            ));
        }
        let after = self.work.stops.last().and_then(|s| s.until);
        if stop.from < self.received_at || after.is_some_and(|u| stop.from < u) {
            return refuse("中止时间不能早于受理时间或上次恢复计时的时间");
        }
        let (verify, feedback) = self.steps(d, stop.from);
        if verify.is_late() || feedback.is_late() {
            return refuse("已超期的线索不能中止计时；如超期有正当理由，可在办结后提出超时申诉");
        }
        self.work.stops.push(stop);
        Ok(())
    }

    /// 恢复计时: the stopped clock runs again from `at`; every deadline moves by the stop.
    pub fn resume(&mut self, at: NaiveDateTime) -> Result<(), Refusal> {
        let id = self.id.clone();
        let Some(s) = self.work.stops.last_mut().filter(|s| s.until.is_none()) else {
            return refuse(format!("投诉 {id} 没有中止，无需恢复计时"));
        };
        if at < s.from {
            return refuse(format!(
                "恢复时间不能早于中止时间 {}",
                s.from.format("%Y-%m-%d %H:%M")
            ));
        }
        s.until = Some(at);
        Ok(())
    }

    /// 超时申诉: once per lead, and only for a lead that was late at `now`.
    pub fn appeal(&mut self, a: Appeal, d: &Deadlines, now: NaiveDateTime) -> Result<(), Refusal> {
        if self.state == super::ComplaintState::Voided {
            return refuse("已作废的线索不能申诉");
        }
        if let Some(old) = &self.work.appeal {
            return refuse(format!(
                "投诉 {} 已于 {} 提出过超时申诉（{}），每件线索只能申诉一次",
                self.id,
                old.filed_at.format("%Y-%m-%d"),
                old.state()
            ));
        }
        if !self.overdue(d, now) {
            return refuse(format!("投诉 {} 没有超期，无需申诉", self.id));
        }
        if a.reason.trim().is_empty() {
            return refuse("超时申诉须写明理由");
        }
        self.work.appeal = Some(a);
        Ok(())
    }

    /// A 队长's decision on the pending appeal; a refusal states why.
    pub fn decide_appeal(&mut self, decision: Decision) -> Result<(), Refusal> {
        let id = self.id.clone();
        let Some(a) = self.work.appeal.as_mut() else {
            return refuse(format!("投诉 {id} 没有超时申诉"));
        };
        if a.decision.is_some() {
            return refuse(format!("投诉 {id} 的超时申诉已审批（{}）", a.state()));
        }
        if !decision.approved && decision.opinion.trim().is_empty() {
            return refuse("不予批准须写明意见");
        }
        if decision.at < a.filed_at {
            return refuse("审批时间不能早于申诉时间");
        }
        a.decision = Some(decision);
        Ok(())
    }

    /// Late, with its appeal approved: out of the rate after appeals, still late.
    pub fn appeal_approved(&self) -> bool {
        self.work.appeal.as_ref().is_some_and(Appeal::approved)
    }
}

#[cfg(test)]
#[path = "pause_tests.rs"]
mod tests;
