//! A period's 案卷自查 for the reports: the finished files of the period (notices issued,
//! leads received), how many pass the checklist, the 合格率 against the 95% the plans set
//! (001 一) and the commonest faults.

use chrono::NaiveDateTime;
use rusqlite::Connection;
use serde::Serialize;

use super::figures::Count;
use super::period::Period;
use crate::domain::review::Review;
use crate::error::Result;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Finished files of the period reviewed.
    pub files: usize,
    pub passed: usize,
    /// passed / files; None when no file is finished yet.
    pub rate: Option<f64>,
    /// Each checklist point by how many finished files fail it, the commonest first.
    pub faults: Vec<Count>,
}

/// The figures of `reviews`, finished files only (one still being handled is not yet a file).
pub fn tally(reviews: &[Review]) -> Figures {
    let done: Vec<&Review> = reviews.iter().filter(|r| r.finished).collect();
    let passed = done.iter().filter(|r| r.passed).count();
    let mut faults: Vec<Count> = Vec::new();
    for f in done.iter().flat_map(|r| &r.faults) {
        match faults.iter_mut().find(|c| c.name == f.point) {
            Some(c) => c.count += 1,
            None => faults.push(Count {
                name: f.point.clone(),
                count: 1,
            }),
        }
    }
    faults.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    Figures {
        files: done.len(),
        passed,
        rate: (!done.is_empty()).then(|| passed as f64 / done.len() as f64),
        faults,
    }
}

pub fn figures(conn: &Connection, p: &Period, now: NaiveDateTime) -> Result<Figures> {
    let reviews = crate::store::review::between(conn, (p.from, p.to), now)?;
    Ok(tally(&reviews))
}
