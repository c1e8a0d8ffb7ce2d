//! Free text a spreadsheet changed on its own: "3-12" or "1/2" taken for a date, "1E5" or
//! "0.50" for a number, "TRUE" for a yes/no. Excel, WPS and Calc do it when they open a CSV
//! or when a cell is typed into without the 文本 format; the value that comes back is what
//! they made of the stored one, not what anybody wrote.

use chrono::{Datelike, NaiveDate};

/// What a spreadsheet took `stored` for, when `found` is what it would make of it: "日期",
/// "数字" or "逻辑值". None when `found` is anything else (a genuine edit).
pub fn made_of(stored: &str, found: &str) -> Option<&'static str> {
    let (stored, found) = (stored.trim(), found.trim());
    if stored == found || found.is_empty() {
        return None;
    }
    if let Some(d) = as_date(found)
        && month_days(stored).contains(&(d.month(), d.day()))
    {
        return Some("日期");
    }
    if let (Some(a), Some(b)) = (as_number(stored), as_number(found))
        && a == b
    {
        return Some("数字");
    }
    match (as_bool(stored), as_bool(found)) {
        (Some(a), Some(b)) if a == b => Some("逻辑值"),
        _ => None,
    }
}

/// The (month, day) pairs a spreadsheet may read "3-12", "3/12", "2026.3.12", "12-3" or
/// "3月12日" as, in either order of the two small numbers.
fn month_days(text: &str) -> Vec<(u32, u32)> {
    let parts: Vec<&str> = text
        .trim_end_matches('日')
        .split(['-', '/', '.', '月', '年'])
        .collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty()) {
        return Vec::new();
    }
    let Some(nums) = parts
        .iter()
        .map(|p| {
            p.chars()
                .all(|c| c.is_ascii_digit())
                .then(|| p.parse::<u32>().ok())
                .flatten()
        })
        .collect::<Option<Vec<u32>>>()
    else {
        return Vec::new();
    };
    // A leading year (four digits or over 31) is not part of the day.
    let nums = match nums.as_slice() {
        [y, m, d] if *y > 31 => vec![*m, *d],
        [a, b, _] => vec![*a, *b],
        [a, b] => vec![*a, *b],
        _ => return Vec::new(),
    };
    let (a, b) = (nums[0], nums[1]);
    [(a, b), (b, a)]
        .into_iter()
        .filter(|(m, d)| (1..=12).contains(m) && (1..=31).contains(d))
        .collect()
}

/// `text` as a spreadsheet writes a date back: 2026-03-12, 2026/3/12, 3/12/26, 12/3/2026,
/// 2026.3.12, 2026年3月12日, with or without a time after it.
fn as_date(text: &str) -> Option<NaiveDate> {
    let day = text.split_whitespace().next()?;
    if let Some(d) = english(day) {
        return Some(d);
    }
    let day = day.replace(['年', '月', '.'], "-").replace('日', "");
    let day = day.replace('/', "-");
    let parts: Vec<&str> = day.split('-').collect();
    let nums: Vec<i32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (y, m, d) = match nums.as_slice() {
        [y, m, d] if *y > 31 => (*y, *m, *d),
        // 3/12/26 or 12/3/2026: month first (Excel, en-US), else day first.
        [m, d, y] if *m <= 12 => (full_year(*y), *m, *d),
        [d, m, y] => (full_year(*y), *m, *d),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)
}

/// "12-Mar" or "Mar-12", as an English-language Excel shows a day it made of "3-12" (any
/// year: only the month and day are compared).
fn english(text: &str) -> Option<NaiveDate> {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let (a, b) = text.split_once('-')?;
    let (day, month) = match a.parse::<u32>() {
        Ok(d) => (d, b),
        Err(_) => (b.parse().ok()?, a),
    };
    let m = MONTHS.iter().position(|n| n.eq_ignore_ascii_case(month))?;
    NaiveDate::from_ymd_opt(2000, m as u32 + 1, day)
}

fn full_year(y: i32) -> i32 {
    if y < 100 { 2000 + y } else { y }
}

/// `text` as a number, as a spreadsheet reads it: 1E5, 1.00E+05, 0.50, 00123, 1,000.
fn as_number(text: &str) -> Option<f64> {
    let plain = text.replace(',', "");
    if plain.is_empty() || !plain.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if !plain
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    plain.parse::<f64>().ok()
}

fn as_bool(text: &str) -> Option<bool> {
    match text.to_ascii_uppercase().as_str() {
        "TRUE" | "是" => Some(true),
        "FALSE" | "否" => Some(false),
        _ => None,
    }
}

/// What a new record's free text looks like when a spreadsheet may have made it: a bare
/// date, a bare number or a yes/no; said as a warning, since there is no stored value to tell.
pub fn looks_made(found: &str) -> Option<&'static str> {
    let found = found.trim();
    // Dates and numbers have an ASCII digit (both parse them as such): most free text (a
    // name, a description in Chinese) has none and is passed without parsing, as an import
    // asks this of every text cell.
    if !found.bytes().any(|b| b.is_ascii_digit()) {
        return as_bool(found).map(|_| "逻辑值");
    }
    if as_date(found).is_some() {
        Some("日期")
    } else if as_number(found).is_some() {
        Some("数字")
    } else if as_bool(found).is_some() {
        Some("逻辑值")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_an_ascii_digit_is_never_a_date_or_a_number() {
        let parts = [
            "",
            "-",
            "+",
            ".",
            "/",
            ",",
            "e",
            "E",
            "年",
            "月",
            "日",
            "Mar",
            "DEC",
            "十二",
            "３",
            "١",
            "私搭乱建",
            " ",
            "TRUE",
            "是",
            "--",
            "E+",
            "1",
        ];
        for a in parts {
            for b in parts {
                for c in ["", "-", "年", "/", "Mar"] {
                    let text = format!("{a}{c}{b}");
                    let trimmed = text.trim();
                    let full = as_date(trimmed)
                        .map(|_| "日期")
                        .or(as_number(trimmed).map(|_| "数字"));
                    if !text.bytes().any(|b| b.is_ascii_digit()) {
                        assert_eq!(full, None, "{text:?}");
                    }
                    let all = full.or(as_bool(trimmed).map(|_| "逻辑值"));
                    assert_eq!(looks_made(&text), all, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn what_excel_wps_and_calc_make_of_free_text_is_recognised() {
        for (stored, found, kind) in [
            ("3-12", "2026-03-12", "日期"),
            ("3-12", "3/12/26", "日期"),
            ("1/2", "2026-01-02", "日期"),
            ("5-12", "5/12/26", "日期"),
            ("2026.3.12", "2026/3/12", "日期"),
            ("12-3", "2026-03-12", "日期"),
            ("3月12日", "2026-03-12", "日期"),
            ("3-12", "12-Mar", "日期"),
            ("3-12", "Mar-12", "日期"),
            ("1E5", "100000", "数字"),
            ("1E5", "1.00E+05", "数字"),
            ("0.50", "0.5", "数字"),
            ("00123", "123", "数字"),
            ("TRUE", "是", "逻辑值"),
            ("true", "TRUE", "逻辑值"),
        ] {
            assert_eq!(made_of(stored, found), Some(kind), "{stored} → {found}");
        }
    }

    #[test]
    fn a_genuine_edit_is_not_taken_for_a_conversion() {
        for (stored, found) in [
            ("3-12", "3-12"),
            ("3-12", "2026-04-12"),
            ("占道经营", "占道经营（已清理）"),
            ("1E5", "200000"),
            ("TRUE", "否"),
            ("第3-12号摊位", "2026-03-12"),
            ("3-12", ""),
        ] {
            assert_eq!(made_of(stored, found), None, "{stored} → {found}");
        }
    }

    #[test]
    fn new_text_that_looks_made_by_a_spreadsheet_is_named() {
        assert_eq!(looks_made("2026-03-12"), Some("日期"));
        assert_eq!(looks_made("100000"), Some("数字"));
        assert_eq!(looks_made("TRUE"), Some("逻辑值"));
        assert_eq!(looks_made("学校门口流动摊贩"), None);
        assert_eq!(looks_made("3号楼"), None);
    }
}
