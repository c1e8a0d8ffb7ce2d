//! The export rows of the two case ledgers: a record's cells, then what the program derives
//! (deadlines, lateness, stops, appeal, certificates), as the ledger files and the handoff hold them.

use super::ledgers::complaint_cells;
use crate::calendar::end_of_day;
use crate::exchange::kind::{Env, Kind, yes_no};
use crate::store::{complaints, notices};
use crate::written::fmt_datetime;

/// A complaint's export row: its cells (personal data masked unless `include_personal`),
/// then its deadlines, lateness, stops and appeal.
pub fn complaint_row(env: &Env, t: complaints::Tracked, include_personal: bool) -> Vec<String> {
    let overdue = t.complaint.overdue(&t.due, env.now);
    let stops = crate::domain::pause::stops_summary(&t.complaint.work.stops);
    let appeal = t.complaint.work.appeal.as_ref().map(|a| a.summary());
    let (reporter, phone) = t.complaint.reporter_shown(include_personal);
    let mut row = complaint_cells(t.complaint);
    row[3] = reporter;
    row[4] = phone;
    row.extend([
        fmt_datetime(t.due.verify_due),
        fmt_datetime(t.due.feedback_due),
        yes_no(overdue),
        crate::calendar::provisional_note(&t.due.missing_years),
        stops,
        appeal.unwrap_or_default(),
    ]);
    row
}

/// A notice's export row: its cells, then certificates, re-inspection due and lateness.
pub fn notice_row(env: &Env, t: notices::Tracked) -> Vec<String> {
    let overdue = t.notice.overdue(end_of_day(t.reinspect_due.date), env.now);
    let mut row = t.notice.cells();
    row.extend([
        t.notice.issuing.certs.join("、"),
        t.reinspect_due.date.to_string(),
        yes_no(overdue),
        crate::calendar::provisional_note(&t.reinspect_due.missing_years),
    ]);
    row
}
