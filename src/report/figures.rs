//! The figures superiors ask for over a period: complaints against their time limits, the
//! rectification loop, patrol coverage by each area's interval, and certificates running out.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

use super::format::countdown;
use super::period::Period;
use crate::calendar::end_of_day;
use crate::domain::complaint::Step;
use crate::domain::{Channel, ComplaintState, NoticeState, Role};
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
    /// Of those received, how many had a recorded time corrected at some point: the rate is
    /// computed on the corrected times.
    pub corrected: usize,
    /// Of those received, how many had their feedback deadline extended (counted apart; a
    /// lead extended after its deadline had passed stays late).
    pub extended: usize,
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

fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
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
    })
}

fn complaint_figures(conn: &Connection, period: &Period, now: NaiveDateTime) -> Result<Complaints> {
    let all = complaints::received_between(conn, Some(period.from), Some(period.to))?;
    let fields: HashMap<String, String> = people::matters(conn)?
        .into_iter()
        .map(|m| (m.id, m.field))
        .collect();
    let mut by_channel: BTreeMap<usize, usize> = BTreeMap::new();
    let mut by_field: BTreeMap<String, usize> = BTreeMap::new();
    let mut c = Complaints {
        received: 0,
        voided: 0,
        by_channel: Vec::new(),
        by_field: Vec::new(),
        verified_on_time: 0,
        fed_back_on_time: 0,
        closed: 0,
        transferred: 0,
        measured: 0,
        on_time: 0,
        on_time_rate: None,
        corrected: 0,
        extended: 0,
        overdue: Vec::new(),
    };
    let fmt = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
    for t in &all {
        let x = &t.complaint;
        if x.state == ComplaintState::Voided {
            c.voided += 1;
            continue;
        }
        c.received += 1;
        c.corrected += usize::from(correction::corrected(conn, "complaints", &x.id)?);
        c.extended += usize::from(!x.work.extensions.is_empty());
        let ch = Channel::ALL
            .iter()
            .position(|k| *k == x.channel)
            .unwrap_or(0);
        *by_channel.entry(ch).or_default() += 1;
        let field = x
            .matter
            .as_ref()
            .and_then(|m| fields.get(m))
            .map_or("不在清单", String::as_str);
        *by_field.entry(field.to_string()).or_default() += 1;
        c.closed += usize::from(x.state == ComplaintState::Closed);
        c.transferred += usize::from(x.state == ComplaintState::Transferred);
        let (verify, feedback) = x.steps(&t.due, now);
        c.verified_on_time += usize::from(verify == Step::Done { late: false });
        c.fed_back_on_time += usize::from(feedback == Step::Done { late: false });
        let steps = [
            ("核查", verify, x.verified_at, t.due.verify_due),
            ("反馈", feedback, x.fed_back_at, t.due.feedback_due),
        ];
        let mut late = false;
        let (mut pending, mut done) = (false, false);
        for (name, step, at, due) in steps {
            let late_by = match step {
                Step::Done { late: true } => at.map(|a| (a - due).num_minutes()),
                Step::Pending { remaining_minutes } if remaining_minutes < 0 => {
                    Some(-remaining_minutes)
                }
                _ => None,
            };
            pending |=
                matches!(step, Step::Pending { remaining_minutes } if remaining_minutes >= 0);
            done |= matches!(step, Step::Done { .. });
            if let Some(m) = late_by {
                late = true;
                c.overdue.push(Late {
                    id: x.id.clone(),
                    step: name,
                    due: fmt(due),
                    done_at: at.map(fmt),
                    late_minutes: m,
                    late: countdown(-m.max(1)),
                });
            }
        }
        // A step not yet due leaves the complaint out of the rate until it is decided.
        if late || (done && !pending) {
            c.measured += 1;
            c.on_time += usize::from(!late);
        }
    }
    c.on_time_rate = rate(c.on_time, c.measured);
    c.by_channel = by_channel
        .into_iter()
        .map(|(i, n)| Count {
            name: Channel::ALL[i].label().to_string(),
            count: n,
        })
        .collect();
    c.by_field = by_field
        .into_iter()
        .map(|(name, count)| Count { name, count })
        .collect();
    c.overdue
        .sort_by(|a, b| b.late_minutes.cmp(&a.late_minutes).then(a.id.cmp(&b.id)));
    Ok(c)
}

fn notice_figures(conn: &Connection, period: &Period, now: NaiveDateTime) -> Result<Notices> {
    let all = notices::issued_between(conn, Some(period.from), Some(period.to))?;
    let mut n = Notices {
        issued: 0,
        voided: 0,
        closed: 0,
        extended: 0,
        escalated: 0,
        open: 0,
        reinspect_overdue: 0,
        closure_rate: None,
    };
    for t in &all {
        let x = &t.notice;
        if x.state == NoticeState::Voided {
            n.voided += 1;
            continue;
        }
        n.issued += 1;
        n.closed += usize::from(x.state == NoticeState::ClosedOut);
        n.escalated += usize::from(x.state == NoticeState::Escalated);
        n.extended +=
            usize::from(x.state == NoticeState::Extended || !x.extension_reason.is_empty());
        n.open += usize::from(x.state.is_open());
        n.reinspect_overdue += usize::from(x.overdue(end_of_day(t.reinspect_due.date), now));
    }
    n.closure_rate = rate(n.closed, n.issued);
    Ok(n)
}

fn patrol_figures(conn: &Connection, period: &Period, today: NaiveDate) -> Result<Patrols> {
    let areas = people::areas(conn)?;
    let Some(until) = period.elapsed_until(today) else {
        return Ok(Patrols {
            logged: 0,
            required: 0,
            covered: 0,
            coverage_rate: None,
            by_area: Vec::new(),
            by_officer: Vec::new(),
        });
    };
    let patrols = roster::patrols_between(conn, Some(period.from), Some(until))?;
    let mut days: HashMap<&str, BTreeSet<NaiveDate>> = HashMap::new();
    let mut per_officer: BTreeMap<String, usize> = BTreeMap::new();
    for p in &patrols {
        for a in &p.areas {
            days.entry(a.as_str()).or_default().insert(p.date);
        }
        for o in &p.officers {
            *per_officer.entry(o.clone()).or_default() += 1;
        }
    }
    let by_area: Vec<AreaCoverage> = areas
        .iter()
        .map(|a| {
            let visited = days.get(a.id.as_str());
            let step = i64::from(a.interval.days().max(1));
            let (mut required, mut covered) = (0, 0);
            let mut start = period.from;
            while start <= until {
                let end = (start + Duration::days(step - 1)).min(until);
                required += 1;
                covered +=
                    usize::from(visited.is_some_and(|v| v.range(start..=end).next().is_some()));
                start += Duration::days(step);
            }
            AreaCoverage {
                area: a.id.clone(),
                name: a.name.clone(),
                interval: a.interval.label(),
                required,
                covered,
                visits: visited.map_or(0, BTreeSet::len),
            }
        })
        .collect();
    let staff = people::officers(conn)?;
    let by_officer = staff
        .iter()
        .filter(|o| o.role != Role::GridWorker || per_officer.contains_key(&o.id))
        .map(|o| Count {
            name: format!("{} {}", o.id, o.name),
            count: per_officer.get(&o.id).copied().unwrap_or(0),
        })
        .collect();
    let required = by_area.iter().map(|a| a.required).sum();
    let covered = by_area.iter().map(|a| a.covered).sum();
    Ok(Patrols {
        logged: patrols.len(),
        required,
        covered,
        coverage_rate: rate(covered, required),
        by_area,
        by_officer,
    })
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
