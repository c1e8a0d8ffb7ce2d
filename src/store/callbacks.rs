//! 回访 as the store keeps it: a call-back recorded on its closed lead, one that finds the
//! problem not fixed opening a follow-up lead (重新办理) with its own clock, in one act; the
//! leads due for a call-back; and a lead's repeats (重复投诉).

use chrono::Datelike;
use rusqlite::{Connection, params};

use super::codec;

use super::desk::{must_exist, not_later};
use super::{Actor, Store, complaints, record};
use crate::calendar::{Calendar, Reckoned};
use crate::domain::callback::{Answer, CallBack};
use crate::domain::{Complaint, ComplaintState};
use crate::error::{Error, Result};

/// What a call-back did: the lead as it now stands, and the follow-up it opened.
#[derive(Debug, Clone)]
pub struct Called {
    pub lead: Complaint,
    pub follow_up: Option<String>,
}

/// Records call-back `cb` on lead `id`; "not fixed" opens the follow-up lead.
pub fn record(store: &mut Store, actor: &Actor, id: &str, mut cb: CallBack) -> Result<Called> {
    not_later(actor, "回访时间", cb.at)?;
    store.write_with_rules(actor, |tx, ctx| {
        must_exist(tx, "officers", "人员", &cb.by)?;
        let answered = Answer::parse(&cb.answer).is_some_and(Answer::answered);
        let mut follow_up = None;
        if answered && cb.fixed == Some(false) {
            let lead = complaints::existing(tx, id)?.complaint;
            // Checked first, so a refused call-back opens nothing.
            lead.clone()
                .call_back(cb.clone())
                .map_err(|r| Error::Invalid(r.0))?;
            let mut again = Complaint {
                id: complaints::next_id(tx, cb.at.year())?,
                received_at: cb.at,
                description: format!("（回访未解决，重新办理 {id}）{}", lead.description),
                state: ComplaintState::Received,
                verified_at: None,
                result: String::new(),
                fed_back_at: None,
                closed_at: None,
                void_reason: String::new(),
                work: Default::default(),
                ..lead
            };
            again.work.follow_of = id.to_string();
            record::upsert(tx, ctx, &again)?;
            cb.follow_up = again.id.clone();
            follow_up = Some(again.id);
        }
        let lead =
            record::step::<Complaint>(tx, ctx, id, "回访", |c| c.call_back(cb).map_err(|r| r.0))?;
        Ok(Called { lead, follow_up })
    })
}

/// A closed lead whose call-back is due, with its due day.
#[derive(Debug, Clone)]
pub struct Due {
    pub id: String,
    pub description: String,
    pub due: Reckoned,
}

/// Closed leads not yet called back, closed on or after `since`, the earliest due first. Only
/// the columns the list shows are read: in a ledger nobody has called back yet, thousands are.
pub fn due(
    conn: &Connection,
    cal: &Calendar,
    workdays: u32,
    since: chrono::NaiveDate,
) -> Result<Vec<Due>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, description, closed_at FROM complaints
         WHERE state = '已结案' AND closed_at >= ?1
           AND (callbacks = '[]'
                OR NOT EXISTS (SELECT 1 FROM json_each(complaints.callbacks) j
                               WHERE json_extract(j.value, '$.answer') != '未联系上'))",
    )?;
    let rows = stmt.query_map([since.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get(1)?, codec::datetime(r, 2)?))
    })?;
    let mut out = Vec::new();
    // Leads closed the same day fall due the same day: reckoned once a day, not once a lead.
    let mut by_day = std::collections::HashMap::new();
    for row in rows {
        let (id, description, closed): (String, String, chrono::NaiveDateTime) = row?;
        let due = by_day
            .entry(closed.date())
            .or_insert_with(|| crate::domain::callback::callback_due_after(closed, cal, workdays))
            .clone();
        out.push(Due {
            id,
            description,
            due,
        });
    }
    out.sort_by(|a, b| (a.due.date, &a.id).cmp(&(b.due.date, &b.id)));
    Ok(out)
}

/// Leads this many days apart or closer, of the same area and matter, are repeats of each
/// other (重复投诉): shown together so one problem is handled once.
pub const REPEAT_DAYS: i64 = 30;

/// The other live leads of `c`'s area and matter received within `REPEAT_DAYS` of it.
pub fn repeats(conn: &Connection, c: &Complaint) -> Result<Vec<String>> {
    let (Some(area), Some(matter)) = (&c.area, &c.matter) else {
        return Ok(Vec::new());
    };
    let span = chrono::Duration::days(REPEAT_DAYS);
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM complaints WHERE area = ?1 AND matter = ?2 AND id != ?3
           AND state != '已作废' AND received_at >= ?4 AND received_at <= ?5 ORDER BY id",
    )?;
    let rows = stmt.query_map(
        params![
            area,
            matter,
            c.id,
            codec::Dt(Some(c.received_at - span)),
            codec::Dt(Some(c.received_at + span))
        ],
        |r| r.get(0),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
