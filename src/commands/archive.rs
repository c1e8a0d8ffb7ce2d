//! `archive YEAR --out DIR`: the year's ledgers, papers, evidence register, 案卷自查 and
//! report in one folder that `verify-handoff` checks, on record before it appears.

use zhifa_desk::archive::{self, Request};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::report::period::Period;
use zhifa_desk::store::{Actor, Store, desk};
use zhifa_desk::{files, text};

use crate::cli_files::ArchiveArgs;
use crate::print;

pub(super) fn run(store: &Store, actor: &Actor, a: ArchiveArgs) -> Result<()> {
    let year = Period::year(&a.year)?;
    let dir = a.out;
    let not_empty = std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some());
    if not_empty {
        return Err(Error::invalid(format!(
            "{} 不是空文件夹：归档须写到新的或空的文件夹，以免混入别的文件",
            text::path(&dir)
        )));
    }
    let r = zhifa_desk::report::figures::report(store.conn(), &year, actor.now)?;
    let report_text = print::report(&r).replace('\n', "\r\n");
    let (calendar, settings) = (store.calendar()?, store.settings()?);
    let env = super::ledgers::env(store, actor.now, &calendar, &settings);
    let db = std::path::PathBuf::from(store.path());
    let templates = files::templates_beside(&db);
    let req = Request {
        year: &year,
        include_personal: a.include_personal,
        report_text: &report_text,
        operator: &actor.operator,
        templates: Some(&templates),
    };
    let what = format!(
        "{} 年度归档{} → {}",
        year.label,
        if a.include_personal {
            "（含举报人）"
        } else {
            ""
        },
        text::audit_path(&dir)
    );
    let done = files::write_dir_recorded(
        &dir,
        |staging| archive::write(&env, &req, staging),
        |done| desk::archived(store, actor, &what, done.entries.len(), &done.anchor.head),
    )?;
    println!(
        "{} 年度归档已写入 {}：{} 个文件",
        year.label,
        text::path(&dir),
        done.entries.len()
    );
    for e in &done.entries {
        let rows = if e.file.ends_with(".csv") {
            format!("  {} 行", e.rows)
        } else {
            String::new()
        };
        println!("  {}{rows}", e.file);
    }
    for r in &done.remade {
        println!("  重新生成：{r}");
    }
    println!(
        "审计链锚点（已写入清单）：第 {} 条，链头 {}\n核对：zhifa-desk verify-handoff {}",
        done.anchor.rows,
        done.anchor.head,
        text::path(&dir)
    );
    Ok(())
}
