//! Files written whole or not at all: into a `.part` beside the target, renamed into place
//! when complete, so a crash never leaves half a ledger, paper or bundle under the real name.

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
    let part = part_of(path);
    let file = std::fs::File::create(&part).map_err(|e| Error::io(&part, e))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let written = write(&mut w).and_then(|done| {
        w.flush().map_err(|e| Error::io(&part, e))?;
        Ok(done)
    });
    drop(w);
    match written {
        Ok(done) => {
            std::fs::rename(&part, path).map_err(|e| Error::io(path, e))?;
            Ok(done)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            Err(e)
        }
    }
}

/// Writes `bytes` into `path`, whole or not at all.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with(path, |w| w.write_all(bytes).map_err(|e| Error::io(path, e)))
}
