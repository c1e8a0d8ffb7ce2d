//! The 统计 page's figures computed on a thread and a connection of their own: thirteen
//! reports take seconds on a large ledger, so the desk keeps drawing and answering keys with
//! the last figures on screen (marked as being updated), and computes again only when the
//! period, the data or the day changes — not every minute.

use std::sync::mpsc::{Receiver, channel};

use chrono::{NaiveDate, NaiveDateTime};
use zhifa_desk::error::Result;
use zhifa_desk::report::period::Kind;
use zhifa_desk::store::Store;

use super::data::{self, Stats};

/// What a set of figures was computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub key: (Kind, u32),
    /// `PRAGMA data_version` (other processes' commits) and the desk's own writes.
    pub version: i64,
    pub writes: u64,
    pub day: NaiveDate,
}

type Outcome = std::result::Result<Stats, String>;

#[derive(Default)]
pub struct StatsJob {
    done: Option<Stamp>,
    running: Option<(Stamp, Receiver<Outcome>)>,
}

impl StatsJob {
    /// Starts computing the figures of `stamp` unless they are on screen already or being
    /// computed; while another job runs, the newer stamp waits for it to land.
    pub fn want(&mut self, store: &Store, stamp: Stamp, now: NaiveDateTime) -> Result<()> {
        if self.done == Some(stamp) || self.running.is_some() {
            return Ok(());
        }
        let (tx, rx) = channel();
        match store.reader()? {
            Some(conn) => {
                std::thread::spawn(move || {
                    let made = data::stats(&conn, now, stamp.key).map_err(|e| e.to_string());
                    let _ = tx.send(made);
                });
            }
            // A database in memory has no second connection: computed here.
            None => {
                let made = data::stats(store.conn(), now, stamp.key).map_err(|e| e.to_string());
                let _ = tx.send(made);
            }
        }
        self.running = Some((stamp, rx));
        Ok(())
    }

    /// The figures of the job that has just finished, if one has.
    pub fn landed(&mut self) -> Option<Outcome> {
        let (stamp, rx) = self.running.as_ref()?;
        let got = rx.try_recv().ok()?;
        self.done = Some(*stamp);
        self.running = None;
        Some(got)
    }

    pub fn busy(&self) -> bool {
        self.running.is_some()
    }
}
