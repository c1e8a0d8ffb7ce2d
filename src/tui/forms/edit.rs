//! Correcting a complaint or a notice on the desk: the form filled with what is stored (the
//! reporter masked), and the write it becomes. A changed recorded time needs 更正原因.

use zhifa_desk::domain::{Channel, Complaint, Complexity, Notice};
use zhifa_desk::written;

use super::super::data::Data;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::find::{area_options, find_complaint, find_notice, key_of, matter_options};
use super::kind::FormKind;
use super::labels::{
    ADDRESS, AREA, CHANNEL, CLOSED_AT, COMPLAINT, COMPLEXITY, CORRECTION, DEADLINE, DESCRIPTION,
    FED_BACK_AT, ISSUED_ON, LEGAL_BASIS, MATTER, PARTY, PHONE, PROBLEM, RECEIVED_AT, REPORTER,
    REQUIREMENT, RESULT, SERVED_ON, VERIFIED_AT,
};

/// The option of `options` whose key is `key` (or the blank first one).
fn at(options: &[String], key: Option<&str>) -> usize {
    key.and_then(|k| options.iter().position(|o| key_of(o).as_deref() == Some(k)))
        .unwrap_or(0)
}

fn time_text(t: Option<chrono::NaiveDateTime>) -> String {
    t.map(written::fmt_datetime).unwrap_or_default()
}

pub fn complaint(data: &Data, id: &str) -> Option<Form<FormKind>> {
    let c = find_complaint(data, id)?;
    let channels: Vec<String> = Channel::ALL.iter().map(|c| c.label().to_string()).collect();
    let levels: Vec<String> = Complexity::ALL
        .iter()
        .map(|c| c.label().to_string())
        .collect();
    let (areas, matters) = (area_options(data), matter_options(data));
    let channel = Channel::ALL
        .iter()
        .position(|x| *x == c.channel)
        .unwrap_or(0);
    let level = Complexity::ALL
        .iter()
        .position(|x| *x == c.complexity)
        .unwrap_or(0);
    let (reporter, phone) = c.reporter_shown(false);
    let mut fields = vec![
        Field::choice(CHANNEL, channels, channel),
        Field::text(
            RECEIVED_AT,
            &written::fmt_datetime(c.received_at),
            Format::DateTime,
        )
        .required(),
        Field::text(REPORTER, &reporter, Format::Any),
        Field::text(PHONE, &phone, Format::Any),
        Field::choice(AREA, areas.clone(), at(&areas, c.area.as_deref())),
        Field::choice(MATTER, matters.clone(), at(&matters, c.matter.as_deref())),
        Field::text(DESCRIPTION, &c.description, Format::Any).required(),
        Field::choice(COMPLEXITY, levels, level),
    ];
    // Times not yet recorded are steps, taken from the 办理 menu, not typed here.
    for (label, t) in [
        (VERIFIED_AT, c.verified_at),
        (FED_BACK_AT, c.fed_back_at),
        (CLOSED_AT, c.closed_at),
    ] {
        if t.is_some() {
            fields.push(Field::text(label, &time_text(t), Format::DateTime).required());
        }
    }
    fields.push(Field::text(RESULT, &c.result, Format::Any));
    fields.push(Field::text(CORRECTION, "", Format::Any));
    let kind = FormKind::EditComplaint { id: id.to_string() };
    let title = format!("修改投诉 {id}（改登记时间须写更正原因；举报人打码，不改则保留）");
    Some(Form::new(kind, title, fields))
}

pub fn notice(data: &Data, id: &str) -> Option<Form<FormKind>> {
    let n = find_notice(data, id)?;
    let (areas, matters) = (area_options(data), matter_options(data));
    let fields = vec![
        Field::text(PARTY, &n.party, Format::Any).required(),
        Field::text(ADDRESS, &n.address, Format::Any).required(),
        Field::choice(AREA, areas.clone(), at(&areas, n.area.as_deref())),
        Field::choice(MATTER, matters.clone(), at(&matters, n.matter.as_deref())),
        Field::text(PROBLEM, &n.problem, Format::Any).required(),
        Field::text(LEGAL_BASIS, &n.legal_basis, Format::Any),
        Field::text(ISSUED_ON, &n.issued_on.to_string(), Format::Date).required(),
        Field::text(DEADLINE, &n.deadline.to_string(), Format::Date).required(),
        Field::text(REQUIREMENT, &n.issuing.requirement, Format::Any).required(),
        Field::text(
            SERVED_ON,
            &n.issuing.served_on.map_or(String::new(), |d| d.to_string()),
            Format::Date,
        ),
        Field::text(
            COMPLAINT,
            n.complaint.as_deref().unwrap_or_default(),
            Format::Any,
        ),
        Field::text(CORRECTION, "", Format::Any),
    ];
    let kind = FormKind::EditNotice { id: id.to_string() };
    let title = format!("修改整改通知 {id}（改下达日期、整改期限、送达日期须写更正原因）");
    Some(Form::new(kind, title, fields))
}

fn reason(form: &Form<FormKind>) -> Option<String> {
    Some(form.get(CORRECTION)).filter(|r| !r.trim().is_empty())
}

fn datetime(form: &Form<FormKind>, label: &str) -> Result<Option<chrono::NaiveDateTime>, String> {
    match form.get(label) {
        t if t.is_empty() => Ok(None),
        t => written::datetime(&t)
            .map(Some)
            .map_err(|e| format!("{label}：{e}")),
    }
}

pub fn submit_complaint(form: &Form<FormKind>, data: &Data, id: &str) -> Result<Write, String> {
    let old = find_complaint(data, id).ok_or_else(|| format!("找不到投诉 {id}"))?;
    let get = |label: &str| form.get(label);
    let c = Complaint {
        id: id.to_string(),
        received_at: datetime(form, RECEIVED_AT)?.ok_or("受理时间：必填")?,
        channel: Channel::parse(&get(CHANNEL)).unwrap_or(old.channel),
        reporter: get(REPORTER),
        phone: get(PHONE),
        area: key_of(&get(AREA)),
        matter: key_of(&get(MATTER)),
        description: get(DESCRIPTION),
        complexity: Complexity::parse(&get(COMPLEXITY)).unwrap_or(old.complexity),
        state: old.state,
        verified_at: datetime(form, VERIFIED_AT)?.or(old.verified_at),
        result: get(RESULT),
        fed_back_at: datetime(form, FED_BACK_AT)?.or(old.fed_back_at),
        closed_at: datetime(form, CLOSED_AT)?.or(old.closed_at),
        void_reason: old.void_reason.clone(),
        work: old.work.clone(),
    };
    Ok(Write::EditComplaint {
        record: Box::new(c),
        reason: reason(form),
    })
}

pub fn submit_notice(form: &Form<FormKind>, data: &Data, id: &str) -> Result<Write, String> {
    let old = find_notice(data, id).ok_or_else(|| format!("找不到整改通知 {id}"))?;
    let get = |label: &str| form.get(label);
    let date = |label: &str| written::date(&get(label)).map_err(|e| format!("{label}：{e}"));
    let n = Notice {
        id: id.to_string(),
        party: get(PARTY),
        address: get(ADDRESS),
        area: key_of(&get(AREA)),
        matter: key_of(&get(MATTER)),
        problem: get(PROBLEM),
        legal_basis: get(LEGAL_BASIS),
        issued_on: date(ISSUED_ON)?,
        deadline: date(DEADLINE)?,
        complaint: Some(get(COMPLAINT)).filter(|c| !c.is_empty()),
        issuing: zhifa_desk::domain::Issuing {
            requirement: get(REQUIREMENT),
            served_on: match get(SERVED_ON).trim() {
                "" => None,
                d => Some(written::date(d).map_err(|e| format!("{SERVED_ON}：{e}"))?),
            },
            ..old.issuing.clone()
        },
        ..old.clone()
    };
    Ok(Write::EditNotice {
        record: Box::new(n),
        reason: reason(form),
    })
}
