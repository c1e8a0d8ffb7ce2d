//! Commands for the ledgers in and out: import, export, void, the monthly handoff and its check.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use zhifa_desk::domain::{
    Area, Complaint, Leave, LenientMatter, Matter, Notice, Officer, Patrol, RosterTeam, Settings,
    Subject,
};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::exchange::{Env, ExportQuery, KindName, Options, handoff};
use zhifa_desk::progress::Tick;
use zhifa_desk::report::period::Period;
use zhifa_desk::store::{Actor, Store, desk, record};
use zhifa_desk::written;
use zhifa_desk::{files, text};

use crate::bar::{Bar, Counted};

pub(super) fn opt_date(text: Option<String>, flag: &str) -> Result<Option<chrono::NaiveDate>> {
    text.map(|t| {
        written::date(&t).map_err(|why| Error::invalid(format!("{flag} 的值“{t}”无效：{why}")))
    })
    .transpose()
}

pub(super) fn import(
    store: &mut Store,
    actor: &Actor,
    kind: &str,
    file: &Path,
    opts: Options,
) -> Result<()> {
    let kind = KindName::parse(kind)?;
    let input = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
    let size = input.metadata().map_or(0, |m| m.len());
    let name = zhifa_desk::text::path(file);
    let bar = Bar::bytes(size, &format!("导入 {name}"));
    let rows = |n: u64, _| bar.say(format!("导入 {name}：{n} 行"));
    let opts = Options {
        progress: Some(Tick(&rows)),
        ..opts
    };
    let mut input = Counted {
        inner: input,
        bar: &bar,
        read: 0,
    };
    let summary = kind.import_with(store, actor, &name, &mut input, opts);
    bar.done();
    let summary = summary?;
    println!("{}", text::printable(&summary.to_string()));
    for line in summary.preview.lines() {
        println!("{}", text::printable(&line));
    }
    Ok(())
}

/// Where an export goes and in which format.
pub(super) struct Output<'a> {
    pub path: Option<&'a Path>,
    pub workbook: bool,
}

impl<'a> Output<'a> {
    /// The format from `--format`, else from the file's extension (.xlsx is a workbook).
    pub fn decide(path: Option<&'a Path>, format: Option<&str>) -> Result<Output<'a>> {
        let ext = path
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_lowercase());
        let workbook = match format.map(str::to_lowercase).as_deref() {
            Some("xlsx") => true,
            Some("csv") => false,
            Some(other) => {
                return Err(Error::invalid(format!(
                    "不认识的格式“{other}”，可用：csv、xlsx"
                )));
            }
            None => ext.as_deref() == Some("xlsx"),
        };
        match (workbook, ext.as_deref(), path) {
            (true, _, None) => Err(Error::invalid(
                "工作簿不能输出到屏幕，请用 --out 文件.xlsx 指定文件",
            )),
            (_, Some("xls" | "ods" | "et"), _) => Err(Error::invalid(
                "只能写出 .xlsx 工作簿（Excel、WPS 都能打开）；请把文件名改为 .xlsx",
            )),
            (true, Some("csv"), _) | (false, Some("xlsx"), _) => Err(Error::invalid(
                "--format 与文件扩展名不符：.xlsx 是工作簿，.csv 是文本表格",
            )),
            _ => Ok(Output { path, workbook }),
        }
    }
}

pub(super) fn export(
    store: &mut Store,
    actor: &Actor,
    kind: &str,
    q: &ExportQuery,
    to: Output,
) -> Result<()> {
    let out = to.path;
    let now = actor.now;
    let kind = KindName::parse(kind)?;
    let (calendar, settings) = (store.calendar()?, store.settings()?);
    let env = Env {
        conn: store.conn(),
        now,
        calendar: &calendar,
        settings: &settings,
        found: Default::default(),
    };
    // Reporters written out in full are on record (who, when, where to) before the file
    // takes its name or the screen shows them.
    let personal = q.include_personal && kind == KindName::Complaints;
    let record = |rows: &usize| -> Result<()> {
        if !personal {
            return Ok(());
        }
        let to = out.map_or_else(|| "屏幕".to_string(), zhifa_desk::text::audit_path);
        let what = format!("投诉台账（含举报人）→ {to}");
        desk::export_personal(store, actor, &what, *rows)
    };
    match out {
        // A CSV file streams from the query to the disk, one row in memory at a time.
        Some(path) if !to.workbook => {
            let bar = Bar::running("行", &format!("导出到 {}", zhifa_desk::text::path(path)));
            let step = |done, _| bar.set(done);
            let rows = files::write_with_recorded(
                path,
                |w| kind.export_csv(&env, q, w, Some(Tick(&step))),
                record,
            );
            bar.done();
            eprintln!("已导出 {} 行到 {}", rows?, zhifa_desk::text::path(path));
        }
        // A workbook streams too: its rows go to a temporary file as they are read.
        Some(path) => {
            let bar = Bar::running("行", &format!("导出到 {}", zhifa_desk::text::path(path)));
            let step = |done, _| bar.set(done);
            let rows = files::write_with_recorded(
                path,
                |w| kind.export_book(&env, q, w, Some(Tick(&step))),
                record,
            );
            bar.done();
            eprintln!("已导出 {} 行到 {}", rows?, zhifa_desk::text::path(path));
        }
        // On the screen, nothing stored may act on the terminal; --out keeps the bytes.
        None => {
            let sheet = kind.export(&env, q)?;
            record(&sheet.rows.len())?;
            std::io::stdout()
                .write_all(&screen_csv(&sheet.to_csv()))
                .map_err(|e| Error::io("<标准输出>", e))?;
        }
    }
    Ok(())
}

/// Writes `sheet` where `to` says, as a workbook or CSV, `record` on record before the file
/// takes its name; to the screen as CSV without `--out`. Returns where it went, if a file.
pub(super) fn write_sheet(
    sheet: zhifa_desk::exchange::sheet::Sheet,
    to: &Output,
    record: impl FnOnce() -> Result<()>,
) -> Result<()> {
    match to.path {
        Some(path) => {
            let bytes = if to.workbook {
                zhifa_desk::exchange::book_write::workbook(&[sheet])?
            } else {
                sheet.to_csv()
            };
            files::write_recorded(path, &bytes, record)
        }
        None => {
            record()?;
            std::io::stdout()
                .write_all(&screen_csv(&sheet.to_csv()))
                .map_err(|e| Error::io("<标准输出>", e))
        }
    }
}

/// CSV bytes for the screen: the BOM as written, everything after it printable.
pub(super) fn screen_csv(bytes: &[u8]) -> Vec<u8> {
    let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (&bytes[..3], rest),
        None => (&bytes[..0], bytes),
    };
    let mut out = bom.to_vec();
    out.extend_from_slice(text::printable(&String::from_utf8_lossy(rest)).as_bytes());
    out
}

pub(super) fn void(
    store: &mut Store,
    actor: &Actor,
    kind: &str,
    key: &str,
    reason: &str,
) -> Result<()> {
    let kind = KindName::parse(kind)?;
    store.write_with_rules(actor, |tx, ctx| match kind {
        KindName::Officers => record::void::<Officer>(tx, ctx, key, reason),
        KindName::Areas => record::void::<Area>(tx, ctx, key, reason),
        KindName::Matters => record::void::<Matter>(tx, ctx, key, reason),
        KindName::Roster => record::void::<RosterTeam>(tx, ctx, key, reason),
        KindName::Patrols => record::void::<Patrol>(tx, ctx, key, reason),
        KindName::Complaints => record::void_by_state::<Complaint>(tx, ctx, key, reason, |c, r| {
            c.void(r).map_err(|e| e.0)
        }),
        KindName::Notices => {
            record::void_by_state::<Notice>(tx, ctx, key, reason, |n, r| n.void(r).map_err(|e| e.0))
        }
        KindName::Holidays => Err(Error::invalid("节假日不能作废，请导入更正后的日期")),
        KindName::Leaves => record::void::<Leave>(tx, ctx, key, reason),
        KindName::Subjects => record::void::<Subject>(tx, ctx, key, reason),
        KindName::Lenient => record::void::<LenientMatter>(tx, ctx, key, reason),
        KindName::Plan => record::void::<zhifa_desk::domain::plan::PlanItem>(tx, ctx, key, reason),
        KindName::Campaigns => {
            record::void::<zhifa_desk::domain::plan::Campaign>(tx, ctx, key, reason)
        }
    })?;
    println!(
        "已作废 {}（{}）",
        text::one_line(key),
        text::one_line(reason.trim())
    );
    Ok(())
}

pub(super) fn env<'a>(
    store: &'a Store,
    now: NaiveDateTime,
    calendar: &'a zhifa_desk::calendar::Calendar,
    settings: &'a Settings,
) -> Env<'a> {
    Env {
        conn: store.conn(),
        now,
        calendar,
        settings,
        found: Default::default(),
    }
}

/// `to`: the month, the folder, and whether reporters are written in full.
pub(super) fn handoff(
    store: &mut Store,
    actor: &Actor,
    (month, out, include_personal): (Option<String>, Option<PathBuf>, bool),
) -> Result<()> {
    let now = actor.now;
    let month = match month {
        Some(m) => Period::month(&m)?,
        None => Period::last_month(now.date()),
    };
    let dir = out.ok_or_else(|| Error::invalid("移交包须用 --out 指定输出目录"))?;
    let (calendar, settings) = (store.calendar()?, store.settings()?);
    let env = env(store, now, &calendar, &settings);
    // The bundle is on record (and its reporters, when written in full) before its files
    // appear in the folder.
    let record = |(entries, anchor): &(Vec<handoff::Entry>, handoff::Anchor)| -> Result<()> {
        desk::handed_off(store, actor, &month.label, anchor.rows, &anchor.head)?;
        if include_personal {
            let rows = entries
                .iter()
                .find(|e| e.file.ends_with("投诉台账.csv"))
                .map_or(0, |e| e.rows);
            let what = format!(
                "{} 月度移交包（含举报人）→ {}",
                month.label,
                zhifa_desk::text::audit_path(&dir)
            );
            desk::export_personal(store, actor, &what, rows)?;
        }
        Ok(())
    };
    let (entries, anchor) = files::write_dir_recorded(
        &dir,
        |staging| handoff::write(&env, &month, include_personal, staging),
        record,
    )?;
    println!(
        "{} 月度移交包已写入 {}：",
        month.label,
        zhifa_desk::text::path(&dir)
    );
    for e in entries {
        println!("  {}  {} 行  {}", e.file, e.rows, e.sha256);
    }
    println!("  {}", handoff::MANIFEST);
    println!(
        "审计链锚点（已写入清单）：第 {} 条，链头 {}",
        anchor.rows, anchor.head
    );
    Ok(())
}

pub(super) fn verify_handoff(dir: &Path) -> Result<()> {
    let problems = handoff::verify(dir)?;
    if problems.is_empty() {
        println!("{}：所有文件与清单一致", zhifa_desk::text::path(dir));
        return Ok(());
    }
    Err(Error::invalid(format!(
        "{} 与清单不一致（{} 处）：\n  {}",
        zhifa_desk::text::path(dir),
        problems.len(),
        text::printable(&problems.join("\n  "))
    )))
}
