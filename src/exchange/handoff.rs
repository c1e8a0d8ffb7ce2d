//! The month's handoff to the city: ledgers, patrol log and bulletin as CSV (for machines) and
//! one workbook (for the clerk), named for the team and month, with a manifest of rows and
//! SHA-256 that `verify-handoff` checks file by file.

use std::path::{Path, PathBuf};

use super::sheet::Sheet;
use super::value::Ty;
use super::{Env, ExportQuery, KindName};
use crate::error::{Error, Result};
use crate::report::bulletin;
use crate::report::figures::report;
use crate::report::period::Period;
use crate::store::chain::sha256_hex;

pub const MANIFEST: &str = "manifest.csv";
pub(super) const MANIFEST_HEADERS: [&str; 3] = ["文件", "行数", "SHA-256"];
/// The manifest row that anchors the audit chain: its count of rows and its head hash when
/// the bundle was made. Once the city holds the bundle, the township's chain must still pass
/// through that head at that position (`verify --against`).
pub const ANCHOR: &str = "（审计链：条数与链头）";
/// The manifest row naming whose bundle this is and for which month.
pub const TEAM: &str = "（执法队与月份）";
/// The manifest row with the township's code (统计用区划代码), which the county keys it by.
pub const CODE: &str = "（乡镇代码）";
/// A manifest row for each earlier handoff: its chain position and the hash the chain holds
/// there now. The county checks that the last bundle it holds is among them: history between
/// two bundles was extended, not rewritten.
pub const PRIOR: &str = "（既往移交链头）";
pub use super::manifest::{anchor_now, manifest_rows_of, write_manifest};
use super::manifest::{files_under, inside};
pub use crate::store::traces::EXPORTED;

/// Where the audit chain stood when a bundle was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub rows: i64,
    pub head: String,
}

/// One file of the bundle as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub file: String,
    pub rows: usize,
    pub sha256: String,
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    crate::files::write_whole(&dir.join(name), bytes)
}

/// Writes the bundle of `month` into `dir`; personal data masked unless `include_personal`.
/// A database that fails `verify` is refused: the city must not receive a forged ledger.
pub fn write(
    env: &Env,
    month: &Period,
    include_personal: bool,
    dir: &Path,
) -> Result<(Vec<Entry>, Anchor)> {
    let checked = crate::store::verify::check(env.conn)?;
    if let Some(p) = checked.problem() {
        return Err(Error::invalid(format!(
            "数据库未通过检查，不能导出移交包（请先运行 zhifa-desk verify 查看）：{p}"
        )));
    }
    write_checked(env, month, include_personal, dir)
}

/// As `write`, for a caller that has just checked the database itself (gen-demo writes a
/// township's months one after another).
pub fn write_checked(
    env: &Env,
    month: &Period,
    include_personal: bool,
    dir: &Path,
) -> Result<(Vec<Entry>, Anchor)> {
    let anchor = anchor_now(env.conn)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let q = ExportQuery {
        from: Some(month.from),
        to: Some(month.to),
        include_personal,
    };
    let team = env.settings.team_name().to_string();
    let prefix = format!("{team}-{}", month_label(month));
    let r = report(env.conn, month, env.now)?;
    let before = Period::month_of(month.from.pred_opt().unwrap_or(month.from));
    let before = report(env.conn, &before, env.now)?;
    let ledgers = [KindName::Complaints, KindName::Notices, KindName::Patrols]
        .into_iter()
        .map(|kind| kind.export(env, &q))
        .collect::<Result<Vec<Sheet>>>()?;
    let mut entries = Vec::new();
    let add = |entries: &mut Vec<Entry>, name: String, bytes: &[u8], rows: usize| {
        write_file(dir, &name, bytes)?;
        entries.push(Entry {
            sha256: sha256_hex(bytes),
            file: name,
            rows,
        });
        Ok::<_, Error>(())
    };
    for s in std::iter::once(&bulletin_sheet(&r)).chain(&ledgers) {
        let name = format!("{prefix}-{}.csv", s.name);
        add(&mut entries, name, &s.to_csv(), s.rows.len())?;
    }
    let ledger_rows = ledgers.iter().map(|s| s.rows.len()).sum();
    let csv_files = entries.clone();
    let parts = super::handoff_book::Parts {
        month,
        this: &r,
        before: &before,
        ledgers,
        files: &csv_files,
        anchor: &anchor,
        include_personal,
    };
    let mut sheets = super::handoff_book::sheets(env, parts)?;
    let made = format!("制表时间：{}", crate::written::fmt_datetime(env.now));
    for s in &mut sheets {
        s.title = vec![
            format!("{team}　{}　{}", month_label(month), s.name),
            made.clone(),
        ];
    }
    add(
        &mut entries,
        format!("{prefix}-移交.xlsx"),
        &super::book_write::workbook(&sheets)?,
        ledger_rows,
    )?;
    let mut manifest = manifest_rows_of(&entries, &anchor);
    manifest.push(vec![
        TEAM.to_string(),
        team,
        month.from.format("%Y-%m").to_string(),
    ]);
    let code = env.settings.township_code.clone();
    manifest.push(vec![CODE.to_string(), code, String::new()]);
    for (rows, hash) in prior_anchors(env.conn)? {
        manifest.push(vec![PRIOR.to_string(), rows.to_string(), hash]);
    }
    write_manifest(dir, &manifest)?;
    Ok((entries, anchor))
}

fn manifest_rows(dir: &Path) -> Result<Vec<csv::StringRecord>> {
    let manifest_path = dir.join(MANIFEST);
    let bytes = std::fs::read(&manifest_path).map_err(|e| Error::io(&manifest_path, e))?;
    csv_rows(&bytes)
        .ok_or_else(|| Error::invalid(format!("{} 不是可读的清单文件", manifest_path.display())))
}

/// The chain anchor a bundle's manifest records.
pub fn anchor(dir: &Path) -> Result<Anchor> {
    let row = manifest_rows(dir)?
        .into_iter()
        .find(|r| r.get(0) == Some(ANCHOR))
        .ok_or_else(|| {
            Error::invalid(format!(
                "{} 的清单中没有审计链头（由旧版本导出），无法用来核对",
                dir.display()
            ))
        })?;
    let rows = row.get(1).and_then(|n| n.parse().ok());
    let head = row.get(2).unwrap_or("").to_string();
    match rows {
        Some(rows) if head.len() == 64 || rows == 0 => Ok(Anchor { rows, head }),
        _ => Err(Error::invalid(format!(
            "{} 的清单中审计链头一行无法读取",
            dir.display()
        ))),
    }
}

fn csv_rows(bytes: &[u8]) -> Option<Vec<csv::StringRecord>> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).ok()?;
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .collect::<std::result::Result<_, _>>()
        .ok()
}

/// Checks every file in `dir` against the manifest; returns what differs (empty when whole).
pub fn verify(dir: &Path) -> Result<Vec<String>> {
    let listed = manifest_rows(dir)?;
    let mut problems = Vec::new();
    let mut names = vec![MANIFEST.to_string()];
    // Rows in （…） are about the bundle, not files.
    for rec in listed
        .iter()
        .filter(|r| !r.get(0).is_some_and(|f| f.starts_with('（')))
    {
        let (file, rows, sha) = (
            rec.get(0).unwrap_or(""),
            rec.get(1).unwrap_or(""),
            rec.get(2).unwrap_or(""),
        );
        names.push(file.to_string());
        let path: PathBuf = dir.join(file);
        if !inside(file) {
            problems.push(format!("{file}：清单中的文件名只能是本文件夹里的相对路径"));
            continue;
        }
        let Ok(content) = std::fs::read(&path) else {
            problems.push(format!("{file}：清单中有，文件夹里没有"));
            continue;
        };
        let actual = sha256_hex(&content);
        if actual != sha {
            problems.push(format!(
                "{file}：内容与清单不符（SHA-256 应为 {sha}，实为 {actual}）"
            ));
        }
        // A workbook is checked by its hash; its rows are the CSV files' rows.
        if !file.ends_with(".csv") {
            continue;
        }
        let found = csv_rows(&content).map(|r| r.len());
        if found.map(|n| n.to_string()).as_deref() != Some(rows) {
            let found = found.map_or_else(|| "无法读取".to_string(), |n| n.to_string());
            problems.push(format!("{file}：清单记 {rows} 行，文件有 {found} 行"));
        }
    }
    let mut extra: Vec<String> = files_under(dir, "")?
        .into_iter()
        .filter(|n| !names.contains(n))
        .collect();
    extra.sort();
    for n in extra {
        problems.push(format!("{n}：不在清单中"));
    }
    // Files that match a manifest anyone can recompute prove nothing about the figures: 通报
    // is recounted from the ledgers beside it.
    let listed: Vec<&str> = names.iter().map(String::as_str).collect();
    if problems.is_empty()
        && let Some(files) = super::recount::Files::among(&listed)
    {
        for p in super::recount::check(dir, &files)? {
            problems.push(format!("{}：{p}", files.bulletin));
        }
    }
    Ok(problems)
}

/// 2026年11月, as the files and titles name the month.
fn month_label(month: &Period) -> String {
    month.from.format("%Y年%m月").to_string()
}

/// The 通报 sheet: counts and rates as numbers, the target and the verdict in their own columns.
fn bulletin_sheet(r: &crate::report::figures::Report) -> Sheet {
    let types = [
        Ty::Text,
        Ty::Text,
        Ty::Number,
        Ty::Percent,
        Ty::Percent,
        Ty::Text,
        Ty::Text,
    ];
    Sheet {
        name: "通报".into(),
        title: Vec::new(),
        columns: bulletin::SHEET_HEADERS
            .iter()
            .zip(types)
            .map(|(h, t)| (h.to_string(), t))
            .collect(),
        rows: bulletin::entries(r).iter().map(|e| e.sheet_row()).collect(),
        heat: None,
    }
}

/// Where each earlier handoff left the chain, with the hash the chain holds there now.
fn prior_anchors(conn: &rusqlite::Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT CAST(json_extract(a.after, '$.条数') AS INTEGER) AS n,
                (SELECT b.hash FROM audit b
                 WHERE b.id = CAST(json_extract(a.after, '$.条数') AS INTEGER))
         FROM audit a WHERE a.action = ?1 AND n > 0 ORDER BY n",
    )?;
    let rows = stmt
        .query_map([EXPORTED], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(n, h)| Some((n, h?)))
        .collect())
}

/// What a bundle's manifest says about itself: whose, which month, where the chain stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub team: String,
    pub code: String,
    /// 2026-11.
    pub month: String,
    pub anchor: Anchor,
    pub prior: Vec<Anchor>,
}

/// Reads a bundle's identity from its manifest.
pub fn identity(dir: &Path) -> Result<Identity> {
    let rows = manifest_rows(dir)?;
    let cell = |r: &csv::StringRecord, i: usize| r.get(i).unwrap_or("").to_string();
    let find = |name: &str| rows.iter().find(|r| r.get(0) == Some(name));
    let team = find(TEAM).ok_or_else(|| {
        Error::invalid(format!(
            "{} 的清单中没有执法队与月份（由旧版本导出），请用新版本重新导出",
            dir.display()
        ))
    })?;
    let code = find(CODE).map(|r| cell(r, 1)).unwrap_or_default();
    let prior = rows
        .iter()
        .filter(|r| r.get(0) == Some(PRIOR))
        .filter_map(|r| {
            Some(Anchor {
                rows: r.get(1)?.parse().ok()?,
                head: cell(r, 2),
            })
        })
        .collect();
    Ok(Identity {
        team: cell(team, 1),
        code,
        month: cell(team, 2),
        anchor: anchor(dir)?,
        prior,
    })
}

/// The files a bundle's manifest lists, with their rows and hashes.
pub fn files(dir: &Path) -> Result<Vec<Entry>> {
    Ok(manifest_rows(dir)?
        .iter()
        .filter(|r| !r.get(0).is_some_and(|f| f.starts_with('（')))
        .map(|r| Entry {
            file: r.get(0).unwrap_or("").to_string(),
            rows: r.get(1).and_then(|n| n.parse().ok()).unwrap_or(0),
            sha256: r.get(2).unwrap_or("").to_string(),
        })
        .collect())
}
