//! The audit trail: one row for every change, written in the change's own transaction.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::{Actor, chain, digest};
use crate::domain::personal;
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
    /// The digest of the record as this row left it (`digest::Digest::to_text`; JSON in rows
    /// written before schema 10); None for kinds that are not ledgers, for rows written
    /// before digests existed, and for a record that no longer held when it was baselined.
    pub digest: Option<String>,
    /// Why: the reason a correction (更正) gives.
    pub reason: Option<String>,
}

/// Appends one audit row; `before`/`after` are the record as JSON (None when absent).
/// The row is chained: it carries the hash of the row before it and its own hash over both,
/// and the digest of the record as it now stands, read back from its table.
pub fn record<T: Serialize>(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    kind: &str,
    key: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    record_because(conn, actor, (action, None), kind, key, before, after)
}

/// As `record`, with the reason the change gives (a correction must give one).
pub fn record_because<T: Serialize>(
    conn: &Connection,
    actor: &Actor,
    (action, reason): (&str, Option<&str>),
    kind: &str,
    key: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    let json = |v: Option<&T>| {
        v.map(|v| {
            let mut value = serde_json::to_value(v).expect("records serialize");
            if kind == "complaints" {
                mask_reporter(&mut value);
            }
            value.to_string()
        })
    };
    record_json(
        conn,
        actor,
        (action, reason),
        kind,
        key,
        json(before),
        json(after),
    )
}

/// As `record_because`, with the record already written as JSON (masked where it must be):
/// the path of every upsert, which serialises its record straight to text.
pub fn record_json(
    conn: &Connection,
    actor: &Actor,
    (action, reason): (&str, Option<&str>),
    kind: &str,
    key: &str,
    before: Option<String>,
    after: Option<String>,
) -> Result<()> {
    let digest = digest::of(conn, kind, key)?.map(|d| d.to_text());
    let row = (
        action,
        kind,
        key,
        before,
        after,
        digest,
        reason.map(str::to_string),
    );
    append(conn, actor, row)
}

/// A row's content before its place in the chain: action, kind, key, before, after, digest,
/// reason.
type Content<'a> = (
    &'a str,
    &'a str,
    &'a str,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Chains `content` after the last row and inserts it.
fn append(conn: &Connection, actor: &Actor, content: Content) -> Result<()> {
    let (action, kind, key, before, after, digest, reason) = content;
    let (id, prev_hash) = next_link(conn)?;
    let row = AuditRow {
        id,
        at: stamp(actor.now),
        operator: actor.operator.clone(),
        action: action.to_string(),
        kind: kind.to_string(),
        key: key.to_string(),
        before,
        after,
        digest,
        reason,
    };
    let hash = chain::hash(&prev_hash, &row);
    insert(conn, &row, &prev_hash, &hash)
}

/// Appends a row that vouches for nothing: no digest, so `verify` keeps naming the record
/// (a record found changed behind the audit's back when it was to be baselined).
pub fn record_undigested(
    conn: &Connection,
    actor: &Actor,
    (action, reason): (&str, &str),
    kind: &str,
    key: &str,
) -> Result<()> {
    let row = (
        action,
        kind,
        key,
        None,
        None,
        None,
        Some(reason.to_string()),
    );
    append(conn, actor, row)
}

/// The next audit row's id and the hash it chains to. Writes hold the write lock, so neither
/// can move under the writer.
pub fn next_link(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .prepare_cached(
            "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0) + 1,
                    COALESCE((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '')",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// When a change happened, as audit rows write it.
pub fn stamp(now: chrono::NaiveDateTime) -> String {
    crate::written::fmt_datetime(now)
}

/// Writes one audit row with its chain link; the only INSERT into the table.
pub fn insert(conn: &Connection, row: &AuditRow, prev_hash: &str, hash: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit (id, at, operator, action, kind, key, before, after, digest, reason,
           prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        row.id,
        row.at,
        row.operator,
        row.action,
        row.kind,
        row.key,
        row.before,
        row.after,
        row.digest,
        row.reason,
        prev_hash,
        hash
    ])?;
    Ok(())
}

/// The audit trail can never be edited or cut, so the reporter's name and phone go into it
/// masked: the trail still shows that they changed, and never who reported.
fn mask_reporter(value: &mut serde_json::Value) {
    for (field, _, kind) in personal::FIELDS {
        if let Some(v) = value.get_mut(field)
            && let Some(text) = v.as_str()
        {
            *v = serde_json::Value::String(personal::shown(kind, text, false));
        }
    }
}

/// The columns `row` reads, in its order.
pub const COLS: &str = "id, at, operator, action, kind, key, before, after, digest, reason";

/// An audit row from a query selecting `COLS` first.
pub fn row(r: &rusqlite::Row) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        id: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        action: r.get(3)?,
        kind: r.get(4)?,
        key: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
        digest: r.get(8)?,
        reason: r.get(9)?,
    })
}

/// The audit rows of one record, oldest first.
pub fn history(conn: &Connection, kind: &str, key: &str) -> Result<Vec<AuditRow>> {
    let sql = format!("SELECT {COLS} FROM audit WHERE kind = ?1 AND key = ?2 ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![kind, key], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
