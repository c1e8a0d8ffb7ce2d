//! Commands on one lead's clock and its lateness: stop, resume, appeal, review.

use chrono::NaiveDateTime;
use zhifa_desk::domain::Complaint;
use zhifa_desk::domain::callback::CallBack;
use zhifa_desk::error::{Error, Result};
use zhifa_desk::store::{Actor, Store, callbacks, complaints, pause};
use zhifa_desk::text;
use zhifa_desk::written;

use crate::cli_leads::ComplaintAction;

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
        ComplaintAction::Callback {
            id,
            method,
            answer,
            fixed,
            by,
            note,
            at: when,
        } => {
            let fixed = fixed
                .map(|f| {
                    written::yes_no(&f).map_err(|why| Error::invalid(format!("--fixed：{why}")))
                })
                .transpose()?;
            let cb = CallBack {
                at: at(when.as_deref(), actor)?,
                by: by.trim().to_string(),
                method: method.trim().to_string(),
                answer: answer.trim().to_string(),
                fixed,
                note: note.trim().to_string(),
                follow_up: String::new(),
            };
            let done = callbacks::record(store, actor, id.trim(), cb)?;
            println!("投诉 {} 已回访：{}", done.lead.id, answer.trim());
            if let Some(again) = done.follow_up {
                println!("问题未实际解决，已另立投诉 {again} 重新办理（重新计时）");
            }
            return Ok(());
        }
        ComplaintAction::Callbacks => {
            let (cal, settings) = (store.calendar()?, store.settings()?);
            let since = actor.now.date() - chrono::Duration::days(90);
            let due = callbacks::due(store.conn(), &cal, settings.callback_workdays, since)?;
            println!(
                "待回访 {} 件（办结后 {} 个工作日内回访）",
                due.len(),
                settings.callback_workdays
            );
            for d in due {
                let late = if d.due.date < actor.now.date() {
                    "[逾期] "
                } else {
                    ""
                };
                println!(
                    "  {late}{} 应于 {} 前回访  {}",
                    d.id,
                    d.due.date,
                    text::one_line(&d.description)
                );
            }
            return Ok(());
        }
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
