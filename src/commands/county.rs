//! `county`: the county's database of every township's bundles, and its ranking report.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use zhifa_desk::county::report::{self, Span};
use zhifa_desk::county::{County, import};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::text;

use zhifa_desk::progress::Tick;

use crate::bar::Bar;
use crate::cli::CountyAction;
use crate::print;

pub(super) fn county(db: Option<PathBuf>, now: NaiveDateTime, action: CountyAction) -> Result<()> {
    let path = db.ok_or_else(|| {
        Error::invalid("县级汇总须用 --db 指定县里的汇总库文件（与乡镇值班台的数据库分开），如 --db 县汇总.sqlite")
    })?;
    let mut county = County::open(&path)?;
    match action {
        CountyAction::Import { dirs } => {
            let dirs = zhifa_desk::county::find::bundle_dirs(&dirs)?;
            let mut failed = 0;
            let bar = Bar::count(dirs.len() as u64, "个移交包", "导入移交包");
            let step = |done, total| bar.update(done, total);
            let imported = import::bundles(&mut county, &dirs, now, Some(Tick(&step)));
            bar.done();
            for done in imported? {
                match done {
                    Ok(done) => println!("{}", text::printable(&done.to_string())),
                    Err(e) => {
                        failed += 1;
                        eprintln!("{}", text::printable(&e.to_string()));
                    }
                }
            }
            for b in import::broken_histories(&county)? {
                eprintln!("注意：{}", text::printable(&b));
            }
            if failed > 0 {
                return Err(Error::invalid(format!(
                    "{failed} 个移交包未导入（见上），其余 {} 个已导入",
                    dirs.len() - failed
                )));
            }
            Ok(())
        }
        CountyAction::Export { out } => {
            let written = zhifa_desk::county::export::write(&county, &out)?;
            let rows: usize = written.iter().map(|w| w.rows).sum();
            println!(
                "已导出 {} 个文件、{rows} 行到 {}（按 county=/month=/town= 分区，清单 {}）",
                written.len(),
                zhifa_desk::text::path(&out),
                zhifa_desk::county::export::MANIFEST
            );
            Ok(())
        }
        CountyAction::Verify => {
            let problems = zhifa_desk::county::seal::verify(&county)?;
            println!("汇总库：{}", zhifa_desk::text::path(&path));
            if let Some(first) = problems.first() {
                for p in &problems {
                    println!("{}", text::printable(p));
                }
                return Err(Error::invalid(format!(
                    "检查未通过（{} 处）：{}",
                    problems.len(),
                    text::printable(first)
                )));
            }
            println!("完整性检查、各移交包的数据、各乡镇逐月的审计链：均无问题");
            Ok(())
        }
        CountyAction::Report {
            period,
            month,
            json,
            csv,
            xlsx,
        } => {
            let month = match month {
                Some(m) => m,
                None => report::latest_month(&county)?.ok_or_else(|| {
                    Error::invalid("汇总库中还没有移交包，请先用 county import 导入")
                })?,
            };
            let span = match period.as_str() {
                "month" => Span::month(&month)?,
                "quarter" => Span::quarter(&month)?,
                "year" => Span::year(&month)?,
                other => {
                    return Err(Error::invalid(format!(
                        "不认识的期间“{other}”，可用：month（月度）、quarter（季度）、year（年度）"
                    )));
                }
            };
            let r = report::report(&county, span)?;
            if let Some(file) = xlsx {
                let bytes = zhifa_desk::exchange::book_write::workbook(&print::county::sheets(&r))?;
                std::fs::write(&file, bytes).map_err(|e| Error::io(&file, e))?;
                eprintln!("已写出 {}", zhifa_desk::text::path(&file));
            }
            if json {
                let text = serde_json::to_string_pretty(&r).expect("a report serializes");
                println!("{}", text::json_safe(&text));
            } else if csv {
                print!("{}", print::county::csv(&r));
            } else {
                print!("{}", text::printable(&print::county::text(&r)));
            }
            Ok(())
        }
    }
}
