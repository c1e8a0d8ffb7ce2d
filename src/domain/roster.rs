//! One patrol team on one date: its officers, its areas, its shift.

use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterTeam {
    pub date: NaiveDate,
    /// 巡查组, e.g. 第一组; with the date, the key.
    pub team: String,
    pub officers: Vec<String>,
    pub areas: Vec<String>,
    /// 班次, e.g. 全天 / 上午 / 下午; empty means the whole day.
    pub shift: String,
}

impl RosterTeam {
    /// Two teams overlap in time unless both name different half-day shifts.
    pub fn overlaps(&self, other: &RosterTeam) -> bool {
        let whole = |s: &str| s.is_empty() || s == "全天";
        self.date == other.date
            && (whole(&self.shift) || whole(&other.shift) || self.shift == other.shift)
    }
}
