//! What the desk writes for rectification notices: issue, edit, and each step of the
//! 检查—整改—复查—销号 loop, each one audited transaction.

use chrono::{Datelike, NaiveDate};

use super::desk::{Edited, edited, must_exist, not_future, place_and_matter, refuse_problems};
use super::record::{self, Record};
use rusqlite::Transaction;

use super::{Actor, Ctx, Store, notices, people};
use crate::domain::notice::Service;
use crate::domain::{Notice, NoticeState, Outcome};
use crate::error::{Error, Result};

/// One step of a rectification notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeStep {
    /// The deadline has passed: the notice waits for its re-inspection.
    Await,
    Reinspect {
        date: NaiveDate,
        result: String,
        outcome: Outcome,
        officers: Vec<String>,
    },
    Void {
        reason: String,
    },
    /// 送达: the paper reached the party.
    Serve(Service),
}

/// As `edit_complaint`, for a notice: its number, state, re-inspection and lateness stay.
pub fn edit_notice(
    store: &mut Store,
    actor: &Actor,
    mut n: Notice,
    reason: Option<&str>,
) -> Result<Edited> {
    store.write_with_rules(actor, |tx, ctx| {
        let old = Notice::load(tx, &n.id)?.ok_or_else(|| Error::NotFound {
            kind: "整改通知",
            key: n.id.clone(),
        })?;
        n.state = old.state;
        n.reinspected_on = old.reinspected_on;
        n.reinspect_result = old.reinspect_result.clone();
        n.extension_reason = old.extension_reason.clone();
        n.void_reason = old.void_reason.clone();
        n.late = old.late;
        not_future(actor, "下达日期", n.issued_on)?;
        people::fill_legal_basis(tx, &mut n)?;
        refuse_problems(n.problems())?;
        place_and_matter(tx, n.area.as_deref(), n.matter.as_deref())?;
        if let Some(c) = &n.complaint {
            must_exist(tx, "complaints", "投诉", c)?;
        }
        edited(tx, ctx, &n, &old, reason)
    })
}

/// 下达: records a new notice (state 待整改) under the next number of its year.
pub fn issue_notice(store: &mut Store, actor: &Actor, n: Notice) -> Result<String> {
    store.write_with_rules(actor, |tx, ctx| issue_in(tx, ctx, n))
}

/// As `issue_notice`, inside a write that does more in the same act (an inspection that
/// finds a violation and orders it rectified).
pub fn issue_in(tx: &Transaction, ctx: &Ctx, mut n: Notice) -> Result<String> {
    n.state = NoticeState::Pending;
    not_future(ctx.actor, "下达日期", n.issued_on)?;
    n.id = notices::next_id(tx, n.issued_on.year())?;
    people::fill_legal_basis(tx, &mut n)?;
    refuse_problems(n.problems())?;
    place_and_matter(tx, n.area.as_deref(), n.matter.as_deref())?;
    if let Some(c) = &n.complaint {
        must_exist(tx, "complaints", "投诉", c)?;
    }
    n.issuing.certs = people::certified(tx, &n.issuing.officers, n.issued_on)?
        .map_err(|why| Error::invalid(format!("下达整改通知{why}")))?;
    record::upsert(tx, ctx, &n)?;
    Ok(n.id)
}

pub fn notice_step(store: &mut Store, actor: &Actor, id: &str, step: NoticeStep) -> Result<Notice> {
    store.write_with_rules(actor, |tx, ctx| match step {
        NoticeStep::Await => record::step::<Notice>(tx, ctx, id, "待复查", |n| {
            n.await_reinspection().map_err(|r| r.0)
        }),
        NoticeStep::Void { reason } => {
            record::step::<Notice>(tx, ctx, id, "作废", |n| n.void(&reason).map_err(|r| r.0))
        }
        NoticeStep::Serve(s) => {
            not_future(actor, "送达日期", s.on)?;
            for o in &s.servers {
                must_exist(tx, "officers", "送达人", o)?;
            }
            record::step::<Notice>(tx, ctx, id, "送达", |n| n.serve(s).map_err(|r| r.0))
        }
        NoticeStep::Reinspect {
            date,
            result,
            outcome,
            officers,
        } => {
            not_future(actor, "复查日期", date)?;
            if let Outcome::Escalate { case_no } = &outcome
                && let Some(other) = notices::with_case_no(tx, case_no)?
            {
                return Err(Error::invalid(format!(
                    "立案编号 {} 已用于整改通知 {other}；一个案件只对应一份整改通知，请换一个编号",
                    case_no.trim()
                )));
            }
            let r = super::reinspections::Reinspection {
                notice_id: id,
                date,
                result: &result,
                outcome,
                officers: &officers,
            };
            super::reinspections::reinspect(tx, ctx, r)
        }
    })
}
