//! `county import`: a township's handoff bundle checked against its manifest, then loaded in
//! one transaction, keyed per township; the chain anchor is held against the bundles before
//! and after it.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{Connection, params, params_from_iter};

use super::County;
use crate::domain::{Complaint, Notice, Patrol};
use crate::error::{Error, Result};
use crate::exchange::Kind;
use crate::exchange::handoff::{self, Anchor, Identity};
use crate::exchange::read::Rows;
use crate::store::chain::sha256_hex;

/// What importing one bundle did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub dir: String,
    pub code: String,
    pub team: String,
    pub month: String,
    /// Ledger rows loaded (complaints, notices, patrols).
    pub rows: usize,
    /// The same bundle was imported before: nothing changed.
    pub unchanged: bool,
    /// The same bundle was imported before, but the county's rows of it had been changed
    /// since: they were put back as the bundle has them.
    pub restored: bool,
    /// A different bundle of the same township and month was replaced.
    pub replaced: bool,
}

impl std::fmt::Display for Imported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.unchanged {
            "与已导入的同一移交包相同，未改动".to_string()
        } else if self.restored {
            format!(
                "库中该月的数据与移交包不符（被直接改动），已按移交包重新导入 {} 行",
                self.rows
            )
        } else if self.replaced {
            format!("已替换该月原有的移交包，{} 行", self.rows)
        } else {
            format!("已导入 {} 行", self.rows)
        };
        write!(
            f,
            "{}：{}（{}）{} {what}",
            self.dir, self.team, self.code, self.month
        )
    }
}

/// Imports the bundles in `dirs`, each all or nothing: a bundle whose files do not match its
/// manifest is refused whole, naming the files, and the others still go in. They load in one
/// transaction (a savepoint each), so a large import commits and checkpoints once.
pub fn bundles(
    county: &mut County,
    dirs: &[PathBuf],
    now: NaiveDateTime,
    tick: Option<crate::progress::Tick>,
) -> Result<Vec<Result<Imported>>> {
    let mut tx = county
        .conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut out = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        if let Some(t) = tick {
            t.at(i as u64, dirs.len() as u64);
        }
        let sp = tx.savepoint()?;
        match bundle(&sp, dir, now) {
            Ok(done) => {
                sp.commit()?;
                out.push(Ok(done));
            }
            // Dropping the savepoint rolls the bundle back.
            Err(e) => out.push(Err(e)),
        }
    }
    tx.commit()?;
    Ok(out)
}

fn bundle(conn: &Connection, dir: &Path, now: NaiveDateTime) -> Result<Imported> {
    let shown = dir.display().to_string();
    let problems = handoff::verify(dir)?;
    if !problems.is_empty() {
        return Err(Error::invalid(format!(
            "移交包 {shown} 与其清单不符，已拒绝导入：\n  {}",
            problems.join("\n  ")
        )));
    }
    let id = handoff::identity(dir)?;
    if id.code.is_empty() {
        return Err(Error::invalid(format!(
            "移交包 {shown}（{}）没有乡镇代码：请该乡镇先运行 zhifa-desk settings code 统计用区划代码，再重新导出",
            id.team
        )));
    }
    let manifest = dir.join(handoff::MANIFEST);
    let bytes = std::fs::read(&manifest).map_err(|e| Error::io(&manifest, e))?;
    let sha = sha256_hex(&bytes);
    let mut done = Imported {
        dir: shown.clone(),
        code: id.code.clone(),
        team: id.team.clone(),
        month: id.month.clone(),
        rows: 0,
        unchanged: false,
        restored: false,
        replaced: false,
    };
    let (held, sealed): (Option<String>, String) = conn
        .query_row(
            "SELECT manifest_sha, content_sha FROM bundles WHERE code = ?1 AND month = ?2",
            [&id.code, &id.month],
            |r| Ok((Some(r.get(0)?), r.get(1)?)),
        )
        .unwrap_or_default();
    // The same bundle again: loaded again all the same, and compared by what it holds, so rows
    // edited in the county database since are put back (and said so).
    let same = held.as_deref() == Some(sha.as_str());
    let before = match same {
        true => Some(super::seal::content(conn, &id.code, &id.month)?),
        false => None,
    };
    done.replaced = held.is_some() && !same;
    let files = handoff::files(dir)?;
    conn.execute(
        "INSERT INTO townships (code, name) VALUES (?1, ?2)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name",
        [&id.code, &id.team],
    )?;
    for table in ["figures", "complaints", "notices", "patrols"] {
        let month_col = if table == "figures" {
            "month"
        } else {
            "月份"
        };
        let code_col = if table == "figures" {
            "code"
        } else {
            "乡镇代码"
        };
        conn.execute(
            &format!("DELETE FROM {table} WHERE {code_col} = ?1 AND {month_col} = ?2"),
            [&id.code, &id.month],
        )?;
    }
    for e in &files {
        let path = dir.join(&e.file);
        let at = (id.code.as_str(), id.month.as_str());
        done.rows += match e.file.rsplit('-').next().unwrap_or("") {
            "投诉台账.csv" => ledger::<Complaint>(conn, &path, at)?,
            "整改通知台账.csv" => ledger::<Notice>(conn, &path, at)?,
            "巡查记录.csv" => ledger::<Patrol>(conn, &path, at)?,
            "通报.csv" => figures(conn, &path, at).map(|()| 0)?,
            _ => 0,
        };
    }
    let content = super::seal::content(conn, &id.code, &id.month)?;
    if let Some(before) = before {
        done.unchanged = before == content;
        done.restored = !done.unchanged;
        // (A bundle imported before the seal existed gets its seal now.)
        if done.unchanged && sealed == content {
            return Ok(done);
        }
    }
    let prior: Vec<(i64, &str)> = id.prior.iter().map(|a| (a.rows, a.head.as_str())).collect();
    conn.execute(
        "INSERT OR REPLACE INTO bundles (code, month, team, chain_rows, chain_head, prior,
           manifest_sha, source, imported_at, content_sha)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id.code,
            id.month,
            id.team,
            id.anchor.rows,
            id.anchor.head,
            serde_json::to_string(&prior).expect("anchors serialize"),
            sha,
            shown,
            crate::written::fmt_datetime(now),
            content,
        ],
    )?;
    Ok(done)
}

/// Loads one ledger file of a bundle; returns its rows.
fn ledger<K: Kind>(conn: &Connection, path: &Path, (code, month): (&str, &str)) -> Result<usize> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let refuse = |p: crate::error::Problem| Error::import(vec![p], 1);
    let mut rows = Rows::open(&name, file).map_err(refuse)?;
    let table = rows.table();
    let known: Vec<&str> = K::COLS.iter().chain(K::COMPUTED).map(|c| c.name).collect();
    if let Some(h) = table.headers.iter().find(|h| !known.contains(&h.as_str())) {
        return Err(Error::invalid(format!(
            "{name}：不认识的列「{h}」，这不是本程序导出的{}",
            K::SHEET
        )));
    }
    let cols: Vec<String> = table.headers.iter().map(|h| format!("\"{h}\"")).collect();
    let marks: Vec<String> = (1..=cols.len() + 2).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT OR REPLACE INTO {} (乡镇代码, 月份, {}) VALUES ({})",
        K::NAME,
        cols.join(", "),
        marks.join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut n = 0;
    while let Some(row) = rows.data_row().map_err(refuse)? {
        let cells = (0..cols.len()).map(|i| {
            row.cells
                .get(i)
                .map_or_else(String::new, |v| v.shown().into_owned())
        });
        let values: Vec<String> = [code.to_string(), month.to_string()]
            .into_iter()
            .chain(cells)
            .collect();
        stmt.execute(params_from_iter(values))?;
        n += 1;
    }
    Ok(n)
}

/// The month's figures from the bundle's 通报 file.
fn figures(conn: &Connection, path: &Path, (code, month): (&str, &str)) -> Result<()> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let refuse = |p: crate::error::Problem| Error::import(vec![p], 1);
    let mut rows = Rows::open(&name, file).map_err(refuse)?;
    let headers = rows.table().headers;
    let at = |h: &str| headers.iter().position(|x| x == h);
    let (Some(sec), Some(item), Some(count), Some(target)) =
        (at("部分"), at("指标"), at("数量"), at("目标"))
    else {
        return Err(Error::invalid(format!(
            "{name}：不是本程序导出的通报（缺少列）"
        )));
    };
    let mut f = Figures::default();
    while let Some(row) = rows.data_row().map_err(refuse)? {
        let cell = |i: usize| {
            row.cells
                .get(i)
                .map(|v| v.shown().into_owned())
                .unwrap_or_default()
        };
        let n = || cell(count).parse::<i64>().unwrap_or(0);
        match (cell(sec).as_str(), cell(item).as_str()) {
            ("投诉", "受理") => f.received = n(),
            ("投诉", "计入按时率") => f.measured = n(),
            ("投诉", "按时办理") => f.on_time = n(),
            ("投诉", "超时申诉获批（仍计超期）") => f.appealed = n(),
            ("投诉", "按时办理率") => f.target = cell(target).parse().unwrap_or(0.9),
            ("整改通知", "下达") => f.issued = n(),
            ("整改通知", "已销号") => f.closed = n(),
            ("巡查", "应巡次数") => f.required = n(),
            ("巡查", "已巡次数") => f.covered = n(),
            ("执法证", _) => f.certs += 1,
            ("回访", "回访（联系上）") => f.answered = Some(n()),
            ("回访", "满意") | ("回访", "基本满意") => {
                f.satisfied = Some(f.satisfied.unwrap_or(0) + n())
            }
            ("回访", "重新办理") => f.reopened = Some(n()),
            ("案卷自查", "已办结案卷") => f.reviewed = Some(n()),
            ("案卷自查", "合格") => f.passed = Some(n()),
            _ => {}
        }
    }
    conn.execute(
        "INSERT OR REPLACE INTO figures (code, month, received, measured, on_time, target,
           issued, closed, required, covered, certs, appealed,
           answered, satisfied, reopened, reviewed, passed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            code,
            month,
            f.received,
            f.measured,
            f.on_time,
            f.target,
            f.issued,
            f.closed,
            f.required,
            f.covered,
            f.certs,
            f.appealed,
            f.answered,
            f.satisfied,
            f.reopened,
            f.reviewed,
            f.passed
        ],
    )?;
    Ok(())
}

#[derive(Debug, Default)]
struct Figures {
    received: i64,
    measured: i64,
    on_time: i64,
    target: f64,
    issued: i64,
    closed: i64,
    required: i64,
    covered: i64,
    certs: i64,
    appealed: i64,
    /// None for a bundle from before call-backs and 案卷自查 (no such line in its 通报).
    answered: Option<i64>,
    satisfied: Option<i64>,
    reopened: Option<i64>,
    reviewed: Option<i64>,
    passed: Option<i64>,
}

/// Whether `later` extends `earlier`: the same chain, grown, with `earlier`'s head still at
/// its position (as the later manifest attests).
pub fn extends(earlier: &Anchor, later: &Identity) -> bool {
    let a = &later.anchor;
    if a.rows == earlier.rows {
        return a.head == earlier.head;
    }
    a.rows > earlier.rows && later.prior.iter().any(|p| p == earlier)
}

/// Every township's bundles whose chain does not extend the bundle of the month before
/// (held in the county database): "卧牛河镇…（150783101）2026-11 → 2026-12：…".
pub fn broken_histories(county: &County) -> Result<Vec<String>> {
    let mut stmt = county.conn.prepare(
        "SELECT code, team, month, chain_rows, chain_head, prior FROM bundles ORDER BY code, month",
    )?;
    let rows: Vec<(String, String, String, i64, String, String)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for pair in rows.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.0 != b.0 {
            continue;
        }
        let prior: Vec<(i64, String)> = serde_json::from_str(&b.5).unwrap_or_default();
        let later = Identity {
            team: b.1.clone(),
            code: b.0.clone(),
            month: b.2.clone(),
            anchor: Anchor {
                rows: b.3,
                head: b.4.clone(),
            },
            prior: prior
                .into_iter()
                .map(|(rows, head)| Anchor { rows, head })
                .collect(),
        };
        let earlier = Anchor {
            rows: a.3,
            head: a.4.clone(),
        };
        if !extends(&earlier, &later) {
            out.push(format!(
                "{}（{}）{} → {}：{} 的审计链没有接上 {} 移交时的链头（第 {} 条），两次移交之间的历史记录可能被改写",
                b.1, b.0, a.2, b.2, b.2, a.2, a.3
            ));
        }
    }
    Ok(out)
}
