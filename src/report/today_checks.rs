//! The day's inspections and publications for `today` and the desk: drawn subjects whose day
//! has come and who are not inspected yet, plan items short, campaigns running, and decisions
//! not yet published (公示).

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use super::today::{Member, members};
use crate::calendar::Calendar;
use crate::domain::publicity::PubItem;
use crate::error::Result;
use crate::store::{inspections, people, publicity, subjects};

/// Draws this many days back still list the subjects they left uninspected.
pub const LATE_DAYS: i64 = 30;

#[derive(Debug, Clone, Serialize)]
pub struct CheckDue {
    pub draw: String,
    pub date: String,
    pub subject: String,
    /// The subject's name (a person's masked).
    pub name: String,
    pub officers: Vec<Member>,
    /// Its day has passed.
    pub late: bool,
}

/// Drawn subjects due by the end of this week (Sunday) and not inspected, the late first.
pub fn checks_due(conn: &Connection, today: NaiveDate) -> Result<Vec<CheckDue>> {
    let sunday =
        today + chrono::Duration::days(6 - i64::from(today.weekday().num_days_from_monday()));
    let due = inspections::due(conn, today - chrono::Duration::days(LATE_DAYS), sunday)?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let staff = people::officers_by_id(conn)?;
    let listed = subjects::all(conn)?;
    Ok(due
        .into_iter()
        .map(|d| CheckDue {
            name: listed
                .iter()
                .find(|s| s.id == d.subject)
                .map_or_else(String::new, |s| s.shown(false).0),
            officers: members(&staff, &d.officers),
            late: d.date < today,
            date: d.date.to_string(),
            draw: d.draw,
            subject: d.subject,
        })
        .collect())
}

/// Decisions not yet published, the earliest due first.
pub fn to_publish(
    conn: &Connection,
    cal: &Calendar,
    workdays: u32,
    today: NaiveDate,
) -> Result<Vec<PubItem>> {
    let since = today - chrono::Duration::days(publicity::WINDOW_DAYS);
    Ok(publicity::items(conn, cal, workdays, (since, today))?
        .into_iter()
        .filter(|p| p.published_on.is_none())
        .collect())
}

/// A campaign running today, with the inspections made under it.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignNow {
    pub campaign: crate::domain::plan::Campaign,
    pub done: u32,
}

/// The plan items still short this month (behind, or this month's not all done yet).
pub fn plan_open(
    conn: &Connection,
    today: NaiveDate,
) -> Result<Vec<crate::domain::plan::Progress>> {
    let mut open: Vec<_> = crate::store::plan::progress_on(conn, today)?
        .into_iter()
        .filter(|p| p.done < p.due_now)
        .collect();
    open.sort_by_key(|p| !p.behind);
    Ok(open)
}

/// The campaigns running on `today`.
pub fn campaigns_now(conn: &Connection, today: NaiveDate) -> Result<Vec<CampaignNow>> {
    crate::store::plan::campaigns(conn)?
        .into_iter()
        .filter(|k| k.runs_on(today))
        .map(|k| {
            Ok(CampaignNow {
                done: crate::store::plan::campaign_done(conn, &k.name)?,
                campaign: k,
            })
        })
        .collect()
}

/// A closed lead whose call-back (回访) is due.
#[derive(Debug, Clone, Serialize)]
pub struct CallbackDue {
    pub id: String,
    pub due: String,
    pub late: bool,
    pub description: String,
}

/// Leads closed in the last 90 days not yet called back, the earliest due first.
pub fn callbacks_due(
    conn: &Connection,
    cal: &Calendar,
    workdays: u32,
    today: NaiveDate,
) -> Result<Vec<CallbackDue>> {
    let since = today - chrono::Duration::days(90);
    Ok(crate::store::callbacks::due(conn, cal, workdays, since)?
        .into_iter()
        .map(|d| CallbackDue {
            id: d.id,
            due: crate::written::fmt_date(d.due.date),
            late: d.due.date < today,
            description: d.description,
        })
        .collect())
}
