//! A period's inspections for the week, month and year reports: how many and with what
//! finding (首违不罚 counted apart), the draws and how many of their subjects were inspected,
//! the plan's coverage (every matter planned? each item on schedule?) and 公示 on time.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

use super::period::Period;
use crate::domain::Finding;
use crate::domain::plan::Progress;
use crate::error::Result;
use crate::store::{inspections, plan, publicity, settings};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub inspections: usize,
    /// By finding, in the order 合格, 责令整改, 首违不罚, 移送.
    pub by_finding: Vec<(String, usize)>,
    pub draws: usize,
    pub drawn: usize,
    /// Drawn subjects of the period's draws inspected so far.
    pub drawn_inspected: usize,
    /// The plan items of the period's year, as of the period's end.
    pub plan: Vec<Progress>,
    /// Matters on the list no item of that year's plan covers.
    pub unplanned: Vec<String>,
    pub matters: usize,
    /// Decisions of the period to publish: published by their deadline, late, not yet.
    pub published_on_time: usize,
    pub published_late: usize,
    pub unpublished: usize,
}

pub fn figures(conn: &Connection, p: &Period, now: NaiveDateTime) -> Result<Figures> {
    let done = inspections::between(conn, p.from, p.to)?;
    let by_finding = Finding::ALL
        .iter()
        .map(|f| {
            let n = done.iter().filter(|i| i.finding == *f).count();
            (f.label().to_string(), n)
        })
        .collect();
    let (draws, drawn, drawn_inspected) = drawn(conn, p)?;
    let end = p.to.min(now.date());
    let matters: usize = conn.query_row(
        "SELECT count(*) FROM matters WHERE void_reason = ''",
        [],
        |r| r.get::<_, i64>(0),
    )? as usize;
    let cal = crate::store::holidays::calendar(conn)?;
    let workdays = settings::load(conn)?.publish_workdays;
    let items = publicity::items(conn, &cal, workdays, (p.from, end))?;
    let on_time = items
        .iter()
        .filter(|i| i.published_on.is_some_and(|d| d <= i.due))
        .count();
    let unpublished = items.iter().filter(|i| i.published_on.is_none()).count();
    Ok(Figures {
        inspections: done.len(),
        by_finding,
        draws,
        drawn,
        drawn_inspected,
        plan: plan::progress_on(conn, end)?,
        unplanned: plan::unplanned(conn, end.year())?,
        matters,
        published_on_time: on_time,
        published_late: items.len() - on_time - unpublished,
        unpublished,
    })
}

/// The period's live draws: how many, how many subjects they drew, how many inspected.
fn drawn(conn: &Connection, p: &Period) -> Result<(usize, usize, usize)> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM draws WHERE date >= ?1 AND date <= ?2 AND void_reason = ''",
    )?;
    let ids: Vec<String> = stmt
        .query_map([p.from, p.to], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let (mut drawn, mut done) = (0, 0);
    for id in &ids {
        let d = crate::store::draws::live(conn, id)?;
        drawn += d.picks.len();
        done += inspections::of_draw(conn, id)?.len();
    }
    Ok((ids.len(), drawn, done))
}

/// The lines the printed report adds for inspections.
pub fn lines(f: &Figures, as_of: NaiveDate) -> Vec<String> {
    let mut out = vec![format!(
        "现场检查 {} 次：{}",
        f.inspections,
        f.by_finding
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join("，")
    )];
    if f.draws > 0 {
        out.push(format!(
            "双随机抽查 {} 次，抽中 {} 户，已检查 {} 户",
            f.draws, f.drawn, f.drawn_inspected
        ));
    }
    let planned = f.matters - f.unplanned.len().min(f.matters);
    out.push(format!(
        "检查计划（截至 {as_of}）：执法事项 {} 项，已列入计划 {planned} 项；计划 {} 项，落后 {} 项",
        f.matters,
        f.plan.len(),
        f.plan.iter().filter(|p| p.behind).count()
    ));
    for p in &f.plan {
        out.push(format!(
            "  {} 事项 {} {}：已查 {} 次，截至本月应查 {} 次{}",
            p.item.id,
            p.item.matter,
            p.item.method,
            p.done,
            p.due_now,
            if p.behind { "（落后）" } else { "" }
        ));
    }
    out.push(format!(
        "公示：按时 {}，逾期公示 {}，尚未公示 {}",
        f.published_on_time, f.published_late, f.unpublished
    ));
    out
}
