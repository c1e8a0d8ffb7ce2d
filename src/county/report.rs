//! The county report: each township's figures over a month, quarter or year, ranked; the last
//! three marked; those in the last three two months running marked 约谈 with both months; a
//! heat map of on-time rates by township and month.

use rusqlite::Connection;
use serde::Serialize;

use super::County;
use crate::error::{Error, Result};

/// Fewer townships than this are not split into a last three (everyone would be in it).
const MIN_RANKED: usize = 4;
const BOTTOM: usize = 3;

/// What a period is: its name and its months (YYYY-MM), oldest first.
#[derive(Debug, Clone, Serialize)]
pub struct Span {
    pub label: String,
    pub months: Vec<String>,
}

impl Span {
    /// The month `m` (2026-11).
    pub fn month(m: &str) -> Result<Span> {
        let (y, mo) = parse_month(m)?;
        Ok(Span {
            label: format!("{y}年{mo}月"),
            months: vec![format!("{y}-{mo:02}")],
        })
    }

    /// The quarter holding month `m`.
    pub fn quarter(m: &str) -> Result<Span> {
        let (y, mo) = parse_month(m)?;
        let q = (mo - 1) / 3;
        Ok(Span {
            label: format!("{y}年第{}季度", q + 1),
            months: (1..=3).map(|i| format!("{y}-{:02}", q * 3 + i)).collect(),
        })
    }

    /// The year holding month `m`.
    pub fn year(m: &str) -> Result<Span> {
        let (y, _) = parse_month(m)?;
        Ok(Span {
            label: format!("{y}年"),
            months: (1..=12).map(|i| format!("{y}-{i:02}")).collect(),
        })
    }
}

fn parse_month(m: &str) -> Result<(i32, u32)> {
    let bad = || Error::invalid(format!("月份“{m}”无效，应为 2026-11 这样的年月"));
    let (y, mo) = m.trim().split_once('-').ok_or_else(bad)?;
    let (y, mo): (i32, u32) = (
        y.parse().map_err(|_| bad())?,
        mo.parse().map_err(|_| bad())?,
    );
    if !(1..=12).contains(&mo) {
        return Err(bad());
    }
    Ok((y, mo))
}

/// The latest month any bundle in the county database covers.
pub fn latest_month(county: &County) -> Result<Option<String>> {
    Ok(county
        .conn()
        .query_row("SELECT max(month) FROM figures", [], |r| r.get(0))?)
}

/// The month before `m` (2026-01 → 2025-12).
pub fn previous(m: &str) -> Option<String> {
    let (y, mo) = parse_month(m).ok()?;
    Some(if mo == 1 {
        format!("{}-12", y - 1)
    } else {
        format!("{y}-{:02}", mo - 1)
    })
}

/// One township over the period.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub code: String,
    pub name: String,
    pub received: i64,
    pub measured: i64,
    pub on_time: i64,
    pub on_time_rate: Option<f64>,
    /// Late leads whose appeal was approved, and the rate without them (剔除申诉后). The
    /// ranking goes by 按时办理率: an appeal approved by the township itself does not lift it.
    pub appealed: i64,
    pub on_time_rate_appealed: Option<f64>,
    pub issued: i64,
    pub closed: i64,
    pub closure_rate: Option<f64>,
    pub required: i64,
    pub covered: i64,
    pub coverage_rate: Option<f64>,
    /// Certificates expired or expiring within 60 days, as the last month's bulletin lists.
    pub certs_expiring: i64,
    /// 回访 that reached the reporter, and of them 满意 or 基本满意; None for bundles from
    /// before call-backs were counted. 群众满意度 is shown beside the ranking, not in it.
    pub answered: Option<i64>,
    pub satisfied: Option<i64>,
    pub satisfaction: Option<f64>,
    pub reopened: Option<i64>,
    /// Finished files self-reviewed (案卷自查) and those passing: 案卷评查合格率.
    pub reviewed: Option<i64>,
    pub passed: Option<i64>,
    pub pass_rate: Option<f64>,
    /// The mean of the rates that could be measured; None when none could.
    pub score: Option<f64>,
    pub rank: usize,
    /// In the last three.
    pub bottom: bool,
}

/// A township in the last three two months running: its leader is to be summoned (约谈).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Summons {
    pub code: String,
    pub name: String,
    pub months: [String; 2],
}

#[derive(Debug, Clone, Serialize)]
pub struct HeatRow {
    pub code: String,
    pub name: String,
    /// The on-time rate of each month of `Report::heat_months`; None without data.
    pub rates: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub period: Span,
    pub target: f64,
    pub ranked: Vec<Row>,
    /// Townships known to the county with no bundle in the period (未报送).
    pub missing: Vec<(String, String)>,
    pub summons: Vec<Summons>,
    pub heat_months: Vec<String>,
    pub heat: Vec<HeatRow>,
    pub broken: Vec<String>,
}

fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The townships' figures summed over `months`, ranked best first.
pub fn ranked(conn: &Connection, months: &[String]) -> Result<Vec<Row>> {
    let placeholders: Vec<String> = (1..=months.len()).map(|i| format!("?{i}")).collect();
    let last = months.last().cloned().unwrap_or_default();
    let sql = format!(
        "SELECT f.code, t.name, sum(received), sum(measured), sum(on_time), sum(issued),
                sum(closed), sum(required), sum(covered), sum(appealed),
                (SELECT certs FROM figures g WHERE g.code = f.code AND g.month <= ?{n}
                 ORDER BY g.month DESC LIMIT 1),
                sum(answered), sum(satisfied), sum(reopened), sum(reviewed), sum(passed)
         FROM figures f JOIN townships t ON t.code = f.code
         WHERE f.month IN ({}) GROUP BY f.code ORDER BY f.code",
        placeholders.join(", "),
        n = months.len() + 1
    );
    let mut params: Vec<String> = months.to_vec();
    params.push(last);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows: Vec<Row> = stmt
        .query_map(rusqlite::params_from_iter(params), |r| {
            let (measured, on_time): (i64, i64) = (r.get(3)?, r.get(4)?);
            let (issued, closed): (i64, i64) = (r.get(5)?, r.get(6)?);
            let (required, covered): (i64, i64) = (r.get(7)?, r.get(8)?);
            let appealed: i64 = r.get(9)?;
            let rates = [
                rate(on_time, measured),
                rate(closed, issued),
                rate(covered, required),
            ];
            let known: Vec<f64> = rates.iter().flatten().copied().collect();
            let opt = |i: usize| r.get::<_, Option<i64>>(i);
            let (answered, satisfied) = (opt(11)?, opt(12)?);
            let (reviewed, passed) = (opt(14)?, opt(15)?);
            let of = |part: Option<i64>, whole: Option<i64>| rate(part?, whole?);
            Ok(Row {
                code: r.get(0)?,
                name: r.get(1)?,
                received: r.get(2)?,
                measured,
                on_time,
                on_time_rate: rates[0],
                appealed,
                on_time_rate_appealed: rate(on_time, measured - appealed),
                issued,
                closed,
                closure_rate: rates[1],
                required,
                covered,
                coverage_rate: rates[2],
                certs_expiring: r.get::<_, Option<i64>>(10)?.unwrap_or(0),
                answered,
                satisfied,
                satisfaction: of(satisfied, answered),
                reopened: opt(13)?,
                reviewed,
                passed,
                pass_rate: of(passed, reviewed),
                score: (!known.is_empty()).then(|| known.iter().sum::<f64>() / known.len() as f64),
                rank: 0,
                bottom: false,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Best score first; no score last; ties by on-time rate, then by code.
    let key = |x: Option<f64>| x.unwrap_or(-1.0);
    rows.sort_by(|a, b| {
        key(b.score)
            .total_cmp(&key(a.score))
            .then(key(b.on_time_rate).total_cmp(&key(a.on_time_rate)))
            .then(a.code.cmp(&b.code))
    });
    let n = rows.len();
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
        r.bottom = n >= MIN_RANKED && i + BOTTOM >= n;
    }
    Ok(rows)
}

/// The codes in the last three of month `m`.
fn bottom_of(conn: &Connection, m: &str) -> Result<Vec<String>> {
    Ok(ranked(conn, &[m.to_string()])?
        .into_iter()
        .filter(|r| r.bottom)
        .map(|r| r.code)
        .collect())
}

/// The county report of `period`, with a heat map over its months (a month's report shows
/// the twelve months up to it).
pub fn report(county: &County, period: Span) -> Result<Report> {
    let conn = county.conn();
    let ranked_rows = ranked(conn, &period.months)?;
    let target: f64 = conn
        .query_row(
            "SELECT target FROM figures ORDER BY month DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap_or(0.9);
    let all: Vec<(String, String)> = conn
        .prepare("SELECT code, name FROM townships ORDER BY code")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let missing = all
        .iter()
        .filter(|(c, _)| !ranked_rows.iter().any(|r| &r.code == c))
        .cloned()
        .collect();
    let mut summons = Vec::new();
    // The period's months follow one another: each month's last three are the next one's
    // "month before", ranked once.
    let first_before = period.months.first().and_then(|m| previous(m));
    let mut then = match &first_before {
        Some(b) => bottom_of(conn, b)?,
        None => Vec::new(),
    };
    for m in &period.months {
        let Some(before) = previous(m) else { continue };
        let now = bottom_of(conn, m)?;
        let pairs: Vec<&String> = now.iter().filter(|c| then.contains(c)).collect();
        for code in pairs {
            let name = all
                .iter()
                .find(|(c, _)| c == code)
                .map_or_else(String::new, |(_, n)| n.clone());
            summons.push(Summons {
                code: code.clone(),
                name,
                months: [before.clone(), m.clone()],
            });
        }
        then = now;
    }
    let heat_months = if period.months.len() == 1 {
        let mut ms = vec![period.months[0].clone()];
        while ms.len() < 12 {
            let p = previous(&ms[0]).expect("a month");
            ms.insert(0, p);
        }
        ms
    } else {
        period.months.clone()
    };
    let heat = heat(conn, &all, &heat_months)?;
    Ok(Report {
        period,
        target,
        ranked: ranked_rows,
        missing,
        summons,
        heat_months,
        heat,
        broken: super::import::broken_histories(county)?,
    })
}

fn heat(conn: &Connection, all: &[(String, String)], months: &[String]) -> Result<Vec<HeatRow>> {
    let mut stmt = conn
        .prepare_cached("SELECT measured, on_time FROM figures WHERE code = ?1 AND month = ?2")?;
    all.iter()
        .map(|(code, name)| {
            let rates = months
                .iter()
                .map(|m| {
                    let got: Option<(i64, i64)> = stmt
                        .query_row([code, m], |r| Ok((r.get(0)?, r.get(1)?)))
                        .ok();
                    Ok(got.and_then(|(w, p)| rate(p, w)))
                })
                .collect::<Result<_>>()?;
            Ok(HeatRow {
                code: code.clone(),
                name: name.clone(),
                rates,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_name_their_months() {
        assert_eq!(
            Span::quarter("2026-11").unwrap().months,
            ["2026-10", "2026-11", "2026-12"]
        );
        assert_eq!(Span::year("2026-03").unwrap().months.len(), 12);
        assert_eq!(previous("2026-01").unwrap(), "2025-12");
        assert!(Span::month("2026-13").is_err());
    }
}
