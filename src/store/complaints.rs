//! Complaints with their derived deadlines, kept in columns so the open ones come from an index.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::codec::{self, Dt, bounds, label, list_json, next_serial, opt_text, paged};
use super::{Ctx, Record};
use crate::calendar::Calendar;
use crate::domain::complaint::Deadlines;
use crate::domain::{Channel, Complaint, ComplaintState, Complexity, Settings};
use crate::error::Result;

/// A complaint as stored, with the deadlines derived when it was last written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    pub complaint: Complaint,
    pub due: Deadlines,
}

pub(super) const COLS: &str =
    "id, received_at, channel, reporter, phone, area, matter, description, complexity,
    state, verified_at, result, fed_back_at, closed_at, void_reason,
    verify_due, feedback_due, due_missing_years,
    squad, handlers, verified_by, finding, handled_at, feedback_method, extensions, transfer_to,
    stops, appeal, callbacks, follow_of";

pub(super) fn row(r: &Row) -> rusqlite::Result<Tracked> {
    let complaint = Complaint {
        id: r.get(0)?,
        received_at: codec::datetime(r, 1)?,
        channel: label(r, 2, Channel::parse)?,
        reporter: r.get(3)?,
        phone: r.get(4)?,
        area: opt_text(r, 5)?,
        matter: opt_text(r, 6)?,
        description: r.get(7)?,
        complexity: label(r, 8, Complexity::parse)?,
        state: label(r, 9, ComplaintState::parse)?,
        verified_at: codec::opt_datetime(r, 10)?,
        result: r.get(11)?,
        fed_back_at: codec::opt_datetime(r, 12)?,
        closed_at: codec::opt_datetime(r, 13)?,
        void_reason: r.get(14)?,
        work: crate::domain::Work {
            squad: r.get(18)?,
            handlers: codec::list(r, 19)?,
            verified_by: codec::list(r, 20)?,
            finding: r.get(21)?,
            handled_at: codec::opt_datetime(r, 22)?,
            feedback_method: r.get(23)?,
            extensions: json(r, 24, "[]")?.unwrap_or_default(),
            transfer_to: r.get(25)?,
            stops: json(r, 26, "[]")?.unwrap_or_default(),
            appeal: json(r, 27, "")?,
            callbacks: json(r, 28, "[]")?.unwrap_or_default(),
            follow_of: r.get(29)?,
        },
    };
    let due = Deadlines {
        verify_due: codec::datetime(r, 15)?,
        feedback_due: codec::datetime(r, 16)?,
        missing_years: parse_years(&r.get::<_, String>(17)?),
    };
    Ok(Tracked { complaint, due })
}

/// A JSON column; None where it holds `empty`.
fn json<T: serde::de::DeserializeOwned>(
    r: &Row,
    i: usize,
    empty: &str,
) -> rusqlite::Result<Option<T>> {
    match r.get_ref(i)?.as_str()? {
        t if t == empty => Ok(None),
        text => serde_json::from_str(text).map(Some).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        }),
    }
}

pub(crate) fn parse_years(text: &str) -> Vec<i32> {
    text.split(',')
        .filter_map(|y| y.trim().parse().ok())
        .collect()
}

pub(crate) fn years_text(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

impl Record for Complaint {
    const KIND: &'static str = "complaints";
    const NOUN: &'static str = "投诉";
    const KEY_SQL: &'static str = "id = ?";

    fn key(&self) -> String {
        self.id.clone()
    }

    /// The reporter and phone go into the audit trail masked: it shows that they changed,
    /// never who reported.
    fn audited(&self) -> std::borrow::Cow<'_, Self> {
        std::borrow::Cow::Owned(self.masked())
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        Ok(get(conn, key)?.map(|t| t.complaint))
    }

    fn save(&self, tx: &Transaction, ctx: &Ctx) -> Result<()> {
        let d = self.deadlines(ctx.calendar, &ctx.settings.rules_for(self.channel));
        tx.prepare_cached(
            "INSERT INTO complaints (id, received_at, channel, reporter, phone, area, matter,
               description, complexity, state, verified_at, result, fed_back_at, closed_at,
               void_reason, verify_due, feedback_due, next_due, due_missing_years,
               squad, handlers, verified_by, finding, handled_at, feedback_method, extensions,
               transfer_to, salt, stops, appeal, callbacks, follow_of)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
               ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)
             ON CONFLICT(id) DO UPDATE SET received_at = excluded.received_at,
               channel = excluded.channel, reporter = excluded.reporter, phone = excluded.phone,
               area = excluded.area, matter = excluded.matter, description = excluded.description,
               complexity = excluded.complexity, state = excluded.state,
               verified_at = excluded.verified_at, result = excluded.result,
               fed_back_at = excluded.fed_back_at, closed_at = excluded.closed_at,
               void_reason = excluded.void_reason, verify_due = excluded.verify_due,
               feedback_due = excluded.feedback_due, next_due = excluded.next_due,
               due_missing_years = excluded.due_missing_years, squad = excluded.squad,
               handlers = excluded.handlers, verified_by = excluded.verified_by,
               finding = excluded.finding, handled_at = excluded.handled_at,
               feedback_method = excluded.feedback_method, extensions = excluded.extensions,
               transfer_to = excluded.transfer_to, stops = excluded.stops,
               appeal = excluded.appeal, callbacks = excluded.callbacks,
               follow_of = excluded.follow_of,
               salt = CASE WHEN complaints.reporter IS excluded.reporter
                             AND complaints.phone IS excluded.phone AND complaints.salt <> ''
                           THEN complaints.salt ELSE excluded.salt END",
        )?
        .execute(params![
            self.id,
            Dt(Some(self.received_at)),
            self.channel.label(),
            self.reporter,
            self.phone,
            self.area,
            self.matter,
            self.description,
            self.complexity.label(),
            self.state.label(),
            Dt(self.verified_at),
            self.result,
            Dt(self.fed_back_at),
            Dt(self.closed_at),
            self.void_reason,
            Dt(Some(d.verify_due)),
            Dt(Some(d.feedback_due)),
            Dt(self.next_due(&d)),
            years_text(&d.missing_years),
            self.work.squad,
            list_json(&self.work.handlers),
            list_json(&self.work.verified_by),
            self.work.finding,
            Dt(self.work.handled_at),
            self.work.feedback_method,
            serde_json::to_string(&self.work.extensions).expect("extensions serialize"),
            self.work.transfer_to,
            // The reporter's digest salt: new with every new reporter or phone, so digests
            // of the ones replaced cannot be tried against candidates (see `digest`).
            super::digest::new_salt(),
            serde_json::to_string(&self.work.stops).expect("stops serialize"),
            self.work
                .appeal
                .as_ref()
                .map_or_else(String::new, |a| serde_json::to_string(a).expect("appeal serialize")),
            serde_json::to_string(&self.work.callbacks).expect("call-backs serialize"),
            self.work.follow_of,
        ])?;
        Ok(())
    }

    /// A complaint is voided through its state (已作废), so an import may not revive it.
    fn void_reason(conn: &Connection, key: &str) -> Result<Option<String>> {
        Ok(Self::load(conn, key)?
            .filter(|c| c.state == ComplaintState::Voided)
            .map(|c| c.void_reason))
    }
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Tracked>> {
    let sql = format!("SELECT {COLS} FROM complaints WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], row).optional()?)
}

/// Complaint `id` with its deadlines, or a refusal naming it as not found.
pub fn existing(conn: &Connection, id: &str) -> Result<Tracked> {
    get(conn, id)?.ok_or_else(|| crate::error::Error::NotFound {
        kind: "投诉",
        key: id.to_string(),
    })
}

/// Open complaints, nearest unmet deadline first (those with none left last), in the order of
/// the partial index on `(next_due, id)`: two reads in index order, nothing sorted apart.
pub fn open_by_due(conn: &Connection) -> Result<Vec<Tracked>> {
    let open = "state IN ('已受理', '核查中', '处置中', '已反馈')";
    let mut out = Vec::new();
    for part in [
        "next_due IS NOT NULL ORDER BY next_due, id",
        "next_due IS NULL ORDER BY id",
    ] {
        let sql = format!("SELECT {COLS} FROM complaints WHERE {open} AND {part}");
        let mut stmt = conn.prepare_cached(&sql)?;
        for t in stmt.query_map([], row)? {
            out.push(t?);
        }
    }
    Ok(out)
}

/// Complaints received between two dates (inclusive), oldest first.
pub fn received_between(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Tracked>> {
    let mut all = Vec::new();
    each_received_between(conn, from, to, &mut |t| {
        all.push(t);
        Ok(())
    })?;
    Ok(all)
}

/// As `received_between`, one complaint at a time: an export of a million holds one row.
pub fn each_received_between(
    conn: &Connection,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    each: &mut dyn FnMut(Tracked) -> Result<()>,
) -> Result<()> {
    let sql = format!(
        "SELECT {COLS} FROM complaints
         WHERE received_at >= ?1 AND received_at < ?2
         ORDER BY received_at, id"
    );
    // The day after `to`, or the open bound itself (its day after would print as +10000).
    let to_exclusive = to.and_then(|d| d.succ_opt());
    let (from, to_exclusive) = bounds(from, to_exclusive);
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight");
    let (from, to_exclusive): (NaiveDateTime, NaiveDateTime) =
        (midnight(from), midnight(to_exclusive));
    let mut stmt = conn.prepare_cached(&sql)?;
    for t in stmt.query_map(params![from, to_exclusive], row)? {
        each(t?)?;
    }
    Ok(())
}

/// Derives every complaint's deadlines again (after the calendar or the settings changed).
/// Derives every complaint's deadlines again under `cal` and `settings`; returns those that
/// moved, with whether the complaint's overdue verdict at `now` changed.
pub fn recompute_dues(
    tx: &Transaction,
    cal: &Calendar,
    settings: &Settings,
    now: NaiveDateTime,
) -> Result<Vec<super::moved::Moved>> {
    use super::moved::{Moved, shown};
    let all = received_between(tx, None, None)?;
    let mut moved = Vec::new();
    let mut update = tx.prepare_cached(
        "UPDATE complaints SET verify_due = ?2, feedback_due = ?3, next_due = ?4, due_missing_years = ?5
         WHERE id = ?1",
    )?;
    for t in &all {
        let c = &t.complaint;
        let d = c.deadlines(cal, &settings.rules_for(c.channel));
        update.execute(params![
            c.id,
            d.verify_due,
            d.feedback_due,
            c.next_due(&d),
            years_text(&d.missing_years)
        ])?;
        let verdict = (c.overdue(&t.due, now), c.overdue(&d, now));
        let (was, is) = (!t.due.missing_years.is_empty(), !d.missing_years.is_empty());
        for (field, old, new) in [
            ("核查期限", t.due.verify_due, d.verify_due),
            ("反馈期限", t.due.feedback_due, d.feedback_due),
        ] {
            let texts = (shown(old, was, false), shown(new, is, false));
            let month = c.received_at.format("%Y-%m").to_string();
            moved.extend(Moved::of(("投诉", &c.id, field), texts, verdict, month));
        }
    }
    Ok(moved)
}

/// Calls `found(id, field)` for each derived column that differs from what `cal` and
/// `settings` give now (read row by row: memory stays flat on a county file).
pub fn stale_dues(
    conn: &Connection,
    cal: &Calendar,
    settings: &Settings,
    found: &mut dyn FnMut(&str, &'static str),
) -> Result<()> {
    // A row with a key the program never writes is named by the record check instead.
    let sql =
        format!("SELECT {COLS}, next_due FROM complaints WHERE typeof(id) = 'text' ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Ok(t) = row(r) else {
            found(&r.get::<_, String>(0)?, "存储的内容");
            continue;
        };
        let next: Option<NaiveDateTime> = r.get("next_due").ok().flatten();
        let c = &t.complaint;
        let d = c.deadlines(cal, &settings.rules_for(c.channel));
        for (field, same) in [
            ("核查期限", d.verify_due == t.due.verify_due),
            ("反馈期限", d.feedback_due == t.due.feedback_due),
            ("下一期限", c.next_due(&d) == next),
            ("日历缺失年份", d.missing_years == t.due.missing_years),
        ] {
            if !same {
                found(&c.id, field);
            }
        }
    }
    Ok(())
}

/// The number for the next complaint received in `year`: TS-2026-0041.
pub fn next_id(conn: &Connection, year: i32) -> Result<String> {
    Ok(next_serial(
        conn,
        "complaints",
        &format!("TS-{year}-"),
        "",
        4,
    )?)
}

/// What the complaint list shows: every filter is optional; `text` matches number,
/// description or area.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub state: Option<ComplaintState>,
    pub channel: Option<Channel>,
    /// Only open ones overdue at this time (a deadline passed with its step not done).
    pub overdue_at: Option<NaiveDateTime>,
    pub text: String,
    pub limit: usize,
}

/// The open states, written as the partial index's WHERE so the planner can use it.
const OPEN: &str = "state IN ('已受理', '核查中', '处置中', '已反馈')";

/// Complaints matching `q`: open ones nearest deadline first (from the partial index), then
/// the rest newest first (from the received_at index), at most `q.limit` in all. Each part
/// stops reading once it has enough rows, so a page costs the same on a million complaints.
pub fn list(conn: &Connection, q: &Query) -> Result<Vec<Tracked>> {
    let filters = "(?1 IS NULL OR state = ?1) AND (?2 IS NULL OR channel = ?2)
           AND (?3 IS NULL OR (state IN ('已受理', '核查中', '处置中', '已反馈') AND next_due < ?3))
           AND (?4 = '' OR instr(id, ?4) OR instr(description, ?4) OR instr(area, ?4))";
    let parts = [
        format!(
            "SELECT {COLS} FROM complaints WHERE {OPEN} AND {filters} ORDER BY next_due IS NULL, next_due, id LIMIT ?5"
        ),
        format!(
            "SELECT {COLS} FROM complaints WHERE NOT {OPEN} AND {filters}
             ORDER BY received_at DESC, id DESC LIMIT ?5"
        ),
    ];
    let (state, channel) = (q.state.map(|s| s.label()), q.channel.map(|c| c.label()));
    let text = q.text.trim();
    paged(
        conn,
        parts,
        &[&state, &channel, &q.overdue_at, &text],
        q.limit,
        row,
    )
}
