//! 公示 as the store keeps it: each decision's publication recorded (audited like any record),
//! and the decisions of the last weeks that must be published, with their deadlines.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::codec::{date, label};
use super::{Actor, Ctx, Record, Store, record};
use crate::calendar::Calendar;
use crate::domain::publicity::{PubItem, PubKind, Publication};
use crate::error::{Error, Result};

/// Decisions this many days old or newer are listed; older ones left unpublished are the
/// supervisor's finding, not the duty officer's list.
pub const WINDOW_DAYS: i64 = 60;

/// Splits "整改通知 卧执整〔2026〕第9号" into the kind and the decision's number.
fn split_key(key: &str) -> Result<(PubKind, &str)> {
    let bad = || {
        Error::invalid(format!(
            "公示的键应为“类别 编号”，类别为 {}，而不是“{key}”",
            PubKind::choices()
        ))
    };
    let (k, rest) = key.split_once(' ').ok_or_else(bad)?;
    Ok((PubKind::parse(k).ok_or_else(bad)?, rest.trim()))
}

fn row(r: &Row) -> rusqlite::Result<Publication> {
    Ok(Publication {
        kind: label(r, 0, PubKind::parse)?,
        key: r.get(1)?,
        published_on: date(r, 2)?,
        place: r.get(3)?,
    })
}

impl Record for Publication {
    const KIND: &'static str = "publications";
    const NOUN: &'static str = "公示";
    const KEY_SQL: &'static str = "kind = ? AND decision = ?";

    fn key(&self) -> String {
        format!("{} {}", self.kind, self.key)
    }

    fn key_params(key: &str) -> Vec<String> {
        match split_key(key) {
            Ok((k, n)) => vec![k.label().to_string(), n.to_string()],
            Err(_) => vec![key.to_string(), String::new()],
        }
    }

    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let (kind, number) = split_key(key)?;
        Ok(conn
            .prepare_cached(
                "SELECT kind, decision, published_on, place FROM publications
                 WHERE kind = ?1 AND decision = ?2",
            )?
            .query_row(params![kind.label(), number], row)
            .optional()?)
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO publications (kind, decision, published_on, place)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(kind, decision) DO UPDATE SET published_on = excluded.published_on,
               place = excluded.place",
        )?
        .execute(params![
            self.kind.label(),
            self.key,
            self.published_on,
            self.place
        ])?;
        Ok(())
    }
}

/// Records that decision `key` of `kind` was published on `on` at `place`.
pub fn publish(store: &mut Store, actor: &Actor, p: Publication) -> Result<()> {
    super::desk::not_future(actor, "公示日期", p.published_on)?;
    if p.place.trim().is_empty() {
        return Err(Error::invalid("须写明公示渠道（如 政府门户网站、公示栏）"));
    }
    store.write_with_rules(actor, |tx, ctx| {
        let decided = decided_on(tx, p.kind, &p.key)?.ok_or_else(|| {
            Error::invalid(format!(
                "没有可公示的{}「{}」（不存在或已作废）",
                p.kind, p.key
            ))
        })?;
        if p.published_on < decided {
            return Err(Error::invalid(format!(
                "公示日期 {} 早于{}的日期 {decided}",
                p.published_on, p.kind
            )));
        }
        record::upsert(tx, ctx, &p).map(drop)
    })
}

/// The day decision `key` of `kind` was made, if it stands.
fn decided_on(conn: &Connection, kind: PubKind, key: &str) -> Result<Option<NaiveDate>> {
    let sql = match kind {
        PubKind::Notice => "SELECT issued_on FROM notices WHERE id = ?1 AND state != '已作废'",
        PubKind::Case => {
            "SELECT reinspected_on FROM notices WHERE case_no = ?1 AND state != '已作废'"
        }
        PubKind::DrawResult => "SELECT date FROM draws WHERE id = ?1 AND void_reason = ''",
    };
    let found: Option<Option<NaiveDate>> = conn
        .prepare_cached(sql)?
        .query_row([key], |r| r.get(0))
        .optional()?;
    Ok(found.flatten())
}

/// The decisions made from `from` to `to` (inclusive) that must be published: the
/// unpublished first, earliest due first, then those published. The desk and `today` ask
/// for the last `WINDOW_DAYS` days, a report for its period.
pub fn items(
    conn: &Connection,
    cal: &Calendar,
    workdays: u32,
    (from, to): (NaiveDate, NaiveDate),
) -> Result<Vec<PubItem>> {
    let mut published = std::collections::HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT kind, decision, published_on, place FROM publications WHERE void_reason = ''",
    )?;
    for p in stmt.query_map([], row)? {
        let p = p?;
        published.insert((p.kind, p.key), p.published_on);
    }
    let within = |d: NaiveDate| from <= d && d <= to;
    let mut raw: Vec<(PubKind, String, String, NaiveDate)> = Vec::new();
    // The party of a notice issued on an inspection of a 个人 is a person (masked).
    let mut stmt = conn.prepare_cached(
        "SELECT n.id, n.party, n.issued_on, n.case_no, n.reinspected_on,
                EXISTS (SELECT 1 FROM inspections i JOIN subjects s ON s.id = i.subject
                        WHERE i.notice = n.id AND s.kind = '个人')
         FROM notices n
         WHERE n.state != '已作废'
           AND (n.issued_on >= ?1 OR (n.case_no != '' AND n.reinspected_on >= ?1))",
    )?;
    let rows = stmt.query_map([from], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            date(r, 2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<NaiveDate>>(4)?,
            r.get::<_, bool>(5)?,
        ))
    })?;
    for row in rows {
        let (id, party, issued, case_no, on, person) = row?;
        let shown = crate::domain::publicity::party_shown(&party, person);
        if within(issued) {
            raw.push((PubKind::Notice, id.clone(), shown.clone(), issued));
        }
        if let (false, Some(on)) = (case_no.is_empty(), on.filter(|d| within(*d))) {
            raw.push((PubKind::Case, case_no, shown, on));
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, date FROM draws WHERE void_reason = '' AND date >= ?1",
    )?;
    let rows = stmt.query_map([from], |r| Ok((r.get(0)?, r.get(1)?, date(r, 2)?)))?;
    for row in rows {
        let (id, title, on): (String, String, NaiveDate) = row?;
        if within(on) {
            raw.push((PubKind::DrawResult, id, title, on));
        }
    }
    let mut out: Vec<PubItem> = raw
        .into_iter()
        .map(|(kind, key, what, on)| {
            let done = published.get(&(kind, key.clone())).copied();
            PubItem::new((kind, key, what), on, cal, workdays, done)
        })
        .collect();
    out.sort_by(|a, b| {
        (a.published_on.is_some(), a.due, a.kind, &a.key).cmp(&(
            b.published_on.is_some(),
            b.due,
            b.kind,
            &b.key,
        ))
    });
    Ok(out)
}
