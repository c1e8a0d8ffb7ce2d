//! 登记送达 of a notice: the date the paper reached the party, and how.

use chrono::NaiveDate;
use zhifa_desk::domain::SERVICE_METHODS;
use zhifa_desk::store::desk::NoticeStep;

use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::kind::FormKind;
use super::labels::{SERVED_ON, SERVICE_METHOD};

/// 登记送达: the date the paper reached the party and how.
pub fn form(id: &str, today: NaiveDate) -> Form<FormKind> {
    let fields = vec![
        Field::text(SERVED_ON, &today.to_string(), Format::Date).required(),
        Field::choice(
            SERVICE_METHOD,
            SERVICE_METHODS.iter().map(|m| m.to_string()).collect(),
            0,
        ),
    ];
    let kind = FormKind::Serve { id: id.to_string() };
    Form::new(kind, format!("登记送达：{id}"), fields)
}

pub fn submit(form: &Form<FormKind>, id: &str) -> Result<Write, String> {
    let on = form
        .get(SERVED_ON)
        .parse()
        .map_err(|_| "送达日期：应为 2026-11-24 这样的日期".to_string())?;
    Ok(Write::NoticeStep {
        id: id.to_string(),
        step: NoticeStep::Serve {
            on,
            method: form.get(SERVICE_METHOD),
        },
    })
}
