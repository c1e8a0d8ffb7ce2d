//! `document`: prints a paper (执法文书) as .docx, or writes the templates out for a team to adapt.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use zhifa_desk::document::{self, Paper, Print};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::store::Actor;

use super::{db_path, open};

pub(super) fn document(
    db: Option<PathBuf>,
    now: NaiveDateTime,
    actor: &Actor,
    paper: &str,
    (key, out, include_personal): (Option<&str>, Option<&Path>, bool),
) -> Result<()> {
    if paper == "templates" {
        let dir = match out {
            Some(dir) => dir.to_path_buf(),
            None => document::dirs_beside(&db_path(db)?).1,
        };
        for (file, written) in document::write_templates(&dir)? {
            let what = if written {
                "已写出"
            } else {
                "已存在，未覆盖"
            };
            println!("{}  {what}", zhifa_desk::text::path(&dir.join(file)));
        }
        println!(
            "修改后放在数据库旁的 templates 文件夹中即生效；模板中 {{字段}} 写错会被拒绝并列出可用的字段。"
        );
        return Ok(());
    }
    let paper = Paper::parse(paper)?;
    let key = key.ok_or_else(|| Error::invalid(format!("请写明要打印{}的编号", paper.title())))?;
    let mut store = open(db, now)?;
    let p = Print {
        paper,
        key,
        out,
        include_personal,
    };
    let path = document::print(&mut store, actor, &p)?;
    println!("已写出{}：{}", paper.title(), zhifa_desk::text::path(&path));
    Ok(())
}
