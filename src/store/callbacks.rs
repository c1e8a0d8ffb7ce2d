//! 回访 as the store keeps it: a call-back recorded on its closed lead, and one that finds the
//! problem not fixed opening a follow-up lead (重新办理) with its own clock, in one act.

use chrono::Datelike;
use rusqlite::Connection;

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
    pub lead: Complaint,
    pub due: Reckoned,
}

/// Closed leads not yet called back, closed on or after `since`, the earliest due first.
pub fn due(
    conn: &Connection,
    cal: &Calendar,
    workdays: u32,
    since: chrono::NaiveDate,
) -> Result<Vec<Due>> {
    let mut out: Vec<Due> = complaints::closed_since(conn, since)?
        .into_iter()
        .filter_map(|c| {
            let due = c.callback_due(cal, workdays)?;
            Some(Due { lead: c, due })
        })
        .collect();
    out.sort_by(|a, b| (a.due.date, &a.lead.id).cmp(&(b.due.date, &b.lead.id)));
    Ok(out)
}
