//! Commands on one lead's clock and its lateness: stop, resume, appeal, review.

use chrono::NaiveDateTime;
use zhifa_desk::domain::Complaint;
use zhifa_desk::error::{Error, Result};
use zhifa_desk::store::{Actor, Store, complaints, pause};
use zhifa_desk::text;
use zhifa_desk::written;

use crate::cli::ComplaintAction;

/// A time typed on the command line, or now.
fn at(text: Option<&str>, actor: &Actor) -> Result<NaiveDateTime> {
    match text {
        None => Ok(actor.now),
        Some(t) => {
            written::datetime(t).map_err(|why| Error::invalid(format!("时间“{t}”无效：{why}")))
        }
    }
}

pub(super) fn run(store: &mut Store, actor: &Actor, action: ComplaintAction) -> Result<()> {
    let c = match action {
        ComplaintAction::Stop {
            id,
            reason,
            note,
            approver,
            at: when,
        } => {
            let when = at(when.as_deref(), actor)?;
            let c = pause::stop(store, actor, &id, (when, &reason, &note), &approver)?;
            println!(
                "投诉 {} 已于 {} 中止计时（{}，{} 批准）；恢复计时后期限按中止的时间顺延",
                c.id,
                when.format("%Y-%m-%d %H:%M"),
                reason.trim(),
                approver.trim()
            );
            c
        }
        ComplaintAction::Resume { id, at: when } => {
            let when = at(when.as_deref(), actor)?;
            let c = pause::resume(store, actor, &id, when)?;
            println!(
                "投诉 {} 已于 {} 恢复计时",
                c.id,
                when.format("%Y-%m-%d %H:%M")
            );
            c
        }
        ComplaintAction::Appeal { id, reason } => {
            let c = pause::appeal(store, actor, &id, &reason)?;
            println!("投诉 {} 已提出超时申诉，待队长审批", c.id);
            c
        }
        ComplaintAction::Review {
            id,
            approve,
            reject: _,
            by,
            opinion,
        } => {
            let c = pause::decide(store, actor, &id, (approve, &by, &opinion))?;
            println!(
                "投诉 {} 的超时申诉{}；该线索仍记为超期{}",
                c.id,
                if approve { "已批准" } else { "不予批准" },
                if approve {
                    "，不计入“剔除申诉后按时办理率”"
                } else {
                    ""
                }
            );
            c
        }
    };
    deadlines(store, &c)
}

/// The lead's deadlines as they now stand.
fn deadlines(store: &Store, c: &Complaint) -> Result<()> {
    if let Some(t) = complaints::get(store.conn(), &c.id)? {
        let d = &t.due;
        let stopped = c
            .stopped_since()
            .map(|s| format!("（计时中止中，自 {}）", s.format("%Y-%m-%d %H:%M")))
            .unwrap_or_default();
        println!(
            "{}",
            text::printable(&format!(
                "核查期限 {}，反馈期限 {}{stopped}",
                d.verify_due.format("%Y-%m-%d %H:%M"),
                d.feedback_due.format("%Y-%m-%d %H:%M")
            ))
        );
    }
    Ok(())
}
