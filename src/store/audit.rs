//! The audit trail: one row for every change, written in the change's own transaction.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::Actor;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub kind: String,
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Appends one audit row; `before`/`after` are the record as JSON (None when absent).
pub fn record<T: Serialize>(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    kind: &str,
    key: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    let json = |v: Option<&T>| v.map(|v| serde_json::to_string(v).expect("records serialize"));
    conn.prepare_cached(
        "INSERT INTO audit (at, operator, action, kind, key, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        actor.now.format("%Y-%m-%d %H:%M").to_string(),
        actor.operator,
        action,
        kind,
        key,
        json(before),
        json(after)
    ])?;
    Ok(())
}

/// The audit rows of one record, oldest first.
pub fn history(conn: &Connection, kind: &str, key: &str) -> Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, operator, action, kind, key, before, after FROM audit
         WHERE kind = ?1 AND key = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![kind, key], |r| {
        Ok(AuditRow {
            id: r.get(0)?,
            at: r.get(1)?,
            operator: r.get(2)?,
            action: r.get(3)?,
            kind: r.get(4)?,
            key: r.get(5)?,
            before: r.get(6)?,
            after: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
