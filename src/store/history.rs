//! The audit's meaning, record by record: each record's rows walked in order, so a row that
//! is well chained but says something the program never writes is named. A recorded time may
//! change only in a 更正 with its reason; a row's "before" is the previous row's "after"; and
//! each kind has only the actions the program gives it.

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde_json::Value;

use super::chain::hex;
use super::correction::{ACTION as CORRECTION, TIMES};
use super::digest::{Digest, LEDGERS, Ledger, column_hash};
use super::holdings::Findings;
use crate::error::Result;

/// Actions every ledger's rows may carry.
const COMMON: &[&str] = &["新增", "修改", CORRECTION, "作废", "校验基线"];

/// The actions the program writes for one kind beyond the common ones.
fn actions_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "complaints" => &[
            "分派",
            "核查",
            "处置",
            "反馈",
            "结案",
            "移送",
            "延期",
            "中止",
            "恢复计时",
            "超时申诉",
            "申诉审批",
            "查看举报人",
            "回访",
        ],
        "notices" => &["待复查", "送达", "复查"],
        "duty_log" => &["签到", "交接班", "接班确认"],
        "draws" => &["抽取", "重新抽取"],
        _ => &[],
    }
}

/// A step that moves a recorded time as its purpose: a re-inspection that extends a notice
/// sets its new deadline.
fn moves_time(kind: &str, action: &str, column: &str) -> bool {
    kind == "notices" && action == "复查" && column == "deadline"
}

/// Columns that only their own steps write: a stop, an appeal or an extension changed by any
/// other action (an edit, an import) is named.
const OWNED: &[(&str, &str, &[&str])] = &[
    ("complaints", "stops", &["中止", "恢复计时"]),
    ("complaints", "appeal", &["超时申诉", "申诉审批"]),
    ("complaints", "extensions", &["延期"]),
    ("complaints", "callbacks", &["回访"]),
];

/// One recorded-time column of a ledger: its place in the digest, its name and header, and
/// the hashes it has while nothing is recorded (NULL or empty text).
struct Time {
    at: usize,
    column: &'static str,
    header: &'static str,
    unset: [String; 2],
}

fn times(names: &[&str], l: &Ledger) -> Vec<Time> {
    let unset = |column: &str, v: ValueRef| hex(&column_hash(column, None, v)[..8]);
    TIMES
        .iter()
        .filter(|(k, _, _)| *k == l.kind)
        .filter_map(|(_, column, header)| {
            let at = names.iter().position(|n| n == column)?;
            Some(Time {
                at,
                column,
                header,
                unset: [
                    unset(column, ValueRef::Null),
                    unset(column, ValueRef::Text(b"")),
                ],
            })
        })
        .collect()
}

/// What the walk remembers of the record's previous row.
#[derive(Default)]
struct Prev {
    key: String,
    digest: Option<String>,
    /// The record as the last row with content left it; None where the next row's "before"
    /// cannot be held against it (after a void, whose "after" is only the reason).
    after: Option<String>,
}

pub fn check(conn: &Connection, out: &mut Findings) -> Result<()> {
    for l in LEDGERS {
        check_ledger(conn, l, out)?;
    }
    Ok(())
}

fn check_ledger(conn: &Connection, l: &Ledger, out: &mut Findings) -> Result<()> {
    // The digest's columns, as the ledger reads them: where each time and owned column is.
    let columns = conn.prepare(&l.select_all(conn)?)?;
    let names: Vec<&str> = columns.column_names().skip(1).collect();
    let times = times(&names, l);
    let owned: Vec<(usize, &str, &[&str])> = OWNED
        .iter()
        .filter(|(k, _, _)| *k == l.kind)
        .filter_map(|(_, col, by)| Some((names.iter().position(|n| n == col)?, *col, *by)))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT key, id, action, reason, digest, before, after FROM audit
         WHERE kind = ?1 ORDER BY key, id",
    )?;
    let mut rows = stmt.query([l.kind])?;
    let mut prev = Prev::default();
    while let Some(r) = rows.next()? {
        let (key, id, action): (String, i64, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let reason: Option<String> = r.get(3)?;
        let digest: Option<String> = r.get(4)?;
        let (before, after): (Option<String>, Option<String>) = (r.get(5)?, r.get(6)?);
        if prev.key != key {
            prev = Prev {
                key: key.clone(),
                ..Prev::default()
            };
        }
        let mut say = |what: String| out.push(l.noun, &key, format!("第 {id} 条审计记录{what}"));
        if !COMMON.contains(&action.as_str()) && !actions_of(l.kind).contains(&action.as_str()) {
            say(format!(
                "的操作「{action}」不是本程序对{}所做的操作",
                l.noun
            ));
        }
        let corrected =
            action == CORRECTION && reason.as_deref().is_some_and(|r| !r.trim().is_empty());
        // Held column by column against the previous row (a digest of an earlier version,
        // with fewer columns, is not).
        if let (Some(was), Some(now)) = (
            prev.digest.as_deref().and_then(Digest::parse),
            digest.as_deref().and_then(Digest::parse),
        ) && was.cols.len() == now.cols.len()
        {
            for t in times.iter().filter(|_| !corrected) {
                let (old, new) = (was.cols[t.at], now.cols[t.at]);
                if old != new
                    && !t.unset.iter().any(|u| u == old)
                    && !moves_time(l.kind, &action, t.column)
                {
                    say(format!(
                        "（{action}）改动了已登记的{}，却不是写明原因的更正",
                        t.header
                    ));
                }
            }
            for (at, column, by) in &owned {
                if was.cols[*at] != now.cols[*at] && !by.contains(&action.as_str()) {
                    say(format!(
                        "（{action}）改动了{}，只有「{}」会改动它",
                        super::digest::label(column),
                        by.join("」「")
                    ));
                }
            }
        }
        if let (Some(was), Some(before)) = (prev.after.as_deref(), before.as_deref())
            && !same_json(was, before)
        {
            say("的“改前”与这条记录上一条审计记录的“改后”不一致".into());
        }
        if digest.is_some() {
            prev.digest = digest;
        }
        if after.is_some() {
            prev.after = if action == "作废"
                && before.is_some()
                && after.as_deref().is_some_and(is_void_note)
            {
                None
            } else {
                after
            };
        }
    }
    Ok(())
}

/// Two JSON texts of one record that agree on every field both have (in any order): a field
/// added by a later version is in one only.
fn same_json(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (
        serde_json::from_str::<Value>(a),
        serde_json::from_str::<Value>(b),
    ) {
        (Ok(Value::Object(a)), Ok(Value::Object(b))) => {
            a.iter().all(|(k, v)| b.get(k).is_none_or(|w| w == v))
        }
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The "after" of a void that records only its reason (`record::void`).
fn is_void_note(after: &str) -> bool {
    serde_json::from_str::<Value>(after)
        .ok()
        .and_then(|v| {
            v.as_object()
                .map(|o| o.len() == 1 && o.contains_key("作废原因"))
        })
        .unwrap_or(false)
}
