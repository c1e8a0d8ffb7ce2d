//! Commands for verify, backup and restore: the commands that check or replace the whole file.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use zhifa_desk::error::{Error, Result};
use zhifa_desk::exchange::handoff;
use zhifa_desk::store::{Actor, Store, backup};

use super::db_path;

pub(super) fn verify(store: &Store, against: &[PathBuf]) -> Result<()> {
    let v = zhifa_desk::store::verify::check(store.conn())?;
    println!("数据库：{}", zhifa_desk::text::printable(store.path()));
    let mut problems = v.problems();
    for dir in against {
        let a = handoff::anchor(dir)?;
        match zhifa_desk::store::chain::holds(store.conn(), a.rows, &a.head)? {
            Some(why) => {
                problems.push(format!("对照移交包 {}：{why}", zhifa_desk::text::path(dir)))
            }
            None => println!(
                "对照移交包 {}：审计链仍经过移交时的第 {} 条记录（链头一致）",
                zhifa_desk::text::path(dir),
                a.rows
            ),
        }
    }
    let (evidence_note, changed) = evidence(store)?;
    problems.extend(changed);
    if !problems.is_empty() {
        for p in problems.iter().chain(&evidence_note) {
            println!("{p}");
        }
        return Err(Error::invalid(format!(
            "检查未通过：{}",
            problems[0].trim_start()
        )));
    }
    println!("SQLite 完整性检查：通过");
    if let Some(c) = v.chain {
        println!("审计链：{} 条记录，完整；链头 {}", c.rows, c.head);
    }
    println!(
        "记录核对：{} 条记录均与审计记录一致，期限等推算字段无误",
        v.records.records
    );
    for line in evidence_note {
        println!("{line}");
    }
    Ok(())
}

/// The evidence files held against the register: what to say of those intact or out of
/// reach, and a problem for each one changed since it was registered.
fn evidence(store: &Store) -> Result<(Vec<String>, Vec<String>)> {
    use zhifa_desk::domain::evidence::FileState;
    let checked = zhifa_desk::store::evidence::check_files(store.conn())?;
    if checked.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let (mut note, mut changed, mut missing) = (Vec::new(), Vec::new(), Vec::new());
    let mut intact = 0;
    for (e, state) in &checked {
        let path = zhifa_desk::text::printable(&e.path).into_owned();
        match state {
            FileState::Intact => intact += 1,
            FileState::Missing(_) => missing.push(format!("  {} {path}", e.id)),
            FileState::Changed { size, .. } => changed.push(format!(
                "证据 {}（{} {}）的文件已被改动：{path}（登记时 {} 字节，现在 {size} 字节，SHA-256 不符）",
                e.id, e.link_kind, e.link, e.size
            )),
        }
    }
    note.push(format!(
        "证据文件：{} 个，{intact} 个与登记时一致{}",
        checked.len(),
        if missing.is_empty() {
            String::new()
        } else {
            format!(
                "，{} 个找不到（移动硬盘未接入或已被移走，未能核对）：",
                missing.len()
            )
        }
    ));
    note.extend(missing);
    Ok((note, changed))
}

pub(super) fn backup(store: &Store, now: NaiveDateTime, to: Option<PathBuf>) -> Result<()> {
    let dest = match to {
        Some(p) => p,
        None => {
            let db = Path::new(store.path());
            let stem = db.file_stem().unwrap_or_default().to_string_lossy();
            backup::dir_for(db).join(format!("{stem}-{}.sqlite", now.format("%Y-%m-%dT%H%M%S")))
        }
    };
    let bar = crate::bar::Bar::count(0, "页", "备份");
    let pages = |done, total| bar.update(done, total);
    let copied = backup::copy_to_ticking(store.conn(), &dest, zhifa_desk::progress::Tick(&pages));
    bar.done();
    copied?;
    println!("已备份到 {}", zhifa_desk::text::path(&dest));
    Ok(())
}

pub(super) fn restore(db: Option<PathBuf>, actor: &Actor, file: &Path) -> Result<()> {
    let db = db_path(db)?;
    // The backup is checked whole before anything is copied: that has nothing to count.
    let checking = crate::bar::Bar::waiting("正在检查备份文件（完整性、审计链、逐条核对记录）");
    let bar = crate::bar::Bar::count(0, "页", "恢复：复制");
    let pages = |done, total| {
        checking.done();
        bar.update(done, total);
    };
    let aside = backup::restore(&db, file, actor, Some(zhifa_desk::progress::Tick(&pages)));
    checking.done();
    bar.done();
    let aside = aside?;
    println!(
        "已从 {} 恢复到 {}",
        zhifa_desk::text::path(file),
        zhifa_desk::text::path(&db)
    );
    if let Some(a) = aside {
        println!("原数据库另存为 {}", zhifa_desk::text::path(&a));
    }
    Ok(())
}
