//! The steps that stop and restart a lead's clock (中止, 恢复计时) and carry its one timeout
//! appeal (超时申诉, 申诉审批): each checked by the domain and audited as its own action.

use chrono::NaiveDateTime;

use super::desk::{captain, not_later};
use super::record;
use super::{Actor, Store, complaints};
use crate::domain::Complaint;
use crate::domain::pause::{Appeal, Decision, Stop};
use crate::error::{Error, Result};

/// 中止: the clock of lead `id` stops at `at` for `reason` (a `StopReason` label) and `note`,
/// approved by 队长 `approver`.
pub fn stop(
    store: &mut Store,
    actor: &Actor,
    id: &str,
    (at, reason, note): (NaiveDateTime, &str, &str),
    approver: &str,
) -> Result<Complaint> {
    not_later(actor, "中止时间", at)?;
    store.write_with_rules(actor, |tx, ctx| {
        captain(tx, approver, "中止")?;
        let t = complaints::existing(tx, id)?;
        let s = Stop::new(at, reason, note, approver).map_err(|r| Error::Invalid(r.0))?;
        let max = ctx.settings.max_stops;
        record::step::<Complaint>(tx, ctx, id, "中止", |c| {
            c.stop(s, &t.due, max).map_err(|r| r.0)
        })
    })
}

/// 恢复计时: the stopped clock of lead `id` runs again from `at`.
pub fn resume(store: &mut Store, actor: &Actor, id: &str, at: NaiveDateTime) -> Result<Complaint> {
    not_later(actor, "恢复计时时间", at)?;
    store.write_with_rules(actor, |tx, ctx| {
        record::step::<Complaint>(tx, ctx, id, "恢复计时", |c| {
            c.resume(at).map_err(|r| r.0)
        })
    })
}

/// 超时申诉: the operator appeals lead `id`'s lateness, once, with `reason`.
pub fn appeal(store: &mut Store, actor: &Actor, id: &str, reason: &str) -> Result<Complaint> {
    store.write_with_rules(actor, |tx, ctx| {
        let t = complaints::existing(tx, id)?;
        let a = Appeal {
            reason: reason.trim().to_string(),
            filed_by: actor.operator.clone(),
            filed_at: actor.now,
            decision: None,
        };
        record::step::<Complaint>(tx, ctx, id, "超时申诉", |c| {
            c.appeal(a, &t.due, actor.now).map_err(|r| r.0)
        })
    })
}

/// 申诉审批: 队长 `by` approves or refuses lead `id`'s appeal, with an opinion.
pub fn decide(
    store: &mut Store,
    actor: &Actor,
    id: &str,
    (approved, by, opinion): (bool, &str, &str),
) -> Result<Complaint> {
    store.write_with_rules(actor, |tx, ctx| {
        captain(tx, by, "申诉审批")?;
        let d = Decision {
            approved,
            by: by.to_string(),
            at: actor.now,
            opinion: opinion.trim().to_string(),
        };
        record::step::<Complaint>(tx, ctx, id, "申诉审批", |c| {
            c.decide_appeal(d).map_err(|r| r.0)
        })
    })
}
