//! The subject form (检查对象): a new one for the 检查对象名录, or one already listed changed
//! (its number stays).

use zhifa_desk::domain::{Risk, Subject, SubjectKind};

use super::super::data::Data;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::find::{area_options, key_of, labels};
use super::kind::FormKind;
use super::labels::{ADDRESS, APPLIES, AREA, CODE, NAME, RISK, SUBJECT_ID, SUBJECT_KIND};

pub fn form(data: &Data, old: Option<&Subject>) -> Form<FormKind> {
    let areas = area_options(data);
    let fields = vec![
        Field::text(SUBJECT_ID, &data.checks.next_subject_id, Format::Any).required(),
        Field::text(NAME, "", Format::Any).required(),
        Field::choice(
            SUBJECT_KIND,
            labels(SubjectKind::ALL, SubjectKind::label),
            1,
        ),
        Field::text(CODE, "", Format::Any),
        Field::text(ADDRESS, "", Format::Any),
        Field::choice(AREA, areas, 0),
        Field::text(APPLIES, "", Format::Any),
        Field::choice(RISK, labels(Risk::ALL, Risk::label), 1),
    ];
    let kind = FormKind::Subject {
        id: old.map(|s| s.id.clone()),
    };
    let title = match old {
        Some(s) => format!("检查对象：{} {}", s.id, s.name),
        None => "新增检查对象".to_string(),
    };
    let mut form = Form::new(kind, title, fields);
    if let Some(s) = old {
        form.fields.remove(0);
        form.preset(NAME, &s.name);
        form.preset(SUBJECT_KIND, s.kind.label());
        form.preset(CODE, &s.code);
        form.preset(ADDRESS, &s.address);
        if let Some(a) = &s.area {
            form.preset(AREA, a);
        }
        form.preset(APPLIES, &s.matters.join("、"));
        form.preset(RISK, s.risk.label());
        form.reset_dirty();
    }
    form
}

pub(super) fn submit(form: &Form<FormKind>, id: Option<&str>) -> Result<Write, String> {
    let get = |label: &str| form.get(label);
    let record = Subject {
        id: id.map_or_else(|| get(SUBJECT_ID), str::to_string),
        name: get(NAME),
        kind: SubjectKind::parse(&get(SUBJECT_KIND)).unwrap_or(SubjectKind::Business),
        code: get(CODE),
        address: get(ADDRESS),
        area: key_of(&get(AREA)),
        matters: zhifa_desk::written::list(&get(APPLIES)),
        risk: Risk::parse(&get(RISK)).unwrap_or(Risk::Medium),
    };
    // The code's check digit is said on the form, where it was typed.
    if let Some((col, why)) = record.problems().into_iter().next() {
        return Err(format!("{col}：{why}"));
    }
    Ok(Write::Subject {
        record: Box::new(record),
        new: id.is_none(),
    })
}
