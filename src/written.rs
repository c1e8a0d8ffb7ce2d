//! Cell parsers for dates, times, lists and yes/no, accepting what Excel and WPS write.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Parses 2026-03-05, 2026/3/5, 2026.3.5 or 2026年3月5日.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let parts: Vec<&str> = if let Some(rest) = t.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else {
        t.split(['-', '/', '.']).collect()
    };
    let bad = || "日期格式应为 2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日".to_string();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return Err(bad());
    }
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let (y, m, d) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
    if parts[0].len() != 4 {
        return Err(bad());
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| format!("不存在的日期 {y}年{m}月{d}日"))
}

/// Parses 9:30, 09:30 or 09:30:00 (seconds are dropped: records keep minutes).
pub fn time(text: &str) -> Result<NaiveTime, String> {
    let t = text.trim().replace('：', ":");
    let parts: Vec<&str> = t.split(':').collect();
    let bad = || "时间格式应为 9:30 或 09:30:00".to_string();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 2) {
        return Err(bad());
    }
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let (h, m) = (num(parts[0])?, num(parts[1])?);
    let s = if parts.len() == 3 { num(parts[2])? } else { 0 };
    if h > 23 || m > 59 || s > 59 {
        return Err(format!("不存在的时间 {h}:{m:02}"));
    }
    Ok(NaiveTime::from_hms_opt(h, m, 0).expect("checked range"))
}

/// Parses a date and a time separated by a space or `T`, e.g. "2026/3/5 9:30".
pub fn datetime(text: &str) -> Result<NaiveDateTime, String> {
    let t = text.trim();
    let split = t
        .find([' ', 'T'])
        .ok_or_else(|| "日期时间格式应为 2026-03-05 09:30（日期与时间之间用空格）".to_string())?;
    let d = date(&t[..split])?;
    let tm = time(t[split + 1..].trim())?;
    Ok(d.and_time(tm))
}

/// Splits a list cell on 、 ; ； , or ，, trimming and dropping empty items.
pub fn list(text: &str) -> Vec<String> {
    text.split(['、', ';', '；', '，', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn yes_no(text: &str) -> Result<bool, String> {
    match text.trim() {
        "是" | "Y" | "y" | "yes" | "1" | "有" => Ok(true),
        "否" | "N" | "n" | "no" | "0" | "无" => Ok(false),
        _ => Err("应为 是 或 否".into()),
    }
}

/// "2026-11-23". Written digit by digit: exports and the day's timers write one per cell,
/// and chrono's format strings were a tenth of a large export.
pub fn fmt_date(d: NaiveDate) -> String {
    let mut out = String::with_capacity(16);
    push_date(&mut out, d);
    out
}

/// "2026-11-23 08:30".
pub fn fmt_datetime(t: NaiveDateTime) -> String {
    use chrono::Timelike;
    let mut out = String::with_capacity(16);
    push_date(&mut out, t.date());
    out.push(' ');
    push_digits(&mut out, t.hour(), 2);
    out.push(':');
    push_digits(&mut out, t.minute(), 2);
    out
}

/// "2026-11-23 08:30:00", as the store keeps a time (years 0 to 9999).
pub fn fmt_stored_datetime(t: NaiveDateTime) -> String {
    use chrono::Timelike;
    let mut out = fmt_datetime(t);
    out.push(':');
    push_digits(&mut out, t.second(), 2);
    out
}

fn push_date(out: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    match u32::try_from(d.year()) {
        Ok(year) if year <= 9999 => {
            push_digits(out, year, 4);
            out.push('-');
            push_digits(out, d.month(), 2);
            out.push('-');
            push_digits(out, d.day(), 2);
        }
        _ => out.push_str(&d.format("%Y-%m-%d").to_string()),
    }
}

/// `n` in decimal, zero-padded to `width` digits (`n` has at most `width`).
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
    }
}

pub fn fmt_time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_written_as_chrono_writes_them() {
        let days = [
            (2026, 11, 23),
            (1, 1, 1),
            (999, 12, 31),
            (9999, 12, 31),
            (2024, 2, 29),
        ];
        for (y, m, d) in days {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(fmt_date(day), day.format("%Y-%m-%d").to_string());
            for (h, min) in [(0, 0), (8, 30), (23, 59)] {
                let t = day.and_hms_opt(h, min, 7).unwrap();
                assert_eq!(fmt_datetime(t), t.format("%Y-%m-%d %H:%M").to_string());
            }
        }
        assert_eq!(
            fmt_datetime(datetime("2026-11-23 08:30").unwrap()),
            "2026-11-23 08:30"
        );
    }

    #[test]
    fn dates_in_every_accepted_form() {
        let want = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        for s in [
            "2026-03-05",
            "2026/3/5",
            "2026.3.5",
            "2026年3月5日",
            " 2026-3-5 ",
        ] {
            assert_eq!(date(s), Ok(want), "{s}");
        }
    }

    #[test]
    fn impossible_or_malformed_dates_are_refused() {
        for s in [
            "2026-02-30",
            "2026-13-01",
            "26-3-5",
            "2026-3",
            "",
            "明天",
            "2026-03-05x",
        ] {
            assert!(date(s).is_err(), "{s}");
        }
        assert!(date("2026-02-30").unwrap_err().contains("不存在"));
    }

    #[test]
    fn times_drop_seconds_and_refuse_25_oclock() {
        assert_eq!(time("9:30"), Ok(NaiveTime::from_hms_opt(9, 30, 0).unwrap()));
        assert_eq!(
            time("09:30:45"),
            Ok(NaiveTime::from_hms_opt(9, 30, 0).unwrap())
        );
        assert!(time("25:00").is_err());
        assert!(time("12:60").is_err());
        assert!(time("930").is_err());
    }

    #[test]
    fn datetimes_accept_slash_dates_and_t_separator() {
        let want = NaiveDate::from_ymd_opt(2026, 3, 5)
            .unwrap()
            .and_hms_opt(9, 5, 0)
            .unwrap();
        assert_eq!(datetime("2026/3/5 9:05"), Ok(want));
        assert_eq!(datetime("2026-03-05T09:05:00"), Ok(want));
        assert!(datetime("2026-03-05").is_err());
    }

    #[test]
    fn lists_split_on_chinese_and_ascii_separators() {
        assert_eq!(list("A01、A02;A03；A04"), vec!["A01", "A02", "A03", "A04"]);
        assert!(list(" ").is_empty());
    }
}
