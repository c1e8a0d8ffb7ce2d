//! Record digests: each recorded column of a record hashed with its name into the audit row
//! that wrote it, so `verify` can hold every live row against the last word of its history
//! and name the field that moved.
//!
//! Format 2, as audit rows store it: `2:` + SHA-256 over every column's hash (64 hex) + `:` +
//! the first 16 hex digits of each column's hash, in the ledger's column order. A column's hash
//! covers the format, the column's name, its type (NULL is a type) and its value, so a value
//! moved between two columns, or a NULL put for an empty text, changes two hashes. The
//! reporter's columns are hashed with the record's salt: a random value kept only in the live
//! row and replaced whenever they change, so no digest in the history can be tried against
//! candidate names or phones once they have been replaced.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row};
use sha2::{Digest as _, Sha256};

use super::chain::hex;
pub use super::ledgers::{LEDGERS, Ledger, ledger};
pub use crate::domain::columns::label;
use crate::error::Result;

/// The format's mark, first in every digest it writes.
const FORMAT: &str = "2";

/// A record's digest: one hash over every recorded column, and each column's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub all: String,
    /// Each column's name and the first 16 hex digits of its hash.
    pub cols: Vec<(String, String)>,
    /// Each column's whole hash and whether it is NULL: a digest written before a later
    /// version added columns is held against the columns it had (`differences`).
    hashes: Vec<([u8; 32], bool)>,
}

/// A digest as an audit row holds it, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored<'a> {
    pub all: &'a str,
    /// The column hashes, in the ledger's column order.
    pub cols: Vec<&'a str>,
}

impl Digest {
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(4 + 64 + 16 * self.cols.len());
        out.push_str(FORMAT);
        out.push(':');
        out.push_str(&self.all);
        out.push(':');
        for (_, h) in &self.cols {
            out.push_str(h);
        }
        out
    }

    /// Reads a stored digest; None for one written in another format (or garbled).
    pub fn parse(text: &str) -> Option<Stored<'_>> {
        let rest = text.strip_prefix(FORMAT)?.strip_prefix(':')?;
        let (all, cols) = rest.split_once(':')?;
        let hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
        if all.len() != 64 || cols.len() % 16 != 0 || !hex(all) || !hex(cols) {
            return None;
        }
        let cols = (0..cols.len() / 16).map(|i| &cols[i * 16..i * 16 + 16]);
        Some(Stored {
            all,
            cols: cols.collect(),
        })
    }

    /// The columns whose hashes differ from `stored`, every one of them compared (a column
    /// the stored digest does not cover counts as differing); empty when all hold.
    pub fn differences(&self, stored: &Stored) -> Vec<&str> {
        let n = stored.cols.len();
        // Written before a later version added columns (always at the end), which are still
        // empty: the record is held against the columns it had, its whole hash over them.
        if n < self.cols.len() && self.hashes[n..].iter().all(|(_, null)| *null) {
            let mut out: Vec<&str> = self.cols[..n]
                .iter()
                .zip(&stored.cols)
                .filter(|((_, h), s)| h != *s)
                .map(|((name, _), _)| name.as_str())
                .collect();
            let mut all = Sha256::new();
            for (h, _) in &self.hashes[..n] {
                all.update(h);
            }
            if out.is_empty() && hex(&all.finalize()) != stored.all {
                out.push("（整条记录的校验值）");
            }
            return out;
        }
        let mut out: Vec<&str> = self
            .cols
            .iter()
            .enumerate()
            .filter(|(i, (_, h))| stored.cols.get(*i) != Some(&h.as_str()))
            .map(|(_, (name, _))| name.as_str())
            .collect();
        if out.is_empty() && (stored.cols.len() != self.cols.len() || stored.all != self.all) {
            out.push("（整条记录的校验值）");
        }
        out
    }
}

/// One column's hash: the format, the name, the salt for a personal column, the type and the
/// value. Names hold no NUL and salts are fixed-length hex, so no two inputs run together.
pub(super) fn column_hash(name: &str, salt: Option<&[u8]>, value: ValueRef) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"zhifa-desk digest 2\0");
    h.update(name.as_bytes());
    h.update(b"\0");
    if let Some(salt) = salt {
        h.update(b"S");
        h.update(salt);
        h.update(b"\0");
    }
    match value {
        ValueRef::Null => h.update(b"N"),
        ValueRef::Integer(i) => {
            h.update(b"I");
            h.update(i.to_be_bytes());
        }
        ValueRef::Real(f) => {
            h.update(b"R");
            h.update(f.to_bits().to_be_bytes());
        }
        ValueRef::Text(t) => {
            h.update(b"T");
            h.update(t);
        }
        ValueRef::Blob(b) => {
            h.update(b"B");
            h.update(b);
        }
    }
    h.finalize().into()
}

/// A fresh salt for a record's personal columns: 16 random bytes as hex.
pub fn new_salt() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system gives random bytes");
    hex(&bytes)
}

impl Ledger {
    /// The digest of a row read by `select_all` (or the one-key query): column 0 is the key.
    pub fn digest_of(&self, row: &Row) -> rusqlite::Result<Digest> {
        let stmt = row.as_ref();
        let mut cols = Vec::with_capacity(stmt.column_count());
        for i in 1..stmt.column_count() {
            cols.push((stmt.column_name(i)?, row.get_ref(i)?));
        }
        Ok(self.digest_from(&cols))
    }

    /// The digest of values read earlier by the one-key query (`Reread`), named by `names`.
    fn digest_of_values(&self, names: &[String], values: &[Value]) -> Digest {
        let cols: Vec<(&str, ValueRef)> = names
            .iter()
            .map(String::as_str)
            .zip(values.iter().map(ValueRef::from))
            .collect();
        self.digest_from(&cols)
    }

    fn digest_from(&self, columns: &[(&str, ValueRef)]) -> Digest {
        let salt = columns
            .iter()
            .find(|(name, _)| *name == "salt")
            .and_then(|(_, v)| v.as_bytes().ok())
            .unwrap_or_default();
        let mut all = Sha256::new();
        let mut cols = Vec::with_capacity(columns.len());
        let mut hashes = Vec::with_capacity(columns.len());
        for (name, value) in columns {
            let salted = self.is_personal(name).then_some(salt);
            let h = column_hash(name, salted, *value);
            all.update(h);
            cols.push((name.to_string(), hex(&h[..8])));
            hashes.push((h, *value == ValueRef::Null));
        }
        Digest {
            all: hex(&all.finalize()),
            cols,
            hashes,
        }
    }
}

/// The digest of the stored record `key` of `kind`: None for a kind that is not a ledger, or
/// a key with no row.
pub fn of(conn: &Connection, kind: &str, key: &str) -> Result<Option<Digest>> {
    let Some(l) = ledger(kind) else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(&l.one_key(conn)?)?;
    Ok(stmt.query_row([key], |r| l.digest_of(r)).optional()?)
}

/// A ledger's records read back for their digests, the query made once for a run of writes:
/// `values` on the writing thread, `digest` wherever the hashing is done.
#[derive(Clone)]
pub struct Reread {
    ledger: &'static Ledger,
    sql: String,
    names: Vec<String>,
}

impl Reread {
    /// For `kind`; None when it is not a ledger (its audit rows hold no digest).
    pub fn of(conn: &Connection, kind: &str) -> Result<Option<Reread>> {
        let Some(ledger) = ledger(kind) else {
            return Ok(None);
        };
        let sql = ledger.one_key(conn)?;
        let names = conn
            .prepare_cached(&sql)?
            .column_names()
            .skip(1)
            .map(str::to_string)
            .collect();
        Ok(Some(Reread { ledger, sql, names }))
    }

    /// The stored record `key` as the digest reads it; None for a key with no row.
    pub fn values(&self, conn: &Connection, key: &str) -> Result<Option<Vec<Value>>> {
        let mut stmt = conn.prepare_cached(&self.sql)?;
        let n = stmt.column_count();
        let read = stmt.query_row([key], |r| (1..n).map(|i| r.get::<_, Value>(i)).collect());
        Ok(read.optional()?)
    }

    /// The digest of values `values` read.
    pub fn digest(&self, values: &[Value]) -> Digest {
        self.ledger.digest_of_values(&self.names, values)
    }
}

/// Migration 4: audit rows gain a digest and a reason, and every record stored so far gets a
/// baseline row (校验基线) holding its digest. From here on `verify` can hold each row against
/// its history; what was changed behind the audit's back before this point cannot be seen.
pub fn install(tx: &rusqlite::Transaction) -> Result<()> {
    tx.execute_batch(
        "ALTER TABLE audit ADD COLUMN digest TEXT;
         ALTER TABLE audit ADD COLUMN reason TEXT;",
    )?;
    // A migration is a system act at the real time; no clock was passed to the store's open.
    let actor = super::Actor {
        operator: "系统".into(),
        now: crate::clock::system_now(),
    };
    for l in LEDGERS {
        if !super::rebaseline::has_table(tx, l.kind)? {
            continue;
        }
        let keys: Vec<String> = {
            let mut stmt = tx.prepare(&l.select_all(tx)?)?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        for key in keys {
            super::audit::record::<()>(tx, &actor, "校验基线", l.kind, &key, None, None)?;
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "digest_tests.rs"]
mod tests;
