//! Import: every row checked first, then all written in one transaction, or nothing.

use std::collections::HashMap;

use super::cells::{Cells, Layout};
use super::kind::{Env, Kind};
use super::read;
use crate::error::{Error, Problem, Result};
use crate::store::correction;
use crate::store::record::upsert_correcting;
use crate::store::{Actor, Change, Ctx, Store, complaints, notices};

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub file: String,
    pub rows: usize,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Of the updated, those whose recorded times were corrected (更正).
    pub corrected: usize,
    pub dry_run: bool,
}

/// How an import runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Check everything, write nothing.
    pub dry_run: bool,
    /// The reason for correcting recorded times; without it such a change is refused.
    pub correct: Option<&'a str>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}：共 {} 行，新增 {}，更新 {}，未变 {}",
            self.file, self.rows, self.new, self.updated, self.unchanged
        )?;
        if self.corrected > 0 {
            write!(
                f,
                "（其中更正已登记时间 {} 条，已记入审计）",
                self.corrected
            )?;
        }
        if self.dry_run {
            write!(f, "（试运行，未写入数据库）")?;
        } else if self.new + self.updated == 0 {
            write!(f, "（数据库中已是相同内容，没有改动）")?;
        }
        Ok(())
    }
}

/// The header of `column` (1-based) when the header line is readable UTF-8.
fn header_at(bytes: &[u8], column: usize) -> String {
    let first = bytes
        .split(|b| *b == b'\n' || *b == b'\r')
        .next()
        .unwrap_or(&[]);
    let first = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    std::str::from_utf8(first)
        .ok()
        .and_then(|h| h.trim_end().split([',', '\t']).nth(column.wrapping_sub(1)))
        .map(|h| h.trim().to_string())
        .unwrap_or_default()
}

/// Imports the bytes of one CSV file of kind `K`; `file` names it in messages.
pub fn import<K: Kind>(
    store: &mut Store,
    actor: &Actor,
    file: &str,
    bytes: &[u8],
    opts: Options,
) -> Result<Summary> {
    let dry_run = opts.dry_run;
    let text = read::decode(bytes).map_err(|bad| {
        let (line, column) = bad.place(bytes);
        Error::Import(vec![Problem {
            file: file.to_string(),
            line,
            column,
            header: header_at(bytes, column),
            value: String::new(),
            reason: bad.reason,
        }])
    })?;
    let table = read::parse(file, &text).map_err(Error::Import)?;
    let mut problems = Vec::new();
    let layout = Layout::resolve(&table, K::COLS, K::COMPUTED, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Import(problems));
    }
    let (calendar, settings) = (store.calendar()?, store.settings()?);
    // 32 MB of page cache for this connection (the default is 2 MB): a large import into a
    // large file keeps its index pages in memory instead of reading them again.
    store.conn().pragma_update(None, "cache_size", -32_768)?;
    store.transact(!dry_run, |tx| {
        let env = Env {
            conn: tx,
            now: actor.now,
            calendar: &calendar,
            settings: &settings,
        };
        let mut records = Vec::with_capacity(table.rows.len());
        let mut seen: HashMap<String, u64> = HashMap::new();
        let mut corrected = 0;
        for row in &table.rows {
            let mut cells = Cells::new(&table, row, &layout);
            if let Some(mut rec) = K::from_cells(&mut cells) {
                let key = rec.key();
                if let Some(first) = seen.insert(key.clone(), row.line) {
                    cells.fail(
                        K::COLS[0].name,
                        format!("与第 {first} 行重复：同一文件中不能出现两次"),
                    );
                }
                let stored = K::load(tx, &key)?;
                rec.check(&mut cells, &env, stored.as_ref())?;
                if let Some(old) = &stored {
                    let times = correction::changed(K::KIND, old, &rec);
                    match opts.correct {
                        None => times
                            .iter()
                            .for_each(|c| cells.fail(c.field, correction::refusal(c))),
                        Some(_) => corrected += usize::from(!times.is_empty()),
                    }
                }
                records.push((row.line, rec, stored));
            }
            problems.append(&mut cells.problems);
        }
        if !problems.is_empty() {
            return Err(Error::Import(problems));
        }
        let ctx = Ctx {
            actor,
            calendar: &calendar,
            settings: &settings,
        };
        let mut summary = Summary {
            file: file.to_string(),
            rows: records.len(),
            corrected,
            dry_run,
            ..Default::default()
        };
        for (line, rec, stored) in &records {
            let change = upsert_correcting(tx, &ctx, rec, stored.as_ref(), opts.correct).map_err(
                |e| match e {
                    Error::Invalid(reason) => Error::Import(vec![Problem {
                        file: file.to_string(),
                        line: *line,
                        column: 1,
                        header: table.headers.first().cloned().unwrap_or_default(),
                        value: rec.key(),
                        reason,
                    }]),
                    other => other,
                },
            )?;
            match change {
                Change::New => summary.new += 1,
                Change::Updated => summary.updated += 1,
                Change::Unchanged => summary.unchanged += 1,
            }
        }
        if K::NAME == "holidays" && summary.new + summary.updated > 0 {
            let calendar = crate::store::holidays::calendar(tx)?;
            complaints::recompute_dues(tx, &calendar, &settings)?;
            notices::recompute_dues(tx, &calendar, &settings)?;
        }
        Ok(summary)
    })
}
