//! Where "now" comes from: the system clock, or a fixed time given with `--now` in tests.

use chrono::{Local, NaiveDateTime, Timelike};

use crate::error::{Error, Result};
use crate::written;

/// The current local time, truncated to the minute (all records keep minutes).
pub fn system_now() -> NaiveDateTime {
    truncate_to_minute(Local::now().naive_local())
}

pub fn truncate_to_minute(t: NaiveDateTime) -> NaiveDateTime {
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

/// Parses the `--now` argument ("YYYY-MM-DD HH:MM", or any date-time form the CSV accepts).
pub fn parse_now(text: &str) -> Result<NaiveDateTime> {
    written::datetime(text).map_err(|why| Error::invalid(format!("--now 的值“{text}”无效：{why}")))
}
