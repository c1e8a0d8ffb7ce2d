//! Roster and area checks, each with a stable code for scripts and a Chinese message for people.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Area, Officer, OfficerStatus, Role, RosterTeam};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckCode {
    TooFewCertified,
    CertExpired,
    GridWorkerAsOfficer,
    OfficerOnLeave,
    OfficerDoubleBooked,
    AreaNotCovered,
    PatrolOverdue,
}

impl CheckCode {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckCode::TooFewCertified => "too_few_certified",
            CheckCode::CertExpired => "cert_expired",
            CheckCode::GridWorkerAsOfficer => "grid_worker_as_officer",
            CheckCode::OfficerOnLeave => "officer_on_leave",
            CheckCode::OfficerDoubleBooked => "officer_double_booked",
            CheckCode::AreaNotCovered => "area_not_covered",
            CheckCode::PatrolOverdue => "patrol_overdue",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub code: CheckCode,
    /// What the check is about: an officer's 工号, an area's 编号, or a team name.
    pub subject: String,
    pub message: String,
}

/// Checks every team of one date's roster; returns the checks of each team, in the given order.
pub fn roster_checks(teams: &[RosterTeam], officers: &HashMap<String, Officer>) -> Vec<Vec<Check>> {
    teams
        .iter()
        .enumerate()
        .map(|(i, _)| team_checks(i, teams, officers))
        .collect()
}

/// The checks team `edited` fails on its date once it takes the place of team `original` (None: a
/// new team) among that date's `teams`, with `officers` as they stand that day (leave applied).
/// The one rule behind the desk's live checks and the store's answer to a save: a team renamed
/// with the same officers is still one team, never double-booked against itself.
pub fn checks_with_edit(
    teams: &[RosterTeam],
    edited: &RosterTeam,
    original: Option<&str>,
    officers: &HashMap<String, Officer>,
) -> Vec<Check> {
    let mut day: Vec<RosterTeam> = teams
        .iter()
        .filter(|t| Some(t.team.as_str()) != original && t.team != edited.team)
        .cloned()
        .collect();
    day.push(edited.clone());
    roster_checks(&day, officers).pop().unwrap_or_default()
}

fn team_checks(
    index: usize,
    teams: &[RosterTeam],
    officers: &HashMap<String, Officer>,
) -> Vec<Check> {
    let team = &teams[index];
    let date = team.date;
    let mut out = Vec::new();
    let mut certified = 0;
    for id in &team.officers {
        let Some(o) = officers.get(id) else {
            out.push(check(
                CheckCode::TooFewCertified,
                id,
                format!("{id} 不在人员名单中"),
            ));
            continue;
        };
        if o.can_enforce_on(date) {
            certified += 1;
        }
        if o.role == Role::GridWorker {
            let msg = format!("{} 是网格员，不能作为执法人员排班", o.name);
            out.push(check(CheckCode::GridWorkerAsOfficer, id, msg));
        } else if o.cert_expired_on(date) {
            let expiry = o.cert_expiry.expect("expired implies a date");
            let msg = format!("{} 的执法证已于 {expiry} 过期", o.name);
            out.push(check(CheckCode::CertExpired, id, msg));
        }
        if o.status != OfficerStatus::OnDuty {
            let msg = format!("{} 当前状态为{}", o.name, o.status);
            out.push(check(CheckCode::OfficerOnLeave, id, msg));
        }
        let elsewhere: Vec<&str> = teams
            .iter()
            .enumerate()
            .filter(|(j, t)| *j != index && t.overlaps(team) && t.officers.contains(id))
            .map(|(_, t)| t.team.as_str())
            .collect();
        if !elsewhere.is_empty() {
            let msg = format!("{} 同时排在{}", o.name, elsewhere.join("、"));
            out.push(check(CheckCode::OfficerDoubleBooked, id, msg));
        }
    }
    if certified < 2 {
        let msg = format!(
            "{} 持有效执法证的在岗人员只有 {certified} 名，至少需要 2 名",
            team.team
        );
        out.insert(0, check(CheckCode::TooFewCertified, &team.team, msg));
    }
    out
}

/// The patrol state of one area on `date`, from its last logged patrol on or before that date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaStatus {
    pub days_since: Option<i64>,
    pub due: bool,
    pub checks: Vec<Check>,
}

pub fn area_checks(
    area: &Area,
    last_patrol: Option<NaiveDate>,
    covered: bool,
    date: NaiveDate,
) -> AreaStatus {
    let interval = i64::from(area.interval.days());
    let days_since = last_patrol.map(|d| (date - d).num_days());
    let due = days_since.is_none_or(|n| n >= interval);
    let mut checks = Vec::new();
    if due && !covered {
        let msg = format!(
            "{}（{}）今日应巡查，但排班中没有组负责",
            area.name,
            area.interval.label()
        );
        checks.push(check(CheckCode::AreaNotCovered, &area.id, msg));
    }
    match days_since {
        Some(n) if n > interval => {
            let msg = format!(
                "{} 已 {n} 天未巡查（应{}）",
                area.name,
                area.interval.label()
            );
            checks.push(check(CheckCode::PatrolOverdue, &area.id, msg));
        }
        None => {
            let msg = format!("{} 从未巡查（应{}）", area.name, area.interval.label());
            checks.push(check(CheckCode::PatrolOverdue, &area.id, msg));
        }
        _ => {}
    }
    AreaStatus {
        days_since,
        due,
        checks,
    }
}

fn check(code: CheckCode, subject: &str, message: String) -> Check {
    Check {
        code,
        subject: subject.to_string(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AreaKind, PatrolInterval};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn officer(id: &str, role: Role, expiry: Option<&str>, status: OfficerStatus) -> Officer {
        Officer {
            id: id.into(),
            name: format!("人员{id}"),
            squad: "一中队".into(),
            role,
            cert_no: expiry.map(|_| format!("C{id}")),
            cert_expiry: expiry.map(day),
            phone: String::new(),
            status,
        }
    }

    fn staff() -> HashMap<String, Officer> {
        use OfficerStatus::*;
        [
            officer("A", Role::Officer, Some("2030-01-01"), OnDuty),
            officer("B", Role::Captain, Some("2030-01-01"), OnDuty),
            officer("C", Role::Officer, Some("2026-11-01"), OnDuty),
            officer("G", Role::GridWorker, None, OnDuty),
            officer("L", Role::Officer, Some("2030-01-01"), OnLeave),
            officer("D", Role::Officer, Some("2030-01-01"), OnDuty),
        ]
        .into_iter()
        .map(|o| (o.id.clone(), o))
        .collect()
    }

    fn team(name: &str, officers: &[&str], shift: &str) -> RosterTeam {
        RosterTeam {
            date: day("2026-11-23"),
            team: name.into(),
            officers: officers.iter().map(|s| s.to_string()).collect(),
            areas: vec![],
            shift: shift.into(),
        }
    }

    fn codes(checks: &[Check]) -> Vec<&'static str> {
        checks.iter().map(|c| c.code.as_str()).collect()
    }

    #[test]
    fn two_valid_officers_on_duty_pass() {
        let all = roster_checks(&[team("一组", &["A", "B"], "")], &staff());
        assert!(all[0].is_empty(), "{:?}", all[0]);
    }

    #[test]
    fn expired_certificate_is_flagged_and_does_not_count() {
        let all = roster_checks(&[team("一组", &["A", "C"], "")], &staff());
        assert_eq!(codes(&all[0]), ["too_few_certified", "cert_expired"]);
        assert_eq!(all[0][1].subject, "C");
    }

    #[test]
    fn grid_worker_is_flagged_and_does_not_count() {
        let all = roster_checks(&[team("一组", &["A", "G"], "")], &staff());
        assert_eq!(
            codes(&all[0]),
            ["too_few_certified", "grid_worker_as_officer"]
        );
    }

    #[test]
    fn officer_on_leave_is_flagged_and_does_not_count() {
        let all = roster_checks(&[team("一组", &["A", "B", "L"], "")], &staff());
        assert_eq!(codes(&all[0]), ["officer_on_leave"]);
        let all = roster_checks(&[team("一组", &["A", "L"], "")], &staff());
        assert_eq!(codes(&all[0]), ["too_few_certified", "officer_on_leave"]);
    }

    #[test]
    fn double_booking_needs_overlapping_shifts() {
        let teams = [
            team("一组", &["A", "B"], "全天"),
            team("二组", &["A", "D"], ""),
        ];
        let all = roster_checks(&teams, &staff());
        assert_eq!(codes(&all[0]), ["officer_double_booked"]);
        assert_eq!(codes(&all[1]), ["officer_double_booked"]);
        assert!(all[1][0].message.contains("一组"));
        let teams = [
            team("一组", &["A", "B"], "上午"),
            team("二组", &["A", "D"], "下午"),
        ];
        assert!(roster_checks(&teams, &staff()).iter().all(Vec::is_empty));
    }

    #[test]
    fn a_renamed_team_is_one_team_and_a_new_one_beside_it_is_two() {
        let day = [team("一组", &["A", "B"], ""), team("二组", &["D", "C"], "")];
        let renamed = team("第一组", &["A", "B"], "");
        assert!(checks_with_edit(&day, &renamed, Some("一组"), &staff()).is_empty());
        // The same officers in a new team beside 一组 are booked twice.
        let beside = checks_with_edit(&day, &renamed, None, &staff());
        assert_eq!(codes(&beside), ["officer_double_booked"; 2], "A and B");
        // Saving a team under its own name replaces it, with or without `original`.
        let same = team("二组", &["C", "D"], "上午");
        assert_eq!(
            codes(&checks_with_edit(&day, &same, None, &staff())),
            codes(&roster_checks(&day, &staff())[1]),
        );
        // Leave applied by the caller counts: L is away.
        let away = team("一组", &["A", "L"], "");
        assert_eq!(
            codes(&checks_with_edit(&day, &away, Some("一组"), &staff())),
            ["too_few_certified", "officer_on_leave"]
        );
    }

    fn area(interval: u32) -> Area {
        Area {
            id: "Q01".into(),
            name: "集镇主街".into(),
            kind: AreaKind::MainStreet,
            interval: PatrolInterval(interval),
            village: String::new(),
        }
    }

    #[test]
    fn daily_area_patrolled_yesterday_is_due_and_flagged_only_if_uncovered() {
        let today = day("2026-11-23");
        let s = area_checks(&area(1), Some(day("2026-11-22")), true, today);
        assert!(s.due && s.checks.is_empty());
        let s = area_checks(&area(1), Some(day("2026-11-22")), false, today);
        assert_eq!(codes(&s.checks), ["area_not_covered"]);
    }

    #[test]
    fn weekly_area_becomes_due_on_day_seven_and_overdue_after() {
        let today = day("2026-11-23");
        let s = area_checks(&area(7), Some(day("2026-11-17")), false, today);
        assert!(!s.due && s.checks.is_empty());
        let s = area_checks(&area(7), Some(day("2026-11-16")), false, today);
        assert_eq!(codes(&s.checks), ["area_not_covered"]);
        let s = area_checks(&area(7), Some(day("2026-11-15")), true, today);
        assert_eq!(codes(&s.checks), ["patrol_overdue"]);
        assert_eq!(s.days_since, Some(8));
    }

    #[test]
    fn never_patrolled_area_is_due_and_overdue() {
        let s = area_checks(&area(7), None, false, day("2026-11-23"));
        assert_eq!(codes(&s.checks), ["area_not_covered", "patrol_overdue"]);
    }
}
