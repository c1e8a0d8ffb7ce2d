//! Leave as a period: an officer away from one date to another, with the reason, so the
//! roster check knows who is away on which day.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Officer, OfficerStatus};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leave {
    pub officer: String,
    pub from: NaiveDate,
    /// The last day away (inclusive).
    pub to: NaiveDate,
    pub reason: String,
}

impl Leave {
    /// Whether the officer is away on `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// What is wrong with it, by column.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.to < self.from {
            out.push(("结束日期", format!("早于开始日期 {}", self.from)));
        }
        if (self.to - self.from).num_days() > 366 {
            out.push(("结束日期", "请假超过一年，请核对日期".to_string()));
        }
        out
    }
}

/// `staff` as it stands on `date`: an officer on a leave period that covers it is 请假.
pub fn apply(staff: &mut HashMap<String, Officer>, leaves: &[Leave], date: NaiveDate) {
    for l in leaves.iter().filter(|l| l.covers(date)) {
        if let Some(o) = staff.get_mut(&l.officer) {
            o.status = OfficerStatus::OnLeave;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_covers_its_first_and_last_day() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let l = Leave {
            officer: "W009".into(),
            from: d("2026-11-23"),
            to: d("2026-11-25"),
            reason: "病假".into(),
        };
        assert!(l.covers(d("2026-11-23")) && l.covers(d("2026-11-25")));
        assert!(!l.covers(d("2026-11-22")) && !l.covers(d("2026-11-26")));
        let backwards = Leave {
            to: d("2026-11-20"),
            ..l
        };
        assert_eq!(backwards.problems()[0].0, "结束日期");
    }
}
