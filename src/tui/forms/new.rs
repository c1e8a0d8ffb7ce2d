//! The forms that make a new record: a lead (受理, or from a patrol that found a problem), a
//! rectification notice (下达), a patrol (登记巡查).

use chrono::{Duration, NaiveDate, NaiveDateTime};
use zhifa_desk::domain::lookup as names;
use zhifa_desk::domain::{
    Channel, Complaint, ComplaintState, Complexity, Issuing, Notice, NoticeState, Patrol,
};
use zhifa_desk::report::today::TeamDay;
use zhifa_desk::written;

use super::super::data::Data;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::find::{
    area_options, date, datetime, key_of, labels, matter_options, now_text, opt, unchosen,
};
use super::kind::FormKind;

pub fn new_complaint(data: &Data, now: NaiveDateTime) -> Form<FormKind> {
    let fields = vec![
        Field::choice("来源渠道", labels(Channel::ALL, Channel::label), 0),
        Field::text("受理时间", &now_text(now), Format::DateTime).required(),
        Field::text("举报人", "", Format::Any),
        Field::text("联系电话", "", Format::Any),
        Field::choice("所属区域", area_options(data), 0),
        // No silent default: off the list or not, the matter is chosen.
        Field::choice("执法事项", unchosen(matter_options(data)), 0).required(),
        Field::text("问题描述", "", Format::Any).required(),
        Field::choice("复杂程度", labels(Complexity::ALL, Complexity::label), 0),
    ];
    let title = format!("受理投诉（编号将为 {}）", data.next_complaint_id);
    Form::new(FormKind::NewComplaint, title, fields)
}

/// A 巡查发现 complaint from a patrol that found a problem: channel, time, area and what was
/// found filled in from the patrol, for the officer to check, choose the matter, and save.
pub fn complaint_from_patrol(data: &Data, p: &Patrol) -> Form<FormKind> {
    let at = p.date.and_time(p.end);
    let mut form = new_complaint(data, at);
    form.title = format!(
        "巡查发现问题：登记为投诉线索（已按 {} 填好，核对后保存；Esc 不登记）",
        p.team
    );
    form.preset("来源渠道", Channel::Patrol.label());
    if let Some(area) = p.areas.first() {
        form.preset("所属区域", area);
    }
    form.preset("问题描述", &p.notes);
    form
}

pub fn new_notice(data: &Data, now: NaiveDateTime) -> Form<FormKind> {
    let today = now.date();
    let fields = vec![
        Field::text("当事人", "", Format::Any).required(),
        Field::text("地址", "", Format::Any).required(),
        Field::choice("所属区域", area_options(data), 0),
        Field::choice("执法事项", matter_options(data), 0),
        Field::text("存在问题", "", Format::Any).required(),
        Field::text("法律依据", "", Format::Any),
        Field::text("整改要求", "", Format::Any).required(),
        Field::text("执法人员", "", Format::Any).required(),
        Field::text("下达日期", &today.to_string(), Format::Date).required(),
        Field::text(
            "整改期限",
            &(today + Duration::days(7)).to_string(),
            Format::Date,
        )
        .required(),
        Field::text("关联投诉", "", Format::Any),
    ];
    let title = format!("下达整改通知（编号将为 {}）", data.next_notice_id);
    Form::new(FormKind::NewNotice, title, fields)
}

pub fn patrol(team: &TeamDay, date: NaiveDate, now: NaiveDateTime) -> Form<FormKind> {
    let end = if date == now.date() {
        now.format("%H:%M").to_string()
    } else {
        String::new()
    };
    // Names, as the roster form writes them (工号 are read too).
    let officers: Vec<&str> = team.officers.iter().map(|m| m.name.as_str()).collect();
    let fields = vec![
        Field::text("日期", &date.to_string(), Format::Date).required(),
        Field::text("开始时间", "", Format::Time).required(),
        Field::text("结束时间", &end, Format::Time).required(),
        Field::text("人员", &officers.join("、"), Format::Any).required(),
        Field::text("区域", &team.areas.join("、"), Format::Any).required(),
        Field::text("巡查情况", "", Format::Any).required(),
        Field::choice("发现问题", vec!["否".into(), "是".into()], 0),
    ];
    let kind = FormKind::Patrol {
        team: team.team.clone(),
    };
    Form::new(kind, format!("登记巡查：{}", team.team), fields)
}

pub(super) fn submit_complaint(form: &Form<FormKind>) -> Result<Write, String> {
    let get = |label: &str| form.get(label);
    Ok(Write::NewComplaint(Box::new(Complaint {
        id: String::new(),
        received_at: datetime(form, "受理时间")?,
        channel: Channel::parse(&get("来源渠道")).unwrap_or(Channel::Hotline),
        reporter: get("举报人"),
        phone: get("联系电话"),
        area: key_of(&get("所属区域")),
        matter: key_of(&get("执法事项")),
        description: get("问题描述"),
        complexity: Complexity::parse(&get("复杂程度")).unwrap_or(Complexity::Simple),
        state: ComplaintState::Received,
        verified_at: None,
        result: String::new(),
        fed_back_at: None,
        closed_at: None,
        void_reason: String::new(),
        work: Default::default(),
    })))
}

pub(super) fn submit_notice(form: &Form<FormKind>, data: &Data) -> Result<Write, String> {
    let get = |label: &str| form.get(label);
    // Left empty, the store takes the matter's own (`people::fill_legal_basis`).
    Ok(Write::NewNotice(Box::new(Notice {
        id: String::new(),
        party: get("当事人"),
        address: get("地址"),
        area: key_of(&get("所属区域")),
        matter: key_of(&get("执法事项")),
        problem: get("存在问题"),
        legal_basis: get("法律依据"),
        issued_on: date(form, "下达日期")?,
        deadline: date(form, "整改期限")?,
        state: NoticeState::Pending,
        reinspected_on: None,
        reinspect_result: String::new(),
        complaint: opt(get("关联投诉")),
        extension_reason: String::new(),
        void_reason: String::new(),
        late: false,
        issuing: Issuing {
            officers: names::officers(&get("执法人员"), &data.officers)
                .map_err(|e| format!("执法人员：{e}"))?,
            requirement: get("整改要求"),
            ..Issuing::default()
        },
    })))
}

pub(super) fn submit_patrol(
    form: &Form<FormKind>,
    data: &Data,
    team: &str,
) -> Result<Write, String> {
    let get = |label: &str| form.get(label);
    Ok(Write::Patrol(Box::new(Patrol {
        id: String::new(),
        date: date(form, "日期")?,
        start: written::time(&get("开始时间")).map_err(|e| format!("开始时间：{e}"))?,
        end: written::time(&get("结束时间")).map_err(|e| format!("结束时间：{e}"))?,
        team: team.to_string(),
        officers: names::officers(&get("人员"), &data.officers)
            .map_err(|e| format!("人员：{e}"))?,
        areas: names::areas(&get("区域"), &data.areas).map_err(|e| format!("区域：{e}"))?,
        notes: get("巡查情况"),
        found_problem: get("发现问题") == "是",
    })))
}
