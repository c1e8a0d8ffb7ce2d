//! The 检查对象名录 and the township's 首违不罚 list: the lists inspections and draws work from.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::codec::{label, list, list_json, opt_text};
use super::{Ctx, Record};
use crate::domain::{LenientMatter, Risk, Subject, SubjectKind};
use crate::error::Result;

const COLS: &str = "id, name, kind, code, address, area, matters, risk";

fn row(r: &Row) -> rusqlite::Result<Subject> {
    Ok(Subject {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: label(r, 2, SubjectKind::parse)?,
        code: r.get(3)?,
        address: r.get(4)?,
        area: opt_text(r, 5)?,
        matters: list(r, 6)?,
        risk: label(r, 7, Risk::parse)?,
    })
}

impl Record for Subject {
    const KIND: &'static str = "subjects";
    const NOUN: &'static str = "检查对象";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let sql = format!("SELECT {COLS} FROM subjects WHERE id = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([key], row)
            .optional()?)
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO subjects (id, name, kind, code, address, area, matters, risk)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
               code = excluded.code, address = excluded.address, area = excluded.area,
               matters = excluded.matters, risk = excluded.risk",
        )?
        .execute(params![
            self.id,
            self.name,
            self.kind.label(),
            self.code.trim(),
            self.address,
            self.area,
            list_json(&self.matters),
            self.risk.label()
        ])?;
        Ok(())
    }
}

/// The number a new subject takes: one past the largest "DX" number.
pub fn next_id(conn: &Connection) -> Result<String> {
    Ok(super::codec::next_serial(conn, "subjects", "DX", "", 3)?)
}

/// A subject added (`new`) or changed on the desk, with the checks the importer makes: its
/// code, its area and matters on their lists; a new one may not take a number in use.
pub fn save(
    store: &mut super::Store,
    actor: &super::Actor,
    s: Subject,
    new: bool,
) -> Result<super::Change> {
    use crate::error::Error;
    store.write_with_rules(actor, |tx, ctx| {
        super::desk::refuse_problems(s.problems())?;
        if s.id.trim().is_empty() || s.name.trim().is_empty() {
            return Err(Error::invalid("对象编号和名称都须填写"));
        }
        if new && Subject::load(tx, &s.id)?.is_some() {
            return Err(Error::invalid(format!("对象编号 {} 已在名录中", s.id)));
        }
        if let Some(a) = &s.area {
            super::desk::must_exist(tx, "areas", "区域", a)?;
        }
        for m in &s.matters {
            super::desk::must_exist(tx, "matters", "执法事项", m)?;
        }
        super::record::upsert(tx, ctx, &s)
    })
}

/// Every subject not voided, by 编号.
pub fn all(conn: &Connection) -> Result<Vec<Subject>> {
    let sql = format!("SELECT {COLS} FROM subjects WHERE void_reason = '' ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The live subject `id`, if there is one.
pub fn get(conn: &Connection, id: &str) -> Result<Option<Subject>> {
    let sql = format!("SELECT {COLS} FROM subjects WHERE id = ?1 AND void_reason = ''");
    Ok(conn.prepare_cached(&sql)?.query_row([id], row).optional()?)
}

impl Record for LenientMatter {
    const KIND: &'static str = "lenient_matters";
    const NOUN: &'static str = "首违不罚清单";
    const KEY_SQL: &'static str = "matter = ?";

    fn key(&self) -> String {
        self.matter.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        Ok(conn
            .prepare_cached(
                "SELECT matter, situation, months FROM lenient_matters WHERE matter = ?1",
            )?
            .query_row([key], lenient_row)
            .optional()?)
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO lenient_matters (matter, situation, months) VALUES (?1, ?2, ?3)
             ON CONFLICT(matter) DO UPDATE SET situation = excluded.situation,
               months = excluded.months",
        )?
        .execute(params![self.matter, self.situation, self.months])?;
        Ok(())
    }
}

fn lenient_row(r: &Row) -> rusqlite::Result<LenientMatter> {
    Ok(LenientMatter {
        matter: r.get(0)?,
        situation: r.get(1)?,
        months: r.get(2)?,
    })
}

/// The township's 首违不罚 list in force, by matter.
pub fn lenient(conn: &Connection) -> Result<Vec<LenientMatter>> {
    let mut stmt = conn.prepare_cached(
        "SELECT matter, situation, months FROM lenient_matters WHERE void_reason = ''
         ORDER BY matter",
    )?;
    let rows = stmt.query_map([], lenient_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
