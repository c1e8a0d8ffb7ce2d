//! Migration 10: digests in format 2 (column names bound, NULLs hashed, the reporter salted).
//! Each record is first held against its last format-1 digest; one that holds gets a salt
//! and a baseline row (校验基线) in the new format. One that does not hold (changed behind the
//! audit's back before the upgrade) gets a baseline row with no digest and the reason, so
//! `verify` goes on naming it: an upgrade never launders a forged record.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row, Transaction};

use super::chain::sha256_hex;
use super::digest::{LEDGERS, Ledger, label};
use super::{Actor, audit};
use crate::error::Result;

/// The schema version this migration makes.
const VERSION: i64 = 10;

pub const REASON: &str = "升级到第 10 版：校验值改为逐列绑定列名，举报人信息加盐";

pub fn has_table(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get(0),
    )?)
}

pub fn migrate(tx: &Transaction) -> Result<()> {
    tx.execute_batch("ALTER TABLE complaints ADD COLUMN salt TEXT NOT NULL DEFAULT '';")?;
    let actor = Actor {
        operator: "系统".into(),
        now: crate::clock::system_now(),
    };
    // The old digests are read as the old version read its rows; the new ones as this one.
    let old: Vec<Vec<(String, Option<String>)>> = LEDGERS
        .iter()
        .map(|l| held_by_old_digests(tx, l))
        .collect::<Result<_>>()?;
    tx.pragma_update(None, "user_version", VERSION)?;
    {
        let mut salt = tx.prepare("UPDATE complaints SET salt = ?1 WHERE id = ?2")?;
        let ids: Vec<String> = tx
            .prepare("SELECT id FROM complaints")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            salt.execute([super::digest::new_salt(), id])?;
        }
    }
    for (l, records) in LEDGERS.iter().zip(old) {
        for (key, broken) in records {
            match broken {
                None => audit::record_because::<()>(
                    tx,
                    &actor,
                    ("校验基线", Some(REASON)),
                    l.kind,
                    &key,
                    None,
                    None,
                )?,
                Some(why) => audit::record_undigested(
                    tx,
                    &actor,
                    (
                        "校验基线",
                        &format!("{REASON}；升级前已与审计记录不符（{why}），未取新校验值"),
                    ),
                    l.kind,
                    &key,
                )?,
            }
        }
    }
    Ok(())
}

/// Every record of `l` that has an audit history, with None where it holds against its last
/// format-1 digest and what differs where it does not. Records with no history are left to
/// `verify`, which names them.
fn held_by_old_digests(tx: &Transaction, l: &Ledger) -> Result<Vec<(String, Option<String>)>> {
    if !has_table(tx, l.kind)? {
        return Ok(Vec::new());
    }
    let mut last = std::collections::HashMap::new();
    let mut stmt =
        tx.prepare("SELECT key, max(id), digest FROM audit WHERE kind = ?1 GROUP BY key")?;
    for r in stmt.query_map([l.kind], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(2)?))
    })? {
        let (key, digest) = r?;
        last.insert(key, digest);
    }
    let mut out = Vec::new();
    let mut rows = tx.prepare(&l.select("ORDER BY audit_key", VERSION - 1))?;
    let mut rows = rows.query([])?;
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        let Some(stored) = last.get(&key) else {
            continue;
        };
        let stored = stored.as_deref().unwrap_or_default();
        // A file baselined by migration 4 in this same run holds format-2 digests already.
        if let Some(now) = super::digest::Digest::parse(stored) {
            let found = l.digest_of(row)?;
            let moved = found.differences(&now);
            let why = moved
                .iter()
                .map(|c| label(c))
                .collect::<Vec<_>>()
                .join("、");
            out.push((key, (!moved.is_empty()).then_some(why)));
            continue;
        }
        let broken = match format1(stored) {
            None => Some("最后一条审计记录没有可读的校验值".to_string()),
            Some((all, cols)) => {
                let (found_all, found_cols) = format1_of(l, row)?;
                (found_all != all).then(|| {
                    let moved: Vec<&str> = found_cols
                        .iter()
                        .filter(|(n, h)| cols.iter().any(|(m, g)| m == n && g != h))
                        .map(|(n, _)| label(n))
                        .collect();
                    if moved.is_empty() {
                        "举报人、联系电话或可选字段".to_string()
                    } else {
                        moved.join("、")
                    }
                })
            }
        };
        out.push((key, broken));
    }
    Ok(out)
}

/// A format-1 digest: JSON `{"all": hex, "cols": [[name, hex16], ...]}`.
fn format1(text: &str) -> Option<(String, Vec<(String, String)>)> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let all = v.get("all")?.as_str()?.to_string();
    let cols = v
        .get("cols")?
        .as_array()?
        .iter()
        .filter_map(|c| Some((c.get(0)?.as_str()?.into(), c.get(1)?.as_str()?.into())))
        .collect();
    Some((all, cols))
}

/// The format-1 digest of a row read at version 9: every value as JSON (a blob as the hex of
/// its SHA-256), optional columns left out while NULL, the personal ones only in `all`.
fn format1_of(l: &Ledger, row: &Row) -> Result<(String, Vec<(String, String)>)> {
    let stmt = row.as_ref();
    let (mut all, mut cols) = (Vec::new(), Vec::new());
    for i in 1..stmt.column_count() {
        let name = stmt.column_name(i)?;
        let value = row.get_ref(i)?;
        if value == ValueRef::Null && l.optional.contains(&name) {
            continue;
        }
        let json = match value {
            ValueRef::Null => serde_json::Value::Null,
            ValueRef::Integer(i) => i.into(),
            ValueRef::Real(f) => f.into(),
            ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
            ValueRef::Blob(b) => sha256_hex(b).into(),
        };
        if !l.is_personal(name) {
            cols.push((
                name.to_string(),
                sha256_hex(json.to_string().as_bytes())[..16].into(),
            ));
        }
        all.push(json);
    }
    let all = sha256_hex(serde_json::to_string(&all).expect("JSON").as_bytes());
    Ok((all, cols))
}

#[cfg(test)]
#[path = "rebaseline_tests.rs"]
mod tests;
