//! 双随机 draws as the store keeps them: made from the live list and the officers able to
//! enforce on the day, written once with their inputs, never edited; a redraw replaces a
//! draw openly, with its reason, in the same transaction that voids the one it replaces.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::codec::{self, date, datetime, json};
use super::{Actor, Ctx, Record, Store, audit, leaves, people, record, subjects};
use crate::domain::draw::{self, Inputs};
use crate::domain::{Draw, Filter, Risk};
use crate::error::{Error, Result};

const COLS: &str = "id, title, date, drawn_at, drawn_by, filter, count, seed, subjects, officers,
                    snapshot, picks, redraw_of, reason";

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("a draw serializes")
}

fn row(r: &Row) -> rusqlite::Result<Draw> {
    Ok(Draw {
        id: r.get(0)?,
        title: r.get(1)?,
        date: date(r, 2)?,
        drawn_at: datetime(r, 3)?,
        drawn_by: r.get(4)?,
        filter: json(r, 5)?,
        count: r.get::<_, i64>(6)? as usize,
        seed: r.get(7)?,
        subjects: json(r, 8)?,
        officers: json(r, 9)?,
        snapshot: r.get(10)?,
        picks: json(r, 11)?,
        redraw_of: r.get(12)?,
        reason: r.get(13)?,
    })
}

impl Record for Draw {
    const KIND: &'static str = "draws";
    const NOUN: &'static str = "抽查";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let sql = format!("SELECT {COLS} FROM draws WHERE id = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([key], row)
            .optional()?)
    }

    /// A plain INSERT: a stored draw is never written over.
    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO draws (id, title, date, drawn_at, drawn_by, filter, count, seed,
               subjects, officers, snapshot, picks, redraw_of, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?
        .execute(params![
            self.id,
            self.title,
            self.date,
            self.drawn_at,
            self.drawn_by,
            to_json(&self.filter),
            self.count as i64,
            self.seed,
            to_json(&self.subjects),
            to_json(&self.officers),
            self.snapshot,
            to_json(&self.picks),
            self.redraw_of,
            self.reason
        ])?;
        Ok(())
    }
}

/// What the duty officer asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub title: String,
    pub date: NaiveDate,
    pub filter: Filter,
    pub count: usize,
    /// A seed announced beforehand (a lottery number, a notary's figure), or None for a
    /// random one, recorded either way.
    pub seed: Option<String>,
    /// The draw this one replaces, and why.
    pub redraw: Option<(String, String)>,
}

/// Makes and records a draw; a redraw voids the draw it replaces, in one transaction.
pub fn make(store: &mut Store, actor: &Actor, req: &Request) -> Result<Draw> {
    if req.title.trim().is_empty() {
        return Err(Error::invalid("须写明抽查任务的名称"));
    }
    store.write_with_rules(actor, |tx, ctx| {
        check_filter(tx, &req.filter)?;
        let (redraw_of, reason) = match &req.redraw {
            Some((old, reason)) => replace(tx, ctx, req, old, reason)?,
            None => {
                refuse_silent_redraw(tx, req)?;
                (String::new(), String::new())
            }
        };
        let inputs = Inputs {
            subjects: listed(tx, &req.filter, req.date)?,
            officers: able(tx, req.date)?,
            count: req.count,
            seed: req.seed.clone().unwrap_or_else(super::digest::new_salt),
        };
        let drawn = draw::draw(&inputs).map_err(Error::Invalid)?;
        let id = codec::next_serial(tx, "draws", &format!("CQ{}-", req.date.year()), "", 3)?;
        let d = Draw {
            id,
            title: req.title.trim().to_string(),
            date: req.date,
            drawn_at: actor.now,
            drawn_by: actor.operator.clone(),
            filter: req.filter.clone(),
            count: req.count,
            seed: inputs.seed,
            subjects: inputs.subjects,
            officers: inputs.officers,
            snapshot: drawn.snapshot,
            picks: drawn.picks,
            redraw_of,
            reason: reason.clone(),
        };
        d.save(tx, ctx)?;
        let action = if d.redraw_of.is_empty() {
            "抽取"
        } else {
            "重新抽取"
        };
        let why = (!reason.is_empty()).then_some(reason.as_str());
        audit::record_because(tx, actor, (action, why), "draws", &d.id, None, Some(&d))?;
        Ok(d)
    })
}

fn check_filter(tx: &Transaction, f: &Filter) -> Result<()> {
    if let Some(m) = &f.matter
        && !people::exists(tx, "matters", m)?
    {
        return Err(Error::invalid(people::missing("执法事项", m)));
    }
    if let Some(a) = &f.area
        && !people::exists(tx, "areas", a)?
    {
        return Err(Error::invalid(people::missing("区域", a)));
    }
    if let Some(r) = &f.risk
        && Risk::parse(r).is_none()
    {
        return Err(Error::invalid(format!(
            "风险等级“{r}”无效：应为 {}",
            Risk::choices()
        )));
    }
    Ok(())
}

/// Voids `old` for the draw about to replace it; the new draw's (redraw_of, reason).
fn replace(
    tx: &Transaction,
    ctx: &Ctx,
    req: &Request,
    old: &str,
    reason: &str,
) -> Result<(String, String)> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("重新抽取须写明原因"));
    }
    let before = live(tx, old)?;
    if before.date != req.date || before.filter != req.filter {
        return Err(Error::invalid(format!(
            "重新抽取须与抽查 {old} 的检查日期（{}）和名录范围（{}）相同",
            before.date,
            before.filter.describe()
        )));
    }
    let done: i64 = tx.query_row(
        "SELECT count(*) FROM inspections WHERE draw = ?1 AND void_reason = ''",
        [old],
        |r| r.get(0),
    )?;
    if done > 0 {
        return Err(Error::invalid(format!(
            "抽查 {old} 已有 {done} 次检查记录，不能重新抽取"
        )));
    }
    record::void::<Draw>(tx, ctx, old, &format!("重新抽取：{reason}"))?;
    Ok((old.to_string(), reason.to_string()))
}

/// A second draw for the same day and list is a redraw, and must say so.
fn refuse_silent_redraw(tx: &Transaction, req: &Request) -> Result<()> {
    let same: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM draws WHERE date = ?1 AND filter = ?2 AND void_reason = ''
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![req.date, to_json(&req.filter)], |r| r.get(0))
        .optional()?;
    match same {
        Some(id) => Err(Error::invalid(format!(
            "{} 对同一名录（{}）已有抽查 {id}；重新抽取须写明要代替的抽查和原因（--redraw {id} --reason …），不能另抽一次",
            req.date,
            req.filter.describe()
        ))),
        None => Ok(()),
    }
}

/// The live subjects `filter` selects, each with the officers of its last inspection before
/// `date` (回避).
fn listed(tx: &Transaction, filter: &Filter, date: NaiveDate) -> Result<Vec<draw::Subject>> {
    let mut out = Vec::new();
    for s in subjects::all(tx)?.into_iter().filter(|s| filter.selects(s)) {
        out.push(draw::Subject {
            last_officers: super::inspections::last_officers(tx, &s.id, date)?,
            id: s.id,
        });
    }
    Ok(out)
}

/// The officers able to enforce on `date` (on duty, not on leave, certificate valid).
fn able(tx: &Transaction, date: NaiveDate) -> Result<Vec<String>> {
    let mut ids: Vec<String> = leaves::officers_on(tx, date)?
        .into_values()
        .filter(|o| o.can_enforce_on(date))
        .map(|o| o.id)
        .collect();
    ids.sort();
    Ok(ids)
}

/// The draw `id`, live.
pub fn live(conn: &Connection, id: &str) -> Result<Draw> {
    let d = Draw::load(conn, id)?.ok_or_else(|| Error::NotFound {
        kind: "抽查",
        key: id.to_string(),
    })?;
    if let Some(why) = Draw::void_reason(conn, id)? {
        return Err(Error::invalid(format!("抽查 {id} 已作废（{why}）")));
    }
    Ok(d)
}

/// Every draw, the newest first, with its void reason (empty when live).
pub fn all(conn: &Connection) -> Result<Vec<(Draw, String)>> {
    let sql = format!("SELECT {COLS}, void_reason FROM draws ORDER BY date DESC, id DESC");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], |r| Ok((row(r)?, r.get(14)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
