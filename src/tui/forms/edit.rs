//! Correcting a complaint or a notice on the desk: the form filled with what is stored (the
//! reporter masked), and the write it becomes. A changed recorded time needs 更正原因.

use zhifa_desk::domain::{Channel, Complaint, Complexity, Notice};
use zhifa_desk::written;

use super::super::data::Data;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::find::{area_options, find_complaint, find_notice, key_of, matter_options};
use super::kind::FormKind;

/// The option of `options` whose key is `key` (or the blank first one).
fn at(options: &[String], key: Option<&str>) -> usize {
    key.and_then(|k| options.iter().position(|o| key_of(o).as_deref() == Some(k)))
        .unwrap_or(0)
}

fn time_text(t: Option<chrono::NaiveDateTime>) -> String {
    t.map(written::fmt_datetime).unwrap_or_default()
}

const REASON: &str = "更正原因";

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
        Field::choice("来源渠道", channels, channel),
        Field::text(
            "受理时间",
            &written::fmt_datetime(c.received_at),
            Format::DateTime,
        )
        .required(),
        Field::text("举报人", &reporter, Format::Any),
        Field::text("联系电话", &phone, Format::Any),
        Field::choice("所属区域", areas.clone(), at(&areas, c.area.as_deref())),
        Field::choice(
            "执法事项",
            matters.clone(),
            at(&matters, c.matter.as_deref()),
        ),
        Field::text("问题描述", &c.description, Format::Any).required(),
        Field::choice("复杂程度", levels, level),
    ];
    // Times not yet recorded are steps, taken from the 办理 menu, not typed here.
    for (label, t) in [
        ("核查时间", c.verified_at),
        ("反馈时间", c.fed_back_at),
        ("办结时间", c.closed_at),
    ] {
        if t.is_some() {
            fields.push(Field::text(label, &time_text(t), Format::DateTime).required());
        }
    }
    fields.push(Field::text("处置结果", &c.result, Format::Any));
    fields.push(Field::text(REASON, "", Format::Any));
    let kind = FormKind::EditComplaint { id: id.to_string() };
    let title = format!("修改投诉 {id}（改登记时间须写更正原因；举报人打码，不改则保留）");
    Some(Form::new(kind, title, fields))
}

pub fn notice(data: &Data, id: &str) -> Option<Form<FormKind>> {
    let n = find_notice(data, id)?;
    let (areas, matters) = (area_options(data), matter_options(data));
    let fields = vec![
        Field::text("当事人", &n.party, Format::Any).required(),
        Field::text("地址", &n.address, Format::Any).required(),
        Field::choice("所属区域", areas.clone(), at(&areas, n.area.as_deref())),
        Field::choice(
            "执法事项",
            matters.clone(),
            at(&matters, n.matter.as_deref()),
        ),
        Field::text("存在问题", &n.problem, Format::Any).required(),
        Field::text("法律依据", &n.legal_basis, Format::Any),
        Field::text("下达日期", &n.issued_on.to_string(), Format::Date).required(),
        Field::text("整改期限", &n.deadline.to_string(), Format::Date).required(),
        Field::text("整改要求", &n.issuing.requirement, Format::Any).required(),
        Field::text(
            "送达日期",
            &n.issuing.served_on.map_or(String::new(), |d| d.to_string()),
            Format::Date,
        ),
        Field::text(
            "关联投诉",
            n.complaint.as_deref().unwrap_or_default(),
            Format::Any,
        ),
        Field::text(REASON, "", Format::Any),
    ];
    let kind = FormKind::EditNotice { id: id.to_string() };
    let title = format!("修改整改通知 {id}（改下达日期、整改期限、送达日期须写更正原因）");
    Some(Form::new(kind, title, fields))
}

fn reason(form: &Form<FormKind>) -> Option<String> {
    Some(form.get(REASON)).filter(|r| !r.trim().is_empty())
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
        received_at: datetime(form, "受理时间")?.ok_or("受理时间：必填")?,
        channel: Channel::parse(&get("来源渠道")).unwrap_or(old.channel),
        reporter: get("举报人"),
        phone: get("联系电话"),
        area: key_of(&get("所属区域")),
        matter: key_of(&get("执法事项")),
        description: get("问题描述"),
        complexity: Complexity::parse(&get("复杂程度")).unwrap_or(old.complexity),
        state: old.state,
        verified_at: datetime(form, "核查时间")?.or(old.verified_at),
        result: get("处置结果"),
        fed_back_at: datetime(form, "反馈时间")?.or(old.fed_back_at),
        closed_at: datetime(form, "办结时间")?.or(old.closed_at),
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
        party: get("当事人"),
        address: get("地址"),
        area: key_of(&get("所属区域")),
        matter: key_of(&get("执法事项")),
        problem: get("存在问题"),
        legal_basis: get("法律依据"),
        issued_on: date("下达日期")?,
        deadline: date("整改期限")?,
        complaint: Some(get("关联投诉")).filter(|c| !c.is_empty()),
        issuing: zhifa_desk::domain::Issuing {
            requirement: get("整改要求"),
            served_on: match get("送达日期").trim() {
                "" => None,
                d => Some(written::date(d).map_err(|e| format!("送达日期：{e}"))?),
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
