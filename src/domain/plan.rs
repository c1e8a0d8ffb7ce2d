//! The year's 检查计划 and its 专项 campaigns: what each matter's inspections should be, when,
//! by whom; and how far the year has got (the county asks whether every matter is planned
//! and each item done, 001).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

labelled_enum!(Method {
    Random => "双随机抽查",
    Full => "全覆盖检查",
    Key => "重点检查",
});

/// One line of the plan: a matter inspected so many times in each of some months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanItem {
    /// 计划编号, the key: "JH2026-01".
    pub id: String,
    pub year: i32,
    pub matter: String,
    pub method: Method,
    /// The months (1–12) the item runs in.
    pub months: Vec<u32>,
    /// Inspections due in each of those months.
    pub per_month: u32,
    /// The 中队 responsible.
    pub squad: String,
    pub note: String,
}

impl PlanItem {
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.months.is_empty() || self.months.iter().any(|m| !(1..=12).contains(m)) {
            out.push(("月份", "应为 1 到 12 的月份，如 3、6、9、12".to_string()));
        }
        if self.per_month == 0 {
            out.push(("每月次数", "至少为 1".to_string()));
        }
        if !self.id.contains(&self.year.to_string()) {
            out.push((
                "计划编号",
                format!("应含年份 {}，如 JH{}-01", self.year, self.year),
            ));
        }
        out
    }

    /// Inspections due by the end of `month` of the plan's year, counting the months listed.
    pub fn due_by(&self, month: u32) -> u32 {
        self.months.iter().filter(|m| **m <= month).count() as u32 * self.per_month
    }
}

/// A 专项 campaign: a season's or a superior's order, with its own period, matters and areas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Campaign {
    /// 专项编号, the key: "ZX2026-03".
    pub id: String,
    pub name: String,
    /// 上级通知文号 or another basis.
    pub basis: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub matters: Vec<String>,
    pub areas: Vec<String>,
}

impl Campaign {
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        match self.to < self.from {
            true => vec![("结束日期", format!("早于开始日期 {}", self.from))],
            false => Vec::new(),
        }
    }

    pub fn runs_on(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// An item's progress on `today`: inspections done of its matter this year so far, and due
/// by the end of this month; behind when a past month left it short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub item: PlanItem,
    pub done: u32,
    pub due_now: u32,
    /// Due by the end of last month and not done: the item is behind.
    pub behind: bool,
}

/// The progress of `item` on `today` given the dates of the year's inspections of its
/// matter.
pub fn progress(item: &PlanItem, today: NaiveDate, done_on: &[NaiveDate]) -> Progress {
    let year_now = today.year();
    let month = match item.year.cmp(&year_now) {
        std::cmp::Ordering::Less => 12,
        std::cmp::Ordering::Equal => today.month(),
        std::cmp::Ordering::Greater => 0,
    };
    let done = done_on.iter().filter(|d| d.year() == item.year).count() as u32;
    Progress {
        done,
        due_now: item.due_by(month),
        behind: done < item.due_by(month.saturating_sub(1)),
        item: item.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> PlanItem {
        PlanItem {
            id: "JH2026-01".into(),
            year: 2026,
            matter: "M10".into(),
            method: Method::Random,
            months: vec![3, 6, 9, 12],
            per_month: 2,
            squad: "二中队".into(),
            note: String::new(),
        }
    }

    #[test]
    fn an_item_is_behind_when_a_past_month_left_it_short() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let done = vec![
            d("2026-03-10"),
            d("2026-03-11"),
            d("2026-06-02"),
            d("2025-12-01"),
        ];
        // In November: six were due by the end of September, three done.
        let p = progress(&item(), d("2026-11-23"), &done);
        assert_eq!((p.done, p.due_now), (3, 6));
        assert!(p.behind);
        // In June the two of March are done; June's are not yet late.
        let p = progress(&item(), d("2026-06-15"), &done[..2]);
        assert_eq!((p.done, p.due_now, p.behind), (2, 4, false));
        assert!(item().problems().is_empty());
        let mut bad = item();
        bad.months = vec![13];
        bad.per_month = 0;
        assert_eq!(bad.problems().len(), 2);
    }
}
