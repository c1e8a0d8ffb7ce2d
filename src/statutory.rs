//! The statutory holidays of any year, as the law fixes them (全国年节及纪念日放假办法, amended
//! by the State Council in November 2024, in force from 2025): 元旦 1 day, 春节 4 (农历除夕、
//! 正月初一至初三), 清明 1, 劳动节 2, 端午 1 (农历五月初五), 中秋 1 (农历八月十五), 国庆 3 — 13
//! days. Only the 调休 around them waits for each year's notice: until it is imported, these
//! days and ordinary weekends are the year's calendar, and every deadline in it is 暂定.
//!
//! Lunar dates come from the chinese-lunisolar-calendar crate (its tables cover 1901–2100);
//! 清明 from the 寿星天文历 formula for the 21st century, [Y×0.2422+4.81]−[Y/4] (Y the year's
//! last two digits). Both are held against an independent table for 2027–2035 in the tests.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

use chinese_lunisolar_calendar::LunisolarDate;
use chrono::{Datelike, Days, NaiveDate};

/// The first year the amended law governs; years before it had their own arrangements, all
/// of them published.
pub const FIRST_YEAR: i32 = 2025;

/// The year's statutory days with their names, in date order; empty outside 2025–2099.
pub fn days(year: i32) -> Vec<(NaiveDate, &'static str)> {
    if !(FIRST_YEAR..=2099).contains(&year) {
        return Vec::new();
    }
    let solar = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("a fixed date");
    let lunar = |m, d| {
        LunisolarDate::from_ymd(year as u16, m, false, d)
            .expect("the lunar calendar covers 1901–2100")
            .to_naive_date()
    };
    let new_year = lunar(1, 1);
    let mut out = vec![(solar(1, 1), "元旦")];
    out.push((new_year - Days::new(1), "春节"));
    for n in 0..3 {
        out.push((new_year + Days::new(n), "春节"));
    }
    out.push((qingming(year), "清明节"));
    out.push((solar(5, 1), "劳动节"));
    out.push((solar(5, 2), "劳动节"));
    out.push((lunar(5, 5), "端午节"));
    out.push((lunar(8, 15), "中秋节"));
    for d in 1..=3 {
        out.push((solar(10, d), "国庆节"));
    }
    out.sort();
    out
}

/// 清明 of a year of the 21st century.
fn qingming(year: i32) -> NaiveDate {
    let y = f64::from(year % 100);
    let day = (y * 0.2422 + 4.81).floor() as i32 - (year % 100) / 4;
    NaiveDate::from_ymd_opt(year, 4, day as u32).expect("清明 falls on April 4–6")
}

/// The name of the statutory holiday on `date`, if it is one (years computed once).
pub fn on(date: NaiveDate) -> Option<&'static str> {
    static YEARS: OnceLock<Mutex<HashMap<i32, BTreeMap<NaiveDate, &'static str>>>> =
        OnceLock::new();
    let mut years = YEARS
        .get_or_init(Default::default)
        .lock()
        .expect("not poisoned");
    years
        .entry(date.year())
        .or_insert_with(|| days(date.year()).into_iter().collect())
        .get(&date)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// The independent table (lunardate and sxtwl from PyPI, see its header).
    #[test]
    fn the_lunar_and_solar_term_days_of_2027_to_2035_match_an_independent_table() {
        let table = include_str!("../tests/fixtures/statutory-2027-2035.csv");
        let rows: Vec<&str> = table
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .collect();
        assert_eq!(rows.len(), 9);
        for row in rows {
            let c: Vec<&str> = row.split(',').collect();
            let year: i32 = c[0].parse().unwrap();
            let all = days(year);
            let named = |name: &str| -> Vec<NaiveDate> {
                all.iter()
                    .filter(|(_, n)| *n == name)
                    .map(|(d, _)| *d)
                    .collect()
            };
            let chunjie = named("春节");
            assert_eq!(chunjie[0], d(c[1]), "{year} 除夕");
            assert_eq!(chunjie[1], d(c[2]), "{year} 正月初一");
            assert_eq!(chunjie.len(), 4, "{year}");
            assert_eq!(named("清明节"), [d(c[3])], "{year} 清明");
            assert_eq!(named("端午节"), [d(c[4])], "{year} 端午");
            assert_eq!(named("中秋节"), [d(c[5])], "{year} 中秋");
            assert_eq!(all.len(), 13, "{year}");
        }
    }

    #[test]
    fn the_official_2025_and_2026_notices_hold_every_statutory_day() {
        let cal = crate::calendar::Calendar::builtin();
        for year in [2025, 2026] {
            for (day, name) in days(year) {
                let mark = cal.mark(day).map(|h| h.mark);
                assert_eq!(
                    mark,
                    Some(crate::calendar::Mark::Off),
                    "{year} {name} {day}"
                );
            }
        }
    }

    #[test]
    fn a_date_is_named_by_its_holiday() {
        assert_eq!(on(d("2027-01-01")), Some("元旦"));
        assert_eq!(on(d("2027-02-05")), Some("春节"));
        assert_eq!(on(d("2027-02-09")), None);
        assert_eq!(on(d("2024-10-01")), None, "before the amended law");
    }
}
