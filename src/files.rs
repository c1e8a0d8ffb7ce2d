//! Files written whole or not at all: into a `.part` beside the target, renamed into place
//! when complete, so a crash never leaves half a ledger, paper or bundle under the real name;
//! a file that must be on record (a paper, reporters written out) is audited before the rename.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

fn part_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    path.with_file_name(name)
}

/// Streams `write` into `path`; a failure leaves no file behind.
pub fn write_with<T>(
    path: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<T>,
) -> Result<T> {
    write_with_recorded(path, write, |_| Ok(()))
}

/// As `write_with`; `record` (the audit row, in its own transaction) runs once the file is
/// complete and before it takes its name, so a failure or a kill leaves the file and its
/// record both or neither under the real name (at worst a `.part`, which nothing opens).
pub fn write_with_recorded<T>(
    path: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<T>,
    record: impl FnOnce(&T) -> Result<()>,
) -> Result<T> {
    let part = part_of(path);
    let written = write_part(&part, write)
        .and_then(|done| replaceable(path).map(|()| done))
        .and_then(|done| record(&done).map(|()| done));
    match written {
        Ok(done) => {
            rename(&part, path)?;
            Ok(done)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            Err(e)
        }
    }
}

fn write_part<T>(
    part: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> Result<T>,
) -> Result<T> {
    let file = std::fs::File::create(part).map_err(|e| Error::io(part, e))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let done = write(&mut w)?;
    let file = w
        .into_inner()
        .map_err(|e| Error::io(part, e.into_error()))?;
    file.sync_all().map_err(|e| Error::io(part, e))?;
    Ok(done)
}

/// Writes `bytes` into `path`, whole or not at all.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    write_recorded(path, bytes, || Ok(()))
}

/// As `write_whole`, with `record` run before the file takes its name (see
/// `write_with_recorded`).
pub fn write_recorded(
    path: &Path,
    bytes: &[u8],
    record: impl FnOnce() -> Result<()>,
) -> Result<()> {
    write_with_recorded(
        path,
        |w| w.write_all(bytes).map_err(|e| Error::io(path, e)),
        |()| record(),
    )
}

/// Writes a folder of files (a handoff bundle) beside `dir` with `write`, runs `record`, and
/// only then moves the files under `dir`: a failure or kill before the record leaves no file
/// in `dir` (at worst a `.part` folder beside it, cleared by the next run).
pub fn write_dir_recorded<T>(
    dir: &Path,
    write: impl FnOnce(&Path) -> Result<T>,
    record: impl FnOnce(&T) -> Result<()>,
) -> Result<T> {
    let staging = part_of(dir);
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    }
    let done = write(&staging).and_then(|done| {
        for name in names_in(&staging)? {
            replaceable(&dir.join(name))?;
        }
        record(&done).map(|()| done)
    });
    let done = match done {
        Ok(done) => done,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if !dir.exists() {
        std::fs::rename(&staging, dir).map_err(|e| Error::io(dir, e))?;
        return Ok(done);
    }
    for name in names_in(&staging)? {
        rename(&staging.join(&name), &dir.join(&name))?;
    }
    let _ = std::fs::remove_dir(&staging);
    Ok(done)
}

fn names_in(dir: &Path) -> Result<Vec<std::ffi::OsString>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    entries
        .map(|e| e.map(|e| e.file_name()).map_err(|e| Error::io(dir, e)))
        .collect()
}

/// Whether an existing file at `path` can be replaced: on Windows a workbook or paper open in
/// Excel, WPS or Word cannot, and that is said before anything is put on record.
fn replaceable(path: &Path) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    match std::fs::OpenOptions::new().append(true).open(path) {
        Ok(_) => Ok(()),
        Err(e) => Err(held_open(path, e)),
    }
}

fn rename(part: &Path, path: &Path) -> Result<()> {
    std::fs::rename(part, path).map_err(|e| {
        let _ = std::fs::remove_file(part);
        held_open(path, e)
    })
}

/// Windows' answer for a file another program holds (sharing or lock violation, or access
/// denied on a file that exists) becomes the message an office needs; others stay as they are.
fn held_open(path: &Path, e: std::io::Error) -> Error {
    held_open_on(cfg!(windows), path, e)
}

fn held_open_on(windows: bool, path: &Path, e: std::io::Error) -> Error {
    let held = matches!(e.raw_os_error(), Some(32 | 33))
        || e.kind() == std::io::ErrorKind::PermissionDenied;
    if windows && held && path.exists() {
        return Error::invalid(format!(
            "{} 可能正在 Excel、WPS 或 Word 中打开，无法替换：请先关闭它再重试（或用 --out 另写一个文件名）；未写出任何文件",
            crate::text::printable(&path.display().to_string())
        ));
    }
    Error::io(path, e)
}

/// The folder beside the database at `db` where a team keeps its own templates (papers and
/// the 案卷自查 checklist), read in place of the built-in ones.
pub fn templates_beside(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("templates")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_record_leaves_no_file_and_a_file_appears_only_after_its_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("移送函.docx");
        let refused = write_recorded(&path, b"paper", || Err(Error::invalid("数据库被占用")));
        assert!(refused.is_err());
        assert!(!path.exists() && !part_of(&path).exists());
        let mut seen_before_record = None;
        write_recorded(&path, b"paper", || {
            seen_before_record = Some((path.exists(), part_of(&path).exists()));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen_before_record,
            Some((false, true)),
            "written aside, not yet named"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"paper");
        assert!(!part_of(&path).exists());
    }

    #[test]
    fn a_file_held_by_another_program_is_named_as_open_in_excel_or_wps() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("台账.xlsx");
        std::fs::write(&path, b"old").unwrap();
        // Windows' ERROR_SHARING_VIOLATION, as a rename over a workbook Excel holds returns.
        let e = held_open_on(true, &path, std::io::Error::from_raw_os_error(32)).to_string();
        assert!(
            e.contains("可能正在 Excel、WPS 或 Word 中打开") && e.contains("台账.xlsx"),
            "{e}"
        );
    }
}
