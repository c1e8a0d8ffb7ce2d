//! The year archived (资料归档, 000 六(三)): every ledger (CSV and one workbook), every paper
//! printed (re-made from the record where the file is gone or changed, and said so), the
//! evidence register with hashes, the 案卷自查 results, the year report and a cover sheet,
//! listed in a manifest with SHA-256 and the audit chain anchor that `verify-handoff` checks.

use std::path::Path;

mod sheets;

use crate::document::{self, Paper, fill};
use crate::error::{Error, Result};
use crate::exchange::handoff::{self, Anchor, Entry};
use crate::exchange::{Env, ExportQuery, KindName};
use crate::report::period::Period;
use crate::store::chain::sha256_hex;

/// What the archive is made of, beside the store.
pub struct Request<'a> {
    pub year: &'a Period,
    pub include_personal: bool,
    /// The year report as printed (the binary lays it out).
    pub report_text: &'a str,
    /// Who made it, for the cover sheet.
    pub operator: &'a str,
    /// The templates folder beside the database, for papers made again.
    pub templates: Option<&'a Path>,
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Archived {
    pub entries: Vec<Entry>,
    pub anchor: Anchor,
    /// Papers made again from the record, with why.
    pub remade: Vec<String>,
}

/// The manifest row that says this folder is a year's archive: the year.
pub const YEAR: &str = "（年度归档）";

/// Writes the archive of `req.year` into `dir` (a staging folder the caller moves into place
/// once the act is on record). A database that fails `verify` is refused.
pub fn write(env: &Env, req: &Request, dir: &Path) -> Result<Archived> {
    let checked = crate::store::verify::check(env.conn)?;
    if let Some(p) = checked.problem() {
        return Err(Error::invalid(format!(
            "数据库未通过检查，不能归档（请先运行 zhifa-desk verify 查看）：{p}"
        )));
    }
    let anchor = handoff::anchor_now(env.conn)?;
    let mut out = Out {
        dir,
        entries: Vec::new(),
    };
    let q = ExportQuery {
        from: Some(req.year.from),
        to: Some(req.year.to),
        include_personal: req.include_personal,
    };
    let team = env.settings.team_name().to_string();
    let mut sheets = Vec::new();
    for kind in KindName::ALL {
        let sheet = kind.export(env, &q)?;
        out.add(
            &format!("台账/{}.csv", sheet.name),
            &sheet.to_csv(),
            sheet.rows.len(),
        )?;
        sheets.push(sheet);
    }
    sheets.push(sheets::inspections(env.conn, req.year)?);
    sheets.push(sheets::publicity(env, req.year)?);
    sheets.push(sheets::evidence(env.conn, req.year)?);
    sheets.push(sheets::reviews(env, req.year)?);
    for s in &sheets[KindName::ALL.len()..] {
        out.add(&format!("{}.csv", s.name), &s.to_csv(), s.rows.len())?;
    }
    let rows = sheets.iter().map(|s| s.rows.len()).sum();
    for s in &mut sheets {
        s.title = vec![format!("{team}　{}　{}", req.year.label, s.name)];
    }
    let book = crate::exchange::book_write::workbook(&sheets)?;
    out.add(&format!("{team}-{}-归档.xlsx", req.year.label), &book, rows)?;
    let remade = papers(env, req, &mut out)?;
    out.add("年度统计.txt", req.report_text.as_bytes(), 0)?;
    let cover = cover(env, req, &out.entries, &anchor, &remade);
    out.add("封面.txt", cover.as_bytes(), 0)?;
    let mut manifest = handoff::manifest_rows_of(&out.entries, &anchor);
    manifest.push(vec![YEAR.to_string(), team, req.year.label.clone()]);
    let code = env.settings.township_code.clone();
    manifest.push(vec![handoff::CODE.to_string(), code, String::new()]);
    handoff::write_manifest(dir, &manifest)?;
    Ok(Archived {
        entries: out.entries,
        anchor,
        remade,
    })
}

struct Out<'a> {
    dir: &'a Path,
    entries: Vec<Entry>,
}

impl Out<'_> {
    /// Writes `bytes` at `name` (folders by `/`) and lists it.
    fn add(&mut self, name: &str, bytes: &[u8], rows: usize) -> Result<()> {
        let path = self.dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        crate::files::write_whole(&path, bytes)?;
        self.entries.push(Entry {
            file: name.to_string(),
            rows,
            sha256: sha256_hex(bytes),
        });
        Ok(())
    }
}

/// Every paper printed in the year, the last print of each: the file as printed when it is
/// still there unchanged, else made again from the record (and said so in its name and on the
/// cover). A paper printed with the reporter in full is made again masked unless the archive
/// includes personal data.
fn papers(env: &Env, req: &Request, out: &mut Out) -> Result<Vec<String>> {
    let mut remade = Vec::new();
    let printed = crate::store::traces::printed_between(env.conn, (req.year.from, req.year.to))?;
    for p in printed {
        let Ok(paper) = Paper::parse(&p.title) else {
            continue;
        };
        let held = std::fs::read(&p.file).ok();
        let why = match &held {
            _ if p.personal && !req.include_personal => {
                Some("原件含举报人信息，归档时隐去后重新生成")
            }
            None => Some("原文件已不在，按记录重新生成"),
            Some(bytes) if p.sha256.as_deref().is_some_and(|s| s != sha256_hex(bytes)) => {
                Some("原文件打印后被改动，按记录重新生成")
            }
            Some(_) => None,
        };
        let name = Path::new(&p.file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("{}-{}.docx", p.title, p.key));
        match (why, held) {
            (None, Some(bytes)) => out.add(&format!("文书/{name}"), &bytes, 0)?,
            (why, _) => {
                let src = fill::Source {
                    conn: env.conn,
                    team: env.settings.team_name(),
                    now: env.now,
                    operator: req.operator,
                    include_personal: req.include_personal,
                };
                let filled = fill::paper(&src, paper, &p.key)?;
                let bytes = document::render(&filled, req.templates)?;
                let stem = name.trim_end_matches(".docx");
                let name = format!("文书/{stem}（重新生成）.docx");
                out.add(&name, &bytes, 0)?;
                remade.push(format!("{name}：{}", why.unwrap_or_default()));
            }
        }
    }
    Ok(remade)
}

fn cover(
    env: &Env,
    req: &Request,
    entries: &[Entry],
    anchor: &Anchor,
    remade: &[String],
) -> String {
    let count = |prefix: &str| {
        entries
            .iter()
            .filter(|e| e.file.starts_with(prefix))
            .count()
    };
    let personal = if req.include_personal {
        "本归档含举报人姓名和联系电话（按要求写出，已记入审计），须按涉密资料保管，不得外传。"
    } else {
        "本归档不含举报人姓名和联系电话（已打码）。"
    };
    let mut s = format!(
        "{team}　{year}执法资料归档\n\n\
         归档时间：{at}\n归档人：{who}\n期间：{from} 至 {to}\n\n{personal}\n\n\
         内容：\n  台账/        各类台账 CSV {ledgers} 个（另有汇总工作簿 1 个）\n\
         \x20 文书/        本年打印的执法文书 {papers} 份（其中重新生成 {remade} 份）\n\
         \x20 证据登记.csv 本年登记的证据文件及其 SHA-256、归档时核对结果\n\
         \x20 案卷自查.csv 本年案卷按评查清单的得分与扣分项\n\
         \x20 年度统计.txt 年度统计报告\n\n\
         审计链锚点：第 {rows} 条，链头 {head}\n\
         核对方法：zhifa-desk verify-handoff <本文件夹>（逐个文件核对 manifest.csv 中的 SHA-256）；\n\
         数据库仍须经过这一链头：zhifa-desk verify --against <本文件夹>。\n",
        team = env.settings.team_name(),
        year = req.year.label,
        at = crate::written::fmt_datetime(env.now),
        who = req.operator,
        from = req.year.from,
        to = req.year.to,
        ledgers = count("台账/"),
        papers = count("文书/"),
        remade = remade.len(),
        rows = anchor.rows,
        head = anchor.head,
    );
    if !remade.is_empty() {
        s.push_str("\n重新生成的文书：\n");
        for r in remade {
            s.push_str(&format!("  {r}\n"));
        }
    }
    s.replace('\n', "\r\n")
}
