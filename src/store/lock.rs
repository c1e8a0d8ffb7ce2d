//! Who has the database file open for a long time: an open desk holds a shared lock on
//! `<db>.lock`; whole-file operations (restore, resetting the demo) take it exclusively, so
//! neither can pull the file from under the other.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Held while it lives; the OS releases it when the process ends, however it ends.
#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

fn lock_path(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.lock", db.display()))
}

fn open(db: &Path) -> Result<File> {
    let path = lock_path(db);
    // On a fresh machine the data folder does not exist yet: the lock comes first.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))
}

/// Taken by the desk for as long as it is open; refused while a restore is running.
pub fn desk(db: &Path) -> Result<FileLock> {
    let file = open(db)?;
    match file.try_lock_shared() {
        Ok(()) => Ok(FileLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(Error::invalid(format!(
            "数据库 {} 正在恢复或重建，请等它完成后再打开值班台",
            db.display()
        ))),
        Err(TryLockError::Error(e)) => Err(Error::io(lock_path(db), e)),
    }
}

/// Taken by an operation that replaces the whole file; refused while any desk has it open.
pub fn whole_file(db: &Path, what: &str) -> Result<FileLock> {
    let file = open(db)?;
    match file.try_lock() {
        Ok(()) => Ok(FileLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(Error::invalid(format!(
            "值班台正开着数据库 {}，不能{what}：请先在值班台按 q 退出（所有开着的值班台都要关闭），再重试；未作任何改动",
            db.display()
        ))),
        Err(TryLockError::Error(e)) => Err(Error::io(lock_path(db), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_desk_blocks_a_restore_and_a_restore_blocks_a_desk() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.sqlite");
        let desk_a = desk(&db).unwrap();
        let desk_b = desk(&db).unwrap();
        let err = whole_file(&db, "恢复").unwrap_err().to_string();
        assert!(err.contains("值班台正开着数据库"), "{err}");
        drop((desk_a, desk_b));
        let restoring = whole_file(&db, "恢复").unwrap();
        assert!(desk(&db).unwrap_err().to_string().contains("正在恢复"));
        drop(restoring);
        desk(&db).unwrap();
    }
}
