//! Audit rows for acts that change no record: looking at or writing out reporters, printing a
//! paper (文书), handing off a month's bundle. Each leaves a trace as a change does.

use rusqlite::{Connection, OptionalExtension};

use super::{Actor, Record, Store};
use crate::domain::Complaint;
use crate::error::{Error, Result};

/// Records that `actor` looked at the reporter's name and phone of complaint `id` (全过程记录:
/// viewing personal data leaves a trace, as changing a record does).
pub fn view_personal(store: &mut Store, actor: &Actor, id: &str) -> Result<()> {
    store.write(|tx| {
        if Complaint::load(tx, id)?.is_none() {
            return Err(Error::NotFound {
                kind: "投诉",
                key: id.to_string(),
            });
        }
        super::audit::record::<()>(tx, actor, "查看举报人", Complaint::KIND, id, None, None)
    })
}

/// Records that `actor` wrote reporters' names and phones out of the ledger: `what` is the
/// export and where it went, `rows` how many records it held.
pub fn export_personal(store: &Store, actor: &Actor, what: &str, rows: usize) -> Result<()> {
    let note = serde_json::json!({ "导出": what, "行数": rows });
    store.write_shared(|tx| {
        super::audit::record(
            tx,
            actor,
            "导出举报人信息",
            "exports",
            what,
            None,
            Some(&note),
        )
    })
}

/// The audit action of a handoff bundle written out (its key: "移交包 2026-11").
pub const EXPORTED: &str = "导出移交包";

/// Records a handoff export and where the audit chain stood, so the next bundle can show the
/// county that it extends this one.
pub fn handed_off(store: &Store, actor: &Actor, month: &str, rows: i64, head: &str) -> Result<()> {
    let note = serde_json::json!({ "月份": month, "条数": rows, "链头": head });
    store.write_shared(|tx| {
        super::audit::record(
            tx,
            actor,
            EXPORTED,
            "exports",
            &format!("移交包 {month}"),
            None,
            Some(&note),
        )
    })
}

/// Records a year archived: what and where, how many files, the chain head it anchors.
/// An archive with reporters in full says so in `what`.
pub fn archived(store: &Store, actor: &Actor, what: &str, files: usize, head: &str) -> Result<()> {
    let note = serde_json::json!({ "归档": what, "文件数": files, "链头": head });
    store.write_shared(|tx| {
        super::audit::record(tx, actor, "年度归档", "exports", what, None, Some(&note))
    })
}

/// The action that records a paper printed.
pub const PRINTED: &str = "打印文书";

/// A paper as printed: its title (文书), record, number (文号) where it has one, where it
/// went and the SHA-256 of what was written there.
pub struct Printed<'a> {
    pub title: &'a str,
    pub key: &'a str,
    pub number: Option<&'a str>,
    pub to: &'a std::path::Path,
    pub sha256: &'a str,
    /// It carries the reporter in full.
    pub personal: bool,
}

/// Records that `actor` printed paper `p`.
pub fn printed(store: &mut Store, actor: &Actor, p: &Printed) -> Result<()> {
    let what = format!("{} {}", p.title, p.key);
    let note = serde_json::json!({
        "文书": p.title,
        "编号": p.key,
        "文号": p.number,
        "文件": crate::text::audit_path(p.to),
        "SHA-256": p.sha256,
        "含举报人": p.personal,
    });
    store
        .write(|tx| super::audit::record(tx, actor, PRINTED, "documents", &what, None, Some(&note)))
}

/// The number (文号) paper `title` of record `key` was first printed under, if it was: a
/// reprint keeps it.
pub fn paper_number(conn: &Connection, title: &str, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT json_extract(after, '$.文号') FROM audit
             WHERE action = ?1 AND kind = 'documents' AND key = ?2
               AND json_extract(after, '$.文号') IS NOT NULL
             ORDER BY id LIMIT 1",
            rusqlite::params![PRINTED, format!("{title} {key}")],
            |r| r.get(0),
        )
        .optional()?)
}

/// The next number of the papers numbered "`prefix`〔`year`〕第N号" (as the audit trail records
/// them printed).
pub fn next_paper_number(conn: &Connection, prefix: &str, year: i32) -> Result<String> {
    let head = format!("{prefix}〔{year}〕第");
    let mut stmt = conn.prepare_cached(
        "SELECT json_extract(after, '$.文号') FROM audit
         WHERE action = ?1 AND kind = 'documents' AND json_extract(after, '$.文号') LIKE ?2",
    )?;
    let numbers = stmt.query_map(rusqlite::params![PRINTED, format!("{head}%")], |r| {
        r.get::<_, String>(0)
    })?;
    let mut last = 0u64;
    for n in numbers {
        let n = n?;
        if let Some(k) = n.strip_prefix(&head).and_then(|t| t.strip_suffix('号')) {
            last = last.max(k.parse().unwrap_or(0));
        }
    }
    Ok(format!("{head}{}号", last + 1))
}

/// Every paper printed, as "`title` `key`" (责令限期整改通知书 卧执整〔2026〕第3号).
pub fn printed_papers(conn: &Connection) -> Result<std::collections::HashSet<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT key FROM audit WHERE action = ?1 AND kind = 'documents'",
    )?;
    let keys = stmt.query_map([PRINTED], |r| r.get(0))?;
    Ok(keys.collect::<rusqlite::Result<_>>()?)
}

/// A paper as the audit says it was printed: the last print of each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedPaper {
    pub title: String,
    pub key: String,
    /// Where it was written, as recorded.
    pub file: String,
    /// What was written there; None for prints recorded before the hash was.
    pub sha256: Option<String>,
    pub personal: bool,
}

/// Every paper printed between `from` and `to` (the days), its last print, in print order.
pub fn printed_between(
    conn: &Connection,
    (from, to): (chrono::NaiveDate, chrono::NaiveDate),
) -> Result<Vec<PrintedPaper>> {
    let mut stmt = conn.prepare(
        "SELECT json_extract(after, '$.文书'), json_extract(after, '$.编号'),
                json_extract(after, '$.文件'), json_extract(after, '$.\"SHA-256\"'),
                COALESCE(json_extract(after, '$.含举报人'), 0)
         FROM audit
         WHERE id IN (SELECT max(id) FROM audit
                      WHERE action = ?1 AND kind = 'documents'
                        AND substr(at, 1, 10) BETWEEN ?2 AND ?3
                      GROUP BY key)
         ORDER BY id",
    )?;
    let rows = stmt.query_map(
        rusqlite::params![PRINTED, from.to_string(), to.to_string()],
        |r| {
            Ok(PrintedPaper {
                title: r.get(0)?,
                key: r.get(1)?,
                file: r.get(2)?,
                sha256: r.get(3)?,
                personal: r.get(4)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
