//! Editing the roster on the desk: a team's form (by name or number), the checks it would fail
//! worked out live as it is typed, and the write it becomes.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use zhifa_desk::domain::RosterTeam;
use zhifa_desk::domain::checks::checks_with_edit;
use zhifa_desk::domain::leave;

use super::super::data::Data;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::kind::FormKind;
use super::labels::{AREAS, CORRECTION, OFFICERS, REMOVAL_REASON, SHIFT, TEAM};

/// The form for team `original` on `date` (None: a new team).
pub fn team(
    data: &Data,
    now: NaiveDateTime,
    date: NaiveDate,
    original: Option<&str>,
) -> Form<FormKind> {
    let t = original.and_then(|o| data.day.iter().find(|t| t.team == o));
    let names = |ids: &[String]| data.officer_names(ids);
    let officers: Vec<String> = t.map_or_else(Vec::new, |t| {
        t.officers.iter().map(|m| m.id.clone()).collect()
    });
    let next = next_team_name(&data.day);
    let mut fields = vec![
        Field::text(
            TEAM,
            t.map_or(next.as_str(), |t| t.team.as_str()),
            Format::Any,
        )
        .required(),
        shift_field(t.map_or("全天", |t| t.shift.as_str())),
        Field::text(OFFICERS, &names(&officers), Format::Any).required(),
        Field::text(
            AREAS,
            &t.map_or(String::new(), |t| t.areas.join("、")),
            Format::Any,
        )
        .required(),
    ];
    let past = date < now.date();
    if past {
        fields.push(Field::text(CORRECTION, "", Format::Any).required());
    }
    let title = match (original, past) {
        (_, true) => format!("更正 {date} 的排班（已过去的日子只能写明原因更正）"),
        (Some(o), false) => format!("修改排班：{date} {o}"),
        (None, false) => format!("新增巡查组：{date}"),
    };
    let kind = FormKind::Team {
        date,
        original: original.map(str::to_string),
    };
    Form::new(kind, title, fields)
}

/// The team the form describes now, or why it cannot be read yet.
fn read(form: &Form<FormKind>, data: &Data, date: NaiveDate) -> Result<RosterTeam, String> {
    Ok(RosterTeam {
        date,
        team: form.get(TEAM),
        officers: super::find::officers(form, OFFICERS, data)?,
        areas: super::find::areas(form, AREAS, data)?,
        shift: form.get(SHIFT),
    })
}

/// What the team in the form would fail, against the other teams of its date, as lines.
pub fn live_checks(form: &Form<FormKind>, data: &Data) -> Vec<String> {
    let FormKind::Team { date, original } = &form.kind else {
        return Vec::new();
    };
    let edited = match read(form, data, *date) {
        Ok(t) => t,
        Err(why) => return vec![why],
    };
    let day: Vec<RosterTeam> = data
        .day
        .iter()
        .map(|t| RosterTeam {
            date: *date,
            team: t.team.clone(),
            officers: t.officers.iter().map(|m| m.id.clone()).collect(),
            areas: t.areas.clone(),
            shift: t.shift.clone(),
        })
        .collect();
    let mut staff: HashMap<String, _> = data
        .officers
        .iter()
        .map(|o| (o.id.clone(), o.clone()))
        .collect();
    leave::apply(&mut staff, &data.leaves, *date);
    checks_with_edit(&day, &edited, original.as_deref(), &staff)
        .into_iter()
        .map(|c| c.message)
        .collect()
}

pub fn submit(form: &Form<FormKind>, data: &Data) -> Result<Write, String> {
    let FormKind::Team { date, original } = &form.kind else {
        return Err("不是排班表单".into());
    };
    let team = read(form, data, *date)?;
    Ok(Write::SetTeam {
        team: Box::new(team),
        original: original.clone(),
        correction: Some(form.get(CORRECTION)).filter(|r| !r.trim().is_empty()),
    })
}

/// The form that takes a team off its date.
pub fn remove(date: NaiveDate, team: &str) -> Form<FormKind> {
    let kind = FormKind::RemoveTeam {
        date,
        team: team.to_string(),
    };
    let fields = vec![Field::text(REMOVAL_REASON, "", Format::Any).required()];
    Form::new(kind, format!("撤下 {date} {team}（作废，不删除）"), fields)
}

/// The name a new team is offered: after 第一组…第三组 comes 第四组, after 第1组 comes 第2组.
fn next_team_name(day: &[zhifa_desk::report::today::TeamDay]) -> String {
    const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let n = day.len() + 1;
    let chinese = day
        .iter()
        .any(|t| NUMERALS.iter().any(|c| t.team.contains(c)));
    let name = |n: usize| match (chinese, NUMERALS.get(n - 1)) {
        (true, Some(c)) => format!("第{c}组"),
        _ => format!("第{n}组"),
    };
    // Never one already taken that day.
    (n..n + 50)
        .map(name)
        .find(|candidate| !day.iter().any(|t| &t.team == candidate))
        .unwrap_or_else(|| format!("第{n}组"))
}

/// The usual shifts, and the team's own if it has another.
fn shift_field(current: &str) -> Field {
    let mut options: Vec<String> = ["全天", "上午", "下午", "夜间"].map(String::from).to_vec();
    if !current.trim().is_empty() && !options.iter().any(|o| o == current.trim()) {
        options.push(current.trim().to_string());
    }
    let at = options
        .iter()
        .position(|o| o == current.trim())
        .unwrap_or(0);
    Field::choice(SHIFT, options, at)
}
