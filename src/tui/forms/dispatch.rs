//! Dispatching a lead and the details of its steps on the desk: 承办中队 suggested from the
//! matter's field, officers by name, who verified and what was found, how the reporter was told.

use zhifa_desk::domain::work::FEEDBACK_METHODS;
use zhifa_desk::domain::{Complaint, lookup};
use zhifa_desk::store::desk::ComplaintStep;

use super::super::data::Data;
use super::super::form::{Field, Form, Format};
use super::kind::FormKind;
use super::labels::{
    CAPTAIN, EXTENSION_REASON, FEEDBACK_METHOD, FINDING, HANDLED_AT, HANDLERS, NEW_FEEDBACK_DUE,
    SQUAD, VERIFIED_BY,
};

/// Every 中队 the team has: from the settings' field map and the officers' own squads.
fn squads(data: &Data) -> Vec<String> {
    let mut all: Vec<String> = data
        .squads
        .values()
        .cloned()
        .chain(data.officers.iter().map(|o| o.squad.clone()))
        .filter(|s| !s.is_empty())
        .collect();
    all.sort();
    all.dedup();
    all
}

/// The 中队 the settings give for the lead's matter, if any.
fn suggested(data: &Data, c: &Complaint) -> Option<String> {
    let field = &data
        .matters
        .iter()
        .find(|m| Some(&m.id) == c.matter.as_ref())?
        .field;
    data.squads.get(field).cloned()
}

pub fn dispatch(data: &Data, c: &Complaint) -> Form<FormKind> {
    let options = squads(data);
    let wanted = if c.work.squad.is_empty() {
        suggested(data, c)
    } else {
        Some(c.work.squad.clone())
    };
    let at = wanted
        .and_then(|s| options.iter().position(|o| *o == s))
        .unwrap_or(0);
    let fields = vec![
        Field::choice(SQUAD, options, at).required(),
        Field::text(HANDLERS, &data.officer_names(&c.work.handlers), Format::Any).required(),
    ];
    let kind = FormKind::Dispatch { id: c.id.clone() };
    Form::new(
        kind,
        format!("分派：投诉 {}（按所属领域建议中队）", c.id),
        fields,
    )
}

/// The extra fields of a step form: 核查 needs who and what was found, 处置 when, 反馈 how.
pub fn step_fields(
    data: &Data,
    c: &Complaint,
    to: zhifa_desk::domain::ComplaintState,
    now: &str,
) -> Vec<Field> {
    use zhifa_desk::domain::ComplaintState::*;
    match to {
        Verifying => vec![
            Field::text(
                VERIFIED_BY,
                &data.officer_names(&c.work.handlers),
                Format::Any,
            )
            .required(),
            Field::text(FINDING, &c.work.finding, Format::Any).required(),
        ],
        Handling => vec![Field::text(HANDLED_AT, now, Format::DateTime).required()],
        FedBack => vec![Field::choice(
            FEEDBACK_METHOD,
            FEEDBACK_METHODS.map(String::from).to_vec(),
            0,
        )],
        _ => Vec::new(),
    }
}

/// 延期 of a complex lead's feedback deadline, approved by a 队长.
pub fn extend(data: &Data, c: &Complaint, today: chrono::NaiveDate) -> Form<FormKind> {
    let captain = data
        .officers
        .iter()
        .find(|o| o.role == zhifa_desk::domain::Role::Captain)
        .map_or(String::new(), |o| o.name.clone());
    let fields = vec![
        Field::text(
            NEW_FEEDBACK_DUE,
            &(today + chrono::Duration::days(7)).to_string(),
            Format::Date,
        )
        .required(),
        Field::text(EXTENSION_REASON, "", Format::Any).required(),
        Field::text(CAPTAIN, &captain, Format::Any).required(),
    ];
    let n = c.work.extensions.len();
    let kind = FormKind::Extend { id: c.id.clone() };
    Form::new(
        kind,
        format!("延长反馈期限：投诉 {}（第 {} 次，最多 2 次）", c.id, n + 1),
        fields,
    )
}

pub fn submit_extend(
    form: &Form<FormKind>,
    data: &Data,
    id: &str,
) -> Result<super::super::effect::Write, String> {
    let until = super::find::date(form, NEW_FEEDBACK_DUE)?;
    let approver = super::find::officers(form, CAPTAIN, data)?;
    let [approver] = approver.as_slice() else {
        return Err(format!("{CAPTAIN}：写一位队长"));
    };
    Ok(super::super::effect::Write::Extend {
        id: id.to_string(),
        until,
        reason: form.get(EXTENSION_REASON),
        approver: approver.clone(),
    })
}

pub fn submit_dispatch(form: &Form<FormKind>, data: &Data) -> Result<ComplaintStep, String> {
    Ok(ComplaintStep::Dispatch {
        squad: form.get(SQUAD),
        handlers: super::find::officers(form, HANDLERS, data)?,
    })
}

/// "钱志强（一中队）不属于承办中队二中队" for each officer named outside the chosen squad: a
/// joint effort is possible, so it is asked about, not refused.
pub fn other_squads(form: &Form<FormKind>, data: &Data) -> Vec<String> {
    if !matches!(form.kind, FormKind::Dispatch { .. }) {
        return Vec::new();
    }
    let squad = form.get(SQUAD);
    let Ok(ids) = lookup::officers(&form.get(HANDLERS), &data.officers) else {
        return Vec::new();
    };
    data.officers
        .iter()
        .filter(|o| ids.contains(&o.id) && !o.squad.is_empty() && o.squad != squad)
        .map(|o| format!("{}（{}）不属于承办中队{squad}", o.name, o.squad))
        .collect()
}

pub fn verified_by(form: &Form<FormKind>, data: &Data) -> Result<Vec<String>, String> {
    super::find::officers(form, VERIFIED_BY, data)
}

pub fn handled_at(form: &Form<FormKind>) -> Result<Option<chrono::NaiveDateTime>, String> {
    super::find::datetime(form, HANDLED_AT).map(Some)
}
