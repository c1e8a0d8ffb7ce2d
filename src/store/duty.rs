//! The duty log: sign-ins and handover notes, audited like every other change.

use rusqlite::{Connection, Transaction, params};

use super::codec::label;
use super::{Actor, audit};
use crate::domain::duty::{DutyEntry, DutyKind};
use crate::error::{Error, Result};

pub fn append(tx: &Transaction, actor: &Actor, entry: &DutyEntry) -> Result<()> {
    if !super::people::exists(tx, "officers", &entry.officer)? {
        return Err(Error::NotFound {
            kind: "人员",
            key: entry.officer.clone(),
        });
    }
    tx.execute(
        "INSERT INTO duty_log (at, officer, kind, note) VALUES (?1, ?2, ?3, ?4)",
        params![entry.at, entry.officer, entry.kind.label(), entry.note],
    )?;
    let key = tx.last_insert_rowid().to_string();
    audit::record(
        tx,
        actor,
        entry.kind.label(),
        "duty_log",
        &key,
        None,
        Some(entry),
    )?;
    Ok(())
}

/// The entries between two dates (inclusive), oldest first.
pub fn between(
    conn: &Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<DutyEntry>> {
    let midnight = |d: chrono::NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight");
    let end = to.succ_opt().unwrap_or(to);
    let mut stmt = conn.prepare_cached(
        "SELECT at, officer, kind, note FROM duty_log WHERE at >= ?1 AND at < ?2 ORDER BY at, id",
    )?;
    let rows = stmt.query_map(params![midnight(from), midnight(end)], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An entry from a query selecting `at, officer, kind, note`.
fn entry(r: &rusqlite::Row) -> rusqlite::Result<DutyEntry> {
    Ok(DutyEntry {
        at: r.get(0)?,
        officer: r.get(1)?,
        kind: label(r, 2, DutyKind::parse)?,
        note: r.get(3)?,
    })
}

/// The most recent entries, newest first.
pub fn recent(conn: &Connection, limit: usize) -> Result<Vec<DutyEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, officer, kind, note FROM duty_log ORDER BY at DESC, id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
