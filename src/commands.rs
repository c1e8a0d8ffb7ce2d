//! Carries out one command: opens the store, calls the library, prints the outcome.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use zhifa_desk::error::Result;
use zhifa_desk::exchange::{ExportQuery, Options};
use zhifa_desk::store::{Actor, Store, backup, default_path, lock};
use zhifa_desk::{clock, text};

use crate::cli::{Cli, Command};
use crate::print;

mod archive;
mod complaint;
mod county;
mod documents;
mod draws;
mod evidence;
mod inspections;
mod ledgers;
mod publicity;
mod reports;
mod review;
mod roster;
mod safety;
mod setup;

use documents::document;
use ledgers::{Output, export, handoff, import, opt_date, verify_handoff, void};
use reports::{report, today};
use roster::roster;
use safety::{backup, restore, verify};
use setup::{bench_frames, demo, gen_demo, settings};

pub fn run(cli: Cli) -> Result<()> {
    let now = match &cli.now {
        Some(text) => clock::parse_now(text)?,
        None => clock::system_now(),
    };
    let actor = Actor {
        operator: cli.operator.clone().unwrap_or_else(os_user),
        now,
    };
    let db = cli.db.clone();
    let fixed = cli.now.is_some().then_some(now);
    lock::describe_process(match &cli.command {
        None => "值班台".to_string(),
        Some(Command::Demo {
            load_only: false, ..
        }) => "值班台（演示）".to_string(),
        Some(_) => {
            let args: Vec<String> = std::env::args_os()
                .skip(1)
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            format!("命令 zhifa-desk {}", args.join(" "))
        }
    });
    match cli.command {
        // The desk makes the day's backup itself, after its first frame; its store holds the
        // file's lock while it runs, so no restore can pull the file away.
        None => crate::tui::run(&mut open_store(db)?, fixed, cli.ascii),
        Some(Command::Import {
            kind,
            file,
            dry_run,
            correct,
            accept_converted,
        }) => {
            let opts = Options {
                dry_run,
                correct: correct.as_deref(),
                progress: None,
                accept_converted,
            };
            import(&mut open(db, now)?, &actor, &kind, &file, opts)
        }
        Some(Command::Export {
            kind,
            month,
            out,
            include_personal,
            ..
        }) if kind == "handoff" => {
            let to = (month, out, include_personal);
            handoff(&mut open(existing(db)?, now)?, &actor, to)
        }
        Some(Command::Export {
            kind,
            from,
            to,
            out,
            include_personal,
            format,
            ..
        }) => {
            let q = ExportQuery {
                from: opt_date(from, "--from")?,
                to: opt_date(to, "--to")?,
                include_personal,
            };
            let to = Output::decide(out.as_deref(), format.as_deref())?;
            export(&mut open(existing(db)?, now)?, &actor, &kind, &q, to)
        }
        Some(Command::Today { json }) => today(&open(existing(db)?, now)?, now, json),
        Some(Command::Calendar { args }) => {
            // Without a database the calendar is the built-in one: nothing is created.
            let cal = match existing(db) {
                Ok(path) => open(path, now)?.calendar()?,
                Err(_) => zhifa_desk::calendar::Calendar::builtin(),
            };
            print::calendar(&cal, now.date(), &args)
        }
        Some(Command::Demo { load_only, fresh }) => {
            demo(db, &actor, (load_only, fresh), (fixed, cli.ascii))
        }
        Some(Command::Void { kind, key, reason }) => {
            void(&mut open(existing(db)?, now)?, &actor, &kind, &key, &reason)
        }
        Some(Command::Roster { action }) => roster(&mut open(existing(db)?, now)?, &actor, action),
        Some(Command::Complaint { action }) => {
            complaint::run(&mut open(existing(db)?, now)?, &actor, action)
        }
        Some(Command::Draw { action }) => {
            draws::run(&mut open(existing(db)?, now)?, &actor, action)
        }
        Some(Command::Inspection { action }) => {
            inspections::run(&mut open(existing(db)?, now)?, &actor, action)
        }
        Some(Command::Evidence { action }) => {
            evidence::run(&mut open(existing(db)?, now)?, &actor, action)
        }
        Some(Command::Publicity { action }) => {
            publicity::run(&mut open(existing(db)?, now)?, &actor, action)
        }
        Some(Command::Settings { action, json }) => {
            settings(&mut open(db, now)?, &actor, action, json)
        }
        Some(Command::Verify { against }) => verify(&open(existing(db)?, now)?, &against),
        Some(Command::GenDemo {
            years,
            scale,
            out,
            townships: Some(n),
            months,
        }) => setup::gen_townships(n, (years, scale, months), &out, now),
        Some(Command::GenDemo {
            years, scale, out, ..
        }) => gen_demo(years, scale, &out, now),
        Some(Command::BenchFrames {
            width,
            height,
            frames,
            stats,
        }) => bench_frames(
            &open(existing(db)?, now)?,
            now,
            (width, height),
            (frames, stats),
        ),
        Some(Command::VerifyHandoff { dir }) => verify_handoff(&dir),
        Some(Command::Review(args)) => review::run(&open(existing(db)?, now)?, now, args),
        Some(Command::Archive(args)) => archive::run(&open(existing(db)?, now)?, &actor, args),
        Some(Command::County { action }) => county::county(db, now, action),
        Some(Command::Document {
            paper,
            key,
            out,
            include_personal,
        }) => {
            let to = (key.as_deref(), out.as_deref(), include_personal);
            document(existing(db)?, now, &actor, &paper, to)
        }
        Some(Command::Report { period }) => report(&open(existing(db)?, now)?, now, period),
        Some(Command::Explain { key }) => {
            let store = open(existing(db)?, now)?;
            let why = zhifa_desk::report::explain::explain(store.conn(), &key)?;
            print!("{}", text::printable(&print::explained(&why)));
            Ok(())
        }
        Some(Command::Backup { to }) => backup(&open(existing(db)?, now)?, now, to),
        Some(Command::Restore { file }) => restore(db, &actor, &file),
    }
}

fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "未知用户".into())
}

fn db_path(db: Option<PathBuf>) -> Result<PathBuf> {
    match db {
        Some(p) => Ok(p),
        None => default_path(),
    }
}

/// Opens the store, saying so when there was no database at that path.
/// The database a command that only reads (or works on records already there) opens: it
/// must exist, so a mistyped path never leaves an empty database behind that "passes".
fn existing(db: Option<PathBuf>) -> Result<Option<PathBuf>> {
    let path = db_path(db)?;
    if !path.exists() {
        return Err(zhifa_desk::error::Error::invalid(format!(
            "数据库 {} 不存在（路径写错了？），未新建任何文件。新的数据库在第一次导入数据或打开值班台时建立",
            zhifa_desk::text::path(&path)
        )));
    }
    Ok(Some(path))
}

fn open_store(db: Option<PathBuf>) -> Result<Store> {
    let store = Store::open(&db_path(db)?)?;
    if store.created() {
        eprintln!(
            "注意：{} 处原来没有数据库，已新建一个空数据库（如果路径写错了，请删除它并改用正确的 --db）",
            text::printable(store.path())
        );
    }
    Ok(store)
}

/// Past this size the day's first backup takes long enough to say so before it starts.
const BIG_FILE: u64 = 500_000_000;

/// Opens the store; the first start of a day leaves a backup in backups/ beside it. A backup
/// that cannot be made is a warning: the day goes on.
fn open(db: Option<PathBuf>, now: NaiveDateTime) -> Result<Store> {
    let store = open_store(db)?;
    if store.read_only() {
        eprintln!(
            "注意：{} 所在的位置不能写入（写保护的 U 盘或只读共享），已只读打开：可以查看、核对、导出到别的文件夹，不能修改",
            text::printable(store.path())
        );
        return Ok(store);
    }
    let size = std::fs::metadata(store.path()).map_or(0, |m| m.len());
    if size > BIG_FILE && backup::daily_due(&store, now.date()) {
        eprintln!(
            "今日首次启动，正在备份数据库（{:.1} GB，约需 {} 秒）……",
            size as f64 / 1e9,
            size / 300_000_000 + 1
        );
    }
    match backup::daily(&store, now.date()) {
        Ok(Some(path)) => eprintln!("今日首次启动，已备份到 {}", zhifa_desk::text::path(&path)),
        Ok(None) => {}
        Err(e) => eprintln!(
            "注意：今日备份未能完成，数据库本身未受影响，可以照常使用；请检查磁盘空间和 backups 文件夹。原因：{}",
            text::printable(&e.to_string())
        ),
    }
    Ok(store)
}
