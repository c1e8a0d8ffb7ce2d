//! The audit hash chain: each row's SHA-256 covers its content and the previous row's hash.

use rusqlite::{Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use super::{AuditRow, audit};
use crate::error::Result;

/// Lower-case hex of SHA-256 over `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex of `bytes`, two digits each (one allocation: this runs twice per audited
/// row, and `format!` per byte was a tenth of an import).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// The hash of `row` chained to `prev_hash`. The fields are encoded as one JSON array, so no
/// choice of text in one field can pass for another. Rows with a digest or a reason (schema 4
/// on) hash them too; rows without keep the hash they were given before.
pub fn hash(prev_hash: &str, row: &AuditRow) -> String {
    let fields = (
        prev_hash,
        row.id,
        &row.at,
        &row.operator,
        &row.action,
        &row.kind,
        &row.key,
        &row.before,
        &row.after,
    );
    let text = if row.digest.is_none() && row.reason.is_none() {
        serde_json::to_string(&fields)
    } else {
        serde_json::to_string(&(fields, &row.digest, &row.reason))
    };
    sha256_hex(text.expect("strings serialize").as_bytes())
}

/// Where the chain first breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    /// The audit row id, or 0 when rows are missing at the end.
    pub id: i64,
    pub why: String,
}

/// The chain as found: how many rows, the head hash, and the first break if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChainReport {
    pub rows: i64,
    pub head: String,
    pub broken: Option<Break>,
}

/// Walks the whole chain in id order and reports the first row that does not fit.
pub fn check(conn: &Connection) -> Result<ChainReport> {
    let sql = format!(
        "SELECT {}, prev_hash, hash FROM audit ORDER BY id",
        audit::COLS
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let (mut prev, mut count, mut last_id) = (String::new(), 0i64, 0i64);
    while let Some(r) = rows.next()? {
        let row = audit::row(r)?;
        let (prev_hash, stored): (String, String) = (r.get(10)?, r.get(11)?);
        let broken = |why: String| ChainReport {
            rows: count,
            head: prev.clone(),
            broken: Some(Break { id: row.id, why }),
        };
        if row.id != last_id + 1 {
            return Ok(broken(format!(
                "第 {} 至 {} 条审计记录缺失",
                last_id + 1,
                row.id - 1
            )));
        }
        if prev_hash != prev {
            return Ok(broken(
                "与前一条审计记录的链接不符（前一条被改动或删除）".into(),
            ));
        }
        if hash(&prev_hash, &row) != stored {
            return Ok(broken("内容与其哈希不符（本条被改动）".into()));
        }
        prev = stored;
        count += 1;
        last_id = row.id;
    }
    // AUTOINCREMENT remembers the largest id ever used: rows cut from the end show here.
    let seq: i64 = conn.query_row(
        "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0)",
        [],
        |r| r.get(0),
    )?;
    let broken = (seq > last_id).then(|| Break {
        id: 0,
        why: format!("末尾第 {} 至 {seq} 条审计记录缺失", last_id + 1),
    });
    Ok(ChainReport {
        rows: count,
        head: prev,
        broken,
    })
}

/// Whether the chain still passes through `head` as its row `rows`: None when it does, else
/// what happened since (cut back, or rewritten from some row on).
pub fn holds(conn: &Connection, rows: i64, head: &str) -> Result<Option<String>> {
    if rows == 0 {
        return Ok(None);
    }
    let found: Option<String> = conn
        .query_row("SELECT hash FROM audit WHERE id = ?1", [rows], |r| r.get(0))
        .optional()?;
    Ok(match found {
        None => Some(format!(
            "审计记录已不足 {rows} 条：移交时已有的记录被删去（审计链被截短）"
        )),
        Some(h) if h != head => Some(format!(
            "第 {rows} 条审计记录的哈希与移交时记录的链头不符：移交之后审计链被改写\
             （即使重新计算得前后一致，也与已交出的链头对不上）"
        )),
        Some(_) => None,
    })
}

/// Migration 2: hashes the rows written before the chain existed, then makes the table
/// append-only.
pub fn install(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
         ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';",
    )?;
    // The columns of version 1: digest and reason arrive with version 4.
    let rows: Vec<AuditRow> = {
        let mut stmt = tx.prepare(
            "SELECT id, at, operator, action, kind, key, before, after, NULL, NULL \
             FROM audit ORDER BY id",
        )?;
        stmt.query_map([], super::audit::row)?
            .collect::<rusqlite::Result<_>>()?
    };
    // Renumber densely so a gap later always means a missing row.
    tx.execute("DELETE FROM audit", [])?;
    let mut prev = String::new();
    let mut insert = tx.prepare(
        "INSERT INTO audit (id, at, operator, action, kind, key, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (i, mut row) in rows.into_iter().enumerate() {
        row.id = i as i64 + 1;
        let h = hash(&prev, &row);
        insert.execute(rusqlite::params![
            row.id,
            row.at,
            row.operator,
            row.action,
            row.kind,
            row.key,
            row.before,
            row.after,
            prev,
            h
        ])?;
        prev = h;
    }
    drop(insert);
    tx.execute_batch(
        "UPDATE sqlite_sequence SET seq = (SELECT COALESCE(MAX(id), 0) FROM audit) WHERE name = 'audit';
         CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
         BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END;
         CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
         BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能删除'); END;",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_hex_matches_the_published_test_vectors() {
        // FIPS 180-2, appendix B.1, and the empty message.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(hex(&[0x00, 0x0f, 0xa0, 0xff]), "000fa0ff");
    }
}
