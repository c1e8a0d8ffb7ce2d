//! What the county holds of each bundle, sealed: a digest over every row one bundle put in the
//! county database, kept beside the bundle's manifest hash. `county verify` recomputes it, so an
//! SQL edit of figures or ledger rows is named; importing the bundle again puts it right.

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use sha2::{Digest, Sha256};

use super::{County, import};
use crate::domain::{Complaint, Notice, Patrol};
use crate::error::Result;
use crate::exchange::Kind;
use crate::store::chain::hex;

/// The tables a bundle loads, each with its township and month columns and a key to order by.
fn tables() -> [(&'static str, &'static str, &'static str, &'static str); 4] {
    [
        ("figures", "code", "month", "code"),
        (Complaint::NAME, "乡镇代码", "月份", Complaint::COLS[0].name),
        (Notice::NAME, "乡镇代码", "月份", Notice::COLS[0].name),
        (Patrol::NAME, "乡镇代码", "月份", Patrol::COLS[0].name),
    ]
}

/// The digest of every row township `code` has for `month`: each non-empty value with its
/// column's name and type, so a column added to the ledgers later (empty in older rows)
/// leaves the seals of bundles imported before it as they were.
pub fn content(conn: &Connection, code: &str, month: &str) -> Result<String> {
    let mut h = Sha256::new();
    for (table, code_col, month_col, key) in tables() {
        h.update(table.as_bytes());
        let sql = format!(
            "SELECT * FROM {table} WHERE \"{code_col}\" = ?1 AND \"{month_col}\" = ?2 ORDER BY \"{key}\""
        );
        let mut stmt = conn.prepare(&sql)?;
        let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let mut rows = stmt.query([code, month])?;
        while let Some(r) = rows.next()? {
            h.update(b"\x1e");
            for (i, name) in names.iter().enumerate() {
                let value = r.get_ref(i)?;
                if matches!(value, ValueRef::Null | ValueRef::Text(b"")) {
                    continue;
                }
                h.update(b"\x1f");
                h.update(name.as_bytes());
                match value {
                    ValueRef::Null => {}
                    ValueRef::Integer(v) => {
                        h.update(b"\x1fI");
                        h.update(v.to_be_bytes());
                    }
                    ValueRef::Real(v) => {
                        h.update(b"\x1fR");
                        h.update(v.to_bits().to_be_bytes());
                    }
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        h.update(b"\x1fT");
                        h.update((t.len() as u64).to_be_bytes());
                        h.update(t);
                    }
                }
            }
        }
    }
    Ok(hex(&h.finalize()))
}

/// Files made before the seal have no content digest: it is added, empty until re-imported.
/// Ledger columns added since the file was made (期限说明) are added too, empty.
pub fn install(conn: &Connection) -> Result<()> {
    for (table, cols) in [
        (Complaint::NAME, ledger_cols::<Complaint>()),
        (Notice::NAME, ledger_cols::<Notice>()),
        (Patrol::NAME, ledger_cols::<Patrol>()),
    ] {
        let has: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if has.is_empty() {
            continue;
        }
        for col in cols.iter().filter(|c| !has.contains(c)) {
            conn.execute_batch(&format!(
                "ALTER TABLE {table} ADD COLUMN \"{col}\" TEXT NOT NULL DEFAULT '';"
            ))?;
        }
    }
    let appealed: bool = conn.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('figures') WHERE name = 'appealed'",
        [],
        |r| r.get(0),
    )?;
    if !appealed {
        conn.execute_batch("ALTER TABLE figures ADD COLUMN appealed INTEGER NOT NULL DEFAULT 0;")?;
    }
    // Call-backs and 案卷自查, carried by bundles from schema 14 on: NULL for bundles before
    // them (no figure, not zero), and left out of their seals as NULL is.
    for col in FIGURES_SINCE_14 {
        let has: bool = conn.query_row(
            "SELECT count(*) > 0 FROM pragma_table_info('figures') WHERE name = ?1",
            [col],
            |r| r.get(0),
        )?;
        if !has {
            conn.execute_batch(&format!("ALTER TABLE figures ADD COLUMN {col} INTEGER;"))?;
        }
    }
    let has: bool = conn.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('bundles') WHERE name = 'content_sha'",
        [],
        |r| r.get(0),
    )?;
    if !has {
        conn.execute_batch("ALTER TABLE bundles ADD COLUMN content_sha TEXT NOT NULL DEFAULT '';")?;
    }
    Ok(())
}

/// The figures columns a bundle's 通报 carries since call-backs and 案卷自查 (schema 14).
pub const FIGURES_SINCE_14: [&str; 5] = ["answered", "satisfied", "reopened", "reviewed", "passed"];

fn ledger_cols<K: Kind>() -> Vec<String> {
    K::COLS
        .iter()
        .chain(K::COMPUTED)
        .map(|c| c.name.to_string())
        .collect()
}

/// `county verify`: SQLite's integrity check, every bundle's rows against the digest made when
/// it was imported, and every township's chain of bundles. Empty when all holds.
pub fn verify(county: &County) -> Result<Vec<String>> {
    let conn = county.conn();
    let mut out: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|m| m != "ok")
        .map(|m| format!("SQLite 完整性检查未通过：{m}"))
        .collect();
    let held: Vec<(String, String, String, String)> = conn
        .prepare("SELECT code, team, month, content_sha FROM bundles ORDER BY code, month")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (code, team, month, sealed) in &held {
        if sealed.is_empty() {
            out.push(format!(
                "{team}（{code}）{month}：由旧版本导入，没有内容校验值；请重新导入该移交包"
            ));
        } else if content(conn, code, month)? != *sealed {
            out.push(format!(
                "{team}（{code}）{month}：库中的通报数字或台账行与导入时不符（被直接改动）；重新导入该月的移交包即可恢复"
            ));
        }
    }
    out.extend(import::broken_histories(county)?);
    Ok(out)
}
