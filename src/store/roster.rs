//! The roster (date × team) and the patrol log, with the last patrol of each area.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::codec::{bounds, list, list_json, next_serial};
use super::{Ctx, Record};
use crate::domain::{Patrol, RosterTeam};
use crate::error::{Error, Result};

const ROSTER_COLS: &str = "date, team, officers, areas, shift";

fn team_row(r: &Row) -> rusqlite::Result<RosterTeam> {
    Ok(RosterTeam {
        date: r.get(0)?,
        team: r.get(1)?,
        officers: list(r, 2)?,
        areas: list(r, 3)?,
        shift: r.get(4)?,
    })
}

/// Splits a roster key "2026-11-23 第一组" into its date and team.
fn split_key(key: &str) -> Result<(NaiveDate, &str)> {
    let bad = || {
        Error::invalid(format!(
            "排班的键应为“日期 巡查组”，如“2026-11-23 第一组”，而不是“{key}”"
        ))
    };
    let (d, team) = key.split_once(' ').ok_or_else(bad)?;
    Ok((d.parse().map_err(|_| bad())?, team.trim()))
}

impl Record for RosterTeam {
    const KIND: &'static str = "roster";
    const NOUN: &'static str = "排班";
    const KEY_SQL: &'static str = "date = ? AND team = ?";

    fn key(&self) -> String {
        format!("{} {}", self.date, self.team)
    }

    fn key_params(key: &str) -> Vec<String> {
        match split_key(key) {
            Ok((d, t)) => vec![d.to_string(), t.to_string()],
            Err(_) => vec![String::new(), key.to_string()],
        }
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let (date, team) = split_key(key)?;
        let sql = format!("SELECT {ROSTER_COLS} FROM roster WHERE date = ?1 AND team = ?2");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row(params![date, team], team_row)
            .optional()?)
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO roster (date, team, officers, areas, shift) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(date, team) DO UPDATE SET officers = excluded.officers,
               areas = excluded.areas, shift = excluded.shift",
        )?
        .execute(params![
            self.date,
            self.team,
            list_json(&self.officers),
            list_json(&self.areas),
            self.shift
        ])?;
        Ok(())
    }
}

/// The teams rostered on one date (voided ones left out), in the order they were entered.
pub fn teams_on(conn: &Connection, date: NaiveDate) -> Result<Vec<RosterTeam>> {
    let sql = format!(
        "SELECT {ROSTER_COLS} FROM roster WHERE date = ?1 AND void_reason = '' ORDER BY rowid"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([date], team_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Roster teams between two dates (inclusive; None means open), by date then team.
pub fn teams_between(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<RosterTeam>> {
    let sql = format!(
        "SELECT {ROSTER_COLS} FROM roster WHERE void_reason = ''
         AND date >= ?1 AND date <= ?2 ORDER BY date, team"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let (from, to) = bounds(from, to);
    let rows = stmt.query_map(params![from, to], team_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const PATROL_COLS: &str =
    "id, date, start_time, end_time, team, officers, areas, notes, found_problem";

fn patrol_row(r: &Row) -> rusqlite::Result<Patrol> {
    Ok(Patrol {
        id: r.get(0)?,
        date: r.get(1)?,
        start: r.get(2)?,
        end: r.get(3)?,
        team: r.get(4)?,
        officers: list(r, 5)?,
        areas: list(r, 6)?,
        notes: r.get(7)?,
        found_problem: r.get(8)?,
    })
}

impl Record for Patrol {
    const KIND: &'static str = "patrols";
    const NOUN: &'static str = "巡查记录";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let sql = format!("SELECT {PATROL_COLS} FROM patrols WHERE id = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([key], patrol_row)
            .optional()?)
    }

    /// A voided patrol no longer counts as a visit: its derived visit rows go.
    fn voided(tx: &Transaction, key: &str) -> Result<()> {
        tx.prepare_cached("DELETE FROM patrol_areas WHERE patrol_id = ?1")?
            .execute([key])?;
        Ok(())
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO patrols (id, date, start_time, end_time, team, officers, areas, notes, found_problem)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT(id) DO UPDATE SET date = excluded.date, start_time = excluded.start_time,
               end_time = excluded.end_time, team = excluded.team, officers = excluded.officers,
               areas = excluded.areas, notes = excluded.notes, found_problem = excluded.found_problem",
        )?
        .execute(params![
            self.id,
            self.date,
            self.start,
            self.end,
            self.team,
            list_json(&self.officers),
            list_json(&self.areas),
            self.notes,
            self.found_problem
        ])?;
        // The visited areas are derived rows, an index of live patrols: rewrite them (they hold
        // no history of their own; the patrol row and the audit trail do).
        tx.prepare_cached("DELETE FROM patrol_areas WHERE patrol_id = ?1")?
            .execute([&self.id])?;
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO patrol_areas (patrol_id, area_id, date) VALUES (?1, ?2, ?3)",
        )?;
        for area in &self.areas {
            insert.execute(params![self.id, area, self.date])?;
        }
        Ok(())
    }
}

/// Patrols between two dates (inclusive), by date and start time.
///
/// (`patrol_areas` holds live patrols only: see `Record::voided` for `Patrol`.)
pub fn patrols_between(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Patrol>> {
    let mut all = Vec::new();
    each_patrol_between(conn, from, to, &mut |p| {
        all.push(p);
        Ok(())
    })?;
    Ok(all)
}

/// As `patrols_between`, one patrol at a time.
pub fn each_patrol_between(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    each: &mut dyn FnMut(Patrol) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT {PATROL_COLS} FROM patrols WHERE void_reason = ''
         AND date >= ?1 AND date <= ?2 ORDER BY date, start_time, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let (from, to) = bounds(from, to);
    for p in stmt.query_map(params![from, to], patrol_row)? {
        each(p?)?;
    }
    Ok(())
}

/// The last patrol date on or before `date` of every live area that has one.
pub fn last_patrols(conn: &Connection, date: NaiveDate) -> Result<HashMap<String, NaiveDate>> {
    // Each area's latest live patrol is kept in area_last_patrol. When none is after `date`
    // (always so on the day itself: nothing is recorded ahead of time) that is the answer;
    // for an earlier day, one seek in patrol_areas' (area_id, date) per area.
    let newest: Option<NaiveDate> = conn
        .prepare_cached("SELECT max(date) FROM area_last_patrol")?
        .query_row([], |r| r.get(0))?;
    let (sql, bound): (_, &[&dyn rusqlite::ToSql]) = if newest.is_none_or(|n| n <= date) {
        let sql =
            "SELECT l.area_id, l.date FROM area_last_patrol l JOIN areas a ON a.id = l.area_id
                   WHERE a.void_reason = ''";
        (sql, &[])
    } else {
        let sql = "SELECT a.id, (SELECT max(pa.date) FROM patrol_areas pa
                                 WHERE pa.area_id = a.id AND pa.date <= ?1)
                   FROM areas a WHERE a.void_reason = ''";
        (sql, &[&date])
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(bound, |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<NaiveDate>>(1)?))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        if let (area, Some(d)) = row? {
            out.insert(area, d);
        }
    }
    Ok(out)
}

/// Copies the teams of `from` to `to`, leaving any team `to` already has. Returns how many.
pub fn copy_day(tx: &Transaction, ctx: &Ctx, from: NaiveDate, to: NaiveDate) -> Result<usize> {
    let mut copied = 0;
    for team in teams_on(tx, from)? {
        let copy = RosterTeam { date: to, ..team };
        if RosterTeam::load(tx, &copy.key())?.is_none() {
            super::record::upsert(tx, ctx, &copy)?;
            copied += 1;
        }
    }
    Ok(copied)
}

/// The number for the next patrol record: XC0035.
pub fn next_patrol_id(conn: &Connection) -> Result<String> {
    Ok(next_serial(conn, "patrols", "XC", "", 4)?)
}

#[cfg(test)]
#[path = "roster_tests.rs"]
mod tests;
