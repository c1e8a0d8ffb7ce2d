//! The inspection form (登记现场检查): blank for a routine, planned or campaign check, or filled
//! in from a drawn subject with its two drawn officers; a 责令整改 gives its notice's deadline
//! and requirement, and saving issues the notice with the inspection. And 登记公示.

use chrono::NaiveDateTime;
use zhifa_desk::domain::publicity::{PubItem, PubKind, Publication};
use zhifa_desk::domain::{Finding, Inspection, Source};
use zhifa_desk::store::inspections::{Due, Order};

use super::super::data::Data;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::find::{datetime, key_of, labels, matter_options, now_text, opt, unchosen};
use super::kind::FormKind;
use super::labels::{
    CAMPAIGN, CHECKED, CONCLUSION, DEADLINE, DRAW, GUIDANCE, INSPECTED_AT, INSPECTORS, MATTER,
    PLACE, PROBLEM, PUBLISHED_ON, REFER_TO, REQUIREMENT, SOURCE, SUBJECT,
};

/// The subjects as a choice offers them: "DX001 卧牛河镇兴旺饭店".
fn subject_options(data: &Data) -> Vec<String> {
    data.checks
        .subjects
        .iter()
        .map(|s| format!("{} {}", s.id, s.shown(false).0))
        .collect()
}

pub fn form(data: &Data, now: NaiveDateTime, due: Option<&Due>) -> Form<FormKind> {
    let fields = vec![
        Field::choice(SUBJECT, unchosen(subject_options(data)), 0).required(),
        Field::text(INSPECTORS, "", Format::Any).required(),
        Field::choice(SOURCE, labels(Source::ALL, Source::label), 0),
        Field::text(DRAW, "", Format::Any),
        Field::text(CAMPAIGN, "", Format::Any),
        Field::choice(MATTER, matter_options(data), 0),
        Field::text(INSPECTED_AT, &now_text(now), Format::DateTime).required(),
        Field::text(CHECKED, "", Format::Any),
        Field::choice(CONCLUSION, labels(Finding::ALL, Finding::label), 0),
        Field::text(PROBLEM, "", Format::Any),
        Field::text(GUIDANCE, "", Format::Any),
        Field::text(REFER_TO, "", Format::Any),
        Field::text(DEADLINE, "", Format::Date),
        Field::text(REQUIREMENT, "", Format::Any),
    ];
    let mut form = Form::new(FormKind::Inspection, "登记现场检查", fields);
    if let Some(d) = due {
        let option = subject_options(data)
            .into_iter()
            .find(|o| key_of(o).as_deref() == Some(d.subject.as_str()))
            .unwrap_or_else(|| d.subject.clone());
        form.preset(SUBJECT, &option);
        form.preset(INSPECTORS, &data.officer_names(&d.officers));
        form.preset(SOURCE, Source::Random.label());
        form.preset(DRAW, &d.draw);
        if let Some(m) = &d.matter {
            form.preset(MATTER, m);
        }
        form.title = format!("登记双随机抽查 {}：{}", d.draw, option);
    }
    form
}

pub(super) fn submit(form: &Form<FormKind>, data: &Data) -> Result<Write, String> {
    let get = |label: &str| form.get(label);
    let deadline = opt(get(DEADLINE))
        .map(|_| super::find::date(form, DEADLINE))
        .transpose()?;
    let record = Inspection {
        id: String::new(),
        at: datetime(form, INSPECTED_AT)?,
        subject: key_of(&get(SUBJECT)).ok_or(format!("{SUBJECT}：请选择检查对象"))?,
        matter: key_of(&get(MATTER)),
        officers: super::find::officers(form, INSPECTORS, data)?,
        source: Source::parse(&get(SOURCE)).unwrap_or(Source::Routine),
        draw: get(DRAW),
        campaign: get(CAMPAIGN),
        checked: get(CHECKED),
        finding: Finding::parse(&get(CONCLUSION)).unwrap_or(Finding::Pass),
        problem: get(PROBLEM),
        guidance: get(GUIDANCE),
        refer_to: get(REFER_TO),
        notice: String::new(),
    };
    // The fields that belong together are checked here, so the form shows where.
    if let Some((col, why)) = record.problems().into_iter().next() {
        return Err(format!("{col}：{why}"));
    }
    let order = match (record.finding, deadline) {
        (Finding::Rectify, Some(deadline)) => Some(Order {
            deadline,
            requirement: get(REQUIREMENT),
        }),
        (Finding::Rectify, None) => {
            return Err(format!(
                "{DEADLINE}：责令整改须写明整改期限，据此下达整改通知"
            ));
        }
        _ => None,
    };
    Ok(Write::Inspection {
        record: Box::new(record),
        order,
    })
}

/// The channels a decision is usually published on; another may be typed.
const PLACES: [&str; 3] = ["政府门户网站", "镇政府公示栏", "政务新媒体"];

/// 登记公示: when and where decision `p` was published.
pub fn publish(p: &PubItem, today: chrono::NaiveDate) -> Form<FormKind> {
    let fields = vec![
        Field::text(PUBLISHED_ON, &today.to_string(), Format::Date).required(),
        Field::choice(PLACE, PLACES.iter().map(|s| s.to_string()).collect(), 0),
    ];
    let kind = FormKind::Publish {
        kind: p.kind,
        key: p.key.clone(),
    };
    let title = format!("登记公示：{} {}（期限 {}）", p.kind, p.key, p.due);
    Form::new(kind, title, fields)
}

pub(super) fn submit_publish(
    form: &Form<FormKind>,
    kind: PubKind,
    key: &str,
) -> Result<Write, String> {
    Ok(Write::Publish(Box::new(Publication {
        kind,
        key: key.to_string(),
        published_on: super::find::date(form, PUBLISHED_ON)?,
        place: form.get(PLACE),
    })))
}

/// "事项 M01 在本镇首违不罚清单中……本可首违不罚" when the form orders a rectification or a
/// referral for what the list lets off the first time: asked before the notice goes out.
pub fn lenient_question(form: &Form<FormKind>, data: &Data) -> Option<String> {
    if form.kind != FormKind::Inspection {
        return None;
    }
    let finding = Finding::parse(&form.get(CONCLUSION))?;
    if !matches!(finding, Finding::Rectify | Finding::Refer) {
        return None;
    }
    let subject = key_of(&form.get(SUBJECT))?;
    let matter = key_of(&form.get(MATTER))?;
    let on = datetime(form, INSPECTED_AT).ok()?.date();
    let earlier = data
        .checks
        .violations
        .get(&subject)
        .map_or(&[][..], Vec::as_slice);
    let line =
        zhifa_desk::domain::inspection::first_violation(&data.checks.lenient, &matter, on, earlier)
            .ok()?;
    Some(format!(
        "事项 {matter} 在本镇首违不罚清单中（{}），该对象 {} 个月内没有同一事项的违法记录，本可首违不罚（检查结论改为「首违不罚」并写明指导意见）",
        line.situation, line.months
    ))
}
