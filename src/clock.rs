//! Where "now" comes from: the system clock, or a time given with `--now` running on from
//! there. The one clock of the command line and the desk; what it tells is to the minute, as
//! every record keeps it.

use std::time::{Duration, Instant};

use chrono::{Local, NaiveDateTime, Timelike};

use crate::error::{Error, Result};
use crate::written;

/// The current local time, truncated to the minute (all records keep minutes).
pub fn system_now() -> NaiveDateTime {
    Clock::Wall.now()
}

/// The wall clock, read afresh each time (right again after the PC wakes from sleep); or,
/// with `--now`, that time running on.
pub enum Clock {
    Wall,
    From {
        start: NaiveDateTime,
        started: Instant,
    },
}

impl Clock {
    /// `fixed` is the time given with `--now`; None follows the wall clock.
    pub fn new(fixed: Option<NaiveDateTime>) -> Clock {
        match fixed {
            None => Clock::Wall,
            Some(start) => Clock::From {
                start,
                started: Instant::now(),
            },
        }
    }

    /// Now, to the minute: what is shown and what is recorded are the same time.
    pub fn now(&self) -> NaiveDateTime {
        truncate_to_minute(match self {
            Clock::Wall => Local::now().naive_local(),
            Clock::From { start, started } => {
                *start + chrono::Duration::from_std(started.elapsed()).unwrap_or_default()
            }
        })
    }

    /// How long until the next whole second: how long the desk may wait for a key before it
    /// looks again for another program's writes and the turn of the minute.
    pub fn until_next_second(&self) -> Duration {
        let ms = match self {
            Clock::Wall => Local::now().timestamp_subsec_millis() % 1000,
            Clock::From { started, .. } => started.elapsed().subsec_millis(),
        };
        Duration::from_millis(u64::from(1000 - ms.min(999)))
    }
}

/// `t` without its seconds.
pub fn truncate_to_minute(t: NaiveDateTime) -> NaiveDateTime {
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

/// Parses the `--now` argument ("YYYY-MM-DD HH:MM", or any date-time form the CSV accepts).
pub fn parse_now(text: &str) -> Result<NaiveDateTime> {
    written::datetime(text).map_err(|why| Error::invalid(format!("--now 的值“{text}”无效：{why}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_tells_the_minute_whether_wall_or_fixed() {
        let wall = Clock::new(None).now();
        let real = Local::now().naive_local();
        assert_eq!((wall.second(), wall.nanosecond()), (0, 0));
        assert!((real - wall).num_seconds() < 61, "{wall} vs {real}");
        let start = parse_now("2026-11-23 08:30").unwrap();
        let fixed = Clock::new(Some(start)).now();
        assert_eq!(fixed, start, "the fixed clock starts where --now says");
        assert!(Clock::new(None).until_next_second() <= Duration::from_secs(1));
    }
}
