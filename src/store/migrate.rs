//! Forward-only schema migrations, tracked by SQLite's `user_version`.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// Migration N (1-based) takes a database from version N-1 to N.
const MIGRATIONS: &[&str] = &[include_str!("sql/001_initial.sql")];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to date; each step and its version bump commit together.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    loop {
        // Read the version again under the write lock: another process may have migrated.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        let Some(sql) = MIGRATIONS.get(version as usize) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}
