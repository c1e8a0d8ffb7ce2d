//! Complaints and leads: channels, the state machine, and the verify and feedback deadlines.

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;

use super::pause::Stopped;
use super::{DeadlineRules, Refusal, refuse};
use crate::calendar::{Calendar, end_of_day};

labelled_enum!(Channel {
    Hotline => "12345热线",
    Petition => "信访",
    OnSite => "现场举报",
    Superior => "上级交办",
    Department => "部门移送",
    Grid => "网格上报",
    Patrol => "巡查发现",
});

labelled_enum!(Complexity {
    Simple => "一般",
    Complex => "复杂",
});

labelled_enum!(ComplaintState {
    Received => "已受理",
    Verifying => "核查中",
    Handling => "处置中",
    FedBack => "已反馈",
    Closed => "已结案",
    Transferred => "已移送",
    Voided => "已作废",
});

impl ComplaintState {
    /// Still on the desk: not closed, transferred or voided.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Closed | Self::Transferred | Self::Voided)
    }

    /// The states one step can lead to.
    pub fn next(self) -> &'static [ComplaintState] {
        use ComplaintState::*;
        match self {
            Received => &[Verifying, Transferred, Voided],
            Verifying => &[Handling, FedBack, Transferred, Voided],
            Handling => &[FedBack, Voided],
            FedBack => &[Closed, Voided],
            Closed | Transferred => &[Voided],
            Voided => &[],
        }
    }

    /// Whether `to` is reachable from here in one or more steps (or is here).
    pub fn can_reach(self, to: ComplaintState) -> bool {
        self == to || self.next().iter().any(|s| s.can_reach(to))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Complaint {
    /// 编号, the key.
    pub id: String,
    pub received_at: NaiveDateTime,
    pub channel: Channel,
    pub reporter: String,
    pub phone: String,
    pub area: Option<String>,
    pub matter: Option<String>,
    pub description: String,
    pub complexity: Complexity,
    pub state: ComplaintState,
    pub verified_at: Option<NaiveDateTime>,
    /// 处置结果: what was done, or where it was transferred.
    pub result: String,
    pub fed_back_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub void_reason: String,
    /// 承办 and the details of each step.
    pub work: super::Work,
}

/// Both deadlines of a complaint, and the years they were counted through without data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlines {
    pub verify_due: NaiveDateTime,
    pub feedback_due: NaiveDateTime,
    pub missing_years: Vec<i32>,
}

/// Where one step stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Done {
        late: bool,
    },
    /// Not done and still required: minutes left (negative when overdue).
    Pending {
        remaining_minutes: i64,
    },
    /// Not done while the lead's clock is stopped (中止): minutes that were left when it
    /// stopped, and they wait.
    Stopped {
        remaining_minutes: i64,
    },
    /// Not done and no longer required (transferred or voided).
    Dropped,
}

impl Step {
    fn of(
        done: Option<NaiveDateTime>,
        due: NaiveDateTime,
        required: bool,
        now: NaiveDateTime,
    ) -> Step {
        match done {
            Some(at) => Step::Done { late: at > due },
            None if required => Step::Pending {
                remaining_minutes: (due - now).num_minutes(),
            },
            None => Step::Dropped,
        }
    }

    pub fn is_late(self) -> bool {
        match self {
            Step::Done { late } => late,
            Step::Pending { remaining_minutes } => remaining_minutes < 0,
            Step::Stopped { .. } | Step::Dropped => false,
        }
    }
}

impl Complaint {
    /// Both deadlines: counted from receipt by the rules, moved by the last extension, and
    /// pushed back by the time the clock stood stopped before each step was done.
    pub fn deadlines(&self, cal: &Calendar, rules: &DeadlineRules) -> Deadlines {
        let day = self.received_at.date();
        let stops = &self.work.stops;
        let (on_verify, on_feedback) = (
            Stopped::for_step(stops, self.verified_at),
            Stopped::for_step(stops, self.fed_back_at),
        );
        let none = &mut |_, _| {};
        let feedback =
            cal.add_workdays_skipping(day, rules.feedback_workdays, &|d| on_feedback.day(d), none);
        let (verify_due, mut missing) = match self.complexity {
            Complexity::Simple => (
                on_verify.hours(
                    self.received_at + Duration::hours(i64::from(rules.verify_hours_simple)),
                ),
                Vec::new(),
            ),
            Complexity::Complex => {
                let n = rules.verify_workdays_complex;
                let r = cal.add_workdays_skipping(day, n, &|d| on_verify.day(d), none);
                (r.end_of_day(), r.missing_years)
            }
        };
        missing.extend(feedback.missing_years.iter().copied());
        missing.sort_unstable();
        missing.dedup();
        // An extension moves the feedback deadline; the one it replaced stays in the record.
        // Stops after it push the new date back as they push a counted one.
        let feedback_due = match self.work.extensions.last() {
            Some(e) => end_of_day(
                on_feedback
                    .since(e.at)
                    .days_after(cal, e.at.date(), e.until),
            ),
            None => end_of_day(feedback.date),
        };
        Deadlines {
            verify_due,
            feedback_due,
            missing_years: missing,
        }
    }

    /// 延期: a 队长 gives a complex lead more time for its feedback, at most twice. A deadline
    /// already passed when it is extended leaves the lead late (`was_late`).
    pub fn extend(&mut self, e: super::work::Extension) -> Result<(), Refusal> {
        if !self.state.is_open() || self.fed_back_at.is_some() {
            return refuse("只有尚未反馈的在办线索才能延期");
        }
        if self.complexity != Complexity::Complex {
            return refuse("只有复杂线索可以延长反馈期限");
        }
        if self.work.extensions.len() >= super::work::MAX_EXTENSIONS {
            return refuse(format!(
                "已延期 {} 次，最多 {} 次",
                self.work.extensions.len(),
                super::work::MAX_EXTENSIONS
            ));
        }
        if e.reason.trim().is_empty() {
            return refuse("延期须写明原因");
        }
        if e.until <= e.from.date() {
            return refuse(format!("新期限须晚于原期限 {}", e.from.date()));
        }
        self.work.extensions.push(e);
        Ok(())
    }

    /// The verify step and the feedback step against their deadlines at `now`.
    pub fn steps(&self, d: &Deadlines, now: NaiveDateTime) -> (Step, Step) {
        let required = self.state.is_open();
        // While stopped, a step not done waits with the time it had left when it stopped.
        let stopped = |step: Step| match (step, self.stopped_since()) {
            (Step::Pending { remaining_minutes }, Some(since)) if since <= now => Step::Stopped {
                remaining_minutes: remaining_minutes + (now - since).num_minutes(),
            },
            _ => step,
        };
        let feedback = match Step::of(self.fed_back_at, d.feedback_due, required, now) {
            // Extended only after its deadline had passed: done, it is still late.
            Step::Done { .. } if self.extended_late() => Step::Done { late: true },
            step => stopped(step),
        };
        (
            stopped(Step::of(self.verified_at, d.verify_due, required, now)),
            feedback,
        )
    }

    /// Whether an extension came after the deadline it extended had passed.
    pub fn extended_late(&self) -> bool {
        self.work.extensions.iter().any(|e| e.was_late)
    }

    /// 是否超期: a step finished after its deadline, or is unfinished past it, or the
    /// feedback deadline was extended only after it had passed.
    pub fn overdue(&self, d: &Deadlines, now: NaiveDateTime) -> bool {
        let (v, f) = self.steps(d, now);
        self.state != ComplaintState::Voided && (v.is_late() || f.is_late() || self.extended_late())
    }

    /// The nearest deadline not yet met, while the complaint is open and its clock runs.
    pub fn next_due(&self, d: &Deadlines) -> Option<NaiveDateTime> {
        if !self.state.is_open() || self.stopped_since().is_some() {
            return None;
        }
        match (self.verified_at, self.fed_back_at) {
            (None, None) => Some(d.verify_due.min(d.feedback_due)),
            (Some(_), None) => Some(d.feedback_due),
            (None, Some(_)) => Some(d.verify_due),
            (Some(_), Some(_)) => None,
        }
    }

    /// Minutes from `now` to the nearest unmet deadline; negative when overdue.
    pub fn remaining_minutes(&self, d: &Deadlines, now: NaiveDateTime) -> Option<i64> {
        self.next_due(d).map(|due| (due - now).num_minutes())
    }

    fn not_before_receipt(&self, at: NaiveDateTime, what: &str) -> Result<(), Refusal> {
        if at < self.received_at {
            return refuse(format!("{what}时间 {at} 早于受理时间 {}", self.received_at));
        }
        Ok(())
    }

    fn step_to(&mut self, to: ComplaintState) -> Result<(), Refusal> {
        if !self.state.next().contains(&to) {
            let allowed: Vec<&str> = self.state.next().iter().map(|s| s.label()).collect();
            let allowed = if allowed.is_empty() {
                "无".to_string()
            } else {
                allowed.join("、")
            };
            return refuse(format!(
                "投诉 {} 当前为「{}」，不能转为「{}」（可转为：{allowed}）",
                self.id, self.state, to
            ));
        }
        self.state = to;
        Ok(())
    }

    /// 核查: verification done (simple) or started (complex) at `at`.
    pub fn verify(&mut self, at: NaiveDateTime) -> Result<(), Refusal> {
        self.not_before_receipt(at, "核查")?;
        self.step_to(ComplaintState::Verifying)?;
        self.verified_at = Some(at);
        Ok(())
    }

    /// 分派: the squad and officers that handle the lead, while it is open.
    pub fn dispatch(&mut self, squad: &str, handlers: &[String]) -> Result<(), Refusal> {
        if !self.state.is_open() {
            return refuse(format!("投诉 {} 已{}，不能再分派", self.id, self.state));
        }
        if squad.trim().is_empty() || handlers.is_empty() {
            return refuse("分派须写明承办中队和承办人员");
        }
        self.work.squad = squad.trim().to_string();
        self.work.handlers = handlers.to_vec();
        Ok(())
    }

    /// 处置: only a matter on the township's list may be handled; others are transferred.
    pub fn handle(&mut self, result: &str, matter_on_list: bool) -> Result<(), Refusal> {
        if self.state == ComplaintState::Verifying && !matter_on_list {
            return refuse("该事项不在本乡镇执法事项清单内，不能处置，应移送主管部门");
        }
        if result.trim().is_empty() {
            return refuse("处置须写明处置结果");
        }
        self.step_to(ComplaintState::Handling)?;
        self.result = result.trim().to_string();
        Ok(())
    }

    /// 反馈: the reporter is told the outcome.
    pub fn feed_back(&mut self, at: NaiveDateTime, result: &str) -> Result<(), Refusal> {
        self.not_before_receipt(at, "反馈")?;
        if self.verified_at.is_some_and(|v| at < v) {
            return refuse("反馈时间早于核查时间");
        }
        if self.result.is_empty() && result.trim().is_empty() {
            return refuse("反馈前须写明处置结果");
        }
        self.step_to(ComplaintState::FedBack)?;
        if !result.trim().is_empty() {
            self.result = result.trim().to_string();
        }
        self.fed_back_at = Some(at);
        Ok(())
    }

    /// 结案: the loop ends after feedback.
    pub fn close(&mut self, at: NaiveDateTime) -> Result<(), Refusal> {
        if self.fed_back_at.is_some_and(|f| at < f) {
            return refuse("结案时间早于反馈时间");
        }
        self.step_to(ComplaintState::Closed)?;
        self.closed_at = Some(at);
        Ok(())
    }

    /// 移送: hand the lead to the competent department.
    pub fn transfer(&mut self, at: NaiveDateTime, to_department: &str) -> Result<(), Refusal> {
        self.not_before_receipt(at, "移送")?;
        if to_department.trim().is_empty() {
            return refuse("移送须写明接收部门");
        }
        self.step_to(ComplaintState::Transferred)?;
        self.result = format!("移送{}", to_department.trim());
        self.work.transfer_to = to_department.trim().to_string();
        self.closed_at = Some(at);
        Ok(())
    }

    /// 作废: a mistaken record is voided with a reason, never deleted.
    pub fn void(&mut self, reason: &str) -> Result<(), Refusal> {
        if reason.trim().is_empty() {
            return refuse("作废须写明原因");
        }
        self.step_to(ComplaintState::Voided)?;
        self.void_reason = reason.trim().to_string();
        Ok(())
    }

    /// Whether the fields agree with the state; returns (column, reason) pairs.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        use ComplaintState::*;
        let mut out = Vec::new();
        let s = self.state;
        let need = |cond: bool, col: &'static str, out: &mut Vec<_>| {
            if cond {
                out.push((col, format!("状态为「{s}」时必须填写{col}")));
            }
        };
        need(
            matches!(s, Verifying | Handling | FedBack | Closed) && self.verified_at.is_none(),
            "核查时间",
            &mut out,
        );
        need(
            matches!(s, Handling | FedBack | Closed | Transferred) && self.result.is_empty(),
            "处置结果",
            &mut out,
        );
        need(
            matches!(s, FedBack | Closed) && self.fed_back_at.is_none(),
            "反馈时间",
            &mut out,
        );
        need(
            matches!(s, Closed | Transferred) && self.closed_at.is_none(),
            "办结时间",
            &mut out,
        );
        need(
            s == Voided && self.void_reason.is_empty(),
            "作废原因",
            &mut out,
        );
        for (col, t) in [
            ("核查时间", self.verified_at),
            ("反馈时间", self.fed_back_at),
            ("办结时间", self.closed_at),
        ] {
            if t.is_some_and(|t| t < self.received_at) {
                out.push((col, "早于受理时间".into()));
            }
        }
        if let (Some(v), Some(f)) = (self.verified_at, self.fed_back_at)
            && f < v
        {
            out.push(("反馈时间", "早于核查时间".into()));
        }
        if let (Some(f), Some(c)) = (self.fed_back_at, self.closed_at)
            && c < f
        {
            out.push(("办结时间", "早于反馈时间".into()));
        }
        out
    }
}

#[cfg(test)]
#[path = "complaint_tests.rs"]
mod tests;
