//! Officers, areas and matters: the reference lists every other record points into.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::codec::{label, opt_text};
use super::{Ctx, Record};
use crate::domain::{Area, AreaKind, Matter, Officer, OfficerStatus, PatrolInterval, Role};
use crate::error::Result;

const OFFICER_COLS: &str = "id, name, squad, role, cert_no, cert_expiry, phone, status";

fn officer_row(r: &Row) -> rusqlite::Result<Officer> {
    Ok(Officer {
        id: r.get(0)?,
        name: r.get(1)?,
        squad: r.get(2)?,
        role: label(r, 3, Role::parse)?,
        cert_no: opt_text(r, 4)?,
        cert_expiry: r.get(5)?,
        phone: r.get(6)?,
        status: label(r, 7, OfficerStatus::parse)?,
    })
}

impl Record for Officer {
    const KIND: &'static str = "officers";
    const NOUN: &'static str = "人员";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let sql = format!("SELECT {OFFICER_COLS} FROM officers WHERE id = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([key], officer_row)
            .optional()?)
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO officers (id, name, squad, role, cert_no, cert_expiry, phone, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, squad = excluded.squad,
               role = excluded.role, cert_no = excluded.cert_no, cert_expiry = excluded.cert_expiry,
               phone = excluded.phone, status = excluded.status",
        )?
        .execute(params![
            self.id,
            self.name,
            self.squad,
            self.role.label(),
            self.cert_no,
            self.cert_expiry,
            self.phone,
            self.status.label()
        ])?;
        Ok(())
    }
}

/// Every officer not voided, by 工号.
pub fn officers(conn: &Connection) -> Result<Vec<Officer>> {
    let sql = format!("SELECT {OFFICER_COLS} FROM officers WHERE void_reason = '' ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], officer_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn officers_by_id(conn: &Connection) -> Result<HashMap<String, Officer>> {
    Ok(officers(conn)?
        .into_iter()
        .map(|o| (o.id.clone(), o))
        .collect())
}

const AREA_COLS: &str = "id, name, kind, interval_days, village";

fn area_row(r: &Row) -> rusqlite::Result<Area> {
    Ok(Area {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: label(r, 2, AreaKind::parse)?,
        interval: PatrolInterval(r.get(3)?),
        village: r.get(4)?,
    })
}

impl Record for Area {
    const KIND: &'static str = "areas";
    const NOUN: &'static str = "区域";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let sql = format!("SELECT {AREA_COLS} FROM areas WHERE id = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([key], area_row)
            .optional()?)
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO areas (id, name, kind, interval_days, village) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
               interval_days = excluded.interval_days, village = excluded.village",
        )?
        .execute(params![
            self.id,
            self.name,
            self.kind.label(),
            self.interval.days(),
            self.village
        ])?;
        Ok(())
    }
}

/// Every area not voided, by 编号.
pub fn areas(conn: &Connection) -> Result<Vec<Area>> {
    let sql = format!("SELECT {AREA_COLS} FROM areas WHERE void_reason = '' ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], area_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const MATTER_COLS: &str = "id, name, field, legal_basis";

fn matter_row(r: &Row) -> rusqlite::Result<Matter> {
    Ok(Matter {
        id: r.get(0)?,
        name: r.get(1)?,
        field: r.get(2)?,
        legal_basis: r.get(3)?,
    })
}

impl Record for Matter {
    const KIND: &'static str = "matters";
    const NOUN: &'static str = "执法事项";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let sql = format!("SELECT {MATTER_COLS} FROM matters WHERE id = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([key], matter_row)
            .optional()?)
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO matters (id, name, field, legal_basis) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, field = excluded.field,
               legal_basis = excluded.legal_basis",
        )?
        .execute(params![self.id, self.name, self.field, self.legal_basis])?;
        Ok(())
    }
}

pub fn matters(conn: &Connection) -> Result<Vec<Matter>> {
    let sql = format!("SELECT {MATTER_COLS} FROM matters WHERE void_reason = '' ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], matter_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether a live (not voided) record with this key exists in `table`.
/// A notice's legal basis when none is written: that of its matter on the list (the one
/// rule the desk, the store and the importer share). Left empty for a matter off the list,
/// What is said when record `key` of `noun` is not there to refer to: one wording for the
/// desk, the store and the importer.
pub fn missing(noun: &str, key: &str) -> String {
    format!("{noun}「{key}」不存在或已作废")
}

/// which the notice's own check then refuses.
pub fn fill_legal_basis(conn: &Connection, n: &mut crate::domain::Notice) -> Result<()> {
    if !n.legal_basis.trim().is_empty() {
        return Ok(());
    }
    if let Some(m) = &n.matter {
        let basis: Option<String> = conn
            .prepare_cached("SELECT legal_basis FROM matters WHERE id = ?1 AND void_reason = ''")?
            .query_row([m], |r| r.get(0))
            .optional()?;
        n.legal_basis = basis.unwrap_or_default();
    }
    Ok(())
}

pub fn exists(conn: &Connection, table: &str, key: &str) -> Result<bool> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1 AND void_reason = ''");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([key], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The certificate numbers of `officers` on `date`, in order, when at least two of them are
/// on duty and hold a valid certificate that day (an enforcement act needs two); else why not,
/// to follow 复查 or 下达.
pub fn certified(
    conn: &Connection,
    officers: &[String],
    date: chrono::NaiveDate,
) -> Result<std::result::Result<Vec<String>, String>> {
    let staff = super::leaves::officers_on(conn, date)?;
    let valid: Vec<Option<&String>> = officers
        .iter()
        .map(|id| {
            staff
                .get(id)
                .filter(|o| o.can_enforce_on(date))
                .and_then(|o| o.cert_no.as_ref())
        })
        .collect();
    let n = valid.iter().flatten().count();
    if n < 2 {
        let why: Vec<String> = officers
            .iter()
            .filter_map(|id| match staff.get(id) {
                None => Some(format!("{id} 不在人员名册中")),
                Some(o) => o.cannot_enforce_on(date).map(|w| format!("{} {w}", o.name)),
            })
            .collect();
        let why = if why.is_empty() {
            String::new()
        } else {
            format!("（{}）", why.join("；"))
        };
        return Ok(Err(format!(
            "须由至少 2 名持有效执法证的在岗人员进行，本次只有 {n} 名{why}"
        )));
    }
    Ok(Ok(valid
        .into_iter()
        .map(|c| c.cloned().unwrap_or_default())
        .collect()))
}
