//! People on the desk: an officer's leave period, and their certificate, status and phone.

use chrono::{Duration, NaiveDate};
use zhifa_desk::domain::{Leave, Officer, OfficerStatus};
use zhifa_desk::written;

use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::kind::FormKind;
use super::labels::{CERT_EXPIRY, CERT_NO, END_DATE, LEAVE_REASON, PHONE, START_DATE, STATUS};

pub fn leave(o: &Officer, today: NaiveDate) -> Form<FormKind> {
    let fields = vec![
        Field::text(START_DATE, &today.to_string(), Format::Date).required(),
        Field::text(
            END_DATE,
            &(today + Duration::days(2)).to_string(),
            Format::Date,
        )
        .required(),
        Field::text(LEAVE_REASON, "", Format::Any).required(),
    ];
    let kind = FormKind::Leave {
        officer: o.id.clone(),
    };
    Form::new(kind, format!("请假：{} {}", o.id, o.name), fields)
}

pub fn officer(o: &Officer) -> Form<FormKind> {
    let statuses: Vec<String> = OfficerStatus::ALL
        .iter()
        .map(|s| s.label().to_string())
        .collect();
    let at = OfficerStatus::ALL
        .iter()
        .position(|s| *s == o.status)
        .unwrap_or(0);
    let expiry = o.cert_expiry.map(|d| d.to_string()).unwrap_or_default();
    let fields = vec![
        Field::text(CERT_NO, o.cert_no.as_deref().unwrap_or(""), Format::Any),
        Field::text(CERT_EXPIRY, &expiry, Format::Date),
        Field::choice(STATUS, statuses, at),
        Field::text(PHONE, &o.phone, Format::Any),
    ];
    let kind = FormKind::Officer { id: o.id.clone() };
    Form::new(
        kind,
        format!("人员：{} {}（换证、在岗 / 离岗、电话）", o.id, o.name),
        fields,
    )
}

fn date(form: &Form<FormKind>, label: &str) -> Result<NaiveDate, String> {
    written::date(&form.get(label)).map_err(|e| format!("{label}：{e}"))
}

pub fn submit_leave(form: &Form<FormKind>, officer: &str) -> Result<Write, String> {
    Ok(Write::Leave(Box::new(Leave {
        officer: officer.to_string(),
        from: date(form, START_DATE)?,
        to: date(form, END_DATE)?,
        reason: form.get(LEAVE_REASON),
    })))
}

pub fn submit_officer(form: &Form<FormKind>, old: &Officer) -> Result<Write, String> {
    let expiry = match form.get(CERT_EXPIRY) {
        t if t.is_empty() => None,
        _ => Some(date(form, CERT_EXPIRY)?),
    };
    Ok(Write::Officer(Box::new(Officer {
        cert_no: Some(form.get(CERT_NO)).filter(|c| !c.is_empty()),
        cert_expiry: expiry,
        status: OfficerStatus::parse(&form.get(STATUS)).unwrap_or(old.status),
        phone: form.get(PHONE),
        ..old.clone()
    })))
}
