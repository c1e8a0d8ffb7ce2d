//! The evidence register as the store keeps it: a file hashed where it lies and recorded
//! against the inspection, notice or lead it belongs to; checked again by `verify`.

use std::io::Read;
use std::path::Path;

use chrono::Datelike;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::codec::{self, datetime, label};
use super::{Actor, Ctx, Record, Store, people, record};
use crate::domain::evidence::{Evidence, EvidenceKind, FileState, LinkKind};
use crate::error::{Error, Result};

const COLS: &str = "id, kind, path, size, sha256, registered_at, by, link_kind, link, note";

fn row(r: &Row) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        kind: label(r, 1, EvidenceKind::parse)?,
        path: r.get(2)?,
        size: r.get::<_, i64>(3)? as u64,
        sha256: r.get(4)?,
        registered_at: datetime(r, 5)?,
        by: r.get(6)?,
        link_kind: label(r, 7, LinkKind::parse)?,
        link: r.get(8)?,
        note: r.get(9)?,
    })
}

impl Record for Evidence {
    const KIND: &'static str = "evidence";
    const NOUN: &'static str = "证据";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let sql = format!("SELECT {COLS} FROM evidence WHERE id = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([key], row)
            .optional()?)
    }

    /// A plain INSERT: a registered file is never re-pointed (void it and register again).
    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO evidence (id, kind, path, size, sha256, registered_at, by, link_kind,
               link, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            self.id,
            self.kind.label(),
            self.path,
            self.size as i64,
            self.sha256,
            self.registered_at,
            self.by,
            self.link_kind.label(),
            self.link,
            self.note
        ])?;
        Ok(())
    }
}

/// The size and SHA-256 of the file at `path`, read in pieces (a body camera's video is
/// gigabytes).
pub fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    use sha2::{Digest, Sha256};
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        h.update(&buf[..n]);
    }
    Ok((size, super::chain::hex(&h.finalize())))
}

/// The files given, a folder standing for the files in it (not its subfolders), in name
/// order: the shell of Windows expands no wildcards, so a folder is how many are given.
pub fn files_in(paths: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            let mut inside: Vec<_> = std::fs::read_dir(p)
                .map_err(|e| Error::io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file())
                .collect();
            inside.sort();
            out.extend(inside);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Registers each file of `files` as evidence of `link` (of `link_kind`), hashed where it
/// lies, in one transaction: all or none.
pub fn register(
    store: &mut Store,
    actor: &Actor,
    files: &[std::path::PathBuf],
    (link_kind, link): (LinkKind, &str),
    (by, note): (&str, &str),
) -> Result<Vec<Evidence>> {
    if files.is_empty() {
        return Err(Error::invalid("没有要登记的文件"));
    }
    let mut hashed = Vec::with_capacity(files.len());
    for f in files {
        let abs = std::path::absolute(f).map_err(|e| Error::io(f, e))?;
        let (size, sha256) = hash_file(&abs).map_err(|e| Error::io(f, e))?;
        hashed.push((crate::text::audit_path(&abs), size, sha256));
    }
    store.write_with_rules(actor, |tx, ctx| {
        if !people::exists(tx, link_kind.table(), link)? {
            return Err(Error::invalid(people::missing(link_kind.label(), link)));
        }
        if !people::exists(tx, "officers", by)? {
            return Err(Error::invalid(people::missing("人员", by)));
        }
        let prefix = format!("ZJ{}-", actor.now.year());
        let mut out = Vec::with_capacity(hashed.len());
        for (path, size, sha256) in &hashed {
            if let Some(id) = same_file(tx, sha256, (link_kind, link))? {
                return Err(Error::invalid(format!(
                    "{path} 已登记为{link_kind} {link} 的证据 {id}（内容相同）"
                )));
            }
            let e = Evidence {
                id: codec::next_serial(tx, "evidence", &prefix, "", 4)?,
                kind: EvidenceKind::of_file(path),
                path: path.clone(),
                size: *size,
                sha256: sha256.clone(),
                registered_at: actor.now,
                by: by.to_string(),
                link_kind,
                link: link.to_string(),
                note: note.trim().to_string(),
            };
            record::upsert(tx, ctx, &e)?;
            out.push(e);
        }
        Ok(out)
    })
}

/// The evidence with this content already registered for the same record, if any.
fn same_file(
    tx: &Transaction,
    sha256: &str,
    (kind, link): (LinkKind, &str),
) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached(
            "SELECT id FROM evidence WHERE sha256 = ?1 AND link_kind = ?2 AND link = ?3
               AND void_reason = ''",
        )?
        .query_row(params![sha256, kind.label(), link], |r| r.get(0))
        .optional()?)
}

/// The live evidence of one record, or of every record (None), by number.
pub fn list(conn: &Connection, of: Option<(LinkKind, &str)>) -> Result<Vec<Evidence>> {
    let rows = match of {
        Some((kind, link)) => {
            let sql = format!(
                "SELECT {COLS} FROM evidence WHERE link_kind = ?1 AND link = ?2
                   AND void_reason = '' ORDER BY id"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let r = stmt.query_map(params![kind.label(), link], row)?;
            r.collect::<rusqlite::Result<Vec<_>>>()?
        }
        None => {
            let sql = format!("SELECT {COLS} FROM evidence WHERE void_reason = '' ORDER BY id");
            let mut stmt = conn.prepare_cached(&sql)?;
            let r = stmt.query_map([], row)?;
            r.collect::<rusqlite::Result<Vec<_>>>()?
        }
    };
    Ok(rows)
}

/// Each live evidence file held against what was registered: intact, missing or changed.
pub fn check_files(conn: &Connection) -> Result<Vec<(Evidence, FileState)>> {
    Ok(list(conn, None)?
        .into_iter()
        .map(|e| {
            let state = state_of(&e);
            (e, state)
        })
        .collect())
}

fn state_of(e: &Evidence) -> FileState {
    let path = Path::new(&e.path);
    match std::fs::metadata(path) {
        Err(err) => FileState::Missing(crate::error::Error::io(path, err).to_string()),
        Ok(m) if m.len() != e.size => FileState::Changed {
            size: m.len(),
            sha256: String::new(),
        },
        Ok(_) => match hash_file(path) {
            Err(err) => FileState::Missing(crate::error::Error::io(path, err).to_string()),
            Ok((_, h)) if h == e.sha256 => FileState::Intact,
            Ok((size, sha256)) => FileState::Changed { size, sha256 },
        },
    }
}
