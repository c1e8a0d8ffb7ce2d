//! Holding every stored record against its audit history: rows with no history, rows the
//! history says exist but are gone, rows that differ from what their last audit row wrote,
//! and derived columns that differ from what the calendar and settings give.

use std::cmp::Ordering;

use rusqlite::Connection;

use super::digest::{Digest, LEDGERS, Ledger, label};
use crate::error::Result;

/// One record that does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub noun: &'static str,
    pub key: String,
    pub what: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}「{}」：{}", self.noun, self.key, self.what)
    }
}

/// Findings kept to be shown; beyond this they are only counted (an emptied audit over a
/// county file would otherwise list millions).
pub const KEPT: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    pub listed: Vec<Finding>,
    pub total: usize,
    /// Live rows across every ledger (to say "an empty audit over N records").
    pub records: usize,
}

impl Findings {
    pub fn push(&mut self, noun: &'static str, key: &str, what: impl Into<String>) {
        self.total += 1;
        if self.listed.len() < KEPT {
            self.listed.push(Finding {
                noun,
                key: crate::text::printable(key).into_owned(),
                what: what.into(),
            });
        }
    }
}

/// The last audit row of one record, as far as the check needs it.
struct Last {
    key: String,
    digest: Option<String>,
    says_exists: bool,
    reason: Option<String>,
}

/// Every ledger row against the last audit row of its key, as one merge of two key-ordered
/// reads: memory stays flat however large the file.
pub fn check_records(conn: &Connection, out: &mut Findings) -> Result<()> {
    for l in LEDGERS {
        check_ledger(conn, l, out)?;
    }
    Ok(())
}

fn check_ledger(conn: &Connection, l: &Ledger, out: &mut Findings) -> Result<()> {
    let mut rows_stmt = conn.prepare(&l.select_all(conn)?)?;
    let mut rows = rows_stmt.query([])?;
    // SQLite takes the bare columns of a max() group from the row holding the max.
    let mut audit_stmt = conn.prepare(
        "SELECT key, max(id), digest, after IS NOT NULL OR digest IS NOT NULL, reason
         FROM audit WHERE kind = ?1 GROUP BY key ORDER BY key",
    )?;
    let mut lasts = audit_stmt.query_map([l.kind], |r| {
        Ok(Last {
            key: r.get(0)?,
            digest: r.get(2)?,
            says_exists: r.get(3)?,
            reason: r.get(4)?,
        })
    })?;
    let mut last = lasts.next().transpose()?;
    while let Some(row) = rows.next()? {
        out.records += 1;
        // A key the program never writes (NULL, a number) is a finding, not a failure.
        let key: String = match row.get_ref(0)? {
            rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
            other => {
                let shown = match other {
                    rusqlite::types::ValueRef::Null => "空值".to_string(),
                    v => format!("{v:?}"),
                };
                out.push(l.noun, &shown, "编号不是文字（被直接改动），这一行无法核对");
                continue;
            }
        };
        // Audit keys before this row's key have no row: records that are gone.
        while let Some(a) = last.take_if(|a| a.key < key) {
            gone(l, &a, out);
            last = lasts.next().transpose()?;
        }
        let found = digest_or_finding(l, row, &key, out)?;
        match last.take_if(|a| a.key.cmp(&key) == Ordering::Equal) {
            None => out.push(l.noun, &key, "没有任何审计记录（未经本程序写入）"),
            Some(a) => {
                if let Some(d) = found {
                    compare(l, &key, &d, &a, out);
                }
                last = lasts.next().transpose()?;
            }
        }
    }
    while let Some(a) = last {
        gone(l, &a, out);
        last = lasts.next().transpose()?;
    }
    Ok(())
}

fn digest_or_finding(
    l: &Ledger,
    row: &rusqlite::Row,
    key: &str,
    out: &mut Findings,
) -> Result<Option<Digest>> {
    Ok(match l.digest_of(row) {
        Ok(d) => Some(d),
        Err(e) => {
            out.push(l.noun, key, format!("无法读取：{e}"));
            None
        }
    })
}

fn gone(l: &Ledger, a: &Last, out: &mut Findings) {
    if a.says_exists {
        out.push(
            l.noun,
            &a.key,
            "审计记录表明它存在，但数据表中已没有（被删除）",
        );
    }
}

fn compare(l: &Ledger, key: &str, found: &Digest, last: &Last, out: &mut Findings) {
    let Some(stored) = last.digest.as_deref() else {
        let why = last
            .reason
            .as_deref()
            .map_or(String::new(), |r| format!("（{r}）"));
        out.push(
            l.noun,
            key,
            format!("最后一条审计记录没有校验值，无法核对{why}"),
        );
        return;
    };
    let Some(stored) = Digest::parse(stored) else {
        out.push(l.noun, key, "审计记录中的校验值无法读取");
        return;
    };
    let fields: Vec<&str> = found
        .differences(&stored)
        .iter()
        .map(|c| label(c))
        .collect();
    if !fields.is_empty() {
        out.push(
            l.noun,
            key,
            format!(
                "与最后一条审计记录不符（被直接改动）：{}",
                fields.join("、")
            ),
        );
    }
}

/// Derived columns against what the calendar and settings give now, and each live patrol's
/// visits against its areas.
pub fn check_derived(conn: &Connection, out: &mut Findings) -> Result<()> {
    let (cal, settings) = (
        super::holidays::calendar(conn)?,
        super::settings::load(conn)?,
    );
    super::complaints::stale_dues(conn, &cal, &settings, &mut |key, field| {
        out.push("投诉", key, format!("{field}与按日历和设置算出的不符"))
    })?;
    super::notices::stale_dues(conn, &cal, &settings, &mut |key, field| {
        out.push("整改通知", key, format!("{field}与按日历和设置算出的不符"))
    })?;
    let expected = "SELECT p.id, j.value, p.date FROM patrols p, json_each(p.areas) j
                    WHERE p.void_reason = '' AND json_valid(p.areas)";
    let actual = "SELECT patrol_id, area_id, date FROM patrol_areas";
    for (a, b, what) in [
        (expected, actual, "巡查区域索引缺少它去过的区域"),
        (actual, expected, "巡查区域索引中有它没去过的区域"),
    ] {
        let sql = format!(
            "WITH diff(id, area, date) AS ({a} EXCEPT {b}) SELECT DISTINCT id FROM diff ORDER BY id"
        );
        let mut stmt = conn.prepare(&sql)?;
        let ids = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for id in ids {
            out.push("巡查记录", &id?, what);
        }
    }
    // Each area's latest visit, as the triggers keep it and as the visits say.
    let sql = "WITH kept AS (SELECT area_id, date FROM area_last_patrol),
                    seen AS (SELECT area_id, max(date) AS date FROM patrol_areas GROUP BY area_id)
               SELECT area_id FROM (SELECT * FROM kept EXCEPT SELECT * FROM seen
                                    UNION SELECT * FROM seen EXCEPT SELECT * FROM kept)
               ORDER BY area_id";
    let mut stmt = conn.prepare(sql)?;
    for area in stmt.query_map([], |r| r.get::<_, String>(0))? {
        out.push("区域", &area?, "记下的最近巡查日期与巡查记录不符");
    }
    Ok(())
}
