//! The figures superiors ask for over a period: complaints against their time limits, the
//! rectification loop, patrol coverage by each area's interval, and certificates running out.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

use super::period::Period;
use super::tally;
use crate::domain::Role;
use crate::error::Result;
use crate::store::correction::{self, Correction};
use crate::store::{complaints, notices, people, roster, settings};

/// A certificate expiring within this many days is listed.
pub const CERT_WARN_DAYS: i64 = 60;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub period: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The figures are as of this moment: later steps and deadlines not yet due do not count.
    pub as_of: String,
    /// The share superiors expect for every rate, from the settings (0.9 by default).
    pub target: f64,
    pub complaints: Complaints,
    pub notices: Notices,
    pub patrols: Patrols,
    pub certificates: Vec<Certificate>,
    /// Every recorded time corrected (更正) during the period, whichever record it belongs to.
    pub corrections: Vec<Correction>,
    /// Who sat at the desk: sign-ins, handover notes and acknowledgements, oldest first.
    pub duty: Vec<crate::domain::duty::DutyEntry>,
    /// 回访 in the period and the satisfaction rate.
    pub callbacks: super::callbacks::Figures,
    /// 案卷自查 of the period's finished files and the 合格率.
    pub reviews: super::review::Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub name: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Complaints {
    /// Received in the period, voided ones left out.
    pub received: usize,
    pub voided: usize,
    pub by_channel: Vec<Count>,
    /// By the field (所属领域) of the matter; 不在清单 for leads off the matter list.
    pub by_field: Vec<Count>,
    pub verified_on_time: usize,
    pub fed_back_on_time: usize,
    pub closed: usize,
    pub transferred: usize,
    /// Those the on-time rate counts: a step is late, or every required step is done.
    pub measured: usize,
    pub on_time: usize,
    /// on_time / measured, from 0 to 1; null when nothing could be measured yet.
    pub on_time_rate: Option<f64>,
    /// Of those measured late, how many had their timeout appeal (超时申诉) approved: still
    /// late on the record, left out of `on_time_rate_appealed`.
    pub appealed: usize,
    /// on_time / (measured - appealed): the rate after approved appeals (剔除申诉后).
    pub on_time_rate_appealed: Option<f64>,
    /// Of those received, how many had their clock stopped (中止) at some point, and the
    /// calendar days stopped in all (part of a day counts as one).
    pub stopped: usize,
    pub stopped_days: i64,
    /// Of those received, how many had a recorded time corrected at some point: the rate is
    /// computed on the corrected times.
    pub corrected: usize,
    /// Of those received, how many had their feedback deadline extended (counted apart; a
    /// lead extended after its deadline had passed stays late).
    pub extended: usize,
    /// Of those received, how many have a deadline in a year whose arrangement is not yet
    /// imported: counted on the statutory days, 暂定.
    pub provisional: usize,
    pub overdue: Vec<Late>,
}

/// A step that came, or is still open, past its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Late {
    pub id: String,
    pub step: &'static str,
    pub due: String,
    /// When it was done; null while still undone.
    pub done_at: Option<String>,
    pub late_minutes: i64,
    /// 超期 1天2时.
    pub late: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notices {
    /// Issued in the period, voided ones left out.
    pub issued: usize,
    pub voided: usize,
    /// 已销号.
    pub closed: usize,
    /// Given more time at some re-inspection (still extended or not).
    pub extended: usize,
    /// 已立案.
    pub escalated: usize,
    pub open: usize,
    /// Re-inspected late, or still open past the re-inspection due date.
    pub reinspect_overdue: usize,
    /// closed / issued; null when none was issued.
    pub closure_rate: Option<f64>,
    /// How many have their re-inspection due in a year not yet imported (暂定).
    pub provisional: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Patrols {
    /// Patrol records logged in the period.
    pub logged: usize,
    /// Windows of each area's interval in the period (the last may be short).
    pub required: usize,
    /// Windows with at least one patrol of the area.
    pub covered: usize,
    pub coverage_rate: Option<f64>,
    pub by_area: Vec<AreaCoverage>,
    pub by_officer: Vec<Count>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaCoverage {
    pub area: String,
    pub name: String,
    pub interval: String,
    pub required: usize,
    pub covered: usize,
    /// Days with a patrol of the area.
    pub visits: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Certificate {
    pub officer: String,
    pub name: String,
    pub expiry: NaiveDate,
    /// Negative when already expired.
    pub days_left: i64,
}

/// The report of `period` as of `now`.
pub fn report(conn: &Connection, period: &Period, now: NaiveDateTime) -> Result<Report> {
    let s = settings::load(conn)?;
    Ok(Report {
        period: period.label.clone(),
        from: period.from,
        to: period.to,
        as_of: now.format("%Y-%m-%d %H:%M").to_string(),
        target: s.on_time_target,
        complaints: complaint_figures(conn, period, now)?,
        notices: notice_figures(conn, period, now)?,
        patrols: patrol_figures(conn, period, now.date())?,
        certificates: certificates(conn, now.date())?,
        corrections: correction::between(conn, period.from, period.to)?,
        duty: crate::store::duty::between(conn, period.from, period.to)?,
        callbacks: super::callbacks::figures(conn, period)?,
        reviews: super::review::figures(conn, period, now)?,
    })
}

fn complaint_figures(conn: &Connection, period: &Period, now: NaiveDateTime) -> Result<Complaints> {
    let all = complaints::received_between(conn, Some(period.from), Some(period.to))?;
    let fields: HashMap<String, String> = people::matters(conn)?
        .into_iter()
        .map(|m| (m.id, m.field))
        .collect();
    let field_of = |m: &str| fields.get(m).cloned();
    let corrected = |id: &str| correction::corrected(conn, "complaints", id);
    tally::complaints(&all, &field_of, &corrected, now)
}

fn notice_figures(conn: &Connection, period: &Period, now: NaiveDateTime) -> Result<Notices> {
    let all = notices::issued_between(conn, Some(period.from), Some(period.to))?;
    Ok(tally::notices(&all, now))
}

fn patrol_figures(conn: &Connection, period: &Period, today: NaiveDate) -> Result<Patrols> {
    let areas: Vec<tally::AreaPlan> = people::areas(conn)?
        .into_iter()
        .map(|a| tally::AreaPlan {
            id: a.id,
            name: a.name,
            interval: a.interval,
        })
        .collect();
    let patrols = match period.elapsed_until(today) {
        Some(until) => roster::patrols_between(conn, Some(period.from), Some(until))?,
        None => Vec::new(),
    };
    let staff: Vec<tally::Member> = people::officers(conn)?
        .into_iter()
        .map(|o| tally::Member {
            grid_worker: o.role == Role::GridWorker,
            label: format!("{} {}", o.id, o.name),
            id: o.id,
        })
        .collect();
    Ok(tally::patrols(&areas, &patrols, &staff, period, today))
}

fn certificates(conn: &Connection, today: NaiveDate) -> Result<Vec<Certificate>> {
    let mut out: Vec<Certificate> = people::officers(conn)?
        .into_iter()
        .filter(|o| o.role != Role::GridWorker)
        .filter_map(|o| {
            let expiry = o.cert_expiry?;
            let days_left = (expiry - today).num_days();
            (days_left <= CERT_WARN_DAYS).then_some(Certificate {
                officer: o.id,
                name: o.name,
                expiry,
                days_left,
            })
        })
        .collect();
    out.sort_by_key(|c| c.expiry);
    Ok(out)
}
