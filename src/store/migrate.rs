//! Forward-only schema migrations, tracked by SQLite's `user_version`.

use rusqlite::{Connection, Transaction};

use crate::error::{Error, Result};

/// One step of the schema: SQL, or code where rows must be rewritten (SQLite has no SHA-256).
enum Migration {
    Sql(&'static str),
    Code(fn(&Transaction) -> Result<()>),
}

/// Migration N (1-based) takes a database from version N-1 to N.
const MIGRATIONS: &[Migration] = &[
    Migration::Sql(include_str!("sql/001_initial.sql")),
    Migration::Code(super::chain::install),
    Migration::Sql(include_str!("sql/003_live_visits.sql")),
    Migration::Code(super::digest::install),
    Migration::Sql(include_str!("sql/005_leaves.sql")),
    Migration::Sql(include_str!("sql/006_dispatch.sql")),
    Migration::Sql(include_str!("sql/007_documents.sql")),
    Migration::Sql(include_str!("sql/008_open_notices.sql")),
    Migration::Sql(include_str!("sql/009_last_patrols.sql")),
    Migration::Code(super::rebaseline::migrate),
    Migration::Sql(include_str!("sql/011_stops_appeals.sql")),
    Migration::Sql(include_str!("sql/012_service_and_case.sql")),
    Migration::Sql(include_str!("sql/013_inspections.sql")),
    Migration::Sql(include_str!("sql/014_callbacks.sql")),
    Migration::Sql(include_str!("sql/015_report_indexes.sql")),
    Migration::Sql(include_str!("sql/016_case_index.sql")),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("PRAGMA user_version")?
        .query_row([], |r| r.get(0))?)
}

/// Brings the schema up to date; each step and its version bump commit together.
pub fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    migrate_to(conn, path, SCHEMA_VERSION)
}

/// Refuses a file from a newer version of the program, having only read it.
pub fn refuse_newer(conn: &Connection, path: &str) -> Result<()> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Brings the schema up to `target` (tests build the files of earlier versions with it).
pub(crate) fn migrate_to(conn: &mut Connection, path: &str, target: i64) -> Result<()> {
    refuse_newer(conn, path)?;
    // A current file needs no write, so no lock: readers open it while a writer works.
    if user_version(conn)? >= target {
        return Ok(());
    }
    loop {
        // Read the version again under the write lock: another process may have migrated.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        let step = MIGRATIONS
            .get(version as usize)
            .filter(|_| version < target);
        match step {
            None => return Ok(()),
            Some(Migration::Sql(sql)) => tx.execute_batch(sql)?,
            Some(Migration::Code(f)) => f(&tx)?,
        }
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}
