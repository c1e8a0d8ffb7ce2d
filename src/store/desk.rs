//! What the desk screen writes: each act one audited transaction, checked as an import would be.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::Transaction;

pub use super::desk_notices::{NoticeStep, edit_notice, issue_notice, notice_step};
pub use super::desk_roster::{
    add_leave, copy_last_week, log_patrol, remove_team, set_team, update_officer,
};
use super::record::{self, Record};
pub use super::traces::{Printed, archived, export_personal, handed_off, printed, view_personal};
use super::{Actor, Ctx, Store, complaints, duty, people};
use crate::domain::duty::{DutyEntry, DutyKind};
use crate::domain::when;
use crate::domain::{Complaint, ComplaintState};
use crate::error::{Error, Result};

/// One step of a complaint, as the duty officer records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComplaintStep {
    /// 分派: the squad and the officers who handle the lead.
    Dispatch {
        squad: String,
        handlers: Vec<String>,
    },
    /// 核查: when, by whom, and what was found.
    Verify {
        at: NaiveDateTime,
        by: Vec<String>,
        finding: String,
    },
    /// 处置: when (if known) and what was done.
    Handle {
        at: Option<NaiveDateTime>,
        result: String,
    },
    /// 反馈: when, how (电话 / 短信 / 当面 / 书面 / 平台回复) and what was said.
    FeedBack {
        at: NaiveDateTime,
        method: String,
        result: String,
    },
    Close {
        at: NaiveDateTime,
    },
    Transfer {
        at: NaiveDateTime,
        to: String,
    },
    Void {
        reason: String,
    },
}

impl ComplaintStep {
    /// The word for the step in the audit trail and on screen.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Dispatch { .. } => "分派",
            Self::Verify { .. } => "核查",
            Self::Handle { .. } => "处置",
            Self::FeedBack { .. } => "反馈",
            Self::Close { .. } => "结案",
            Self::Transfer { .. } => "移送",
            Self::Void { .. } => "作废",
        }
    }

    fn at(&self) -> Option<NaiveDateTime> {
        match self {
            Self::Verify { at, .. }
            | Self::FeedBack { at, .. }
            | Self::Handle { at: Some(at), .. }
            | Self::Close { at }
            | Self::Transfer { at, .. } => Some(*at),
            Self::Handle { at: None, .. } | Self::Dispatch { .. } | Self::Void { .. } => None,
        }
    }
}

pub(super) fn not_future(actor: &Actor, what: &str, date: NaiveDate) -> Result<()> {
    when::not_after_today(date, actor.now)
        .map_err(|why| Error::invalid(format!("{what} {date} {why}")))
}

/// A time later than now, even later today, is something that has not happened yet.
pub(super) fn not_later(actor: &Actor, what: &str, at: NaiveDateTime) -> Result<()> {
    when::not_after_now(at, actor.now)
        .map_err(|why| Error::invalid(format!("{what} {} {why}", at.format("%Y-%m-%d %H:%M"))))
}

pub(super) fn must_exist(tx: &Transaction, table: &str, noun: &str, key: &str) -> Result<()> {
    match people::exists(tx, table, key)? {
        true => Ok(()),
        false => Err(Error::invalid(people::missing(noun, key))),
    }
}

pub(super) fn place_and_matter(
    tx: &Transaction,
    area: Option<&str>,
    matter: Option<&str>,
) -> Result<()> {
    if let Some(a) = area {
        must_exist(tx, "areas", "区域", a)?;
    }
    if let Some(m) = matter {
        must_exist(tx, "matters", "执法事项", m)?;
    }
    Ok(())
}

pub(super) fn refuse_problems(problems: Vec<(&'static str, String)>) -> Result<()> {
    match problems.into_iter().next() {
        Some((col, why)) => Err(Error::invalid(format!("{col}：{why}"))),
        None => Ok(()),
    }
}

pub fn sign_in(store: &mut Store, actor: &Actor, officer: &str) -> Result<()> {
    duty(store, actor, officer, DutyKind::SignIn, "")
}

pub fn hand_over(store: &mut Store, actor: &Actor, officer: &str, note: &str) -> Result<()> {
    duty(store, actor, officer, DutyKind::Handover, note)
}

/// The new duty officer has read the last handover note.
pub fn acknowledge(store: &mut Store, actor: &Actor, officer: &str) -> Result<()> {
    duty(store, actor, officer, DutyKind::Acknowledge, "")
}

fn duty(store: &mut Store, actor: &Actor, officer: &str, kind: DutyKind, note: &str) -> Result<()> {
    let entry = DutyEntry {
        at: actor.now,
        officer: officer.to_string(),
        kind,
        note: note.trim().to_string(),
    };
    store.write(|tx| duty::append(tx, actor, &entry))
}

/// 受理: records a new complaint (state 已受理) under the next number of its year.
pub fn receive_complaint(store: &mut Store, actor: &Actor, mut c: Complaint) -> Result<String> {
    c.state = ComplaintState::Received;
    store.write_with_rules(actor, |tx, ctx| {
        not_later(actor, "受理时间", c.received_at)?;
        c.id = complaints::next_id(tx, c.received_at.year())?;
        refuse_problems(c.problems())?;
        phone(&c.phone, None)?;
        place_and_matter(tx, c.area.as_deref(), c.matter.as_deref())?;
        record::upsert(tx, ctx, &c)?;
        Ok(c.id)
    })
}

/// How an edit came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    Unchanged,
    Changed,
    /// A recorded time changed, audited as 更正 with the reason given.
    Corrected,
}

/// 修改 / 更正: writes the fields a person typed into a stored complaint, checked as an import
/// is. Its number, state and void reason stay; a masked reporter or phone keeps what is
/// stored; a changed recorded time needs `reason` and is audited as 更正.
pub fn edit_complaint(
    store: &mut Store,
    actor: &Actor,
    mut c: Complaint,
    reason: Option<&str>,
) -> Result<Edited> {
    store.write_with_rules(actor, |tx, ctx| {
        let old = Complaint::load(tx, &c.id)?.ok_or_else(|| Error::NotFound {
            kind: "投诉",
            key: c.id.clone(),
        })?;
        c.state = old.state;
        c.void_reason = old.void_reason.clone();
        // Extensions, stops and appeals have their own steps; an edit never carries them.
        c.work.extensions = old.work.extensions.clone();
        c.work.stops = old.work.stops.clone();
        c.work.appeal = old.work.appeal.clone();
        c.keep_personal_from(&old);
        for (what, at) in [
            ("受理时间", Some(c.received_at)),
            ("核查时间", c.verified_at),
            ("反馈时间", c.fed_back_at),
            ("办结时间", c.closed_at),
        ] {
            if let Some(at) = at {
                not_later(actor, what, at)?;
            }
        }
        refuse_problems(c.problems())?;
        phone(&c.phone, Some(&old.phone))?;
        place_and_matter(tx, c.area.as_deref(), c.matter.as_deref())?;
        edited(tx, ctx, &c, &old, reason)
    })
}

pub(super) fn edited<R: Record>(
    tx: &Transaction,
    ctx: &Ctx,
    rec: &R,
    old: &R,
    reason: Option<&str>,
) -> Result<Edited> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let times = super::correction::changed(R::KIND, old, rec);
    let change = record::upsert_correcting(tx, ctx, rec, Some(old), reason)?;
    Ok(match change {
        super::Change::Unchanged => Edited::Unchanged,
        _ if times.is_empty() => Edited::Changed,
        _ => Edited::Corrected,
    })
}

/// 延期: the feedback deadline of complex lead `id` moved to `until`, approved by 队长
/// `approver`, with the reason; audited as 延期.
pub fn extend_complaint(
    store: &mut Store,
    actor: &Actor,
    id: &str,
    (until, reason, approver): (NaiveDate, &str, &str),
) -> Result<Complaint> {
    store.write_with_rules(actor, |tx, ctx| {
        let t = complaints::existing(tx, id)?;
        captain(tx, approver, "延期")?;
        let e = crate::domain::work::Extension {
            from: t.due.feedback_due,
            until,
            reason: reason.trim().to_string(),
            approved_by: approver.to_string(),
            at: actor.now,
            was_late: actor.now > t.due.feedback_due,
        };
        record::step::<Complaint>(tx, ctx, id, "延期", |c| c.extend(e).map_err(|r| r.0))
    })
}

/// Refuses a phone that is not one (`domain::phone`, the importer's check too).
pub(super) fn phone(new: &str, stored: Option<&str>) -> Result<()> {
    match crate::domain::phone::problem(new, stored) {
        Some(why) => Err(Error::invalid(format!("联系电话“{}”{why}", new.trim()))),
        None => Ok(()),
    }
}

/// Refuses `id` unless it names a live 队长: `what` (延期, 中止) needs one's approval.
pub(super) fn captain(tx: &Transaction, id: &str, what: &str) -> Result<()> {
    match people::officers_by_id(tx)?.get(id) {
        Some(o) if o.role == crate::domain::Role::Captain => Ok(()),
        Some(o) => Err(Error::invalid(format!(
            "{what}须由队长批准，{} 不是队长",
            o.name
        ))),
        None => Err(Error::invalid(people::missing("人员", id))),
    }
}

/// Moves a complaint one step; the domain refuses a step its state does not allow.
pub fn complaint_step(
    store: &mut Store,
    actor: &Actor,
    id: &str,
    step: ComplaintStep,
) -> Result<Complaint> {
    if let Some(at) = step.at() {
        not_later(actor, &format!("{}时间", step.label()), at)?;
    }
    store.write_with_rules(actor, |tx, ctx| {
        let on_list = match Complaint::load(tx, id)?.and_then(|c| c.matter) {
            Some(m) => people::exists(tx, "matters", &m)?,
            None => false,
        };
        // 网格员 report, never handle or verify (004 第十二条).
        let named = match &step {
            ComplaintStep::Dispatch { handlers, .. } => handlers.clone(),
            ComplaintStep::Verify { by, .. } => by.clone(),
            _ => Vec::new(),
        };
        let staff = people::officers_by_id(tx)?;
        for id in &named {
            match staff.get(id) {
                None => return Err(Error::invalid(people::missing("人员", id))),
                Some(o) if o.role == crate::domain::Role::GridWorker => {
                    return Err(Error::invalid(format!(
                        "{} 是网格员，只能上报线索，不能承办或核查",
                        o.name
                    )));
                }
                Some(_) => {}
            }
        }
        record::step::<Complaint>(tx, ctx, id, step.label(), |c| {
            match &step {
                ComplaintStep::Dispatch { squad, handlers } => c.dispatch(squad, handlers),
                ComplaintStep::Verify { at, by, finding } => c.verify(*at).map(|()| {
                    c.work.verified_by = by.clone();
                    c.work.finding = finding.trim().to_string();
                }),
                ComplaintStep::Handle { at, result } => c.handle(result, on_list).map(|()| {
                    c.work.handled_at = *at;
                }),
                ComplaintStep::FeedBack { at, method, result } => c
                    .feed_back(*at, result)
                    .map(|()| c.work.feedback_method = method.clone()),
                ComplaintStep::Close { at } => c.close(*at),
                ComplaintStep::Transfer { at, to } => c.transfer(*at, to),
                ComplaintStep::Void { reason } => c.void(reason),
            }
            .map_err(|r| r.0)
        })
    })
}
