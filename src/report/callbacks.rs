//! A period's call-backs (回访) for the reports: answers by kind, the satisfaction rate held
//! against the 90% the plans set (001 一), the leads found not fixed and taken up again.

use rusqlite::Connection;
use serde::Serialize;

use super::period::Period;
use crate::domain::callback::Answer;
use crate::error::Result;

/// 群众满意度 of at least 90% (001 一).
pub const SATISFACTION_TARGET: f64 = 0.9;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Call-backs that reached the reporter in the period, by answer.
    pub satisfied: usize,
    pub fair: usize,
    pub unsatisfied: usize,
    /// Calls that reached nobody.
    pub unreached: usize,
    /// Reporters who said the problem is not actually fixed.
    pub not_fixed: usize,
    /// (满意 + 基本满意) / answered; None when nobody was reached.
    pub rate: Option<f64>,
    /// Leads received in the period as 重新办理 of one found not fixed.
    pub reopened: usize,
}

pub fn figures(conn: &Connection, p: &Period) -> Result<Figures> {
    let mut f = Figures::default();
    let mut stmt = conn.prepare_cached(
        "SELECT json_extract(j.value, '$.answer'), json_extract(j.value, '$.fixed')
         FROM complaints c, json_each(c.callbacks) j
         WHERE c.callbacks != '[]' AND substr(json_extract(j.value, '$.at'), 1, 10)
               BETWEEN ?1 AND ?2",
    )?;
    let rows = stmt.query_map([p.from.to_string(), p.to.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<bool>>(1)?))
    })?;
    for row in rows {
        let (answer, fixed) = row?;
        match Answer::parse(&answer) {
            Some(Answer::Satisfied) => f.satisfied += 1,
            Some(Answer::Fair) => f.fair += 1,
            Some(Answer::Unsatisfied) => f.unsatisfied += 1,
            Some(Answer::Unreached) | None => f.unreached += 1,
        }
        if fixed == Some(false) {
            f.not_fixed += 1;
        }
    }
    let answered = f.satisfied + f.fair + f.unsatisfied;
    f.rate = (answered > 0).then(|| (f.satisfied + f.fair) as f64 / answered as f64);
    f.reopened = conn.query_row(
        "SELECT count(*) FROM complaints WHERE follow_of != ''
           AND substr(received_at, 1, 10) BETWEEN ?1 AND ?2",
        [p.from.to_string(), p.to.to_string()],
        |r| r.get::<_, i64>(0),
    )? as usize;
    Ok(f)
}
