//! Leave periods: stored, audited and voided like every record; who is away on a date.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Ctx, Record};
use crate::domain::{Leave, Officer};
use crate::error::{Error, Result};

const COLS: &str = "officer, start, end, reason";

fn row(r: &Row) -> rusqlite::Result<Leave> {
    Ok(Leave {
        officer: r.get(0)?,
        from: r.get(1)?,
        to: r.get(2)?,
        reason: r.get(3)?,
    })
}

/// Splits a leave's key "W009 2026-11-24" into officer and first day.
fn split_key(key: &str) -> Result<(&str, NaiveDate)> {
    let bad = || {
        Error::invalid(format!(
            "请假的键应为“工号 开始日期”，如“W009 2026-11-24”，而不是“{key}”"
        ))
    };
    let (o, d) = key.split_once(' ').ok_or_else(bad)?;
    Ok((o, d.trim().parse().map_err(|_| bad())?))
}

impl Record for Leave {
    const KIND: &'static str = "leaves";
    const NOUN: &'static str = "请假";
    const KEY_SQL: &'static str = "officer = ? AND start = ?";

    fn key(&self) -> String {
        format!("{} {}", self.officer, self.from)
    }

    fn key_params(key: &str) -> Vec<String> {
        match split_key(key) {
            Ok((o, d)) => vec![o.to_string(), d.to_string()],
            Err(_) => vec![key.to_string(), String::new()],
        }
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let (officer, start) = split_key(key)?;
        let sql = format!("SELECT {COLS} FROM leaves WHERE officer = ?1 AND start = ?2");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row(params![officer, start], row)
            .optional()?)
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO leaves (officer, start, end, reason) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(officer, start) DO UPDATE SET end = excluded.end, reason = excluded.reason",
        )?
        .execute(params![self.officer, self.from, self.to, self.reason])?;
        Ok(())
    }
}

/// Live leave periods that reach `from` or later, by officer then first day.
pub fn from(conn: &Connection, from: NaiveDate) -> Result<Vec<Leave>> {
    let sql = format!(
        "SELECT {COLS} FROM leaves WHERE void_reason = '' AND end >= ?1 ORDER BY start, officer"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([from], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every live leave period, newest first (the ledger export).
pub fn all(conn: &Connection) -> Result<Vec<Leave>> {
    let sql =
        format!("SELECT {COLS} FROM leaves WHERE void_reason = '' ORDER BY start DESC, officer");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Officers by 工号 as they stand on `date` (leave periods applied).
pub fn officers_on(conn: &Connection, date: NaiveDate) -> Result<HashMap<String, Officer>> {
    let mut staff = super::people::officers_by_id(conn)?;
    crate::domain::leave::apply(&mut staff, &from(conn, date)?, date);
    Ok(staff)
}
