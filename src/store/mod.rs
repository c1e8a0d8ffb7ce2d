//! The SQLite store: one file, opened the same way everywhere, every write audited.

pub mod audit;
pub mod backup;
pub mod callbacks;
pub mod carried;
pub mod chain;
mod codec;
pub mod complaints;
pub mod correction;
pub mod desk;
mod desk_notices;
mod desk_roster;
pub mod digest;
pub mod draws;
pub mod duty;
pub mod evidence;
mod history;
pub mod holdings;
pub mod holidays;
pub mod inspections;
pub mod leaves;
mod ledgers;
pub mod lock;
mod migrate;
pub mod moved;
pub mod notices;
pub mod pause;
pub mod people;
pub mod plan;
pub mod publicity;
mod rebaseline;
pub mod record;
pub mod reinspections;
pub mod review;
pub mod roster;
pub mod seal;
pub mod settings;
pub mod subjects;
pub mod traces;
pub mod verify;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::calendar::Calendar;
use crate::domain::Settings;
use crate::error::{Error, Result};

pub use audit::AuditRow;
pub use migrate::SCHEMA_VERSION;
pub use record::{Change, Record};

/// Marks a county database (`PRAGMA application_id`, "zhco"), so neither kind of file is
/// opened as the other.
pub const COUNTY_FILE: i64 = 0x7A68_636F;

/// Who changes what, and when: every write carries one.
#[derive(Debug, Clone)]
pub struct Actor {
    pub operator: String,
    pub now: NaiveDateTime,
}

/// What a write needs besides the connection: who, when, and the rules that derive deadlines.
pub struct Ctx<'a> {
    pub actor: &'a Actor,
    pub calendar: &'a Calendar,
    pub settings: &'a Settings,
}

pub struct Store {
    conn: Connection,
    path: String,
    created: bool,
    /// The file lock this process holds while it has the database open (None in memory and
    /// on a read-only folder): no restore can swap the file from under it.
    _lock: Option<lock::FileLock>,
    read_only: bool,
}

/// SQLite's answer when a file or the folder beside it cannot be written.
fn cannot_write(e: &Error) -> bool {
    matches!(e, Error::Db(d) if matches!(
        d.sqlite_error_code(),
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
    ))
}

/// `file:` URI of `path` marked immutable: no lock, journal or WAL file is looked for.
fn immutable_uri(path: &Path) -> Result<String> {
    let abs = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let text = abs.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                uri.push(b as char)
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    Ok(uri)
}

/// The database file: `ZHIFA_DB` if set, else `zhifa-desk.sqlite` in the local data dir.
pub fn default_path() -> Result<PathBuf> {
    if let Some(p) = std::env::var_os("ZHIFA_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("cn", "zhifa", "zhifa-desk")
        .ok_or_else(|| Error::invalid("找不到本机的数据目录，请用 --db 指定数据库文件"))?;
    Ok(dirs.data_local_dir().join("zhifa-desk.sqlite"))
}

impl Store {
    /// Opens (or creates) the database at `path`. A file from a newer version is refused
    /// before anything is written to it; a current one is opened without taking the write
    /// lock, so reading never waits behind a writer and works on a read-only file.
    /// The process holds the database's shared lock for as long as the store is open.
    pub fn open(path: &Path) -> Result<Store> {
        let held = lock::user(path)?;
        Self::open_holding(path, held)
    }

    /// As `open`, for a whole-file operation that already holds the lock exclusively.
    pub fn open_holding(path: &Path, held: Option<lock::FileLock>) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let created = std::fs::metadata(path).map_or(true, |m| m.len() == 0);
        let shown = path.display().to_string();
        let mut store = match Connection::open(path).map_err(Error::from) {
            Ok(conn) => match Self::setup(conn, &shown) {
                Err(e) if !created && cannot_write(&e) => Self::open_read_only(path, &shown)?,
                other => other?,
            },
            Err(e) if !created && cannot_write(&e) => Self::open_read_only(path, &shown)?,
            Err(e) => return Err(e),
        };
        store.created = created;
        store._lock = held;
        Ok(store)
    }

    /// A file on a write-protected stick or a read-only share: opened as it stands, for
    /// reading (SQLite cannot make the WAL's shared-memory file beside it). Writes are refused
    /// by SQLite with 只读.
    fn open_read_only(path: &Path, shown: &str) -> Result<Store> {
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(immutable_uri(path)?, flags)?;
        let mut store = Self::setup(conn, shown)?;
        store.read_only = true;
        Ok(store)
    }

    /// Whether the store was opened read-only (its folder cannot be written).
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, ":memory:")
    }

    fn setup(mut conn: Connection, path: &str) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if id == COUNTY_FILE {
            return Err(Error::invalid(format!(
                "{} 是县级汇总库，不是乡镇值班台的数据库；县里请用 zhifa-desk --db {0} county import / report / verify",
                crate::text::printable(path)
            )));
        }
        migrate::refuse_newer(&conn, path)?;
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") && !conn.is_readonly(rusqlite::MAIN_DB)? {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate::migrate(&mut conn, path)?;
        Ok(Store {
            conn,
            path: path.to_string(),
            created: false,
            _lock: None,
            read_only: false,
        })
    }

    /// Whether `open` found no database at the path (or an empty file) and made a new one.
    pub fn created(&self) -> bool {
        self.created
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// A read-only connection of its own to the same file, for reading on another thread
    /// while this one writes (the desk's statistics); None for a database in memory.
    pub fn reader(&self) -> Result<Option<Connection>> {
        if self.path == ":memory:" {
            return Ok(None);
        }
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX
            | rusqlite::OpenFlags::SQLITE_OPEN_URI;
        let path = Path::new(&self.path);
        let conn = match self.read_only {
            true => Connection::open_with_flags(immutable_uri(path)?, flags)?,
            false => Connection::open_with_flags(path, flags)?,
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Some(conn))
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The built-in calendar overlaid with imported holidays.
    pub fn calendar(&self) -> Result<Calendar> {
        holidays::calendar(&self.conn)
    }

    pub fn settings(&self) -> Result<Settings> {
        settings::load(&self.conn)
    }

    /// Runs `f` in one IMMEDIATE transaction; commits only if it returns Ok.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.transact(true, f)
    }

    /// As `write`, with the rules that derive deadlines and the acting officer at hand.
    pub fn write_with_rules<T>(
        &mut self,
        actor: &Actor,
        f: impl FnOnce(&Transaction, &Ctx) -> Result<T>,
    ) -> Result<T> {
        let (calendar, settings) = (self.calendar()?, self.settings()?);
        self.write(|tx| {
            let ctx = Ctx {
                actor,
                calendar: &calendar,
                settings: &settings,
            };
            f(tx, &ctx)
        })
    }

    /// As `write`, through a shared borrow: for a write made while a read of the same store
    /// is still borrowed (an export's audit row, made before its file takes its name).
    /// Nesting it inside another transaction is refused by SQLite.
    pub fn write_shared<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// As `write`, but with `commit` false everything is rolled back (a dry run).
    pub fn transact<T>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        if commit {
            tx.commit()?;
        }
        Ok(out)
    }

    pub fn schema_version(&self) -> Result<i64> {
        migrate::user_version(&self.conn)
    }
}

#[cfg(test)]
mod desk_tests;
#[cfg(test)]
mod disk_tests;
#[cfg(test)]
mod forgery_tests;
#[cfg(test)]
mod privacy_tests;
#[cfg(test)]
mod safety_tests;
#[cfg(test)]
mod tamper_tests;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod pause_tests;
