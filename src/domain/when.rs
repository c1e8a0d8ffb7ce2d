//! What must already have happened: a date not after today, a time not after now. One rule
//! and one wording for the desk, the importer and the store.

use chrono::{NaiveDate, NaiveDateTime};

/// A date after today is a record of something that has not happened yet.
pub fn not_after_today(date: NaiveDate, now: NaiveDateTime) -> Result<(), String> {
    match date > now.date() {
        true => Err(format!("晚于今天（{}），不能登记尚未发生的事", now.date())),
        false => Ok(()),
    }
}

/// A time after now, even later today, has not happened yet.
pub fn not_after_now(at: NaiveDateTime, now: NaiveDateTime) -> Result<(), String> {
    match at > now {
        true => Err(format!(
            "晚于现在（{}），不能登记尚未发生的事",
            now.format("%Y-%m-%d %H:%M")
        )),
        false => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn today_and_now_are_allowed_a_minute_later_is_not() {
        let now = at("2026-11-23 08:30");
        assert!(not_after_today(now.date(), now).is_ok());
        let tomorrow = now.date().succ_opt().unwrap();
        assert_eq!(
            not_after_today(tomorrow, now).unwrap_err(),
            "晚于今天（2026-11-23），不能登记尚未发生的事"
        );
        assert!(not_after_now(now, now).is_ok());
        assert!(not_after_now(at("2026-11-23 08:31"), now).is_err());
    }
}
