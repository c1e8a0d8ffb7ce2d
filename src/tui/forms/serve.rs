//! 登记送达 of a notice: when the paper reached the party, how, who took it there, and who
//! witnessed a paper left with a party who would not sign (留置送达).

use chrono::NaiveDate;
use zhifa_desk::domain::SERVICE_METHODS;
use zhifa_desk::domain::notice::Service;
use zhifa_desk::store::desk::NoticeStep;

use super::super::data::Data;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::find::{date, find_notice, officers};
use super::kind::FormKind;
use super::labels::{SERVED_ON, SERVERS, SERVICE_METHOD, WITNESS};

/// 登记送达: the date, the method, the officers who served it (those who issued it, to start
/// with) and the witness 留置送达 needs.
pub fn form(data: &Data, id: &str, today: NaiveDate) -> Form<FormKind> {
    let issuers =
        find_notice(data, id).map_or_else(String::new, |n| data.officer_names(&n.issuing.officers));
    let fields = vec![
        Field::text(SERVED_ON, &today.to_string(), Format::Date).required(),
        Field::choice(
            SERVICE_METHOD,
            SERVICE_METHODS.iter().map(|m| m.to_string()).collect(),
            0,
        ),
        Field::text(SERVERS, &issuers, Format::Any),
        Field::text(WITNESS, "", Format::Any),
    ];
    let kind = FormKind::Serve { id: id.to_string() };
    Form::new(
        kind,
        format!("登记送达：{id}（留置送达须写见证人）"),
        fields,
    )
}

pub fn submit(form: &Form<FormKind>, data: &Data, id: &str) -> Result<Write, String> {
    Ok(Write::NoticeStep {
        id: id.to_string(),
        step: NoticeStep::Serve(Service {
            on: date(form, SERVED_ON)?,
            method: form.get(SERVICE_METHOD),
            servers: officers(form, SERVERS, data)?,
            witness: form.get(WITNESS),
        }),
    })
}
