//! Record digests: what each audited table holds of a record, hashed into the audit row that
//! wrote it, so `verify` can hold every live row against the last word of its audit history.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::chain::sha256_hex;
use crate::error::Result;

/// One audited table: the columns a person or a step recorded. Derived columns (deadlines,
/// next due, visits) are left out: `verify` recomputes them instead.
pub struct Ledger {
    /// The kind as audit rows name it (also the table, except where `from` says otherwise).
    pub kind: &'static str,
    pub noun: &'static str,
    /// The key as audit rows write it, as an SQL expression over the table.
    key: &'static str,
    /// The WHERE clause that finds one key bound to ?1 through the primary key.
    find: &'static str,
    cols: &'static str,
    /// Columns that never appear in the audit in clear: only the whole digest covers them.
    personal: &'static [&'static str],
    /// Columns added by later versions, written as NULL while unset: they join the digest
    /// only once set, so digests of records written before them still hold. `later` selects
    /// them, each with the schema version that added it; `optional` names them.
    later: &'static [(i64, &'static str)],
    optional: &'static [&'static str],
}

pub const LEDGERS: &[Ledger] = &[
    Ledger {
        kind: "officers",
        noun: "人员",
        key: "id",
        find: "id = ?1",
        cols: "id, name, squad, role, cert_no, cert_expiry, phone, status, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "areas",
        noun: "区域",
        key: "id",
        find: "id = ?1",
        cols: "id, name, kind, interval_days, village, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "matters",
        noun: "执法事项",
        key: "id",
        find: "id = ?1",
        cols: "id, name, field, legal_basis, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "roster",
        noun: "排班",
        key: "date || ' ' || team",
        find: "date = substr(?1, 1, 10) AND team = substr(?1, 12)",
        cols: "date, team, officers, areas, shift, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "patrols",
        noun: "巡查记录",
        key: "id",
        find: "id = ?1",
        cols: "id, date, start_time, end_time, team, officers, areas, notes, found_problem,
               void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "complaints",
        noun: "投诉",
        key: "id",
        find: "id = ?1",
        cols: "id, received_at, channel, reporter, phone, area, matter, description, complexity,
               state, verified_at, result, fed_back_at, closed_at, void_reason",
        later: &[
            (
                6,
                ", NULLIF(squad, '') AS squad, NULLIF(handlers, '[]') AS handlers,
                 NULLIF(verified_by, '[]') AS verified_by, NULLIF(finding, '') AS finding,
                 handled_at, NULLIF(feedback_method, '') AS feedback_method,
                 NULLIF(extensions, '[]') AS extensions",
            ),
            (7, ", NULLIF(transfer_to, '') AS transfer_to"),
        ],
        personal: &["reporter", "phone"],
        optional: &[
            "squad",
            "handlers",
            "verified_by",
            "finding",
            "handled_at",
            "feedback_method",
            "extensions",
            "transfer_to",
        ],
    },
    Ledger {
        kind: "notices",
        noun: "整改通知",
        key: "id",
        find: "id = ?1",
        // The re-inspection log belongs to its notice: one step writes both.
        cols: "id, party, address, area, matter, problem, legal_basis, issued_on, deadline, state,
               reinspected_on, reinspect_result, complaint, extension_reason, void_reason, late,
               (SELECT json_group_array(json_array(r.date, r.result, r.outcome, r.officers, r.late)
                       ORDER BY r.id)
                FROM reinspections r WHERE r.notice_id = notices.id) AS reinspections",
        personal: &[],
        later: &[(
            7,
            ", NULLIF(officers, '[]') AS officers, NULLIF(certs, '[]') AS certs,
             NULLIF(requirement, '') AS requirement, served_on,
             NULLIF(service_method, '') AS service_method",
        )],
        optional: &[
            "officers",
            "certs",
            "requirement",
            "served_on",
            "service_method",
        ],
    },
    Ledger {
        kind: "holidays",
        noun: "节假日",
        key: "date",
        find: "date = ?1",
        cols: "date, kind, name",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "settings",
        noun: "设置",
        key: "key",
        find: "key = ?1",
        cols: "key, value",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "leaves",
        noun: "请假",
        key: "officer || ' ' || start",
        find: "officer = substr(?1, 1, instr(?1, ' ') - 1) AND start = substr(?1, instr(?1, ' ') + 1)",
        cols: "officer, start, end, reason, void_reason",
        personal: &[],
        later: &[],
        optional: &[],
    },
    Ledger {
        kind: "duty_log",
        noun: "值班记录",
        key: "CAST(id AS TEXT)",
        find: "id = CAST(?1 AS INTEGER)",
        cols: "id, at, officer, kind, note",
        personal: &[],
        later: &[],
        optional: &[],
    },
];

pub fn ledger(kind: &str) -> Option<&'static Ledger> {
    LEDGERS.iter().find(|l| l.kind == kind)
}

/// A record's digest as an audit row keeps it: one hash over every recorded column, and one
/// per column (personal ones left out) so a mismatch can name the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digest {
    pub all: String,
    pub cols: Vec<(String, String)>,
}

impl Digest {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a digest serializes")
    }

    pub fn from_json(text: &str) -> Option<Digest> {
        serde_json::from_str(text).ok()
    }

    /// The columns that differ from `stored`; personal ones are named together.
    pub fn differences(&self, stored: &Digest) -> Vec<String> {
        let mut out: Vec<String> = self
            .cols
            .iter()
            .filter(|(name, h)| {
                stored
                    .cols
                    .iter()
                    .find(|(n, _)| n == name)
                    .is_none_or(|(_, s)| s != h)
            })
            .map(|(name, _)| name.clone())
            .collect();
        if out.is_empty() && self.all != stored.all {
            out.push("举报人或联系电话".into());
        }
        out
    }
}

/// Writes a column's value as the JSON its digest hashes: text as a string, a blob as the hex
/// of its SHA-256. Written straight into `buf` (no JSON value is built): this runs for every
/// column of every audited write.
fn canonical(buf: &mut Vec<u8>, v: ValueRef) {
    let json = match v {
        ValueRef::Null => {
            buf.extend_from_slice(b"null");
            Ok(())
        }
        ValueRef::Integer(i) => serde_json::to_writer(&mut *buf, &i),
        ValueRef::Real(f) => serde_json::to_writer(&mut *buf, &serde_json::Value::from(f)),
        ValueRef::Text(t) => serde_json::to_writer(&mut *buf, &*String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => serde_json::to_writer(&mut *buf, &sha256_hex(b)),
    };
    json.expect("writing to memory cannot fail");
}

/// The schema version, which says which `later` columns exist (a migration before them
/// runs with fewer).
fn version(conn: &Connection) -> Result<i64> {
    super::migrate::user_version(conn)
}

impl Ledger {
    fn select(&self, filter: &str, version: i64) -> String {
        let later: String = self
            .later
            .iter()
            .filter(|(since, _)| *since <= version)
            .map(|(_, cols)| *cols)
            .collect();
        format!(
            "SELECT {} AS audit_key, {}{later} FROM {} {filter}",
            self.key, self.cols, self.kind
        )
    }

    /// Every row with its key, in key order (the order audit keys sort in).
    pub fn select_all(&self, conn: &Connection) -> Result<String> {
        Ok(self.select("ORDER BY audit_key", version(conn)?))
    }

    /// The digest of a row read by `select_all` (or the one-key query).
    pub fn digest_of(&self, row: &Row) -> rusqlite::Result<Digest> {
        let stmt = row.as_ref();
        let mut cols = Vec::with_capacity(stmt.column_count());
        for i in 1..stmt.column_count() {
            cols.push((stmt.column_name(i)?, row.get_ref(i)?));
        }
        Ok(self.digest_from(cols))
    }

    /// The digest of values read earlier by the one-key query (`Reread`), named by `names`.
    fn digest_of_values(&self, names: &[String], values: &[Value]) -> Digest {
        let cols = names.iter().map(String::as_str);
        self.digest_from(cols.zip(values.iter().map(ValueRef::from)))
    }

    fn digest_from<'a>(
        &self,
        columns: impl IntoIterator<Item = (&'a str, ValueRef<'a>)>,
    ) -> Digest {
        // `all` is the JSON array of every value, `one` each value alone.
        let (mut all, mut one) = (vec![b'['], Vec::new());
        let mut cols = Vec::new();
        for (name, value) in columns {
            if value == ValueRef::Null && self.optional.contains(&name) {
                continue;
            }
            one.clear();
            canonical(&mut one, value);
            if !self.personal.contains(&name) {
                cols.push((name.to_string(), sha256_hex(&one)[..16].to_string()));
            }
            if all.len() > 1 {
                all.push(b',');
            }
            all.extend_from_slice(&one);
        }
        all.push(b']');
        Digest {
            all: sha256_hex(&all),
            cols,
        }
    }
}

impl Ledger {
    /// The query that reads one record as its digest reads it (key bound to ?1).
    fn one_key(&self, conn: &Connection) -> Result<String> {
        Ok(self.select(&format!("WHERE {}", self.find), version(conn)?))
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
        // Ledgers added by later versions have no table yet, and no records to baseline.
        let exists: bool = tx.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [l.kind],
            |r| r.get(0),
        )?;
        if !exists {
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
