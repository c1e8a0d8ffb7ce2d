//! The 检查计划 and 专项 campaigns as the store keeps them, and the year's progress of each
//! plan item counted from the inspections on record.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::codec::{date, label, list, list_json};
use super::{Ctx, Record};
use crate::domain::plan::{Campaign, Method, PlanItem, Progress, progress};
use crate::error::Result;

const ITEM_COLS: &str = "id, year, matter, method, months, per_month, squad, remark";

fn item_row(r: &Row) -> rusqlite::Result<PlanItem> {
    let months: String = r.get(4)?;
    Ok(PlanItem {
        id: r.get(0)?,
        year: r.get(1)?,
        matter: r.get(2)?,
        method: label(r, 3, Method::parse)?,
        months: serde_json::from_str(&months).unwrap_or_default(),
        per_month: r.get(5)?,
        squad: r.get(6)?,
        note: r.get(7)?,
    })
}

impl Record for PlanItem {
    const KIND: &'static str = "plan_items";
    const NOUN: &'static str = "检查计划";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let sql = format!("SELECT {ITEM_COLS} FROM plan_items WHERE id = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([key], item_row)
            .optional()?)
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO plan_items (id, year, matter, method, months, per_month, squad, remark)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(id) DO UPDATE SET year = excluded.year, matter = excluded.matter,
               method = excluded.method, months = excluded.months,
               per_month = excluded.per_month, squad = excluded.squad, remark = excluded.remark",
        )?
        .execute(params![
            self.id,
            self.year,
            self.matter,
            self.method.label(),
            serde_json::to_string(&self.months).expect("months serialize"),
            self.per_month,
            self.squad,
            self.note
        ])?;
        Ok(())
    }
}

const CAMPAIGN_COLS: &str = "id, name, basis, start, end, matters, areas";

fn campaign_row(r: &Row) -> rusqlite::Result<Campaign> {
    Ok(Campaign {
        id: r.get(0)?,
        name: r.get(1)?,
        basis: r.get(2)?,
        from: date(r, 3)?,
        to: date(r, 4)?,
        matters: list(r, 5)?,
        areas: list(r, 6)?,
    })
}

impl Record for Campaign {
    const KIND: &'static str = "campaigns";
    const NOUN: &'static str = "专项行动";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let sql = format!("SELECT {CAMPAIGN_COLS} FROM campaigns WHERE id = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([key], campaign_row)
            .optional()?)
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO campaigns (id, name, basis, start, end, matters, areas)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, basis = excluded.basis,
               start = excluded.start, end = excluded.end, matters = excluded.matters,
               areas = excluded.areas",
        )?
        .execute(params![
            self.id,
            self.name,
            self.basis,
            self.from,
            self.to,
            list_json(&self.matters),
            list_json(&self.areas)
        ])?;
        Ok(())
    }
}

/// The live plan items of `year` (every year when None), by number.
pub fn items(conn: &Connection, year: Option<i32>) -> Result<Vec<PlanItem>> {
    let sql = format!(
        "SELECT {ITEM_COLS} FROM plan_items WHERE void_reason = '' AND (?1 IS NULL OR year = ?1)
         ORDER BY id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([year], item_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The live campaigns, the latest first.
pub fn campaigns(conn: &Connection) -> Result<Vec<Campaign>> {
    let sql = format!(
        "SELECT {CAMPAIGN_COLS} FROM campaigns WHERE void_reason = '' ORDER BY start DESC, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], campaign_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Each plan item of `today`'s year with its inspections so far (any inspection of the
/// item's matter counts, whatever brought the officers there).
pub fn progress_on(conn: &Connection, today: NaiveDate) -> Result<Vec<Progress>> {
    let mut stmt = conn.prepare_cached(
        "SELECT substr(at, 1, 10) FROM inspections
         WHERE matter = ?1 AND void_reason = '' AND at >= ?2 AND at < ?3",
    )?;
    let mut out = Vec::new();
    for item in items(conn, Some(today.year()))? {
        let from = format!("{}-01-01", item.year);
        let to = format!("{}-01-01", item.year + 1);
        let done: Vec<NaiveDate> = stmt
            .query_map(params![item.matter, from, to], |r| date(r, 0))?
            .collect::<rusqlite::Result<_>>()?;
        out.push(progress(&item, today, &done));
    }
    Ok(out)
}

/// How many live inspections were made under campaign `name`.
pub fn campaign_done(conn: &Connection, name: &str) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM inspections WHERE source = '专项检查' AND campaign = ?1
           AND void_reason = ''",
        [name],
        |r| r.get(0),
    )?)
}

/// The matters on the list that no item of `year`'s plan covers (the county's question).
pub fn unplanned(conn: &Connection, year: i32) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM matters WHERE void_reason = '' AND id NOT IN
           (SELECT matter FROM plan_items WHERE void_reason = '' AND year = ?1) ORDER BY id",
    )?;
    let rows = stmt.query_map([year], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
