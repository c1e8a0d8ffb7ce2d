//! Rectification notices with their derived re-inspection due date, and the re-inspection log.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::codec::{self, bounds, label, list_json, next_serial, opt_text, paged};
use super::complaints::{parse_years, years_text};
use super::{Ctx, Record};
use crate::calendar::{Calendar, Reckoned};
use crate::domain::{Issuing, Notice, NoticeState, Settings};
use crate::error::Result;

/// A notice as stored, with its re-inspection due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    pub notice: Notice,
    pub reinspect_due: Reckoned,
}

pub(super) const COLS: &str =
    "id, party, address, area, matter, problem, legal_basis, issued_on, deadline,
    state, reinspected_on, reinspect_result, complaint, extension_reason, void_reason, late,
    reinspect_due, due_missing_years, officers, certs, requirement, served_on, service_method,
    servers, witness, case_no";

pub(super) fn row(r: &Row) -> rusqlite::Result<Tracked> {
    let notice = Notice {
        id: r.get(0)?,
        party: r.get(1)?,
        address: r.get(2)?,
        area: opt_text(r, 3)?,
        matter: opt_text(r, 4)?,
        problem: r.get(5)?,
        legal_basis: r.get(6)?,
        issued_on: codec::date(r, 7)?,
        deadline: codec::date(r, 8)?,
        state: label(r, 9, NoticeState::parse)?,
        reinspected_on: codec::opt_date(r, 10)?,
        reinspect_result: r.get(11)?,
        complaint: opt_text(r, 12)?,
        extension_reason: r.get(13)?,
        void_reason: r.get(14)?,
        late: r.get(15)?,
        issuing: Issuing {
            officers: codec::list(r, 18)?,
            certs: codec::list(r, 19)?,
            requirement: r.get(20)?,
            served_on: codec::opt_date(r, 21)?,
            service_method: r.get(22)?,
            servers: codec::list(r, 23)?,
            witness: r.get(24)?,
            case_no: r.get(25)?,
        },
    };
    let reinspect_due = Reckoned {
        date: codec::date(r, 16)?,
        missing_years: parse_years(&r.get::<_, String>(17)?),
    };
    Ok(Tracked {
        notice,
        reinspect_due,
    })
}

impl Record for Notice {
    const KIND: &'static str = "notices";
    const NOUN: &'static str = "整改通知";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        Ok(get(conn, key)?.map(|t| t.notice))
    }

    fn save(&self, tx: &Transaction, ctx: &Ctx) -> Result<()> {
        let due = self.reinspect_due(ctx.calendar, &ctx.settings.deadlines);
        tx.prepare_cached(
            "INSERT INTO notices (id, party, address, area, matter, problem, legal_basis, issued_on,
               deadline, state, reinspected_on, reinspect_result, complaint, extension_reason,
               void_reason, late, reinspect_due, due_missing_years, officers, certs, requirement,
               served_on, service_method, servers, witness, case_no)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
               ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)
             ON CONFLICT(id) DO UPDATE SET party = excluded.party, address = excluded.address,
               area = excluded.area, matter = excluded.matter, problem = excluded.problem,
               legal_basis = excluded.legal_basis, issued_on = excluded.issued_on,
               deadline = excluded.deadline, state = excluded.state,
               reinspected_on = excluded.reinspected_on, reinspect_result = excluded.reinspect_result,
               complaint = excluded.complaint, extension_reason = excluded.extension_reason,
               void_reason = excluded.void_reason, late = excluded.late,
               reinspect_due = excluded.reinspect_due, due_missing_years = excluded.due_missing_years,
               officers = excluded.officers, certs = excluded.certs,
               requirement = excluded.requirement, served_on = excluded.served_on,
               service_method = excluded.service_method, servers = excluded.servers,
               witness = excluded.witness, case_no = excluded.case_no",
        )?
        .execute(params![
            self.id,
            self.party,
            self.address,
            self.area,
            self.matter,
            self.problem,
            self.legal_basis,
            self.issued_on,
            self.deadline,
            self.state.label(),
            self.reinspected_on,
            self.reinspect_result,
            self.complaint,
            self.extension_reason,
            self.void_reason,
            self.late,
            due.date,
            years_text(&due.missing_years),
            list_json(&self.issuing.officers),
            list_json(&self.issuing.certs),
            self.issuing.requirement,
            self.issuing.served_on,
            self.issuing.service_method,
            list_json(&self.issuing.servers),
            self.issuing.witness,
            self.issuing.case_no,
        ])?;
        Ok(())
    }

    fn void_reason(conn: &Connection, key: &str) -> Result<Option<String>> {
        Ok(Self::load(conn, key)?
            .filter(|n| n.state == NoticeState::Voided)
            .map(|n| n.void_reason))
    }
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Tracked>> {
    let sql = format!("SELECT {COLS} FROM notices WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], row).optional()?)
}

/// Open notices by re-inspection due date, from the partial index.
pub fn open_by_due(conn: &Connection) -> Result<Vec<Tracked>> {
    let sql = format!(
        "SELECT {COLS} FROM notices WHERE state IN ('待整改', '待复查', '已延期')
         ORDER BY reinspect_due, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Notices issued between two dates (inclusive), oldest first.
pub fn issued_between(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Tracked>> {
    let mut all = Vec::new();
    each_issued_between(conn, from, to, &mut |t| {
        all.push(t);
        Ok(())
    })?;
    Ok(all)
}

/// As `issued_between`, one notice at a time.
pub fn each_issued_between(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    each: &mut dyn FnMut(Tracked) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT {COLS} FROM notices WHERE issued_on >= ?1 AND issued_on <= ?2
         ORDER BY issued_on, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let (from, to) = bounds(from, to);
    for t in stmt.query_map(params![from, to], row)? {
        each(t?)?;
    }
    Ok(())
}

/// Derives every notice's re-inspection due again; returns those that moved (see
/// `complaints::recompute_dues`).
pub fn recompute_dues(
    tx: &Transaction,
    cal: &Calendar,
    settings: &Settings,
    now: chrono::NaiveDateTime,
) -> Result<Vec<super::moved::Moved>> {
    use super::moved::{Moved, shown};
    let all = issued_between(tx, None, None)?;
    let mut moved = Vec::new();
    let mut update = tx.prepare_cached(
        "UPDATE notices SET reinspect_due = ?2, due_missing_years = ?3 WHERE id = ?1",
    )?;
    for t in &all {
        let due = t.notice.reinspect_due(cal, &settings.deadlines);
        update.execute(params![
            t.notice.id,
            due.date,
            years_text(&due.missing_years)
        ])?;
        let n = &t.notice;
        let verdict = (
            n.overdue(crate::calendar::end_of_day(t.reinspect_due.date), now),
            n.overdue(due.end_of_day(), now),
        );
        let texts = (
            shown(
                t.reinspect_due.end_of_day(),
                t.reinspect_due.uncertain(),
                true,
            ),
            shown(due.end_of_day(), due.uncertain(), true),
        );
        let month = n.issued_on.format("%Y-%m").to_string();
        moved.extend(Moved::of(
            ("整改通知", &n.id, "复查期限"),
            texts,
            verdict,
            month,
        ));
    }
    Ok(moved)
}

/// Calls `found(id, field)` for each derived column that differs from what `cal` and
/// `settings` give now.
pub fn stale_dues(
    conn: &Connection,
    cal: &Calendar,
    settings: &Settings,
    found: &mut dyn FnMut(&str, &'static str),
) -> Result<()> {
    // A row with a key the program never writes is named by the record check instead.
    let sql = format!("SELECT {COLS} FROM notices WHERE typeof(id) = 'text' ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Ok(t) = row(r) else {
            found(&r.get::<_, String>(0)?, "存储的内容");
            continue;
        };
        let due = t.notice.reinspect_due(cal, &settings.deadlines);
        if due.date != t.reinspect_due.date {
            found(&t.notice.id, "复查期限");
        }
        if due.missing_years != t.reinspect_due.missing_years {
            found(&t.notice.id, "日历缺失年份");
        }
    }
    Ok(())
}

/// The number for the next notice issued in `year`, in the style of the last one issued:
/// 卧执整〔2026〕第16号. With no notice yet the prefix is 执整.
pub fn next_id(conn: &Connection, year: i32) -> Result<String> {
    let last: Option<String> = conn
        .query_row(
            "SELECT id FROM notices WHERE instr(id, '〔') ORDER BY issued_on DESC, rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let prefix = last
        .as_deref()
        .and_then(|id| id.split_once('〔'))
        .map_or("执整", |(p, _)| p);
    Ok(next_serial(
        conn,
        "notices",
        &format!("{prefix}〔{year}〕第"),
        "号",
        0,
    )?)
}

/// The prefix of the team's papers of kind `word`, in the style of its notices: "卧执立" or
/// "卧执移" beside notices numbered "卧执整〔…〕" (the notices' last word becomes `word`).
pub fn paper_prefix(conn: &Connection, year: i32, word: char) -> Result<String> {
    let notice = next_id(conn, year)?;
    let prefix = notice.split_once('〔').map_or("执整", |(p, _)| p);
    Ok(format!(
        "{}{word}",
        prefix.strip_suffix('整').unwrap_or(prefix)
    ))
}

/// The next case number (立案编号) of `year`: "卧执立〔2026〕第N号".
pub fn next_case_no(conn: &Connection, year: i32) -> Result<String> {
    let base = paper_prefix(conn, year, '立')?;
    Ok(codec::next_serial_in(
        conn,
        ("notices", "case_no"),
        &format!("{base}〔{year}〕第"),
        "号",
    )?)
}

/// The notice already escalated under case number `case_no`, if any.
pub fn with_case_no(conn: &Connection, case_no: &str) -> Result<Option<String>> {
    if case_no.trim().is_empty() {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            "SELECT id FROM notices WHERE case_no = ?1",
            [case_no.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

/// What the notice list shows; `text` matches number, party, address or problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub state: Option<NoticeState>,
    pub text: String,
    pub limit: usize,
}

/// The open states, written as the partial index's WHERE so the planner can use it.
const OPEN: &str = "state IN ('待整改', '待复查', '已延期')";

/// Notices matching `q`: open ones by re-inspection due date (partial index), then the rest
/// newest first (issued_on index), at most `q.limit` in all.
pub fn list(conn: &Connection, q: &Query) -> Result<Vec<Tracked>> {
    let filters = "(?1 IS NULL OR state = ?1)
           AND (?2 = '' OR instr(id, ?2) OR instr(party, ?2) OR instr(address, ?2) OR instr(problem, ?2))";
    let parts = [
        format!(
            "SELECT {COLS} FROM notices WHERE {OPEN} AND {filters} ORDER BY reinspect_due, id LIMIT ?3"
        ),
        format!(
            "SELECT {COLS} FROM notices WHERE NOT {OPEN} AND {filters}
             ORDER BY issued_on DESC, id DESC LIMIT ?3"
        ),
    ];
    let (state, text) = (q.state.map(|s| s.label()), q.text.trim());
    paged(conn, parts, &[&state, &text], q.limit, row)
}
