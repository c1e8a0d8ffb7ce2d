//! What every exchangeable kind provides: its columns, how a row becomes a record, its export.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::cells::{Cells, Col};
use crate::calendar::Calendar;
use crate::domain::Settings;
use crate::error::Result;
use crate::store::Record;

/// What checks and exports need besides the row: the clock, the calendar, the settings.
pub struct Env<'a> {
    pub conn: &'a Connection,
    pub now: NaiveDateTime,
    pub calendar: &'a Calendar,
    pub settings: &'a Settings,
    /// People and places found live so far in this run of writes, so an import asks the store
    /// once per name, not once per row (`must_exist`).
    pub found: Found,
}

/// Officers, areas and matters `must_exist` has found live. No kind checks its own table,
/// so an import never voids one it has found: the answer holds for the whole import.
#[derive(Debug, Default)]
pub struct Found(std::cell::RefCell<std::collections::HashSet<String>>);

impl Found {
    const KEPT: [&'static str; 3] = ["officers", "areas", "matters"];
}

/// Which rows an export takes, and whether personal data is shown.
#[derive(Debug, Clone, Default)]
pub struct ExportQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub include_personal: bool,
}

pub trait Kind: Record {
    /// The kind on the command line: "complaints".
    const NAME: &'static str;
    /// The worksheet's name in a workbook: "投诉台账".
    const SHEET: &'static str;
    const COLS: &'static [Col];
    /// Columns an export adds; accepted and ignored on import.
    const COMPUTED: &'static [Col] = &[];

    /// The record's cells in `COLS` order, unmasked: what an export writes and what an
    /// import compares a row with.
    fn cells(&self) -> Vec<String>;

    /// Builds a record from a row; problems are left in `c`.
    fn from_cells(c: &mut Cells) -> Option<Self>;

    /// Checks references and rules that need the store; `stored` is the current version, which
    /// the record may also take values from (masked personal data, reasons, lateness).
    fn check(&mut self, c: &mut Cells, env: &Env, stored: Option<&Self>) -> Result<()>;

    /// The rows of an export, in `COLS` order followed by `COMPUTED`.
    fn export(env: &Env, q: &ExportQuery) -> Result<Vec<Vec<String>>>;

    /// As `export`, one row at a time into `out`: the large ledgers stream, so an export of a
    /// million rows holds one.
    fn export_each(
        env: &Env,
        q: &ExportQuery,
        out: &mut dyn FnMut(Vec<String>) -> Result<()>,
    ) -> Result<()> {
        for row in Self::export(env, q)? {
            out(row)?;
        }
        Ok(())
    }
}

/// Every row of `export_each`, for the kinds that stream.
pub fn collect<K: Kind>(env: &Env, q: &ExportQuery) -> Result<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    K::export_each(env, q, &mut |r| {
        rows.push(r);
        Ok(())
    })?;
    Ok(rows)
}

/// Fails `col` unless `key` names a live record of `table`.
pub fn must_exist(
    c: &mut Cells,
    env: &Env,
    table: &str,
    noun: &str,
    col: &str,
    key: &str,
) -> Result<()> {
    let kept = Found::KEPT
        .contains(&table)
        .then(|| format!("{table}\0{key}"));
    if let Some(id) = &kept
        && env.found.0.borrow().contains(id)
    {
        return Ok(());
    }
    if crate::store::people::exists(env.conn, table, key)? {
        if let Some(id) = kept {
            env.found.0.borrow_mut().insert(id);
        }
    } else {
        for padded in super::damage::padded(key) {
            if crate::store::people::exists(env.conn, table, &padded)? {
                c.fail(col, super::damage::zeros_refusal(&padded));
                return Ok(());
            }
        }
        c.fail(
            col,
            format!(
                "{}，请先导入{noun}",
                crate::store::people::missing(noun, key)
            ),
        );
    }
    Ok(())
}

/// Fails `col` when a date lies after today: a record of something that has not happened yet.
pub fn not_future(c: &mut Cells, env: &Env, col: &str, date: Option<NaiveDate>) {
    if let Some(Err(why)) = date.map(|d| crate::domain::when::not_after_today(d, env.now)) {
        c.fail(col, why);
    }
}

/// Fails `col` when a time lies after now, even later today.
pub fn not_later(c: &mut Cells, env: &Env, col: &str, at: Option<NaiveDateTime>) {
    if let Some(Err(why)) = at.map(|t| crate::domain::when::not_after_now(t, env.now)) {
        c.fail(col, why);
    }
}

pub fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(crate::written::fmt_date).unwrap_or_default()
}

pub fn opt_datetime(t: Option<NaiveDateTime>) -> String {
    t.map(crate::written::fmt_datetime).unwrap_or_default()
}

pub fn yes_no(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}
