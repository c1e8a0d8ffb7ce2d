//! The reading half of an import: rows decoded and parsed into records on the caller's
//! thread, handed in batches to the thread that checks them against the store and writes.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::mpsc::SyncSender;

use super::cells::{Cells, Layout};
use super::header;
use super::kind::Kind;
use super::read::{RawRow, Table};
use super::source::Source;
use crate::error::Problem;
use crate::progress::{self, Tick};

/// Rows per hand-over: enough that the channel costs nothing per row, few enough that the
/// rows in flight stay small (`BATCHES` batches of them at most).
pub const BATCH: usize = 256;
pub const BATCHES: usize = 8;

/// One row as reading left it: the record it makes (None when it makes none), and the
/// problems found so far (its cells, a repeated key).
pub struct Parsed<K> {
    pub row: RawRow,
    pub rec: Option<K>,
    pub problems: Vec<Problem>,
}

pub enum Item<K> {
    Row(Parsed<K>),
    /// A clerk's 合计 row, at this line: skipped, and said so.
    Total(u64),
    /// The file cannot be read past here (broken encoding or quoting): nothing follows.
    Broken(Problem),
}

/// Reads every row of `rows`, parses it and sends it on in batches. Stops early when the
/// writer has gone (it failed); the writer's result says why.
pub fn read_all<K: Kind>(
    rows: &mut Source,
    table: &Table,
    layout: &Layout,
    out: SyncSender<Vec<Item<K>>>,
    tick: Option<Tick>,
) {
    // Keys seen, as 64-bit hashes with their line: a million keys in about 30 MB.
    let hasher = RandomState::new();
    let mut seen: HashMap<u64, u64> = HashMap::new();
    let mut batch = Vec::with_capacity(BATCH);
    let mut records = 0u64;
    loop {
        let item = match rows.data_row() {
            Ok(Some(row)) if header::is_total(&row.cells) => Item::Total(row.line),
            Ok(Some(row)) => {
                let mut cells = Cells::new(table, &row, layout);
                let rec = K::from_cells(&mut cells);
                if let Some(rec) = &rec {
                    records += 1;
                    progress::every(tick, records, 1024);
                    if let Some(first) = seen.insert(hasher.hash_one(rec.key()), row.line) {
                        cells.fail(
                            K::COLS[0].name,
                            format!("与第 {first} 行重复：同一文件中不能出现两次"),
                        );
                    }
                }
                let problems = cells.problems;
                Item::Row(Parsed { row, rec, problems })
            }
            Ok(None) => break,
            Err(p) => {
                batch.push(Item::Broken(p));
                break;
            }
        };
        batch.push(item);
        if batch.len() == BATCH && out.send(std::mem::take(&mut batch)).is_err() {
            return;
        }
    }
    if !batch.is_empty() {
        let _ = out.send(batch);
    }
}
