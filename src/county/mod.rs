//! The county's view: a second database of the same engine, fed by the townships' monthly
//! handoff bundles, keyed per township, ranked month by month.

pub mod export;
pub mod find;
pub mod generate;
pub mod import;
pub mod report;
pub mod seal;

use std::path::Path;

use rusqlite::Connection;

use crate::domain::{Complaint, Notice, Patrol};
use crate::error::{Error, Result};
use crate::exchange::Kind;

use crate::store::COUNTY_FILE as APPLICATION_ID;

/// The county's database file.
pub struct County {
    conn: Connection,
    /// Held while the file is open, as a township store holds its own.
    _lock: Option<crate::store::lock::FileLock>,
}

/// The ledger table of kind `K`: the bundle's CSV columns as they are, keyed per township.
fn ledger_table<K: Kind>() -> String {
    let cols: Vec<String> = K::COLS
        .iter()
        .chain(K::COMPUTED)
        .map(|c| format!("\"{}\" TEXT NOT NULL DEFAULT ''", c.name))
        .collect();
    // A rowid table: rows are wide, so they append in rowid order and the key lives in a
    // narrow index (a WITHOUT ROWID table of wide rows splits pages on every insert).
    format!(
        "CREATE TABLE {} (乡镇代码 TEXT NOT NULL, 月份 TEXT NOT NULL, {});
         CREATE UNIQUE INDEX {0}_key ON {0}(乡镇代码, \"{}\");
         CREATE INDEX {0}_by_month ON {0}(乡镇代码, 月份);",
        K::NAME,
        cols.join(", "),
        K::COLS[0].name
    )
}

impl County {
    /// Opens (or creates) the county database at `path`; a township's file is refused.
    pub fn open(path: &Path) -> Result<County> {
        let _lock = crate::store::lock::user(path)?;
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if id != APPLICATION_ID && tables > 0 {
            return Err(Error::invalid(format!(
                "{} 不是县级汇总库（可能是某个乡镇的值班台数据库）；县级汇总请用另一个文件，如 --db 县汇总.sqlite",
                path.display()
            )));
        }
        if tables == 0 {
            let schema = [
                include_str!("schema.sql").to_string(),
                ledger_table::<Complaint>(),
                ledger_table::<Notice>(),
                ledger_table::<Patrol>(),
            ]
            .join("\n");
            conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {schema} PRAGMA application_id = {APPLICATION_ID}; COMMIT;"
            ))?;
        }
        seal::install(&conn)?;
        Ok(County { conn, _lock })
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}
