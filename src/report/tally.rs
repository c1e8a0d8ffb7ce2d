//! The rules that turn records into a period's figures, over plain records: the report reads
//! them from the store, and a handoff's check reads them from the bundle's own ledgers, so the
//! two can never count differently.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::figures::{AreaCoverage, Complaints, Count, Late, Notices, Patrols};
use super::format::countdown;
use super::period::Period;
use crate::calendar::end_of_day;
use crate::domain::complaint::Step;
use crate::domain::{Channel, ComplaintState, NoticeState, Patrol, PatrolInterval};
use crate::error::Result;
use crate::store::{complaints, notices};

pub fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The complaints received in a period, each with its deadlines. `field_of` names a matter's
/// field (None: not in the list); `corrected` says whether a complaint's times were corrected.
pub fn complaints(
    all: &[complaints::Tracked],
    field_of: &dyn Fn(&str) -> Option<String>,
    corrected: &dyn Fn(&str) -> Result<bool>,
    now: NaiveDateTime,
) -> Result<Complaints> {
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
        appealed: 0,
        on_time_rate_appealed: None,
        stopped: 0,
        stopped_days: 0,
        corrected: 0,
        extended: 0,
        provisional: 0,
        overdue: Vec::new(),
    };
    let fmt = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
    for t in all {
        let x = &t.complaint;
        if x.state == ComplaintState::Voided {
            c.voided += 1;
            continue;
        }
        c.received += 1;
        c.corrected += usize::from(corrected(&x.id)?);
        c.extended += usize::from(!x.work.extensions.is_empty());
        c.stopped += usize::from(!x.work.stops.is_empty());
        c.stopped_days += crate::domain::pause::stopped_days(&x.work.stops, now);
        let provisional = !t.due.missing_years.is_empty();
        c.provisional += usize::from(provisional);
        let ch = Channel::ALL
            .iter()
            .position(|k| *k == x.channel)
            .unwrap_or(0);
        *by_channel.entry(ch).or_default() += 1;
        let field = x.matter.as_deref().and_then(field_of);
        *by_field
            .entry(field.unwrap_or_else(|| "不在清单".to_string()))
            .or_default() += 1;
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
            pending |= match step {
                Step::Pending { remaining_minutes } => remaining_minutes >= 0,
                Step::Stopped { .. } => true,
                _ => false,
            };
            done |= matches!(step, Step::Done { .. });
            if let Some(m) = late_by {
                late = true;
                c.overdue.push(Late {
                    id: x.id.clone(),
                    step: name,
                    due: if provisional {
                        format!("{}（暂定）", fmt(due))
                    } else {
                        fmt(due)
                    },
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
            c.appealed += usize::from(late && x.appeal_approved());
        }
    }
    c.on_time_rate = rate(c.on_time, c.measured);
    c.on_time_rate_appealed = rate(c.on_time, c.measured - c.appealed);
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

/// The notices issued in a period, each with its re-inspection deadline.
pub fn notices(all: &[notices::Tracked], now: NaiveDateTime) -> Notices {
    let mut n = Notices {
        issued: 0,
        voided: 0,
        closed: 0,
        extended: 0,
        escalated: 0,
        open: 0,
        reinspect_overdue: 0,
        closure_rate: None,
        provisional: 0,
    };
    for t in all {
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
        n.provisional += usize::from(t.reinspect_due.uncertain());
        n.reinspect_overdue += usize::from(x.overdue(end_of_day(t.reinspect_due.date), now));
    }
    n.closure_rate = rate(n.closed, n.issued);
    n
}

/// An area as coverage needs it.
pub struct AreaPlan {
    pub id: String,
    pub name: String,
    pub interval: PatrolInterval,
}

/// A person as the patrol counts list them ("W001 赵建国"); grid workers only once they patrolled.
pub struct Member {
    pub id: String,
    pub label: String,
    pub grid_worker: bool,
}

/// Coverage of each area by its interval over the days of `period` gone by `today`, from the
/// patrols of those days (live ones), and each person's patrols.
pub fn patrols(
    areas: &[AreaPlan],
    patrols: &[Patrol],
    staff: &[Member],
    period: &Period,
    today: NaiveDate,
) -> Patrols {
    let Some(until) = period.elapsed_until(today) else {
        return Patrols {
            logged: 0,
            required: 0,
            covered: 0,
            coverage_rate: None,
            by_area: Vec::new(),
            by_officer: Vec::new(),
        };
    };
    let patrols: Vec<&Patrol> = patrols
        .iter()
        .filter(|p| (period.from..=until).contains(&p.date))
        .collect();
    let mut days: HashMap<&str, BTreeSet<NaiveDate>> = HashMap::new();
    let mut per_officer: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &patrols {
        for a in &p.areas {
            days.entry(a.as_str()).or_default().insert(p.date);
        }
        for o in &p.officers {
            *per_officer.entry(o.as_str()).or_default() += 1;
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
    let by_officer = staff
        .iter()
        .filter(|o| !o.grid_worker || per_officer.contains_key(o.id.as_str()))
        .map(|o| Count {
            name: o.label.clone(),
            count: per_officer.get(o.id.as_str()).copied().unwrap_or(0),
        })
        .collect();
    let required = by_area.iter().map(|a| a.required).sum();
    let covered = by_area.iter().map(|a| a.covered).sum();
    Patrols {
        logged: patrols.len(),
        required,
        covered,
        coverage_rate: rate(covered, required),
        by_area,
        by_officer,
    }
}
