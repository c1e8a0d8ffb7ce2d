//! Who has the database file open: every process that opens it (the desk, an import, a report)
//! holds a shared lock on `<db>.lock` and leaves a note of what it is in `<db>.users/`;
//! whole-file operations (restore, resetting the demo) take the lock exclusively, so none can
//! pull the file from under another, and a refusal names what holds it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// Held while it lives; the OS releases it when the process ends, however it ends.
#[derive(Debug)]
pub struct FileLock {
    _file: File,
    /// This holder's note in `<db>.users/` (shared holders only), removed on drop.
    note: Option<(File, PathBuf)>,
}

impl Drop for FileLock {
    fn drop(&mut self) {
        if let Some((file, path)) = self.note.take() {
            drop(file);
            let _ = std::fs::remove_file(path);
        }
    }
}

static WHAT: OnceLock<String> = OnceLock::new();

/// Says once, for the whole process, what it is doing ("导入 complaints 投诉.csv", "值班台"):
/// the note a whole-file operation reads when this process holds it off.
pub fn describe_process(what: impl Into<String>) {
    let _ = WHAT.set(what.into());
}

fn what_this_is() -> &'static str {
    WHAT.get().map_or("zhifa-desk", String::as_str)
}

fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The lock file, made with its folder on first use; None where nothing can be written
/// (a read-only stick or share: no one can replace the file there either).
fn open(db: &Path) -> Result<Option<File>> {
    let path = beside(db, ".lock");
    // On a fresh machine the data folder does not exist yet: the lock comes first.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        return read_only_or(dir, e);
    }
    match OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
    {
        Ok(f) => Ok(Some(f)),
        Err(e) => read_only_or(&path, e),
    }
}

fn read_only_or(path: &Path, e: std::io::Error) -> Result<Option<File>> {
    match e.kind() {
        ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => Ok(None),
        _ => Err(Error::io(path, e)),
    }
}

/// Taken by every process that opens the database, for as long as it has it open. Refused
/// while a restore or reset holds it; None on a folder where no lock file can be made.
pub fn user(db: &Path) -> Result<Option<FileLock>> {
    let Some(file) = open(db)? else {
        return Ok(None);
    };
    match file.try_lock_shared() {
        Ok(()) => Ok(Some(FileLock {
            _file: file,
            note: leave_note(db),
        })),
        Err(TryLockError::WouldBlock) => Err(Error::invalid(format!(
            "数据库 {} 正在恢复或重建，请等它完成后再试；未作任何改动",
            crate::text::path(db)
        ))),
        Err(TryLockError::Error(e)) => Err(Error::io(beside(db, ".lock"), e)),
    }
}

/// Writes this process's note and holds it with a shared lock (readable by others, and
/// lockable exclusively only once this process is gone). A note that cannot be written
/// only makes a refusal less specific.
fn leave_note(db: &Path) -> Option<(File, PathBuf)> {
    let dir = beside(db, ".users");
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{}.txt", std::process::id()));
    let text = format!("{}（进程 {}）", what_this_is(), std::process::id());
    std::fs::write(&path, text).ok()?;
    let file = File::open(&path).ok()?;
    file.lock_shared().ok()?;
    Some((file, path))
}

/// What holds the database now, from the notes of live holders; notes of processes that are
/// gone (killed) are removed on the way.
pub fn holders(db: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(beside(db, ".users"))
        .into_iter()
        .flatten()
    {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let Ok(file) = File::open(&path) else {
            continue;
        };
        match file.try_lock() {
            Ok(()) => {
                drop(file);
                let _ = std::fs::remove_file(&path);
            }
            Err(_) => {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push(crate::text::printable(text.trim()).into_owned());
                }
            }
        }
    }
    out.sort();
    out
}

/// How long a whole-file operation waits for the holders to finish (a `today` or a report
/// is over in well under this) before it refuses.
const PATIENCE: Duration = Duration::from_secs(5);

/// Taken by an operation that replaces the whole file (`what`: "恢复"); it waits a few
/// seconds for running commands, then refuses, naming each process that holds the file.
pub fn whole_file(db: &Path, what: &str) -> Result<FileLock> {
    let Some(file) = open(db)? else {
        return Err(Error::invalid(format!(
            "{} 所在的文件夹是只读的，不能{what}",
            crate::text::path(db)
        )));
    };
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                return Ok(FileLock {
                    _file: file,
                    note: None,
                });
            }
            Err(TryLockError::WouldBlock) if start.elapsed() < PATIENCE => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(TryLockError::WouldBlock) => return Err(held_off(db, what)),
            Err(TryLockError::Error(e)) => return Err(Error::io(beside(db, ".lock"), e)),
        }
    }
}

fn held_off(db: &Path, what: &str) -> Error {
    let who = holders(db);
    let who = if who.is_empty() {
        "另一个程序".to_string()
    } else {
        who.join("、")
    };
    Error::invalid(format!(
        "数据库 {} 正被使用：{who}。不能{what}：请等这些命令结束、值班台按 q 退出后再重试；未作任何改动",
        crate::text::path(db)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_block_a_restore_and_a_restore_blocks_users() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.sqlite");
        describe_process("值班台");
        let desk_a = user(&db).unwrap().unwrap();
        let import_b = user(&db).unwrap().unwrap();
        let err = whole_file(&db, "恢复").unwrap_err().to_string();
        assert!(err.contains("正被使用"), "{err}");
        assert!(err.contains("值班台（进程"), "names what holds it: {err}");
        drop((desk_a, import_b));
        let restoring = whole_file(&db, "恢复").unwrap();
        assert!(user(&db).unwrap_err().to_string().contains("正在恢复"));
        drop(restoring);
        user(&db).unwrap().unwrap();
    }

    #[test]
    fn the_note_of_a_holder_that_is_gone_is_not_named() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.sqlite");
        let notes = beside(&db, ".users");
        std::fs::create_dir_all(&notes).unwrap();
        // A killed process leaves its note unlocked.
        std::fs::write(notes.join("999999.txt"), "导入（进程 999999）").unwrap();
        assert!(holders(&db).is_empty());
        assert!(!notes.join("999999.txt").exists());
    }
}
