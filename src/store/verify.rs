//! `verify`: SQLite's own integrity check, the audit chain and its guards, and every record
//! held against its audit history, with each problem named.

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::chain::{self, ChainReport};
use super::holdings::{self, Findings};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// integrity_check's findings; empty when it says ok.
    pub integrity: Vec<String>,
    /// None for a file from before the chain (schema version 1).
    pub chain: Option<ChainReport>,
    /// The append-only triggers that are missing or were replaced by others of the same name.
    pub missing_guards: Vec<&'static str>,
    /// Records that do not hold against their audit history, and stale derived columns.
    pub records: Findings,
}

/// The append-only triggers, each with the SQL that made it (as `chain::install` writes it):
/// a trigger of the same name that does something else is no guard.
const GUARDS: [(&str, &str); 2] = [
    (
        "audit_append_only_update",
        "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
         BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END",
    ),
    (
        "audit_append_only_delete",
        "CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
         BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能删除'); END",
    ),
];

/// SQL with its runs of white space made one space, to compare two spellings of it.
fn squeezed(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Verified {
    /// Every problem, in Chinese, most fundamental first; empty when all is well.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(first) = self.integrity.first() {
            out.push(format!(
                "SQLite 完整性检查未通过（{} 处）：{first}",
                self.integrity.len()
            ));
        }
        if let Some(broken) = self.chain.as_ref().and_then(|c| c.broken.as_ref()) {
            out.push(if broken.id > 0 {
                format!("审计链在第 {} 条记录处断开：{}", broken.id, broken.why)
            } else {
                format!("审计链不完整：{}", broken.why)
            });
        }
        if !self.missing_guards.is_empty() {
            out.push(format!(
                "审计表的只追加保护已被删除或换成了别的（{}）：有人绕过本程序改动过数据库",
                self.missing_guards.join("、")
            ));
        }
        let r = &self.records;
        if self.chain.as_ref().is_some_and(|c| c.rows == 0) && r.records > 0 {
            out.push(format!(
                "审计记录为空，但数据表中有 {} 条记录：审计被清空",
                r.records
            ));
        }
        if r.total > 0 {
            out.push(format!(
                "有 {} 处记录与审计记录不符（数据被绕过本程序改动）",
                r.total
            ));
            out.extend(r.listed.iter().map(|f| format!("  {f}")));
            if r.total > r.listed.len() {
                out.push(format!("  ……另有 {} 处未列出", r.total - r.listed.len()));
            }
        }
        out
    }

    /// The first problem (with the first record it names); None when all is well.
    pub fn problem(&self) -> Option<String> {
        let all = self.problems();
        let first = all.first()?.clone();
        Some(match all.get(1).filter(|l| l.starts_with("  ")) {
            Some(example) => format!("{first}，例如 {}", example.trim_start()),
            None => first,
        })
    }
}

/// While it lives, the connection reads the file through a memory map: `verify` reads every
/// page twice (the integrity check, then the records), and one read call per page was 900,000
/// calls and 20 s of a scale-10 file. Set back when dropped, so no other work maps the file.
struct Mapped<'c>(&'c Connection);

impl<'c> Mapped<'c> {
    /// Up to 4 GB mapped; SQLite maps no more than the file holds.
    const BYTES: i64 = 4 << 30;

    fn on(conn: &'c Connection) -> Result<Mapped<'c>> {
        conn.pragma_update(None, "mmap_size", Self::BYTES)?;
        Ok(Mapped(conn))
    }
}

impl Drop for Mapped<'_> {
    fn drop(&mut self) {
        let _ = self.0.pragma_update(None, "mmap_size", 0);
    }
}

/// Verifies the file `conn` reads. On a file another connection can open, the integrity check
/// and the chain are read on two threads of their own, each through a connection that sees
/// exactly what `conn` sees, while this one holds the records against their history.
pub fn check(conn: &Connection) -> Result<Verified> {
    let _mapped = Mapped::on(conn)?;
    let has = |sql: &str| -> Result<bool> {
        Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0).map(|n| n > 0))?)
    };
    let has_chain = has("SELECT count(*) FROM pragma_table_info('audit') WHERE name = 'hash'")?;
    let has_digests = has("SELECT count(*) FROM pragma_table_info('audit') WHERE name = 'digest'")?;
    let helpers = Snapshot::share(conn);
    let (integrity, chain, records) = match helpers {
        Some((_shared, [first, second])) => std::thread::scope(|s| {
            let integrity = s.spawn(move || integrity(&first));
            let chain = s.spawn(move || chain_of(&second, has_chain));
            let records = records(conn, has_digests);
            let (integrity, chain) = (integrity.join(), chain.join());
            let integrity = integrity.unwrap_or_else(|e| std::panic::resume_unwind(e));
            let chain = chain.unwrap_or_else(|e| std::panic::resume_unwind(e));
            (integrity, chain, records)
        }),
        None => (
            integrity(conn),
            chain_of(conn, has_chain),
            records(conn, has_digests),
        ),
    };
    Ok(Verified {
        integrity: integrity?,
        chain: chain?,
        missing_guards: if has_chain {
            missing_guards(conn)?
        } else {
            Vec::new()
        },
        records: records?,
    })
}

fn integrity(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let found = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let found = found.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(found.into_iter().filter(|m| m != "ok").collect())
}

fn chain_of(conn: &Connection, has_chain: bool) -> Result<Option<ChainReport>> {
    has_chain.then(|| chain::check(conn)).transpose()
}

fn missing_guards(conn: &Connection) -> Result<Vec<&'static str>> {
    let mut missing = Vec::new();
    for (name, made) in GUARDS {
        let found: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        if found.is_none_or(|sql| squeezed(&sql) != squeezed(made)) {
            missing.push(name);
        }
    }
    Ok(missing)
}

fn records(conn: &Connection, has_digests: bool) -> Result<Findings> {
    let mut records = Findings::default();
    if has_digests {
        holdings::check_records(conn, &mut records)?;
        super::history::check(conn, &mut records)?;
        holdings::check_derived(conn, &mut records)?;
    }
    Ok(records)
}

/// `conn` in a read transaction begun, with two more connections' (`share`), while a fourth
/// held the write lock, so all three see the same state; `conn`'s ends when this is dropped,
/// the others' when they are closed.
struct Snapshot<'c>(&'c Connection);

impl<'c> Snapshot<'c> {
    /// None where the state cannot be shared: an in-memory file, a read-only connection,
    /// `conn` already inside a transaction of its own, or a writer holding the lock past a
    /// second. The caller then reads it all through `conn`.
    fn share(conn: &'c Connection) -> Option<(Snapshot<'c>, [Connection; 2])> {
        let path = conn.path().filter(|p| !p.is_empty())?;
        // A read-only `conn` may read the file as immutable, past a WAL the others would
        // read: they could see another state.
        let read_only = conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true);
        if read_only || !conn.is_autocommit() {
            return None;
        }
        let lock = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE).ok()?;
        lock.busy_timeout(std::time::Duration::from_secs(1)).ok()?;
        lock.execute_batch("BEGIN IMMEDIATE").ok()?;
        let reading = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open = || -> Option<Connection> {
            let c = Connection::open_with_flags(path, reading).ok()?;
            c.pragma_update(None, "mmap_size", Mapped::BYTES).ok()?;
            Some(c)
        };
        let others = [open()?, open()?];
        // A read transaction takes its snapshot at its first read; no writer can commit
        // before the lock is let go.
        let begin = |c: &Connection| {
            c.execute_batch("BEGIN")
                .and_then(|()| c.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())))
        };
        begin(conn).ok()?;
        let shared = Snapshot(conn);
        others.iter().try_for_each(begin).ok()?;
        lock.execute_batch("ROLLBACK").ok()?;
        Some((shared, others))
    }
}

impl Drop for Snapshot<'_> {
    fn drop(&mut self) {
        if !self.0.is_autocommit() {
            let _ = self.0.execute_batch("ROLLBACK");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn audit_rows(c: &Connection) -> i64 {
        c.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn the_shared_connections_see_the_state_of_the_first_not_a_later_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.sqlite");
        let store = super::super::Store::open(&path).unwrap();
        let before = audit_rows(store.conn());
        let (shared, others) = Snapshot::share(store.conn()).expect("a file can be shared");
        // Another process commits a row after the snapshot was taken.
        let writer = Connection::open(&path).unwrap();
        writer
            .execute(
                "INSERT INTO audit (at, operator, action, kind, key) \
                 VALUES ('2026-11-23 08:30', 'W001', '新增', 'x', 'y')",
                [],
            )
            .unwrap();
        assert_eq!(audit_rows(&writer), before + 1);
        for c in std::iter::once(store.conn()).chain(&others) {
            assert_eq!(audit_rows(c), before);
        }
        drop((shared, others));
        assert_eq!(audit_rows(store.conn()), before + 1);
    }

    #[test]
    fn a_writer_holding_the_lock_is_not_waited_for_and_the_check_still_runs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.sqlite");
        let store = super::super::Store::open(&path).unwrap();
        let writer = Connection::open(&path).unwrap();
        writer.execute_batch("BEGIN IMMEDIATE").unwrap();
        assert!(Snapshot::share(store.conn()).is_none());
        let checked = check(store.conn()).unwrap();
        assert_eq!(checked.problems(), Vec::<String>::new());
        assert!(checked.chain.is_some());
        writer.execute_batch("ROLLBACK").unwrap();
    }

    #[test]
    fn an_in_memory_file_or_an_open_transaction_is_read_through_one_connection() {
        let memory = super::super::Store::open_in_memory().unwrap();
        assert!(Snapshot::share(memory.conn()).is_none());
        let dir = tempfile::tempdir().unwrap();
        let store = super::super::Store::open(&dir.path().join("v.sqlite")).unwrap();
        store.conn().execute_batch("BEGIN").unwrap();
        assert!(Snapshot::share(store.conn()).is_none());
        store.conn().execute_batch("ROLLBACK").unwrap();
        assert!(Snapshot::share(store.conn()).is_some());
    }
}
