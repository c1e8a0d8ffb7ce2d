//! What the desk shows, read from the store in one go: the day, the lists, the open record.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use zhifa_desk::domain::checks::{AreaStatus, area_checks};
use zhifa_desk::domain::duty::{DutyEntry, DutyKind};
use zhifa_desk::domain::{Area, Inspection, LenientMatter, Matter, Officer, Subject};
use zhifa_desk::error::Result;
use zhifa_desk::report::Today;
use zhifa_desk::report::figures::{Report, report};
use zhifa_desk::report::period::{Kind, Period};
use zhifa_desk::report::today::{TeamDay, roster_day};
use zhifa_desk::store::{
    AuditRow, audit, complaints, duty, inspections, notices, people, roster, subjects,
};

/// Lists are read a page at a time; the filters narrow them.
pub const LIST_LIMIT: usize = 500;

/// What the screen asks the store for; a change in it means a reload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Want {
    pub patrol_date: NaiveDate,
    pub complaints: complaints::Query,
    pub notices: notices::Query,
    pub complaint: Option<String>,
    pub notice: Option<String>,
    /// The 统计 view is open on this period (kind, periods back from the current one): read
    /// it and the twelve weeks up to its end.
    pub stats: Option<(Kind, u32)>,
}

impl Data {
    /// Officers given by 工号, by name ("赵建国、钱志强"); an unknown 工号 stays as it is.
    pub fn officer_names(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| {
                self.officers
                    .iter()
                    .find(|o| &o.id == id)
                    .map_or(id.as_str(), |o| o.name.as_str())
            })
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// Duty log entries the desk reads (the 值班记录 view lists them).
pub const DUTY_SHOWN: usize = 200;

/// Weeks shown in the 统计 view.
pub const STATS_WEEKS: usize = 12;

/// The 统计 view: the chosen period's report and the twelve weeks up to its end (oldest
/// first).
#[derive(Debug, Clone)]
pub struct Stats {
    /// The period chosen (kind, periods back) these figures are for.
    pub key: (Kind, u32),
    pub weeks: Vec<Report>,
    pub period: Report,
    /// The period's name on screen: 2026年11月.
    pub name: String,
}

/// An area on the 巡查 view's date: when it was last patrolled and whether it is due.
#[derive(Debug, Clone)]
pub struct Coverage {
    pub area: Area,
    pub last: Option<NaiveDate>,
    pub status: AreaStatus,
    /// The teams rostered to it that day.
    pub teams: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ComplaintDetail {
    pub tracked: complaints::Tracked,
    pub history: Vec<AuditRow>,
    /// Why each deadline is what it is (`explain`).
    pub why: zhifa_desk::report::explain::Explained,
    /// Leads of the same area and matter received close to it (重复投诉).
    pub repeats: Vec<String>,
    /// Its 案卷自查 as of now; None for a voided lead.
    pub review: Option<zhifa_desk::domain::review::Review>,
}

#[derive(Debug, Clone)]
pub struct NoticeDetail {
    pub tracked: notices::Tracked,
    pub reinspections: Vec<zhifa_desk::store::reinspections::Logged>,
    pub history: Vec<AuditRow>,
    pub why: zhifa_desk::report::explain::Explained,
    /// Its 案卷自查 as of now; None for a voided notice.
    pub review: Option<zhifa_desk::domain::review::Review>,
}

/// The 检查 page: drawn subjects waiting for their inspection, the recent inspections, and
/// what the inspection form needs (the subject list, the 首违不罚 list, earlier violations).
#[derive(Debug, Clone, Default)]
pub struct Checks {
    pub due: Vec<inspections::Due>,
    pub recent: Vec<Inspection>,
    pub subjects: Vec<Subject>,
    pub lenient: Vec<LenientMatter>,
    pub violations: std::collections::HashMap<String, Vec<(String, NaiveDate)>>,
    /// The number a new subject would take.
    pub next_subject_id: String,
}

/// Draws this far back still list their subjects not inspected (late); this far ahead, the
/// coming ones.
pub const DUE_BACK_DAYS: i64 = 30;
pub const DUE_AHEAD_DAYS: i64 = 7;
/// Inspections of this many days back are listed.
pub const RECENT_DAYS: i64 = 60;

fn checks(conn: &Connection, today: NaiveDate) -> Result<Checks> {
    let days = chrono::Duration::days;
    Ok(Checks {
        due: inspections::due(
            conn,
            today - days(DUE_BACK_DAYS),
            today + days(DUE_AHEAD_DAYS),
        )?,
        recent: {
            let mut r = inspections::between(conn, today - days(RECENT_DAYS), today)?;
            r.reverse();
            r
        },
        subjects: subjects::all(conn)?,
        lenient: subjects::lenient(conn)?,
        violations: inspections::all_violations(conn)?,
        next_subject_id: subjects::next_id(conn)?,
    })
}

#[derive(Debug, Clone)]
pub struct Data {
    pub team_name: String,
    /// Ring when something turns 临期 or 超期 (a setting).
    pub bell: bool,
    /// How many times a lead's clock may be stopped (a setting).
    pub max_stops: u32,
    /// The 中队 for each 所属领域 (a setting), to suggest when dispatching.
    pub squads: std::collections::BTreeMap<String, String>,
    pub today: Today,
    pub officers: Vec<Officer>,
    pub areas: Vec<Area>,
    pub matters: Vec<Matter>,
    /// The roster of the 巡查 view's date, with its checks.
    pub day: Vec<TeamDay>,
    /// Leave periods that reach today or later.
    pub leaves: Vec<zhifa_desk::domain::Leave>,
    /// The patrols logged on the 巡查 view's date.
    pub patrols: Vec<zhifa_desk::domain::Patrol>,
    pub coverage: Vec<Coverage>,
    /// Each area's last patrol as of today (page 5), whatever day page 2 shows.
    pub last_patrols: std::collections::HashMap<String, NaiveDate>,
    pub complaints: Vec<complaints::Tracked>,
    pub notices: Vec<notices::Tracked>,
    pub complaint: Option<ComplaintDetail>,
    pub notice: Option<NoticeDetail>,
    pub last_handover: Option<DutyEntry>,
    /// The last handover note, until the next duty officer acknowledges it.
    pub unacknowledged: Option<DutyEntry>,
    /// Sign-ins, handovers and acknowledgements, newest first (the 值班记录 view).
    pub duty_log: Vec<DutyEntry>,
    pub next_complaint_id: String,
    pub next_notice_id: String,
    /// The case number (立案编号) a 立案 now would take.
    pub next_case_no: String,
    pub stats: Option<Stats>,
    pub checks: Checks,
    /// The working-day calendar, to ask before a deadline is set by hand on a day off.
    pub calendar: zhifa_desk::calendar::Calendar,
}

pub fn load(conn: &Connection, now: NaiveDateTime, want: &Want) -> Result<Data> {
    let (day, _) = roster_day(conn, want.patrol_date)?;
    let areas = people::areas(conn)?;
    // Page 5 wants the last patrols as of today; page 2 as of its date, mostly today too.
    let last_patrols = roster::last_patrols(conn, now.date())?;
    let last_then = if want.patrol_date == now.date() {
        last_patrols.clone()
    } else {
        roster::last_patrols(conn, want.patrol_date)?
    };
    let coverage = coverage(&areas, &day, want.patrol_date, &last_then);
    let complaint = match &want.complaint {
        Some(id) => match complaints::get(conn, id)? {
            Some(tracked) => Some(ComplaintDetail {
                history: audit::history(conn, "complaints", id)?,
                why: zhifa_desk::report::explain::explain(conn, id)?,
                repeats: zhifa_desk::store::callbacks::repeats(conn, &tracked.complaint)?,
                review: zhifa_desk::store::review::of(conn, id, now)?,
                tracked,
            }),
            None => None,
        },
        None => None,
    };
    let notice = match &want.notice {
        Some(id) => match notices::get(conn, id)? {
            Some(tracked) => Some(NoticeDetail {
                reinspections: zhifa_desk::store::reinspections::reinspections(conn, id)?,
                history: audit::history(conn, "notices", id)?,
                why: zhifa_desk::report::explain::explain(conn, id)?,
                review: zhifa_desk::store::review::of(conn, id, now)?,
                tracked,
            }),
            None => None,
        },
        None => None,
    };
    let duty_log = duty::recent(conn, DUTY_SHOWN)?;
    // The newest handover not yet acknowledged by a later 接班确认.
    let unacknowledged = duty_log
        .iter()
        .find(|e| matches!(e.kind, DutyKind::Handover | DutyKind::Acknowledge))
        .filter(|e| e.kind == DutyKind::Handover)
        .cloned();
    let last_handover = duty_log
        .iter()
        .find(|e| e.kind == DutyKind::Handover)
        .cloned();
    let year = chrono::Datelike::year(&now);
    let stats = if let Some(chosen) = want.stats {
        Some(stats(conn, now, chosen)?)
    } else {
        None
    };
    let settings = zhifa_desk::store::settings::load(conn)?;
    Ok(Data {
        team_name: settings.team_name().to_string(),
        bell: settings.bell,
        max_stops: settings.max_stops,
        squads: settings.squads.clone(),
        today: zhifa_desk::report::today(conn, now)?,
        officers: people::officers(conn)?,
        matters: people::matters(conn)?,
        day,
        leaves: zhifa_desk::store::leaves::from(conn, now.date())?,
        patrols: roster::patrols_between(conn, Some(want.patrol_date), Some(want.patrol_date))?,
        coverage,
        last_patrols,
        areas,
        complaints: complaints::list(conn, &want.complaints)?,
        notices: notices::list(conn, &want.notices)?,
        complaint,
        notice,
        last_handover,
        unacknowledged,
        duty_log,
        next_complaint_id: complaints::next_id(conn, year)?,
        next_notice_id: notices::next_id(conn, year)?,
        next_case_no: notices::next_case_no(conn, year)?,
        calendar: zhifa_desk::store::holidays::calendar(conn)?,
        checks: checks(conn, now.date())?,
        stats,
    })
}

pub fn stats(conn: &Connection, now: NaiveDateTime, (kind, back): (Kind, u32)) -> Result<Stats> {
    let period = kind.back_from(now.date(), back);
    let last_week = Period::week_of(period.to.min(now.date()));
    let weeks = (0..STATS_WEEKS as i64)
        .rev()
        .map(|back| {
            let p = Period::week_of(last_week.from - chrono::Duration::weeks(back));
            report(conn, &p, now)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Stats {
        key: (kind, back),
        weeks,
        name: period.name(),
        period: report(conn, &period, now)?,
    })
}

/// Every area on `date`, the ones needing a patrol first.
fn coverage(
    areas: &[Area],
    day: &[TeamDay],
    date: NaiveDate,
    last: &std::collections::HashMap<String, NaiveDate>,
) -> Vec<Coverage> {
    let mut out: Vec<Coverage> = areas
        .iter()
        .map(|a| {
            let teams: Vec<String> = day
                .iter()
                .filter(|t| t.areas.contains(&a.id))
                .map(|t| t.team.clone())
                .collect();
            let last = last.get(&a.id).copied();
            Coverage {
                status: area_checks(a, last, !teams.is_empty(), date),
                area: a.clone(),
                last,
                teams,
            }
        })
        .collect();
    out.sort_by_key(|c| (c.status.checks.is_empty(), !c.status.due));
    out
}
