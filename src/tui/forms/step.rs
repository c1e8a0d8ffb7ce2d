//! The forms of a step on a stored record: a lead's 核查 / 处置 / 反馈 / 结案 / 移送 / 作废, and a
//! notice's 复查 (销号, 延期 or 立案) and 作废.

use chrono::NaiveDateTime;
use zhifa_desk::domain::lookup as names;
use zhifa_desk::domain::{ComplaintState, Notice, Outcome};
use zhifa_desk::store::desk::{ComplaintStep, NoticeStep};

use super::super::data::Data;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::dispatch;
use super::find::{date, datetime, find_complaint, find_notice, now_text};
use super::kind::FormKind;

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
    let at = || Field::text("时间", &now_text(now), Format::DateTime).required();
    let (title, fields) = match &kind {
        FormKind::ComplaintStep { id, to } => {
            let c = find_complaint(data, id)?;
            let mut fields = match to {
                ComplaintState::Verifying => vec![at()],
                ComplaintState::Handling => {
                    vec![Field::text("处置结果", &c.result, Format::Any).required()]
                }
                ComplaintState::FedBack => vec![
                    at(),
                    Field::text("处置结果", &c.result, Format::Any).required(),
                ],
                ComplaintState::Closed => vec![at()],
                ComplaintState::Transferred => {
                    vec![at(), Field::text("接收部门", "", Format::Any).required()]
                }
                _ => vec![Field::text("作废原因", "", Format::Any).required()],
            };
            fields.extend(dispatch::step_fields(data, c, *to, &now_text(now)));
            (format!("{}：投诉 {id}", step_word(*to)), fields)
        }
        FormKind::Reinspect { id } => {
            let n = find_notice(data, id)?;
            let fields = vec![
                Field::text("复查日期", &now.date().to_string(), Format::Date).required(),
                Field::text("复查人员", &reinspectors(data, n), Format::Any).required(),
                Field::text("复查结果", "", Format::Any).required(),
                Field::choice("结论", OUTCOMES.map(String::from).to_vec(), 0),
                Field::text("新整改期限", "", Format::Date),
                Field::text("延期原因", "", Format::Any),
            ];
            (format!("复查：{id}（期限 {}）", n.deadline), fields)
        }
        FormKind::VoidNotice { id } => (
            format!("作废：{id}"),
            vec![Field::text("作废原因", "", Format::Any).required()],
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
            at: datetime(form, "时间")?,
            by: dispatch::verified_by(form, data)?,
            finding: get("核查情况"),
        },
        ComplaintState::Handling => ComplaintStep::Handle {
            at: dispatch::handled_at(form)?,
            result: get("处置结果"),
        },
        ComplaintState::FedBack => ComplaintStep::FeedBack {
            at: datetime(form, "时间")?,
            method: get("反馈方式"),
            result: get("处置结果"),
        },
        ComplaintState::Closed => ComplaintStep::Close {
            at: datetime(form, "时间")?,
        },
        ComplaintState::Transferred => ComplaintStep::Transfer {
            at: datetime(form, "时间")?,
            to: get("接收部门"),
        },
        _ => ComplaintStep::Void {
            reason: get("作废原因"),
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
    let outcome = match get("结论").as_str() {
        "延期" => {
            if get("新整改期限").is_empty() {
                return Err("新整改期限：延期须写明新的整改期限".into());
            }
            Outcome::Extend {
                new_deadline: date(form, "新整改期限")?,
                reason: get("延期原因"),
            }
        }
        "立案" => Outcome::Escalate,
        _ => Outcome::CloseOut,
    };
    Ok(Write::NoticeStep {
        id: id.to_string(),
        step: NoticeStep::Reinspect {
            date: date(form, "复查日期")?,
            result: get("复查结果"),
            outcome,
            officers: names::officers(&get("复查人员"), &data.officers)
                .map_err(|e| format!("复查人员：{e}"))?,
        },
    })
}
