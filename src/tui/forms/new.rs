//! The forms that make a new record: a lead (受理, or from a patrol that found a problem), a
//! rectification notice (下达), a patrol (登记巡查).

use chrono::{Duration, NaiveDate, NaiveDateTime};
use zhifa_desk::domain::{
    Channel, Complaint, ComplaintState, Complexity, Issuing, Notice, NoticeState, Patrol,
};
use zhifa_desk::report::today::TeamDay;

use super::super::data::Data;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::find::{
    area_options, date, datetime, key_of, labels, matter_options, now_text, opt, unchosen,
};
use super::kind::FormKind;
use super::labels::{
    ADDRESS, AREA, AREAS, CHANNEL, COMPLAINT, COMPLEXITY, DATE, DEADLINE, DESCRIPTION, END_TIME,
    FOUND_PROBLEM, ISSUED_ON, ISSUING_OFFICERS, LEGAL_BASIS, MATTER, NOTES, OFFICERS, PARTY, PHONE,
    PROBLEM, RECEIVED_AT, REPORTER, REQUIREMENT, START_TIME,
};

pub fn new_complaint(data: &Data, now: NaiveDateTime) -> Form<FormKind> {
    let fields = vec![
        Field::choice(CHANNEL, labels(Channel::ALL, Channel::label), 0),
        Field::text(RECEIVED_AT, &now_text(now), Format::DateTime).required(),
        Field::text(REPORTER, "", Format::Any),
        Field::text(PHONE, "", Format::Any),
        Field::choice(AREA, area_options(data), 0),
        // No silent default: off the list or not, the matter is chosen.
        Field::choice(MATTER, unchosen(matter_options(data)), 0).required(),
        Field::text(DESCRIPTION, "", Format::Any).required(),
        Field::choice(COMPLEXITY, labels(Complexity::ALL, Complexity::label), 0),
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
    form.preset(CHANNEL, Channel::Patrol.label());
    if let Some(area) = p.areas.first() {
        form.preset(AREA, area);
    }
    form.preset(DESCRIPTION, &p.notes);
    form
}

pub fn new_notice(data: &Data, now: NaiveDateTime) -> Form<FormKind> {
    let today = now.date();
    let fields = vec![
        Field::text(PARTY, "", Format::Any).required(),
        Field::text(ADDRESS, "", Format::Any).required(),
        Field::choice(AREA, area_options(data), 0),
        Field::choice(MATTER, matter_options(data), 0),
        Field::text(PROBLEM, "", Format::Any).required(),
        Field::text(LEGAL_BASIS, "", Format::Any),
        Field::text(REQUIREMENT, "", Format::Any).required(),
        Field::text(ISSUING_OFFICERS, "", Format::Any).required(),
        Field::text(ISSUED_ON, &today.to_string(), Format::Date).required(),
        Field::text(
            DEADLINE,
            &(today + Duration::days(7)).to_string(),
            Format::Date,
        )
        .required(),
        Field::text(COMPLAINT, "", Format::Any),
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
        Field::text(DATE, &date.to_string(), Format::Date).required(),
        Field::text(START_TIME, "", Format::Time).required(),
        Field::text(END_TIME, &end, Format::Time).required(),
        Field::text(OFFICERS, &officers.join("、"), Format::Any).required(),
        Field::text(AREAS, &team.areas.join("、"), Format::Any).required(),
        Field::text(NOTES, "", Format::Any).required(),
        Field::choice(FOUND_PROBLEM, vec!["否".into(), "是".into()], 0),
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
        received_at: datetime(form, RECEIVED_AT)?,
        channel: Channel::parse(&get(CHANNEL)).unwrap_or(Channel::Hotline),
        reporter: get(REPORTER),
        phone: get(PHONE),
        area: key_of(&get(AREA)),
        matter: key_of(&get(MATTER)),
        description: get(DESCRIPTION),
        complexity: Complexity::parse(&get(COMPLEXITY)).unwrap_or(Complexity::Simple),
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
        party: get(PARTY),
        address: get(ADDRESS),
        area: key_of(&get(AREA)),
        matter: key_of(&get(MATTER)),
        problem: get(PROBLEM),
        legal_basis: get(LEGAL_BASIS),
        issued_on: date(form, ISSUED_ON)?,
        deadline: date(form, DEADLINE)?,
        state: NoticeState::Pending,
        reinspected_on: None,
        reinspect_result: String::new(),
        complaint: opt(get(COMPLAINT)),
        extension_reason: String::new(),
        void_reason: String::new(),
        late: false,
        issuing: Issuing {
            officers: super::find::officers(form, ISSUING_OFFICERS, data)?,
            requirement: get(REQUIREMENT),
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
        date: date(form, DATE)?,
        start: super::find::time(form, START_TIME)?,
        end: super::find::time(form, END_TIME)?,
        team: team.to_string(),
        officers: super::find::officers(form, OFFICERS, data)?,
        areas: super::find::areas(form, AREAS, data)?,
        notes: get(NOTES),
        found_problem: get(FOUND_PROBLEM) == "是",
    })))
}
