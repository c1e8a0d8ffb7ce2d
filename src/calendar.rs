//! Working days: the official 休/班 table, day kinds, and counting N working days after a date.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::Serialize;

/// The official 2024–2026 dates, built into the binary.
const BUILTIN: &str = include_str!("../data/holidays-cn-2024-2026.csv");

/// How the State Council marks a date: a day off (休) or a weekend day made a working day (班).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Mark {
    Off,
    Work,
}

impl Mark {
    pub fn label(self) -> &'static str {
        match self {
            Mark::Off => "休",
            Mark::Work => "班",
        }
    }
    pub fn parse(text: &str) -> Option<Mark> {
        match text.trim() {
            "休" => Some(Mark::Off),
            "班" => Some(Mark::Work),
            _ => None,
        }
    }
}

/// One marked date of the official calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub mark: Mark,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DayKind {
    Workday,
    RestDay,
    SwapWorkday,
    Holiday,
}

impl DayKind {
    pub fn label(self) -> &'static str {
        match self {
            DayKind::Workday => "工作日",
            DayKind::RestDay => "休息日",
            DayKind::SwapWorkday => "调休上班",
            DayKind::Holiday => "法定节假日",
        }
    }
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::SwapWorkday)
    }
}

/// The result of counting working days: the date, and the years counted without official data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reckoned {
    pub date: NaiveDate,
    /// Years crossed that have no official 休/班 data: the statutory holidays and ordinary
    /// weekends were assumed there, so the date is provisional (暂定).
    pub missing_years: Vec<i32>,
}

impl Reckoned {
    pub fn uncertain(&self) -> bool {
        !self.missing_years.is_empty()
    }
    /// The deadline at the end of that working day (23:59).
    pub fn end_of_day(&self) -> NaiveDateTime {
        end_of_day(self.date)
    }
}

/// What a ledger says of a deadline counted through years whose arrangement is not imported:
/// "暂定：2027年放假安排未公布"; empty for a deadline on the official calendar.
pub fn provisional_note(years: &[i32]) -> String {
    if years.is_empty() {
        return String::new();
    }
    let years: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
    format!("暂定：{}放假安排未公布", years.join("、"))
}

/// The years a `provisional_note` names.
pub fn provisional_years(note: &str) -> Vec<i32> {
    note.split(['：', '、'])
        .filter_map(|part| part.split_once('年')?.0.parse().ok())
        .collect()
}

/// The days of the week as people write them, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
];

/// "星期五".
pub fn weekday_name(date: NaiveDate) -> &'static str {
    WEEKDAYS[date.weekday().num_days_from_monday() as usize]
}

pub fn end_of_day(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(23, 59, 0).expect("valid time"))
}

#[derive(Debug, Clone, Default)]
pub struct Calendar {
    marks: BTreeMap<NaiveDate, Holiday>,
    years: BTreeSet<i32>,
}

impl Calendar {
    /// An empty calendar: every year counts weekends only and is reported missing.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The official 2024–2026 calendar that ships with the program (parsed once).
    pub fn builtin() -> Self {
        static BUILT: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
        BUILT.get_or_init(Self::parse_builtin).clone()
    }

    fn parse_builtin() -> Self {
        let mut cal = Self::empty();
        for line in BUILTIN.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let mut cells = line.split(',');
            let (d, k, n) = (cells.next(), cells.next(), cells.next());
            let date = NaiveDate::parse_from_str(d.unwrap_or(""), "%Y-%m-%d");
            let mark = Mark::parse(k.unwrap_or(""));
            match (date, mark) {
                (Ok(date), Some(mark)) => cal.add(Holiday {
                    date,
                    mark,
                    name: n.unwrap_or("").to_string(),
                }),
                _ => panic!("built-in holiday table has a bad line: {line}"),
            }
        }
        cal
    }

    /// The built-in table overlaid with imported dates (an import wins on the same date).
    pub fn with_imported(imported: impl IntoIterator<Item = Holiday>) -> Self {
        let mut cal = Self::builtin();
        for h in imported {
            cal.add(h);
        }
        cal
    }

    pub fn add(&mut self, h: Holiday) {
        self.years.insert(h.date.year());
        self.marks.insert(h.date, h);
    }

    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    pub fn mark(&self, date: NaiveDate) -> Option<&Holiday> {
        self.marks.get(&date)
    }

    pub fn holidays(&self) -> impl Iterator<Item = &Holiday> {
        self.marks.values()
    }

    /// A statutory holiday in a year whose arrangement is not in the calendar: a day off by
    /// law, counted as one while the year is provisional (暂定).
    pub fn provisional_holiday(&self, date: NaiveDate) -> Option<&'static str> {
        if self.covers(date.year()) {
            return None;
        }
        crate::statutory::on(date)
    }

    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let by_law = self.provisional_holiday(date).map(|_| Mark::Off);
        match (self.marks.get(&date).map(|h| h.mark).or(by_law), weekend) {
            (Some(Mark::Off), _) => DayKind::Holiday,
            (Some(Mark::Work), true) => DayKind::SwapWorkday,
            (Some(Mark::Work), false) | (None, false) => DayKind::Workday,
            (None, true) => DayKind::RestDay,
        }
    }

    pub fn is_workday(&self, date: NaiveDate) -> bool {
        self.day_kind(date).is_working()
    }

    /// The n-th working day after `date`; the day itself is not counted (n = 0 gives `date`).
    pub fn add_workdays(&self, date: NaiveDate, n: u32) -> Reckoned {
        self.add_workdays_seen(date, n, &mut |_, _| {})
    }

    /// As `add_workdays`, telling `seen` each day passed and whether it counted: the one
    /// count that both sets a deadline and explains it (`explain`).
    pub fn add_workdays_seen(
        &self,
        date: NaiveDate,
        n: u32,
        seen: &mut dyn FnMut(NaiveDate, bool),
    ) -> Reckoned {
        self.add_workdays_skipping(date, n, &|_| false, seen)
    }

    /// As `add_workdays_seen`, not counting the working days `skip` names (a lead's clock
    /// stood stopped at their end).
    pub fn add_workdays_skipping(
        &self,
        date: NaiveDate,
        n: u32,
        skip: &dyn Fn(NaiveDate) -> bool,
        seen: &mut dyn FnMut(NaiveDate, bool),
    ) -> Reckoned {
        let mut day = date;
        let mut left = n;
        let mut missing = BTreeSet::new();
        while left > 0 {
            day = day.succ_opt().expect("date within chrono's range");
            if !self.covers(day.year()) {
                missing.insert(day.year());
            }
            let counts = self.is_workday(day) && !skip(day);
            if counts {
                left -= 1;
            }
            seen(day, counts);
        }
        Reckoned {
            date: day,
            missing_years: missing.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_official_ban_day_is_a_working_day_and_every_xiu_day_is_not() {
        let cal = Calendar::builtin();
        let mut ban = 0;
        for h in cal.holidays() {
            match h.mark {
                Mark::Work => {
                    ban += 1;
                    assert_eq!(cal.day_kind(h.date), DayKind::SwapWorkday, "{}", h.date);
                    assert!(matches!(h.date.weekday(), Weekday::Sat | Weekday::Sun));
                }
                Mark::Off => assert_eq!(cal.day_kind(h.date), DayKind::Holiday, "{}", h.date),
            }
        }
        // 2024: 8 班 days, 2025: 5, 2026: 6, as in the official notices.
        assert_eq!(ban, 19);
    }

    #[test]
    fn national_day_2026_three_working_days_after_sep_30_is_oct_10() {
        let cal = Calendar::builtin();
        let r = cal.add_workdays(d("2026-09-30"), 3);
        assert_eq!(r.date, d("2026-10-10"));
        assert!(!r.uncertain());
        assert_eq!(cal.day_kind(d("2026-10-10")), DayKind::SwapWorkday);
    }

    #[test]
    fn spring_festival_swap_saturday_counts() {
        let cal = Calendar::builtin();
        assert_eq!(cal.add_workdays(d("2026-02-13"), 1).date, d("2026-02-14"));
        // The next working day after 02-14 is 02-24: 15..23 are off or a weekend.
        assert_eq!(cal.add_workdays(d("2026-02-14"), 1).date, d("2026-02-24"));
    }

    #[test]
    fn the_day_of_receipt_is_not_counted() {
        let cal = Calendar::builtin();
        // Monday 2026-11-23 + 1 = Tuesday; Friday + 1 = next Monday.
        assert_eq!(cal.add_workdays(d("2026-11-23"), 1).date, d("2026-11-24"));
        assert_eq!(cal.add_workdays(d("2026-11-27"), 1).date, d("2026-11-30"));
        assert_eq!(cal.add_workdays(d("2026-11-28"), 0).date, d("2026-11-28"));
    }

    #[test]
    fn across_new_year_2025_to_2026() {
        let cal = Calendar::builtin();
        // 12-31 (Wed) → 01-01..03 off, 01-04 (Sun) 班, 01-05 Mon.
        assert_eq!(cal.add_workdays(d("2025-12-31"), 1).date, d("2026-01-04"));
        assert_eq!(cal.add_workdays(d("2025-12-31"), 2).date, d("2026-01-05"));
        assert!(!cal.add_workdays(d("2025-12-31"), 2).uncertain());
    }

    #[test]
    fn a_year_without_data_is_counted_by_its_statutory_days_and_weekends_and_flagged() {
        let cal = Calendar::builtin();
        assert!(!cal.covers(2027));
        // 2026-12-30 (Wed): 12-31 Thu; 2027-01-01 Fri is 元旦 by law; 01-04 Mon, 01-05 Tue.
        let r = cal.add_workdays(d("2026-12-30"), 3);
        assert_eq!(r.date, d("2027-01-05"));
        assert_eq!(r.missing_years, vec![2027]);
        assert_eq!(cal.day_kind(d("2027-01-01")), DayKind::Holiday);
        // 春节 2027: 除夕 02-05 (Fri) to 初三 02-08 (Mon), then Tuesday works.
        assert_eq!(cal.add_workdays(d("2027-02-04"), 1).date, d("2027-02-09"));
        // Within a covered year nothing is flagged.
        assert!(!cal.add_workdays(d("2026-12-01"), 3).uncertain());
    }

    #[test]
    fn imported_dates_cover_their_year_and_override() {
        let mut cal = Calendar::builtin();
        cal.add(Holiday {
            date: d("2027-01-01"),
            mark: Mark::Off,
            name: "元旦".into(),
        });
        assert!(cal.covers(2027));
        let r = cal.add_workdays(d("2026-12-30"), 3);
        assert_eq!(r.date, d("2027-01-05"));
        assert!(!r.uncertain());
    }

    #[test]
    fn day_kinds() {
        let cal = Calendar::builtin();
        assert_eq!(cal.day_kind(d("2026-11-23")), DayKind::Workday);
        assert_eq!(cal.day_kind(d("2026-11-22")), DayKind::RestDay);
        assert_eq!(cal.day_kind(d("2026-10-01")), DayKind::Holiday);
        assert_eq!(cal.day_kind(d("2026-10-10")), DayKind::SwapWorkday);
    }
}
