//! On-site inspections as the store keeps them: recorded with their checks (two certified
//! officers, the drawn pair for a 双随机 subject, a 首违不罚 only for a first violation of a
//! listed matter), and a 责令整改 finding opening its notice in the same act.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::codec::{self, datetime, label, list, list_json, opt_text};
use super::desk::{not_later, refuse_problems};
use super::{Actor, Ctx, Record, Store, desk_notices, draws, people, record, subjects};
use crate::domain::inspection::first_violation;
use crate::domain::notice::Issuing;
use crate::domain::{Finding, Inspection, LenientMatter, Notice, NoticeState, Source};
use crate::error::{Error, Result};

const COLS: &str = "id, at, subject, matter, officers, source, draw, campaign, checked,
                    conclusion, problem, guidance, refer_to, notice";

fn row(r: &Row) -> rusqlite::Result<Inspection> {
    Ok(Inspection {
        id: r.get(0)?,
        at: datetime(r, 1)?,
        subject: r.get(2)?,
        matter: opt_text(r, 3)?,
        officers: list(r, 4)?,
        source: label(r, 5, Source::parse)?,
        draw: r.get(6)?,
        campaign: r.get(7)?,
        checked: r.get(8)?,
        finding: label(r, 9, Finding::parse)?,
        problem: r.get(10)?,
        guidance: r.get(11)?,
        refer_to: r.get(12)?,
        notice: r.get(13)?,
    })
}

impl Record for Inspection {
    const KIND: &'static str = "inspections";
    const NOUN: &'static str = "现场检查";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let sql = format!("SELECT {COLS} FROM inspections WHERE id = ?1");
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([key], row)
            .optional()?)
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO inspections (id, at, subject, matter, officers, source, draw, campaign,
               checked, conclusion, problem, guidance, refer_to, notice)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT(id) DO UPDATE SET at = excluded.at, subject = excluded.subject,
               matter = excluded.matter, officers = excluded.officers, source = excluded.source,
               draw = excluded.draw, campaign = excluded.campaign, checked = excluded.checked,
               conclusion = excluded.conclusion, problem = excluded.problem,
               guidance = excluded.guidance, refer_to = excluded.refer_to,
               notice = excluded.notice",
        )?
        .execute(params![
            self.id,
            self.at,
            self.subject,
            self.matter,
            list_json(&self.officers),
            self.source.label(),
            self.draw,
            self.campaign,
            self.checked,
            self.finding.label(),
            self.problem,
            self.guidance,
            self.refer_to,
            self.notice
        ])?;
        Ok(())
    }
}

/// What a 责令整改 finding's notice needs beyond the inspection: its deadline and what the
/// party is to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub deadline: NaiveDate,
    pub requirement: String,
}

/// Records inspection `i` under the next number of its year; a 责令整改 finding issues its
/// notice (prefilled from the subject and the finding) in the same transaction.
pub fn record(
    store: &mut Store,
    actor: &Actor,
    mut i: Inspection,
    order: Option<Order>,
) -> Result<Inspection> {
    not_later(actor, "检查时间", i.at)?;
    store.write_with_rules(actor, |tx, ctx| {
        refuse_problems(i.problems())?;
        let subject = subjects::get(tx, &i.subject)?
            .ok_or_else(|| Error::invalid(people::missing("检查对象", &i.subject)))?;
        if let Some(m) = &i.matter
            && !people::exists(tx, "matters", m)?
        {
            return Err(Error::invalid(people::missing("执法事项", m)));
        }
        let date = i.at.date();
        people::certified(tx, &i.officers, date)?
            .map_err(|why| Error::invalid(format!("现场检查{why}")))?;
        if i.source == Source::Random {
            drawn_pair(tx, &i)?;
        }
        if i.finding == Finding::Lenient {
            let matter = i.matter.as_deref().unwrap_or_default();
            lenient_for(tx, &i.subject, matter, date)?.map_err(Error::Invalid)?;
        }
        i.id = codec::next_serial(tx, "inspections", &format!("JC{}-", date.year()), "", 4)?;
        match (i.finding, order) {
            (Finding::Rectify, Some(o)) => {
                let n = Notice {
                    id: String::new(),
                    party: subject.name.clone(),
                    address: subject.address.clone(),
                    area: subject.area.clone(),
                    matter: i.matter.clone(),
                    problem: i.problem.trim().to_string(),
                    legal_basis: String::new(),
                    issued_on: date,
                    deadline: o.deadline,
                    state: NoticeState::Pending,
                    reinspected_on: None,
                    reinspect_result: String::new(),
                    complaint: None,
                    extension_reason: String::new(),
                    void_reason: String::new(),
                    late: false,
                    issuing: Issuing {
                        officers: i.officers.clone(),
                        requirement: o.requirement.trim().to_string(),
                        ..Issuing::default()
                    },
                };
                i.notice = desk_notices::issue_in(tx, ctx, n)?;
            }
            (Finding::Rectify, None) => {
                return Err(Error::invalid("责令整改须写明整改期限，据此下达整改通知"));
            }
            _ => {}
        }
        record::upsert(tx, ctx, &i)?;
        Ok(i)
    })
}

/// A 双随机 inspection is of a subject its draw picked, by the two officers drawn for it,
/// once.
fn drawn_pair(tx: &Transaction, i: &Inspection) -> Result<()> {
    let d = draws::live(tx, &i.draw)?;
    let Some(pick) = d.picks.iter().find(|p| p.subject == i.subject) else {
        return Err(Error::invalid(format!(
            "检查对象 {} 不在抽查 {} 抽中的对象中",
            i.subject, d.id
        )));
    };
    let (mut want, mut got) = (pick.officers.to_vec(), i.officers.clone());
    want.sort();
    got.sort();
    if want != got {
        return Err(Error::invalid(format!(
            "抽查 {} 为 {} 抽取的执法人员是 {}；人员有变须重新抽取，不能换人检查",
            d.id,
            i.subject,
            pick.officers.join("、")
        )));
    }
    let before: Option<String> = tx
        .prepare_cached(
            "SELECT id FROM inspections WHERE draw = ?1 AND subject = ?2 AND void_reason = ''",
        )?
        .query_row([&i.draw, &i.subject], |r| r.get(0))
        .optional()?;
    match before {
        Some(id) => Err(Error::invalid(format!(
            "抽查 {} 对 {} 的检查已记录为 {id}",
            d.id, i.subject
        ))),
        None => Ok(()),
    }
}

/// Whether a violation of `matter` by `subject` on `on` may be a 首违不罚: the list line that
/// allows it, or why not.
pub fn lenient_for(
    conn: &Connection,
    subject: &str,
    matter: &str,
    on: NaiveDate,
) -> Result<std::result::Result<LenientMatter, String>> {
    let list = subjects::lenient(conn)?;
    let earlier = violations(conn, subject)?;
    Ok(first_violation(&list, matter, on, &earlier).cloned())
}

/// The subject's recorded violations: (matter, date) of each live inspection that found one.
fn violations(conn: &Connection, subject: &str) -> Result<Vec<(String, NaiveDate)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT matter, substr(at, 1, 10) FROM inspections
         WHERE subject = ?1 AND conclusion != '合格' AND matter IS NOT NULL
           AND void_reason = ''",
    )?;
    let rows = stmt.query_map([subject], |r| Ok((r.get(0)?, codec::date(r, 1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The officers of the subject's last live inspection before `date` (回避 in a draw).
pub fn last_officers(conn: &Connection, subject: &str, date: NaiveDate) -> Result<Vec<String>> {
    let found = conn
        .prepare_cached(
            "SELECT officers FROM inspections WHERE subject = ?1 AND at < ?2
               AND void_reason = '' ORDER BY at DESC LIMIT 1",
        )?
        .query_row(params![subject, date.to_string()], |r| list(r, 0))
        .optional()?;
    Ok(found.unwrap_or_default())
}

/// Every live inspection of draw `id`, by subject.
pub fn of_draw(conn: &Connection, id: &str) -> Result<Vec<Inspection>> {
    let sql = format!(
        "SELECT {COLS} FROM inspections WHERE draw = ?1 AND void_reason = '' ORDER BY subject"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Live inspections between two dates (inclusive), by time.
pub fn between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Inspection>> {
    let sql = format!(
        "SELECT {COLS} FROM inspections WHERE at >= ?1 AND at < ?2 AND void_reason = ''
         ORDER BY at, id"
    );
    let end = to.succ_opt().unwrap_or(to).to_string();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![from.to_string(), end], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A drawn subject not yet inspected: due on its draw's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub draw: String,
    pub title: String,
    pub date: NaiveDate,
    pub subject: String,
    pub officers: [String; 2],
    /// The matter the draw's list was chosen by, if it was.
    pub matter: Option<String>,
}

/// The drawn subjects of live draws dated `from` to `to` with no live inspection yet, the
/// earliest first: what the desk and `today` list as 待检查.
pub fn due(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Due>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM draws WHERE date >= ?1 AND date <= ?2 AND void_reason = ''
         ORDER BY date, id",
    )?;
    let ids: Vec<String> = stmt
        .query_map(params![from, to], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let d = draws::live(conn, &id)?;
        let done: Vec<String> = of_draw(conn, &id)?.into_iter().map(|i| i.subject).collect();
        for p in d.picks.iter().filter(|p| !done.contains(&p.subject)) {
            out.push(Due {
                draw: d.id.clone(),
                title: d.title.clone(),
                date: d.date,
                subject: p.subject.clone(),
                officers: p.officers.clone(),
                matter: d.filter.matter.clone(),
            });
        }
    }
    Ok(out)
}

/// Every subject's recorded violations (matter, date), for the desk to propose 首违不罚.
pub fn all_violations(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, Vec<(String, NaiveDate)>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT subject, matter, substr(at, 1, 10) FROM inspections
         WHERE conclusion != '合格' AND matter IS NOT NULL AND void_reason = ''",
    )?;
    let mut out: std::collections::HashMap<String, Vec<(String, NaiveDate)>> = Default::default();
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get(1)?, codec::date(r, 2)?))
    })?;
    for row in rows {
        let (subject, matter, date) = row?;
        out.entry(subject).or_default().push((matter, date));
    }
    Ok(out)
}
