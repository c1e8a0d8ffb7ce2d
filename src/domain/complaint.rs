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
}

#[cfg(test)]
#[path = "complaint_tests.rs"]
mod tests;
