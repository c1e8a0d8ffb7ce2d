//! A notice's re-inspections (复查): who did it, certified that day, the outcome written to the
//! notice, and the log of every re-inspection.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::codec::list_json;
use super::{Ctx, Record, audit};
use crate::domain::{Notice, NoticeState, Outcome};
use crate::error::{Error, Result};

/// One re-inspection, done by named officers.
pub struct Reinspection<'a> {
    pub notice_id: &'a str,
    pub date: NaiveDate,
    pub result: &'a str,
    pub outcome: Outcome,
    pub officers: &'a [String],
}

/// Records a re-inspection: the notice moves on, the visit is logged, both are audited.
/// Fewer than two certified officers on duty is not a valid enforcement act and is refused.
pub fn reinspect(tx: &Transaction, ctx: &Ctx, r: Reinspection) -> Result<Notice> {
    let tracked = super::notices::get(tx, r.notice_id)?.ok_or_else(|| Error::NotFound {
        kind: "整改通知",
        key: r.notice_id.to_string(),
    })?;
    if let Err(why) = super::people::certified(tx, r.officers, r.date)? {
        return Err(Error::invalid(format!("复查{why}")));
    }
    let before = tracked.notice.clone();
    let mut notice = tracked.notice;
    let outcome_label = match &r.outcome {
        Outcome::CloseOut => "销号",
        Outcome::Extend { .. } => "延期",
        Outcome::Escalate { .. } => "立案",
    };
    notice
        .reinspect(r.date, r.result, r.outcome, tracked.reinspect_due.date)
        .map_err(|e| Error::invalid(e.0))?;
    let late = r.date > tracked.reinspect_due.date;
    tx.prepare_cached(
        "INSERT INTO reinspections (notice_id, date, result, outcome, officers, late)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        notice.id,
        r.date,
        r.result,
        outcome_label,
        list_json(r.officers),
        late
    ])?;
    notice.save(tx, ctx)?;
    audit::record(
        tx,
        ctx.actor,
        "复查",
        Notice::KIND,
        &notice.id,
        Some(&before),
        Some(&notice),
    )?;
    Ok(notice)
}

/// The re-inspections of one notice, oldest first.
pub fn reinspections(conn: &Connection, id: &str) -> Result<Vec<Logged>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, result, outcome, officers, late FROM reinspections
         WHERE notice_id = ?1 ORDER BY date, rowid",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Logged {
            date: r.get(0)?,
            result: r.get(1)?,
            outcome: r.get(2)?,
            officers: super::codec::list(r, 3)?,
            late: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One logged re-inspection, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub date: NaiveDate,
    pub result: String,
    pub outcome: String,
    pub officers: Vec<String>,
    pub late: bool,
}

/// The deadline notice `id` had before its latest extension (延期), from the audit trail; None
/// when it was never extended here (or came in already extended by an import).
pub fn deadline_before_extension(conn: &Connection, id: &str) -> Result<Option<NaiveDate>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT json_extract(before, '$.deadline') FROM audit
             WHERE kind = 'notices' AND key = ?1 AND before IS NOT NULL
               AND json_extract(after, '$.state') = ?2
               AND json_extract(before, '$.deadline') IS NOT json_extract(after, '$.deadline')
             ORDER BY id DESC LIMIT 1",
            params![id, NoticeState::Extended.label()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.and_then(|t| t.parse().ok()))
}
