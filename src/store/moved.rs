//! Deadlines moved by a new calendar (a year's arrangement imported) or new settings: which
//! record, which deadline, from what to what, and whether its overdue verdict changed with it;
//! a verdict changed in a month already handed off is recorded as a 更正 of that record.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::Serialize;

use super::{Actor, Record};
use crate::domain::{Complaint, Notice};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    pub noun: &'static str,
    pub key: String,
    /// The deadline's column header: 核查期限.
    pub field: &'static str,
    pub old: String,
    pub new: String,
    /// Overdue before and after, at the time of the change, where that changed.
    pub verdict: Option<(bool, bool)>,
    /// The month the record belongs to in the handoffs (received or issued): 2026-12.
    pub month: String,
    /// Its month was handed off already, so the changed verdict was recorded as a 更正.
    pub handed_off: bool,
}

impl Moved {
    pub fn of(
        (noun, key, field): (&'static str, &str, &'static str),
        (old, new): (String, String),
        (was_overdue, is_overdue): (bool, bool),
        month: String,
    ) -> Option<Moved> {
        (old != new).then(|| Moved {
            noun,
            key: key.to_string(),
            field,
            old,
            new,
            verdict: (was_overdue != is_overdue).then_some((was_overdue, is_overdue)),
            month,
            handed_off: false,
        })
    }
}

impl std::fmt::Display for Moved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {} {} → {}",
            self.noun, self.key, self.field, self.old, self.new
        )?;
        match self.verdict {
            Some((true, false)) => write!(f, "，由超期变为未超期"),
            Some((false, true)) => write!(f, "，由未超期变为超期"),
            _ => Ok(()),
        }?;
        if self.handed_off {
            write!(f, "（{} 的移交包已交出，已记为更正）", self.month)?;
        }
        Ok(())
    }
}

/// A deadline as a ledger writes it, with 暂定 where it is.
pub fn shown(at: NaiveDateTime, provisional: bool, date_only: bool) -> String {
    let text = if date_only {
        at.date().to_string()
    } else {
        at.format("%Y-%m-%d %H:%M").to_string()
    };
    if provisional {
        format!("{text}（暂定）")
    } else {
        text
    }
}

/// The months whose handoff bundle has been exported.
fn handed_off_months(conn: &Connection) -> Result<BTreeSet<String>> {
    let mut stmt =
        conn.prepare("SELECT DISTINCT key FROM audit WHERE kind = 'exports' AND action = ?1")?;
    let keys = stmt.query_map([super::traces::EXPORTED], |r| r.get::<_, String>(0))?;
    let mut out = BTreeSet::new();
    for k in keys {
        if let Some(month) = k?.strip_prefix("移交包 ") {
            out.insert(month.to_string());
        }
    }
    Ok(out)
}

/// The column a deadline's header names, for the 更正 row.
fn column(field: &str) -> &'static str {
    match field {
        "核查期限" => "verify_due",
        "反馈期限" => "feedback_due",
        _ => "reinspect_due",
    }
}

/// Each record whose overdue verdict changed with its moved deadlines, in a month already
/// handed off, gets one 更正 row with `why` (the calendar) as its reason: the month's bundle
/// no longer matches the records, and the next report lists the change.
pub fn correct_handed_off(
    tx: &Connection,
    actor: &Actor,
    moved: &mut [Moved],
    why: &str,
) -> Result<()> {
    let months = handed_off_months(tx)?;
    let records: BTreeSet<(&'static str, String)> = moved
        .iter()
        .filter(|m| m.verdict.is_some() && months.contains(&m.month))
        .map(|m| (m.noun, m.key.clone()))
        .collect();
    for (noun, key) in records {
        let (kind, record) = match noun {
            "投诉" => (
                "complaints",
                Complaint::load(tx, &key)?.map(|c| json(&*c.audited())),
            ),
            _ => ("notices", Notice::load(tx, &key)?.map(|n| json(&n))),
        };
        let Some(record) = record else { continue };
        let mine: Vec<&mut Moved> = moved
            .iter_mut()
            .filter(|m| m.noun == noun && m.key == key)
            .collect();
        let Some((was, is)) = mine.iter().find_map(|m| m.verdict) else {
            continue;
        };
        let side = |new: bool| {
            let mut v = record.clone();
            if let Some(o) = v.as_object_mut() {
                for m in &mine {
                    let at = if new { &m.new } else { &m.old };
                    o.insert(column(m.field).into(), at.as_str().into());
                }
                let overdue = if new { is } else { was };
                o.insert("overdue".into(), if overdue { "是" } else { "否" }.into());
            }
            v
        };
        let yes_no = |b: bool| if b { "是" } else { "否" };
        let fields: Vec<&str> = mine.iter().map(|m| m.field).collect();
        let reason = format!(
            "{why}：{}重算，{} 的移交包已交出，是否超期由「{}」变为「{}」",
            fields.join("、"),
            mine[0].month,
            yes_no(was),
            yes_no(is)
        );
        let (before, after) = (side(false), side(true));
        super::audit::record_because(
            tx,
            actor,
            (super::correction::ACTION, Some(&reason)),
            kind,
            &key,
            Some(&before),
            Some(&after),
        )?;
        for m in mine {
            m.handed_off = true;
        }
    }
    Ok(())
}

fn json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).expect("records serialize")
}
