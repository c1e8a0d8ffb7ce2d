//! The forms of a step on a stored record: a lead's 核查 / 处置 / 反馈 / 结案 / 移送 / 作废, and a
//! notice's 复查 (销号, 延期 or 立案) and 作废.

use chrono::NaiveDateTime;
use zhifa_desk::domain::{ComplaintState, Notice, Outcome};
use zhifa_desk::store::desk::{ComplaintStep, NoticeStep};

use super::super::data::Data;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::dispatch;
use super::find::{date, datetime, find_complaint, find_notice, now_text};
use super::kind::FormKind;
use super::labels::{
    AT, CASE_NO, EXTENSION_REASON, FEEDBACK_METHOD, FINDING, NEW_DEADLINE, OUTCOME, RECEIVER,
    REINSPECT_RESULT, REINSPECTED_ON, REINSPECTORS, RESULT, VOID_REASON,
};

const OUTCOMES: [&str; 3] = ["销号", "延期", "立案"];

pub fn step_word(to: ComplaintState) -> &'static str {
    match to {
        ComplaintState::Received => "受理",
        ComplaintState::Verifying => "核查",
        ComplaintState::Handling => "处置",
        ComplaintState::FedBack => "反馈",
        ComplaintState::Closed => "结案",
        ComplaintState::Transferred => "移送",
        ComplaintState::Voided => "作废",
    }
}

/// The officers of today's team for the notice's area, as a starting point.
fn reinspectors(data: &Data, n: &Notice) -> String {
    let team = data
        .today
        .roster
        .iter()
        .find(|t| n.area.as_ref().is_some_and(|a| t.areas.contains(a)));
    team.map(|t| {
        t.officers
            .iter()
            .map(|m| m.id.as_str())
            .collect::<Vec<_>>()
            .join("、")
    })
    .unwrap_or_default()
}

/// The form of a lead's step towards `to`, or of a notice's 复查 or 作废.
pub(super) fn form(data: &Data, kind: FormKind, now: NaiveDateTime) -> Option<Form<FormKind>> {
    let at = || Field::text(AT, &now_text(now), Format::DateTime).required();
    let (title, fields) = match &kind {
        FormKind::ComplaintStep { id, to } => {
            let c = find_complaint(data, id)?;
            let mut fields = match to {
                ComplaintState::Verifying => vec![at()],
                ComplaintState::Handling => {
                    vec![Field::text(RESULT, &c.result, Format::Any).required()]
                }
                ComplaintState::FedBack => {
                    vec![at(), Field::text(RESULT, &c.result, Format::Any).required()]
                }
                ComplaintState::Closed => vec![at()],
                ComplaintState::Transferred => {
                    vec![at(), Field::text(RECEIVER, "", Format::Any).required()]
                }
                _ => vec![Field::text(VOID_REASON, "", Format::Any).required()],
            };
            fields.extend(dispatch::step_fields(data, c, *to, &now_text(now)));
            (format!("{}：投诉 {id}", step_word(*to)), fields)
        }
        FormKind::Reinspect { id } => {
            let n = find_notice(data, id)?;
            let fields = vec![
                Field::text(REINSPECTED_ON, &now.date().to_string(), Format::Date).required(),
                Field::text(REINSPECTORS, &reinspectors(data, n), Format::Any).required(),
                Field::text(REINSPECT_RESULT, "", Format::Any).required(),
                Field::choice(OUTCOME, OUTCOMES.map(String::from).to_vec(), 0),
                Field::text(NEW_DEADLINE, "", Format::Date),
                Field::text(EXTENSION_REASON, "", Format::Any),
                Field::text(CASE_NO, &data.next_case_no, Format::Any),
            ];
            (format!("复查：{id}（期限 {}）", n.deadline), fields)
        }
        FormKind::VoidNotice { id } => (
            format!("作废：{id}"),
            vec![Field::text(VOID_REASON, "", Format::Any).required()],
        ),
        _ => return None,
    };
    Some(Form::new(kind, title, fields))
}

/// A lead's step towards `to`.
pub(super) fn submit_complaint(
    form: &Form<FormKind>,
    data: &Data,
    id: &str,
    to: ComplaintState,
) -> Result<Write, String> {
    let get = |label: &str| form.get(label);
    let step = match to {
        ComplaintState::Verifying => ComplaintStep::Verify {
            at: datetime(form, AT)?,
            by: dispatch::verified_by(form, data)?,
            finding: get(FINDING),
        },
        ComplaintState::Handling => ComplaintStep::Handle {
            at: dispatch::handled_at(form)?,
            result: get(RESULT),
        },
        ComplaintState::FedBack => ComplaintStep::FeedBack {
            at: datetime(form, AT)?,
            method: get(FEEDBACK_METHOD),
            result: get(RESULT),
        },
        ComplaintState::Closed => ComplaintStep::Close {
            at: datetime(form, AT)?,
        },
        ComplaintState::Transferred => ComplaintStep::Transfer {
            at: datetime(form, AT)?,
            to: get(RECEIVER),
        },
        _ => ComplaintStep::Void {
            reason: get(VOID_REASON),
        },
    };
    Ok(Write::ComplaintStep {
        id: id.to_string(),
        step,
    })
}

/// A notice's 复查 and its outcome.
pub(super) fn submit_reinspect(
    form: &Form<FormKind>,
    data: &Data,
    id: &str,
) -> Result<Write, String> {
    let get = |label: &str| form.get(label);
    let outcome = match get(OUTCOME).as_str() {
        "延期" => {
            if get(NEW_DEADLINE).is_empty() {
                return Err(format!("{NEW_DEADLINE}：延期须写明新的整改期限"));
            }
            Outcome::Extend {
                new_deadline: date(form, NEW_DEADLINE)?,
                reason: get(EXTENSION_REASON),
            }
        }
        "立案" => Outcome::Escalate {
            case_no: get(CASE_NO),
        },
        _ => Outcome::CloseOut,
    };
    Ok(Write::NoticeStep {
        id: id.to_string(),
        step: NoticeStep::Reinspect {
            date: date(form, REINSPECTED_ON)?,
            result: get(REINSPECT_RESULT),
            outcome,
            officers: super::find::officers(form, REINSPECTORS, data)?,
        },
    })
}
