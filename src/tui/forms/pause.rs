//! The desk's forms for a lead's clock and its lateness: 中止计时, 恢复计时, 超时申诉 and
//! 申诉审批, each one write through `store::pause`.

use chrono::NaiveDateTime;
use zhifa_desk::domain::pause::StopReason;
use zhifa_desk::domain::{Complaint, ComplaintState, Role, lookup};
use zhifa_desk::store::complaints::Tracked;
use zhifa_desk::written;

use super::super::data::Data;
use super::super::effect::Act;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::kind::{FormKind, PauseStep};
use super::labels::{AT, CAPTAIN, DECISION, GROUNDS, NOTE, OPINION, REASON};

const DECISIONS: [&str; 2] = ["批准", "不予批准"];

/// The menu items a lead offers for its clock and lateness at `now`; a lead stopped
/// `max_stops` times already is offered no more stops.
pub fn menu_items(t: &Tracked, now: NaiveDateTime, max_stops: u32) -> Vec<(String, PauseStep)> {
    let c = &t.complaint;
    let mut items = Vec::new();
    if c.stopped_since().is_some() {
        items.push((
            "恢复计时（期限按中止的时间顺延）".to_string(),
            PauseStep::Resume,
        ));
    } else if c.state.is_open()
        && c.fed_back_at.is_none()
        && !c.overdue(&t.due, now)
        && c.work.stops.len() < max_stops as usize
    {
        items.push((
            "中止计时（等待外部情况，队长批准）".to_string(),
            PauseStep::Stop,
        ));
    }
    match &c.work.appeal {
        None if c.state != ComplaintState::Voided && c.overdue(&t.due, now) => {
            items.push((
                "超时申诉（每件一次，获批仍计超期）".to_string(),
                PauseStep::Appeal,
            ));
        }
        Some(a) if a.decision.is_none() => {
            items.push(("审批超时申诉（队长）".to_string(), PauseStep::Review));
        }
        _ => {}
    }
    items
}

fn captain(data: &Data) -> String {
    data.officers
        .iter()
        .find(|o| o.role == Role::Captain)
        .map_or(String::new(), |o| o.name.clone())
}

pub fn form(data: &Data, c: &Complaint, step: PauseStep, now: NaiveDateTime) -> Form<FormKind> {
    let now_text = now.format("%Y-%m-%d %H:%M").to_string();
    let kind = FormKind::Pause {
        id: c.id.clone(),
        step,
    };
    let (title, fields) = match step {
        PauseStep::Stop => (
            format!(
                "中止计时：投诉 {}（已中止 {} 次，最多 {} 次）",
                c.id,
                c.work.stops.len(),
                data.max_stops
            ),
            vec![
                Field::text(AT, &now_text, Format::DateTime).required(),
                Field::choice(
                    REASON,
                    StopReason::ALL
                        .iter()
                        .map(|r| r.label().to_string())
                        .collect(),
                    0,
                ),
                Field::text(NOTE, "", Format::Any),
                Field::text(CAPTAIN, &captain(data), Format::Any).required(),
            ],
        ),
        PauseStep::Resume => (
            format!(
                "恢复计时：投诉 {}（{}）",
                c.id,
                c.stopped_since().map_or(String::new(), |s| format!(
                    "自 {} 中止",
                    s.format("%m-%d %H:%M")
                ))
            ),
            vec![Field::text(AT, &now_text, Format::DateTime).required()],
        ),
        PauseStep::Appeal => (
            format!("超时申诉：投诉 {}（每件只能申诉一次）", c.id),
            vec![Field::text(GROUNDS, "", Format::Any).required()],
        ),
        PauseStep::Review => (
            format!(
                "审批超时申诉：投诉 {}（理由：{}）",
                c.id,
                c.work.appeal.as_ref().map_or("", |a| a.reason.as_str())
            ),
            vec![
                Field::choice(DECISION, DECISIONS.map(String::from).to_vec(), 0),
                Field::text(CAPTAIN, &captain(data), Format::Any).required(),
                Field::text(OPINION, "", Format::Any),
            ],
        ),
    };
    Form::new(kind, title, fields)
}

fn one_captain(form: &Form<FormKind>, data: &Data) -> Result<String, String> {
    let named = lookup::officers(&form.get(CAPTAIN), &data.officers)
        .map_err(|e| format!("{CAPTAIN}：{e}"))?;
    match named.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("{CAPTAIN}：写一位队长")),
    }
}

fn time(form: &Form<FormKind>) -> Result<NaiveDateTime, String> {
    written::datetime(&form.get(AT)).map_err(|e| format!("{AT}：{e}"))
}

pub fn submit(
    form: &Form<FormKind>,
    data: &Data,
    id: &str,
    step: PauseStep,
) -> Result<Write, String> {
    let act = match step {
        PauseStep::Stop => Act::Stop {
            at: time(form)?,
            reason: form.get(REASON),
            note: form.get(NOTE),
            approver: one_captain(form, data)?,
        },
        PauseStep::Resume => Act::Resume { at: time(form)? },
        PauseStep::Appeal => Act::Appeal {
            reason: form.get(GROUNDS),
        },
        PauseStep::Review => Act::Review {
            approved: form.get(DECISION) == DECISIONS[0],
            by: one_captain(form, data)?,
            opinion: form.get(OPINION),
        },
    };
    Ok(Write::Pause {
        id: id.to_string(),
        act,
    })
}
