//! Cases received in an earlier month and worked on in this one (跨月), with the steps taken:
//! what a month's handoff adds below the month's own records.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::{complaints, notices};
use crate::domain::activity::{self, Step};
use crate::error::Result;

/// Complaints received before `from` with a step in `from..=to`, oldest first.
pub fn complaints(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(complaints::Tracked, Vec<Step>)>> {
    // Only one still open at `from`, or closed since, can have a step in the month.
    let sql = format!(
        "SELECT {} FROM complaints
         WHERE received_at < ?1 AND (closed_at IS NULL OR closed_at >= ?1)
         ORDER BY received_at, id",
        complaints::COLS
    );
    let start = from.and_hms_opt(0, 0, 0).expect("midnight");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut out = Vec::new();
    for t in stmt.query_map(params![start], complaints::row)? {
        let t = t?;
        let steps = activity::complaint(&t.complaint);
        if steps.iter().any(|s| (from..=to).contains(&s.on)) {
            out.push((t, steps));
        }
    }
    Ok(out)
}

/// Notices issued before `from` served or re-inspected in `from..=to`, oldest first.
pub fn notices(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(notices::Tracked, Vec<Step>)>> {
    let sql = format!(
        "SELECT {} FROM notices
         WHERE issued_on < ?1 AND (served_on BETWEEN ?1 AND ?2
               OR reinspected_on BETWEEN ?1 AND ?2 OR id IN
               (SELECT notice_id FROM reinspections WHERE date BETWEEN ?1 AND ?2))
         ORDER BY issued_on, id",
        notices::COLS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut out = Vec::new();
    for t in stmt.query_map(params![from, to], notices::row)? {
        let t = t?;
        let logged: Vec<(NaiveDate, String)> =
            super::reinspections::reinspections(conn, &t.notice.id)?
                .into_iter()
                .map(|l| (l.date, l.outcome))
                .collect();
        let steps = activity::notice(&t.notice, &logged);
        out.push((t, steps));
    }
    Ok(out)
}
