//! A folder's manifest (bundle or archive): where the audit chain stands, the rows that list
//! each file with its SHA-256, and the files under the folder as the manifest names them.

use std::path::Path;

use super::export::to_csv;
use super::handoff::{ANCHOR, Anchor, Entry, MANIFEST, MANIFEST_HEADERS};
use crate::error::{Error, Result};

/// Where the audit chain stands now: its count of rows and its head.
pub fn anchor_now(conn: &rusqlite::Connection) -> Result<Anchor> {
    Ok(conn.query_row(
        "SELECT count(*), COALESCE((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '') FROM audit",
        [],
        |r| {
            Ok(Anchor {
                rows: r.get(0)?,
                head: r.get(1)?,
            })
        },
    )?)
}

/// A manifest's rows for `entries`, then the chain anchor.
pub fn manifest_rows_of(entries: &[Entry], anchor: &Anchor) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| vec![e.file.clone(), e.rows.to_string(), e.sha256.clone()])
        .collect();
    rows.push(vec![
        ANCHOR.to_string(),
        anchor.rows.to_string(),
        anchor.head.clone(),
    ]);
    rows
}

/// Writes `rows` as the folder's manifest.
pub fn write_manifest(dir: &Path, rows: &[Vec<String>]) -> Result<()> {
    crate::files::write_whole(&dir.join(MANIFEST), &to_csv(&MANIFEST_HEADERS, rows))
}

/// A manifest's file name stays inside the folder: relative, `/` between folders, no `..`.
pub(super) fn inside(file: &str) -> bool {
    !file.is_empty()
        && !file.contains(['\\', ':'])
        && !file.starts_with('/')
        && file.split('/').all(|part| !part.is_empty() && part != "..")
}

/// Every file under `dir`, as `sub/name` relative to the folder `under` names.
pub(super) fn files_under(dir: &Path, under: &str) -> Result<Vec<String>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = Vec::new();
    for e in entries.flatten() {
        let name = format!("{under}{}", e.file_name().to_string_lossy());
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(files_under(&e.path(), &format!("{name}/"))?);
        } else {
            out.push(name);
        }
    }
    Ok(out)
}
