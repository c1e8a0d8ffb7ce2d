//! Backups through SQLite's backup API: one a day on first start, on demand, and restore.

use std::path::{Path, PathBuf};
use std::time::Duration;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OpenFlags};

use super::{Actor, SCHEMA_VERSION, Store, audit, migrate, verify};
use crate::error::{Error, Result};
use crate::progress::Tick;

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
    copy_within(conn, dest, None)
}

/// As `copy_to`, telling `tick` the pages copied of the whole.
pub fn copy_to_ticking(conn: &Connection, dest: &Path, tick: Tick) -> Result<()> {
    copy_within(conn, dest, Some(tick))
}

/// As `copy_to`; a copy that fails leaves no `.part` behind.
fn copy_within(conn: &Connection, dest: &Path, tick: Option<Tick>) -> Result<()> {
    if let Some(d) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
    }
    // One .part per process: two programs starting together each write their own copy.
    let part = PathBuf::from(format!("{}.{}.part", dest.display(), std::process::id()));
    let copied = copy_pages(conn, &part, tick);
    if copied.is_err() {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", part.display()));
        }
    }
    copied?;
    std::fs::rename(&part, dest).map_err(|e| Error::io(dest, e))
}

fn copy_pages(conn: &Connection, part: &Path, tick: Option<Tick>) -> Result<()> {
    use rusqlite::backup::{Backup, StepResult};
    if part.exists() {
        std::fs::remove_file(part).map_err(|e| Error::io(part, e))?;
    }
    let mut out = Connection::open(part)?;
    let b = Backup::new(conn, &mut out)?;
    loop {
        let step = b.step(256)?;
        if let Some(t) = tick {
            let p = b.progress();
            t.at((p.pagecount - p.remaining) as u64, p.pagecount as u64);
        }
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => std::thread::sleep(Duration::from_millis(5)),
            _ => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// Whether the day's backup of `store` is still to be made (never for a memory database).
pub fn daily_due(store: &Store, today: NaiveDate) -> bool {
    let db = Path::new(store.path());
    store.path() != ":memory:" && !daily_dest(db, today).exists()
}

fn daily_dest(db: &Path, today: NaiveDate) -> PathBuf {
    dir_for(db).join(format!("{}-{today}.sqlite", stem(db)))
}

/// The day's backup, made on the first start of `today` by a command; None if it exists
/// already. As `daily_snapshot`: a writer elsewhere cannot make it start over, so however
/// large the file it finishes (it once gave up after 20 s, which a county file always hit).
pub fn daily(store: &Store, today: NaiveDate) -> Result<Option<PathBuf>> {
    if !daily_due(store, today) {
        return Ok(None);
    }
    daily_snapshot(Path::new(store.path()), today)
}

/// The day's backup of the database at `db`, for a process that must not wait for it (the
/// desk, after its first frame): through its own read-only connection, as one `VACUUM INTO`
/// of a snapshot. A snapshot never starts over when a writer commits and never blocks one
/// (WAL), so a busy desk neither stalls it nor is stalled by it. None if it exists already.
pub fn daily_snapshot(db: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    let (dir, dest) = (dir_for(db), daily_dest(db, today));
    if dest.exists() {
        return Ok(None);
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let part = PathBuf::from(format!("{}.{}.part", dest.display(), std::process::id()));
    let _ = std::fs::remove_file(&part);
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let made = conn.execute("VACUUM INTO ?1", [part.display().to_string()]);
    if let Err(e) = made {
        let _ = std::fs::remove_file(&part);
        return Err(e.into());
    }
    std::fs::rename(&part, &dest).map_err(|e| Error::io(&dest, e))?;
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

/// Replaces the database at `db` with the backup `file`. The backup is checked first
/// (integrity, audit chain, every record against its audit). Refused while a desk has the
/// database open. The backup is copied whole beside the database, the current database is
/// copied whole to a set-aside file, and only then is the copy renamed over the database, in
/// one step: at every instant the path holds the old database or the new one, whole. Returns
/// where the old database was set aside.
pub fn restore(
    db: &Path,
    file: &Path,
    actor: &Actor,
    tick: Option<Tick>,
) -> Result<Option<PathBuf>> {
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
    let lock = super::lock::whole_file(db, "恢复")?;
    remove_killed_restores(db);
    let incoming = PathBuf::from(format!(
        "{}.restore-{}.part",
        db.display(),
        std::process::id()
    ));
    let result = swap_in(db, &src, &incoming, actor, tick);
    if result.is_err() {
        let _ = std::fs::remove_file(&incoming);
    }
    drop(src);
    let aside = result?;
    let mut store = Store::open_holding(db, Some(lock))?;
    let note = serde_json::json!({
        "来源": crate::text::audit_path(file),
        "原数据库另存为": aside.as_deref().map(crate::text::audit_path),
    });
    store.write(|tx| {
        audit::record(
            tx,
            actor,
            "恢复",
            "database",
            &crate::text::audit_path(file),
            None,
            Some(&note),
        )
    })?;
    Ok(aside)
}

/// The copy of the backup, the set-aside copy of the current file, then one rename.
/// `tick` hears the pages of both copies.
fn swap_in(
    db: &Path,
    src: &Connection,
    incoming: &Path,
    actor: &Actor,
    tick: Option<Tick>,
) -> Result<Option<PathBuf>> {
    copy_pages(src, incoming, tick)?;
    // A rollback journal, not WAL: the file is then whole by itself, with no -wal beside it.
    Connection::open(incoming)?.pragma_update(None, "journal_mode", "DELETE")?;
    sync(incoming)?;
    let aside = set_aside(db, actor, tick)?;
    std::fs::rename(incoming, db).map_err(|e| Error::io(db, e))?;
    if let Some(dir) = db.parent() {
        // The rename is durable once the directory is; not every platform can sync one.
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(aside)
}

/// Under the whole-file lock no other restore runs: a `.part` of one (the incoming copy, its
/// journal, a half set-aside copy) is from a killed process.
fn remove_killed_restores(db: &Path) {
    let (Some(dir), Some(name)) = (db.parent(), db.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let prefixes = [
        format!("{name}.restore-"),
        format!("{name}.before-restore-"),
    ];
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| n.starts_with(p)) && n.contains(".part") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Flushes a file to the disk through a handle opened for writing: Windows refuses to flush
/// one opened read-only ("没有权限"), which made every restore fail there.
fn sync(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Copies the current database, whole and checkpointed, to a set-aside name no earlier
/// restore used; the database itself stays where it is until the rename replaces it.
fn set_aside(db: &Path, actor: &Actor, tick: Option<Tick>) -> Result<Option<PathBuf>> {
    if !db.exists() {
        return Ok(None);
    }
    let conn = Connection::open(db)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let stamp = actor.now.format("%Y%m%d-%H%M");
    let aside = (1..)
        .map(|n| match n {
            1 => format!("{}.before-restore-{stamp}", db.display()),
            n => format!("{}.before-restore-{stamp}-{n}", db.display()),
        })
        .map(PathBuf::from)
        .find(|p| !p.exists())
        .expect("some name is free");
    copy_within(&conn, &aside, tick)?;
    sync(&aside)?;
    drop(conn);
    // Whatever another process wrote to the WAL since would be lost with the old file.
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(Error::invalid(
            "另一个程序正在写入数据库，恢复未执行；请等它结束后再试，未作任何改动",
        ));
    }
    Ok(Some(aside))
}
