//! Backups through SQLite's backup API: one a day on first start, on demand, and restore.

use std::path::{Path, PathBuf};
use std::time::Duration;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OpenFlags};

use super::{Actor, SCHEMA_VERSION, Store, audit, migrate, verify};
use crate::error::{Error, Result};

/// Daily backups kept, and months that keep their first backup beyond those.
const KEEP_DAILY: usize = 30;
const KEEP_MONTHLY: usize = 12;

/// `backups/` beside the database.
pub fn dir_for(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "zhifa-desk".into(), |s| s.to_string_lossy().into_owned())
}

/// Copies the database behind `conn` to `dest` page by page, through a `.part` file renamed
/// into place when complete: a crash never leaves a half backup under the real name (a
/// leftover `.part` of a killed process is only ever an incomplete copy, never read).
pub fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    if let Some(d) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
    }
    // One .part per process: two programs starting together each write their own copy.
    let part = PathBuf::from(format!("{}.{}.part", dest.display(), std::process::id()));
    if part.exists() {
        std::fs::remove_file(&part).map_err(|e| Error::io(&part, e))?;
    }
    {
        let mut out = Connection::open(&part)?;
        let b = rusqlite::backup::Backup::new(conn, &mut out)?;
        b.run_to_completion(256, Duration::from_millis(5), None)?;
    }
    std::fs::rename(&part, dest).map_err(|e| Error::io(dest, e))
}

/// The day's backup, made on the first start of `today`; None if it exists already.
pub fn daily(store: &Store, today: NaiveDate) -> Result<Option<PathBuf>> {
    if store.path() == ":memory:" {
        return Ok(None);
    }
    let db = Path::new(store.path());
    let dir = dir_for(db);
    let dest = dir.join(format!("{}-{today}.sqlite", stem(db)));
    if dest.exists() {
        return Ok(None);
    }
    copy_to(store.conn(), &dest)?;
    prune(&dir, &stem(db))?;
    Ok(Some(dest))
}

/// Keeps the newest 30 daily backups and the first backup of each of the newest 12 months.
pub fn prune(dir: &Path, stem: &str) -> Result<Vec<PathBuf>> {
    let mut dated: Vec<(NaiveDate, PathBuf)> = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".part") {
            remove_if_stale(&entry.path());
            continue;
        }
        let date = name
            .strip_prefix(&format!("{stem}-"))
            .and_then(|rest| rest.strip_suffix(".sqlite"))
            .and_then(|d| d.parse::<NaiveDate>().ok());
        if let Some(d) = date {
            dated.push((d, entry.path()));
        }
    }
    dated.sort_by_key(|(d, _)| std::cmp::Reverse(*d));
    let mut keep: BTreeSet<NaiveDate> = dated.iter().take(KEEP_DAILY).map(|(d, _)| *d).collect();
    let mut first_of_month: BTreeMap<(i32, u32), NaiveDate> = BTreeMap::new();
    for (d, _) in &dated {
        let slot = first_of_month.entry((d.year(), d.month())).or_insert(*d);
        *slot = (*slot).min(*d);
    }
    keep.extend(first_of_month.values().rev().take(KEEP_MONTHLY));
    let mut removed = Vec::new();
    for (d, path) in dated {
        if !keep.contains(&d) {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            removed.push(path);
        }
    }
    Ok(removed)
}

/// A `.part` left by a process killed mid-backup: removed once it is an hour old.
fn remove_if_stale(path: &Path) {
    let age = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok());
    if age.is_some_and(|a| a > Duration::from_secs(3600)) {
        let _ = std::fs::remove_file(path);
    }
}

/// Replaces the database at `db` with the backup `file`: the backup is checked first
/// (integrity and audit chain), the current file is set aside, then the backup is copied in
/// and the restore itself is audited. Returns where the old database was set aside.
pub fn restore(db: &Path, file: &Path, actor: &Actor) -> Result<Option<PathBuf>> {
    if !file.exists() {
        return Err(Error::invalid(format!("找不到备份文件 {}", file.display())));
    }
    let src = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let version = migrate::user_version(&src)?;
    if version == 0 || version > SCHEMA_VERSION {
        return Err(Error::invalid(format!(
            "{} 不是本程序可用的备份（架构版本 {version}），未作任何改动",
            file.display()
        )));
    }
    if let Some(p) = verify::check(&src)?.problem() {
        return Err(Error::invalid(format!(
            "备份文件 {} 未通过检查，未作任何改动：{p}",
            file.display()
        )));
    }
    let aside = set_aside(db, actor)?;
    copy_to(&src, db)?;
    drop(src);
    let mut store = Store::open(db)?;
    let note = serde_json::json!({
        "来源": file.display().to_string(),
        "原数据库另存为": aside.as_ref().map(|p| p.display().to_string()),
    });
    store.write(|tx| {
        audit::record(
            tx,
            actor,
            "恢复",
            "database",
            &file.display().to_string(),
            None,
            Some(&note),
        )
    })?;
    Ok(aside)
}

/// Folds the WAL into the main file and renames it (with any -wal/-shm) out of the way.
fn set_aside(db: &Path, actor: &Actor) -> Result<Option<PathBuf>> {
    if !db.exists() {
        return Ok(None);
    }
    {
        let conn = Connection::open(db)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    let stamp = actor.now.format("%Y%m%d-%H%M%S");
    let aside = PathBuf::from(format!("{}.before-restore-{stamp}", db.display()));
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", db.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{suffix}", aside.display()));
            std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
        }
    }
    Ok(Some(aside))
}
