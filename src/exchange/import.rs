//! Import: every row checked first, then all written in one transaction, or nothing.

use std::io::Read;
use std::sync::mpsc::{Receiver, sync_channel};

use super::cells::{Cells, Layout};
use super::damage;
use super::header::Wanted;
use super::import_rows::{self, Item, Parsed};
use super::kind::{Env, Kind};
use super::preview::{self, Preview};
use super::read::Table;
use super::source::Source;
use crate::error::{Error, Problem, Result};
use crate::store::correction;
use crate::store::record::upsert_sealed;
use crate::store::seal::Sealer;
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
    /// In a dry run: the new keys and each updated record's changed fields (the first few).
    pub preview: Preview,
    /// A year's arrangement imported: the deadlines it moved.
    pub moved: Vec<crate::store::moved::Moved>,
    /// New records' free text that looks as if a spreadsheet made it (a bare date, number or
    /// yes/no): imported, and said so.
    pub warnings: Vec<String>,
    /// The lines of a clerk's 合计/总计/小计 rows: not records, skipped.
    pub totals: Vec<u64>,
}

/// How an import runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Check everything, write nothing.
    pub dry_run: bool,
    /// The reason for correcting recorded times; without it such a change is refused.
    pub correct: Option<&'a str>,
    /// Told the rows read so far, now and then.
    pub progress: Option<crate::progress::Tick<'a>>,
    /// Free text that equals what a spreadsheet would make of the stored value is a genuine
    /// edit (without it, such a change is refused).
    pub accept_converted: bool,
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
        if !self.totals.is_empty() {
            let lines: Vec<String> = self.totals.iter().map(|l| format!("第 {l} 行")).collect();
            write!(
                f,
                "\n已跳过合计行（合计、总计、小计不是记录）：{}",
                lines.join("、")
            )?;
        }
        if !self.warnings.is_empty() {
            write!(
                f,
                "\n请核对 {} 处新记录的文字，像是电子表格自动转换成的日期、数字或逻辑值：",
                self.warnings.len()
            )?;
            for w in self.warnings.iter().take(30) {
                write!(f, "\n  {w}")?;
            }
            if self.warnings.len() > 30 {
                write!(f, "\n  ……另有 {} 处", self.warnings.len() - 30)?;
            }
        }
        if !self.moved.is_empty() {
            write!(
                f,
                "\n按新的放假安排重算，{} 个期限有变动：",
                self.moved.len()
            )?;
            for m in self.moved.iter().take(30) {
                write!(f, "\n  {m}")?;
            }
            if self.moved.len() > 30 {
                write!(f, "\n  ……另有 {} 个", self.moved.len() - 30)?;
            }
        }
        Ok(())
    }
}

/// Problems kept to be shown; past this an import only counts them, so a broken file of a
/// million rows costs no more memory than a good one.
const KEPT: usize = crate::error::LISTED_PROBLEMS;

fn note(problems: &mut Vec<Problem>, total: &mut usize, found: Vec<Problem>) {
    *total += found.len();
    let room = KEPT.saturating_sub(problems.len());
    problems.extend(found.into_iter().take(room));
}

/// Refuses a new key that an existing key became when a spreadsheet dropped its leading zeros.
fn lost_zeros<K: Kind>(tx: &rusqlite::Connection, cells: &mut Cells, key: &str) -> Result<()> {
    if K::key_params(key).len() != 1 {
        return Ok(());
    }
    for padded in damage::padded(key) {
        if K::load(tx, &padded)?.is_some() {
            cells.fail(K::COLS[0].name, damage::zeros_refusal(&padded));
            break;
        }
    }
    Ok(())
}

/// A year's arrangement holds every statutory holiday of that year as a day off: a file with
/// only some of them (one 元旦 row) would end the year's 暂定 and count the rest as working days.
fn whole_years(
    calendar: &crate::calendar::Calendar,
    years: &std::collections::BTreeSet<i32>,
    file: &str,
) -> Result<()> {
    let mut problems = Vec::new();
    for &year in years {
        let missing: Vec<String> = crate::statutory::days(year)
            .into_iter()
            .filter(|(day, _)| {
                calendar.mark(*day).map(|h| h.mark) != Some(crate::calendar::Mark::Off)
            })
            .map(|(day, name)| format!("{day} {name}"))
            .collect();
        if !missing.is_empty() {
            problems.push(Problem {
                file: file.to_string(),
                sheet: String::new(),
                line: 0,
                column: 0,
                header: String::new(),
                value: String::new(),
                reason: format!(
                    "{year} 年的放假安排不完整：缺少法定节假日 {}（应标为“休”）；请按国务院通知导入该年全部放假和调休日期\
                     （zhifa-desk calendar template {year} 可生成法定节假日的底稿）",
                    missing.join("、")
                ),
            });
        }
    }
    match problems.len() {
        0 => Ok(()),
        n => Err(Error::import(problems, n)),
    }
}

/// Imports one CSV file or workbook sheet of kind `K` read from `input`; `file` names it in
/// messages. The file streams through the checks into one transaction: every row is checked
/// and written as it comes, and any problem rolls the whole transaction back, so memory stays
/// flat whatever the size of the file and the import is still all or nothing.
///
/// Three threads share the work: this one reads, decodes and parses rows into records; the
/// writer checks each against the store and writes it; the writer's `Sealer` serialises,
/// digests and chains the audit rows, which the writer inserts in order. Rows cross in batches
/// over bounded channels, in file order.
pub fn import<K: Kind + Send + 'static>(
    store: &mut Store,
    actor: &Actor,
    file: &str,
    input: &mut dyn Read,
    opts: Options,
) -> Result<Summary> {
    let wanted = Wanted::new(K::SHEET, K::COLS, K::COMPUTED);
    let mut rows = Source::open(file, input, &wanted).map_err(|p| Error::import(vec![p], 1))?;
    let table = rows.table();
    let mut problems = Vec::new();
    let layout = Layout::resolve(&table, K::COLS, K::COMPUTED, &mut problems);
    if !problems.is_empty() {
        let n = problems.len();
        return Err(Error::import(problems, n));
    }
    let (send, recv) = sync_channel(import_rows::BATCHES);
    let at = Place {
        file,
        table: &table,
        layout: &layout,
    };
    let (dry_run, correct) = (opts.dry_run, opts.correct);
    let accept = opts.accept_converted;
    std::thread::scope(|s| {
        let writer =
            s.spawn(move || write::<K>(store, actor, at, recv, (dry_run, correct, accept)));
        import_rows::read_all::<K>(&mut rows, &table, &layout, send, opts.progress);
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Where the rows come from, for the writer's messages.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a str,
    table: &'a Table,
    layout: &'a Layout,
}

/// The writing half: checks each parsed row against the store and writes it, all in one
/// transaction that commits only when no row has a problem (and never in a dry run).
fn write<K: Kind + Send + 'static>(
    store: &mut Store,
    actor: &Actor,
    at: Place,
    rows: Receiver<Vec<Item<K>>>,
    (dry_run, correct, accept_converted): (bool, Option<&str>, bool),
) -> Result<Summary> {
    let (calendar, settings) = (store.calendar()?, store.settings()?);
    // 32 MB of page cache for this connection (the default is 2 MB): a large import into a
    // large file keeps its index pages in memory instead of reading them again.
    store.conn().pragma_update(None, "cache_size", -32_768)?;
    // Each INSERT in the transaction keeps a statement journal (for its own rollback, which an
    // all-or-nothing import never needs apart from the whole): in memory, not a temporary file,
    // 4% of a 200,000-row import. Like the page cache, kept for the connection's life.
    store.conn().pragma_update(None, "temp_store", "MEMORY")?;
    store.transact(!dry_run, |tx| {
        let env = Env {
            conn: tx,
            now: actor.now,
            calendar: &calendar,
            settings: &settings,
            found: Default::default(),
        };
        let ctx = Ctx {
            actor,
            calendar: &calendar,
            settings: &settings,
        };
        let mut summary = Summary {
            file: at.file.to_string(),
            dry_run,
            ..Default::default()
        };
        let (mut problems, mut total) = (Vec::new(), 0);
        // A holiday file's years: each must come whole (see `whole_years`).
        let mut years = std::collections::BTreeSet::new();
        let mut seal = Sealer::<K>::start(tx, actor)?;
        for item in rows.iter().flatten() {
            // Dropping the rows stops the reader too.
            if total >= crate::error::STOP_AFTER {
                break;
            }
            let Parsed {
                row,
                rec,
                problems: found,
            } = match item {
                Item::Row(parsed) => parsed,
                Item::Total(line) => {
                    summary.totals.push(line);
                    continue;
                }
                Item::Broken(p) => {
                    note(&mut problems, &mut total, vec![p]);
                    continue;
                }
            };
            let mut cells = Cells::new(at.table, &row, at.layout);
            cells.problems = found;
            let Some(mut rec) = rec else {
                note(&mut problems, &mut total, cells.problems);
                continue;
            };
            summary.rows += 1;
            let key = rec.key();
            if K::NAME == "holidays" {
                years.extend(key.get(..4).and_then(|y| y.parse::<i32>().ok()));
            }
            let stored = K::load(tx, &key)?;
            rec.check(&mut cells, &env, stored.as_ref())?;
            let make = || stored.as_ref().map(K::cells);
            let old = damage::Stored::new(stored.is_some(), &make);
            damage::against_stored(&mut cells, K::COLS, &old, at.table.gbk);
            damage::converted(
                &mut cells,
                K::COLS,
                &old,
                accept_converted,
                &mut summary.warnings,
            );
            if stored.is_none() {
                lost_zeros::<K>(tx, &mut cells, &key)?;
            }
            if let Some(old) = &stored {
                let times = correction::changed(K::KIND, old, &rec);
                match correct {
                    None => times
                        .iter()
                        .for_each(|c| cells.fail(c.field, correction::refusal(c))),
                    Some(_) => summary.corrected += usize::from(!times.is_empty()),
                }
            }
            if !cells.problems.is_empty() {
                note(&mut problems, &mut total, cells.problems);
                continue;
            }
            // Once a problem is found nothing more is written: the transaction rolls back.
            if total > 0 {
                continue;
            }
            if dry_run {
                preview::note(
                    &mut summary.preview,
                    K::COLS,
                    &key,
                    old.into_cells(),
                    rec.cells(),
                );
            } else {
                drop(old);
            }
            let change =
                upsert_sealed(tx, &ctx, rec, stored, correct, &mut seal).map_err(|e| match e {
                    Error::Invalid(reason) => Error::import(
                        vec![Problem {
                            file: at.file.to_string(),
                            sheet: at.table.sheet.clone(),
                            line: row.line,
                            column: 1,
                            header: at.table.headers.first().cloned().unwrap_or_default(),
                            value: key.clone(),
                            reason,
                        }],
                        1,
                    ),
                    other => other,
                })?;
            match change {
                Change::New => summary.new += 1,
                Change::Updated => summary.updated += 1,
                Change::Unchanged => summary.unchanged += 1,
            }
        }
        if total > 0 {
            return Err(Error::import(problems, total));
        }
        seal.finish(tx)?;
        if K::NAME == "holidays" && summary.new + summary.updated > 0 {
            let calendar = crate::store::holidays::calendar(tx)?;
            whole_years(&calendar, &years, at.file)?;
            summary.moved = complaints::recompute_dues(tx, &calendar, &settings, actor.now)?;
            summary.moved.extend(notices::recompute_dues(
                tx, &calendar, &settings, actor.now,
            )?);
            let why = format!(
                "日历：导入{}放假安排",
                years
                    .iter()
                    .map(|y| format!("{y}年"))
                    .collect::<Vec<_>>()
                    .join("、")
            );
            crate::store::moved::correct_handed_off(tx, actor, &mut summary.moved, &why)?;
        }
        Ok(summary)
    })
}
