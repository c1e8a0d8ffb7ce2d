//! People on the desk: an officer's leave period, and their certificate, status and phone.

use chrono::{Duration, NaiveDate};
use zhifa_desk::domain::{Leave, Officer, OfficerStatus};
use zhifa_desk::written;

use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::kind::FormKind;

pub fn leave(o: &Officer, today: NaiveDate) -> Form<FormKind> {
    let fields = vec![
        Field::text("开始日期", &today.to_string(), Format::Date).required(),
        Field::text(
            "结束日期",
            &(today + Duration::days(2)).to_string(),
            Format::Date,
        )
        .required(),
        Field::text("事由", "", Format::Any).required(),
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
        Field::text("执法证号", o.cert_no.as_deref().unwrap_or(""), Format::Any),
        Field::text("证件有效期至", &expiry, Format::Date),
        Field::choice("状态", statuses, at),
        Field::text("联系电话", &o.phone, Format::Any),
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
        from: date(form, "开始日期")?,
        to: date(form, "结束日期")?,
        reason: form.get("事由"),
    })))
}

pub fn submit_officer(form: &Form<FormKind>, old: &Officer) -> Result<Write, String> {
    let expiry = match form.get("证件有效期至") {
        t if t.is_empty() => None,
        _ => Some(date(form, "证件有效期至")?),
    };
    Ok(Write::Officer(Box::new(Officer {
        cert_no: Some(form.get("执法证号")).filter(|c| !c.is_empty()),
        cert_expiry: expiry,
        status: OfficerStatus::parse(&form.get("状态")).unwrap_or(old.status),
        phone: form.get("联系电话"),
        ..old.clone()
    })))
}
