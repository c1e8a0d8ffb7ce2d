//! `county export --out DIR`: the county's merged figures and ledgers laid out for an analytic
//! engine to read as they are (DuckDB, Spark, Trino, ClickHouse): Hive partition folders
//! `TABLE/county=…/month=…/town=…/data.csv`, the partition keys not repeated as columns (an
//! engine would let the folder's value silently replace the file's), plain `.csv` names without
//! BOM or spreadsheet guards, figures as bare numbers, and one `manifest.csv` of every file's
//! rows and SHA-256.

use std::path::Path;

use rusqlite::types::ValueRef;

use super::County;
use crate::domain::{Complaint, Notice, Patrol};
use crate::error::{Error, Result};
use crate::exchange::Kind;
use crate::store::chain::sha256_hex;

/// One file written, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub file: String,
    pub rows: usize,
    pub sha256: String,
}

pub const MANIFEST: &str = "manifest.csv";

/// The county's code: the first six digits of a township's 统计用区划代码.
pub fn county_of(town: &str) -> &str {
    town.get(..6).unwrap_or(town)
}

/// Writes every bundle the county holds into `dir` (new or empty).
pub fn write(county: &County, dir: &Path) -> Result<Vec<Written>> {
    if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(Error::invalid(format!(
            "{} 不是空文件夹：导出须写到新的或空的文件夹",
            dir.display()
        )));
    }
    let conn = county.conn();
    let held: Vec<(String, String)> = conn
        .prepare("SELECT code, month FROM bundles ORDER BY code, month")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let tables = [
        ("figures", "code", "month"),
        (Complaint::NAME, "乡镇代码", "月份"),
        (Notice::NAME, "乡镇代码", "月份"),
        (Patrol::NAME, "乡镇代码", "月份"),
    ];
    let mut out = Vec::new();
    for (table, town_col, month_col) in tables {
        for (town, month) in &held {
            let file = format!(
                "{table}/county={}/month={month}/town={town}/data.csv",
                county_of(town)
            );
            let sql =
                format!("SELECT * FROM {table} WHERE \"{town_col}\" = ?1 AND \"{month_col}\" = ?2");
            let (bytes, rows) = csv_of(conn, &sql, (town, month), [town_col, month_col])?;
            let path = dir.join(&file);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            crate::files::write_whole(&path, &bytes)?;
            out.push(Written {
                sha256: sha256_hex(&bytes),
                file,
                rows,
            });
        }
    }
    let mut manifest = csv::Writer::from_writer(Vec::new());
    let row = |m: &mut csv::Writer<Vec<u8>>, cells: [&str; 3]| {
        m.write_record(cells)
            .map_err(|e| Error::invalid(e.to_string()))
    };
    row(&mut manifest, ["file", "rows", "sha256"])?;
    for w in &out {
        row(&mut manifest, [&w.file, &w.rows.to_string(), &w.sha256])?;
    }
    let bytes = manifest
        .into_inner()
        .map_err(|e| Error::invalid(e.to_string()))?;
    crate::files::write_whole(&dir.join(MANIFEST), &bytes)?;
    Ok(out)
}

/// The rows of `sql` as plain CSV, leaving out the partition columns `keys`; numbers as
/// numbers, NULL as an empty cell.
fn csv_of(
    conn: &rusqlite::Connection,
    sql: &str,
    (town, month): (&str, &str),
    keys: [&str; 2],
) -> Result<(Vec<u8>, usize)> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let kept: Vec<usize> = (0..names.len())
        .filter(|&i| !keys.contains(&names[i].as_str()))
        .collect();
    let fail = |e: csv::Error| Error::invalid(e.to_string());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(kept.iter().map(|&i| names[i].as_str()))
        .map_err(fail)?;
    let mut rows = stmt.query([town, month])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let mut cells = Vec::with_capacity(kept.len());
        for &i in &kept {
            cells.push(match r.get_ref(i)? {
                ValueRef::Null => String::new(),
                ValueRef::Integer(v) => v.to_string(),
                ValueRef::Real(v) => v.to_string(),
                ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
            });
        }
        w.write_record(&cells).map_err(fail)?;
        n += 1;
    }
    Ok((
        w.into_inner().map_err(|e| Error::invalid(e.to_string()))?,
        n,
    ))
}
