//! The day at the desk: roster with checks, areas due, complaint timers, open notices, warnings.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

use crate::calendar::{Calendar, end_of_day};
use crate::domain::checks::{area_checks, roster_checks};
use crate::domain::{Check, ComplaintState, NoticeState};
use crate::error::Result;
use crate::store::{complaints, notices, people, roster};

#[derive(Debug, Clone, Serialize)]
pub struct Today {
    pub now: String,
    pub date: String,
    pub weekday: &'static str,
    pub day_kind: &'static str,
    pub roster: Vec<TeamDay>,
    pub areas: Vec<AreaDay>,
    pub complaints: Vec<ComplaintTimer>,
    pub notices: Vec<NoticeTimer>,
    pub calendar_warnings: Vec<String>,
    /// Drawn subjects due this week and not inspected (the late ones first).
    pub checks_due: Vec<super::today_checks::CheckDue>,
    /// The plan items still short this month, the behind first.
    pub plan: Vec<crate::domain::plan::Progress>,
    /// The 专项 campaigns running today.
    pub campaigns: Vec<super::today_checks::CampaignNow>,
    /// Closed leads whose reporter is still to be called back (回访).
    pub callbacks_due: Vec<super::today_checks::CallbackDue>,
    /// Decisions not yet published (公示), the earliest due first.
    pub publicity: Vec<crate::domain::publicity::PubItem>,
    /// The 临期 window in minutes, from the settings (the screen marks leads with it).
    #[serde(skip)]
    pub soon_minutes: i64,
}

impl Today {
    /// "，1 件中止计时" when leads wait with their clock stopped; empty when none does (the
    /// desk's dashboard and the printed `today` say it alike).
    pub fn stopped_note(&self) -> String {
        match self
            .complaints
            .iter()
            .filter(|c| c.stopped_since.is_some())
            .count()
        {
            0 => String::new(),
            n => format!("，{n} 件中止计时"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamDay {
    pub team: String,
    pub shift: String,
    pub officers: Vec<Member>,
    pub areas: Vec<String>,
    /// The team's areas that have a patrol logged today.
    pub patrolled: Vec<String>,
    pub checks: Vec<Check>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaDay {
    pub area: String,
    pub name: String,
    pub interval: String,
    pub last_patrol: Option<String>,
    pub checks: Vec<Check>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComplaintTimer {
    pub id: String,
    pub channel: &'static str,
    pub state: ComplaintState,
    pub complexity: &'static str,
    pub description: String,
    pub received_at: String,
    pub verify_due: String,
    pub feedback_due: String,
    /// 是否超期: a step is late now or was done late (as the ledger's column says).
    pub overdue: bool,
    /// What the desk shows beside it, decided by the same function: 超期 (a deadline passed
    /// and its step not done), 临期, 曾超期, 中止, or "".
    pub marker: &'static str,
    /// The desk's countdown text: 剩余 3时12分 / 超期 1天2时 / 中止 自11-20 / 待结案.
    pub timer: String,
    /// Minutes to the nearest unmet deadline; negative when overdue; null when none is left.
    pub remaining_minutes: Option<i64>,
    /// Since when the lead's clock is stopped (中止); null while it runs.
    #[serde(serialize_with = "minute")]
    pub stopped_since: Option<NaiveDateTime>,
    /// 超时申诉: 待审批 / 已批准 / 未批准; null without one.
    pub appeal: Option<&'static str>,
    /// A deadline counted through a year whose arrangement is not imported (暂定).
    pub provisional: bool,
    /// 承办中队 and 承办人员 (工号); empty until the lead is dispatched.
    pub squad: String,
    pub handlers: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticeTimer {
    pub id: String,
    pub party: String,
    pub state: NoticeState,
    pub deadline: String,
    pub reinspect_due: String,
    /// 是否超期: past its re-inspection due now, or a re-inspection was once late.
    pub overdue: bool,
    /// What the desk shows beside it, decided by the same function: 超期 (past its due now),
    /// 临期, 曾超期 (late once, its new due ahead), or "".
    pub marker: &'static str,
    /// The desk's text: 复查超期 3 天 / 今日应复查 / 5 天后应复查.
    pub timer: String,
    /// A re-inspection was once late (the notice was extended or escalated after it).
    pub late: bool,
    /// Days from today to the re-inspection due date; negative when overdue.
    pub days_left: i64,
    /// The re-inspection due is counted through a year not yet imported (暂定).
    pub provisional: bool,
    /// Days since it was issued while still not served (送达), from the day after issue;
    /// None once served or on its issue day.
    pub unserved_days: Option<i64>,
}

/// A time as the rest of the JSON writes it: "2026-11-20 10:00".
fn minute<S: serde::Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&crate::written::fmt_datetime(*t)),
        None => s.serialize_none(),
    }
}

pub fn today(conn: &Connection, now: NaiveDateTime) -> Result<Today> {
    let cal = crate::store::holidays::calendar(conn)?;
    let date = now.date();
    let mut missing = BTreeSet::new();

    let (roster, covered) = roster_day(conn, date)?;
    let last = roster::last_patrols(conn, date)?;
    let areas = people::areas(conn)?
        .into_iter()
        .filter_map(|a| {
            let last_patrol = last.get(&a.id).copied();
            let status = area_checks(&a, last_patrol, covered.contains(&a.id), date);
            (!status.checks.is_empty()).then(|| AreaDay {
                area: a.id,
                name: a.name,
                interval: a.interval.label(),
                last_patrol: last_patrol.map(|d| d.to_string()),
                checks: status.checks,
            })
        })
        .collect();

    let fmt = crate::written::fmt_datetime;
    let settings = crate::store::settings::load(conn)?;
    let soon_minutes = settings.soon_minutes();
    let complaints = complaints::open_by_due(conn)?
        .into_iter()
        .map(|t| {
            missing.extend(t.due.missing_years.iter().copied());
            let c = &t.complaint;
            let (overdue, remaining) = (c.overdue(&t.due, now), c.remaining_minutes(&t.due, now));
            let (u, timer) = crate::report::format::complaint_timer(
                remaining,
                c.stopped_since(),
                overdue,
                soon_minutes,
            );
            ComplaintTimer {
                marker: u.word(),
                timer,
                id: c.id.clone(),
                channel: c.channel.label(),
                state: c.state,
                complexity: c.complexity.label(),
                description: c.description.clone(),
                received_at: fmt(c.received_at),
                verify_due: fmt(t.due.verify_due),
                feedback_due: fmt(t.due.feedback_due),
                overdue,
                remaining_minutes: remaining,
                stopped_since: c.stopped_since(),
                appeal: c.work.appeal.as_ref().map(|a| a.state()),
                provisional: !t.due.missing_years.is_empty(),
                squad: c.work.squad.clone(),
                handlers: c.work.handlers.clone(),
            }
        })
        .collect();

    let notices = notices::open_by_due(conn)?
        .into_iter()
        .map(|t| {
            missing.extend(t.reinspect_due.missing_years.iter().copied());
            let n = &t.notice;
            let days_left = (t.reinspect_due.date - date).num_days();
            let (u, timer) = crate::report::format::notice_marker(true, n.late, days_left);
            NoticeTimer {
                marker: u.word(),
                timer,
                id: n.id.clone(),
                party: n.party.clone(),
                state: n.state,
                deadline: n.deadline.to_string(),
                reinspect_due: t.reinspect_due.date.to_string(),
                overdue: n.overdue(end_of_day(t.reinspect_due.date), now),
                late: n.late,
                days_left,
                provisional: t.reinspect_due.uncertain(),
                unserved_days: n.unserved_days(date),
            }
        })
        .collect();

    Ok(Today {
        now: fmt(now),
        date: date.to_string(),
        weekday: crate::calendar::weekday_name(date),
        day_kind: cal.day_kind(date).label(),
        roster,
        areas,
        complaints,
        notices,
        calendar_warnings: calendar_warnings(&cal, date, &missing),
        checks_due: super::today_checks::checks_due(conn, date)?,
        plan: super::today_checks::plan_open(conn, date)?,
        callbacks_due: super::today_checks::callbacks_due(
            conn,
            &cal,
            settings.callback_workdays,
            date,
        )?,
        campaigns: super::today_checks::campaigns_now(conn, date)?,
        publicity: super::today_checks::to_publish(conn, &cal, settings.publish_workdays, date)?,
        soon_minutes,
    })
}

/// Officers by 工号 with their names (an unknown 工号 stands for itself).
pub fn members(
    staff: &std::collections::HashMap<String, crate::domain::Officer>,
    ids: &[String],
) -> Vec<Member> {
    ids.iter()
        .map(|id| Member {
            id: id.clone(),
            name: staff.get(id).map_or_else(|| id.clone(), |o| o.name.clone()),
        })
        .collect()
}

/// The roster of one date with its checks, and the set of areas some team covers.
pub fn roster_day(conn: &Connection, date: NaiveDate) -> Result<(Vec<TeamDay>, BTreeSet<String>)> {
    let teams = roster::teams_on(conn, date)?;
    let staff = crate::store::leaves::officers_on(conn, date)?;
    let checks = roster_checks(&teams, &staff);
    let patrolled: BTreeSet<String> = roster::patrols_between(conn, Some(date), Some(date))?
        .into_iter()
        .flat_map(|p| p.areas)
        .collect();
    let covered = teams.iter().flat_map(|t| t.areas.iter().cloned()).collect();
    let days = teams
        .into_iter()
        .zip(checks)
        .map(|(t, checks)| TeamDay {
            officers: members(&staff, &t.officers),
            patrolled: t
                .areas
                .iter()
                .filter(|a| patrolled.contains(*a))
                .cloned()
                .collect(),
            team: t.team,
            shift: t.shift,
            areas: t.areas,
            checks,
        })
        .collect();
    Ok((days, covered))
}

/// Years whose official dates are not entered and that matter now.
fn calendar_warnings(cal: &Calendar, date: NaiveDate, used: &BTreeSet<i32>) -> Vec<String> {
    let mut years: BTreeSet<i32> = used.clone();
    if !cal.covers(date.year()) {
        years.insert(date.year());
    }
    // The next year's dates are published around November; from then on, ask for them.
    if date.month() >= 11 && !cal.covers(date.year() + 1) {
        years.insert(date.year() + 1);
    }
    years
        .into_iter()
        .map(|y| {
            let uses = if used.contains(&y) {
                "，已有期限跨入该年，为暂定"
            } else {
                ""
            };
            format!(
                "{y}年法定节假日安排尚未导入{uses}（请用 zhifa-desk import holidays 文件 导入）"
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Outcome;
    use crate::store::desk::{self, NoticeStep};
    use crate::store::{Actor, Store};

    /// A notice extended after its re-inspection was late: `today` says 曾超期 with its new
    /// due ahead, as the desk does, not 超期 (`overdue` keeps that it was once late).
    #[test]
    fn an_extended_late_notice_is_marked_as_the_desk_marks_it() {
        let mut store = Store::open_in_memory().unwrap();
        let now = NaiveDateTime::parse_from_str("2026-11-23 08:30", "%Y-%m-%d %H:%M").unwrap();
        let actor = Actor {
            operator: "W001".into(),
            now,
        };
        crate::demo::load(&mut store, &actor).unwrap();
        let id = "卧执整〔2026〕第7号";
        let before = today(store.conn(), now).unwrap();
        let n = before.notices.iter().find(|n| n.id == id).unwrap();
        assert_eq!((n.marker, n.overdue), ("超期", true));
        let step = NoticeStep::Reinspect {
            date: now.date(),
            result: "部分整改".into(),
            outcome: Outcome::Extend {
                new_deadline: now.date() + chrono::Duration::days(14),
                reason: "当事人申请延期".into(),
            },
            officers: vec!["W001".into(), "W002".into()],
        };
        desk::notice_step(&mut store, &actor, id, step).unwrap();
        let after = today(store.conn(), now).unwrap();
        let n = after.notices.iter().find(|n| n.id == id).unwrap();
        assert_eq!((n.marker, n.overdue, n.late), ("曾超期", true, true));
        assert!(
            n.days_left > 0 && n.timer.ends_with("天后应复查"),
            "{}",
            n.timer
        );
    }
}
