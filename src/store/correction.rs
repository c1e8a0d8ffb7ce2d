//! Corrections (更正): a recorded time is evidence of whether a step was on time, so it changes
//! only as a declared correction with a reason, audited apart and listed in the reports.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::codec::bounds;
use crate::error::Result;

/// The recorded times of each kind: (kind, field in the record's JSON, column header).
pub const TIMES: &[(&str, &str, &str)] = &[
    ("complaints", "received_at", "受理时间"),
    ("complaints", "verified_at", "核查时间"),
    ("complaints", "handled_at", "处置时间"),
    ("complaints", "fed_back_at", "反馈时间"),
    ("complaints", "closed_at", "办结时间"),
    ("notices", "issued_on", "下达日期"),
    ("notices", "deadline", "整改期限"),
    ("notices", "reinspected_on", "复查日期"),
    ("notices", "served_on", "送达日期"),
    ("patrols", "date", "日期"),
    ("patrols", "start_time", "开始时间"),
    ("patrols", "end_time", "结束时间"),
    ("inspections", "at", "检查时间"),
    ("publications", "published_on", "公示日期"),
];

/// The audit action of a correction.
pub const ACTION: &str = "更正";

/// One recorded time that a write changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// The column header: 核查时间.
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// A time as people write it: "2026-11-04 16:00" (records keep whole minutes).
fn text(v: Option<&serde_json::Value>) -> String {
    match v {
        Some(serde_json::Value::String(s)) => {
            let t = s.replace('T', " ");
            match t.strip_suffix(":00") {
                Some(minutes) if t.len() == 19 => minutes.to_string(),
                _ => t,
            }
        }
        Some(serde_json::Value::Null) | None => String::new(),
        // A list of officers or areas as people write it: W003、W004.
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join("、"),
        Some(other) => other.to_string(),
    }
}

/// The recorded times that differ between two JSON forms of a record of `kind`. A time that
/// was not yet recorded (a step being done) is not a change; one that was, is. A notice's new
/// deadline that comes with an extension is the extension's, not a correction.
pub fn changed_json(
    kind: &str,
    before: &serde_json::Value,
    after: &serde_json::Value,
) -> Vec<Changed> {
    let extended = kind == "notices"
        && after.get("state").and_then(|s| s.as_str()) == Some("已延期")
        && after.get("extension_reason") != before.get("extension_reason");
    TIMES
        .iter()
        .filter(|(k, field, _)| *k == kind && !(extended && *field == "deadline"))
        .filter_map(|(_, field, header)| {
            let (old, new) = (text(before.get(*field)), text(after.get(*field)));
            (!old.is_empty() && old != new).then_some(Changed {
                field: header,
                old,
                new,
            })
        })
        .collect()
}

/// As `changed_json`, over two records.
pub fn changed<R: Serialize>(kind: &str, before: &R, after: &R) -> Vec<Changed> {
    let (b, a) = (
        serde_json::to_value(before).expect("records serialize"),
        serde_json::to_value(after).expect("records serialize"),
    );
    changed_json(kind, &b, &a)
}

/// The refusal for a time changed without a declared correction.
pub fn refusal(c: &Changed) -> String {
    format!(
        "「{}」已登记为 {}，不能直接改为 {}：已登记的时间是按时与否的凭据；\
         如确属登记错误，请写明更正原因（值班台填“更正原因”，命令行用 --correct \"原因\"），\
         更正会记入审计并列入周报、月报",
        c.field,
        if c.old.is_empty() { "空" } else { &c.old },
        if c.new.is_empty() { "空" } else { &c.new }
    )
}

/// One correction as the reports list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub at: String,
    pub operator: String,
    pub kind: String,
    pub key: String,
    pub field: &'static str,
    pub old: String,
    pub new: String,
    pub reason: String,
}

/// Every correction audited between two dates (inclusive), oldest first, one per field.
pub fn between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Correction>> {
    let (from, to) = bounds(Some(from), to.succ_opt());
    // The action written out, not bound: only then can SQLite use the partial index of the
    // corrections (migration 015) instead of reading the whole audit.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT at, operator, kind, key, before, after, reason FROM audit
         WHERE action = '{ACTION}' AND at >= ?1 AND at < ?2 ORDER BY id"
    ))?;
    let rows = stmt.query_map(rusqlite::params![from.to_string(), to.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, operator, kind, key, before, after, reason) = row?;
        let json = |t: Option<String>| {
            t.and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or(serde_json::Value::Null)
        };
        let (before, after) = (json(before), json(after));
        let mut changed = changed_json(&kind, &before, &after);
        if changed.is_empty() {
            // A correction of history that holds no recorded time (a past day's roster).
            changed = changed_fields(&before, &after);
        }
        for c in changed {
            out.push(Correction {
                at: at.clone(),
                operator: operator.clone(),
                kind: kind.clone(),
                key: key.clone(),
                field: c.field,
                old: c.old,
                new: c.new,
                reason: reason.clone().unwrap_or_default(),
            });
        }
    }
    Ok(out)
}

/// Every field that differs between two JSON forms of a record, by its Chinese name.
fn changed_fields(before: &serde_json::Value, after: &serde_json::Value) -> Vec<Changed> {
    if before.is_null() {
        // A record added to history (a team put on a past day): one line, not one per field.
        return vec![Changed {
            field: "整条记录",
            old: String::new(),
            new: "补登".into(),
        }];
    }
    let empty = serde_json::Map::new();
    let (b, a) = (
        before.as_object().unwrap_or(&empty),
        after.as_object().unwrap_or(&empty),
    );
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| Changed {
            field: super::digest::label(k),
            old: text(b.get(k)),
            new: text(a.get(k)),
        })
        .collect()
}

/// Whether the record `key` of `kind` was ever corrected.
pub fn corrected(conn: &Connection, kind: &str, key: &str) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "SELECT 1 FROM audit WHERE kind = ?1 AND key = ?2 AND action = ?3 LIMIT 1",
    )?;
    Ok(stmt.exists(rusqlite::params![kind, key, ACTION])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_step_done_is_not_a_correction_and_a_changed_time_is() {
        let before = json!({"received_at": "2026-11-02T14:00:00", "verified_at": null});
        let step =
            json!({"received_at": "2026-11-02T14:00:00", "verified_at": "2026-11-03T09:00:00"});
        assert_eq!(changed_json("complaints", &before, &step), vec![]);
        let moved =
            json!({"received_at": "2026-11-02T15:00:00", "verified_at": "2026-11-03T09:00:00"});
        let c = changed_json("complaints", &step, &moved);
        assert_eq!(
            c,
            vec![Changed {
                field: "受理时间",
                old: "2026-11-02 14:00".into(),
                new: "2026-11-02 15:00".into()
            }]
        );
        let erased = json!({"received_at": "2026-11-02T14:00:00", "verified_at": null});
        assert_eq!(
            changed_json("complaints", &step, &erased)[0].field,
            "核查时间"
        );
    }

    #[test]
    fn a_deadline_moved_by_an_extension_is_the_extension_s_own() {
        let pending = json!({"deadline": "2026-11-20", "state": "待复查", "extension_reason": ""});
        let extended =
            json!({"deadline": "2026-12-05", "state": "已延期", "extension_reason": "设备未到"});
        assert_eq!(changed_json("notices", &pending, &extended), vec![]);
        let quietly = json!({"deadline": "2026-12-05", "state": "待复查", "extension_reason": ""});
        assert_eq!(
            changed_json("notices", &pending, &quietly)[0].field,
            "整改期限"
        );
    }
}
