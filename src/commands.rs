//! Carries out one command: opens the store, calls the library, prints the outcome.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use zhifa_desk::domain::{
    Area, Complaint, Matter, Notice, Officer, Patrol, RosterTeam, Settings, setting_keys,
};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::exchange::{Env, ExportQuery, KindName, Options, handoff, parse};
use zhifa_desk::report::period::Period;
use zhifa_desk::store::{Actor, Ctx, Store, backup, default_path, lock, record};
use zhifa_desk::{clock, text};

use crate::cli::{Cli, Command, ReportPeriod, SettingsAction};
use crate::print;

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
    match cli.command {
        None => desk(&mut open(db, now)?, fixed, cli.ascii),
        Some(Command::Import {
            kind,
            file,
            dry_run,
            correct,
        }) => {
            let opts = Options {
                dry_run,
                correct: correct.as_deref(),
            };
            import(&mut open(db, now)?, &actor, &kind, &file, opts)
        }
        Some(Command::Export {
            kind,
            month,
            out,
            include_personal,
            ..
        }) if kind == "handoff" => handoff(&open(db, now)?, now, month, out, include_personal),
        Some(Command::Export {
            kind,
            from,
            to,
            out,
            include_personal,
            ..
        }) => {
            let q = ExportQuery {
                from: opt_date(from, "--from")?,
                to: opt_date(to, "--to")?,
                include_personal,
            };
            export(&open(db, now)?, now, &kind, &q, out.as_deref())
        }
        Some(Command::Today { json }) => today(&open(db, now)?, now, json),
        Some(Command::Calendar { args }) => {
            print::calendar(&open(db, now)?.calendar()?, now.date(), &args)
        }
        Some(Command::Demo { load_only }) => demo(db, &actor, load_only, (fixed, cli.ascii)),
        Some(Command::Void { kind, key, reason }) => {
            void(&mut open(db, now)?, &actor, &kind, &key, &reason)
        }
        Some(Command::Settings { action, json }) => {
            settings(&mut open(db, now)?, &actor, action, json)
        }
        Some(Command::Verify { against }) => verify(&open(db, now)?, &against),
        Some(Command::GenDemo { years, scale, out }) => gen_demo(years, scale, &out, now),
        Some(Command::BenchFrames {
            width,
            height,
            frames,
        }) => bench_frames(&open(db, now)?, now, (width, height), frames),
        Some(Command::VerifyHandoff { dir }) => verify_handoff(&dir),
        Some(Command::Report { period }) => report(&open(db, now)?, now, period),
        Some(Command::Backup { to }) => backup(&open(db, now)?, now, to),
        Some(Command::Restore { file }) => restore(db, &actor, &file),
    }
}

/// Opens the desk, holding the desk lock while it runs: no restore can pull the file away.
/// `fixed` is the `--now` time; without it the desk follows the wall clock.
fn desk(store: &mut Store, fixed: Option<NaiveDateTime>, ascii: bool) -> Result<()> {
    let _held = match store.path() {
        ":memory:" => None,
        path => Some(lock::desk(Path::new(path))?),
    };
    crate::tui::run(store, fixed, ascii)
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

/// Opens the store; the first start of a day leaves a backup in backups/ beside it. A backup
/// that cannot be made is a warning: the day goes on.
fn open(db: Option<PathBuf>, now: NaiveDateTime) -> Result<Store> {
    let store = Store::open(&db_path(db)?)?;
    if store.created() {
        eprintln!(
            "注意：{} 处原来没有数据库，已新建一个空数据库（如果路径写错了，请删除它并改用正确的 --db）",
            store.path()
        );
    }
    match backup::daily(&store, now.date()) {
        Ok(Some(path)) => eprintln!("今日首次启动，已备份到 {}", path.display()),
        Ok(None) => {}
        Err(e) => eprintln!(
            "注意：今日备份未能完成，数据库本身未受影响，可以照常使用；请检查磁盘空间和 backups 文件夹。原因：{}",
            text::printable(&e.to_string())
        ),
    }
    Ok(store)
}

fn verify(store: &Store, against: &[PathBuf]) -> Result<()> {
    let v = zhifa_desk::store::verify::check(store.conn())?;
    println!("数据库：{}", store.path());
    let mut problems = v.problems();
    for dir in against {
        let a = handoff::anchor(dir)?;
        match zhifa_desk::store::chain::holds(store.conn(), a.rows, &a.head)? {
            Some(why) => problems.push(format!("对照移交包 {}：{why}", dir.display())),
            None => println!(
                "对照移交包 {}：审计链仍经过移交时的第 {} 条记录（链头一致）",
                dir.display(),
                a.rows
            ),
        }
    }
    if !problems.is_empty() {
        for p in &problems {
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
    Ok(())
}

fn backup(store: &Store, now: NaiveDateTime, to: Option<PathBuf>) -> Result<()> {
    let dest = match to {
        Some(p) => p,
        None => {
            let db = Path::new(store.path());
            let stem = db.file_stem().unwrap_or_default().to_string_lossy();
            backup::dir_for(db).join(format!("{stem}-{}.sqlite", now.format("%Y-%m-%dT%H%M%S")))
        }
    };
    backup::copy_to(store.conn(), &dest)?;
    println!("已备份到 {}", dest.display());
    Ok(())
}

fn restore(db: Option<PathBuf>, actor: &Actor, file: &Path) -> Result<()> {
    let db = db_path(db)?;
    let aside = backup::restore(&db, file, actor)?;
    println!("已从 {} 恢复到 {}", file.display(), db.display());
    if let Some(a) = aside {
        println!("原数据库另存为 {}", a.display());
    }
    Ok(())
}

fn opt_date(text: Option<String>, flag: &str) -> Result<Option<chrono::NaiveDate>> {
    text.map(|t| {
        parse::date(&t).map_err(|why| Error::invalid(format!("{flag} 的值“{t}”无效：{why}")))
    })
    .transpose()
}

fn import(store: &mut Store, actor: &Actor, kind: &str, file: &Path, opts: Options) -> Result<()> {
    let kind = KindName::parse(kind)?;
    let mut input = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
    let name = file.display().to_string();
    let summary = kind.import_with(store, actor, &name, &mut input, opts)?;
    println!("{}", text::printable(&summary.to_string()));
    Ok(())
}

fn export(
    store: &Store,
    now: NaiveDateTime,
    kind: &str,
    q: &ExportQuery,
    out: Option<&Path>,
) -> Result<()> {
    let kind = KindName::parse(kind)?;
    let (calendar, settings) = (store.calendar()?, store.settings()?);
    let env = Env {
        conn: store.conn(),
        now,
        calendar: &calendar,
        settings: &settings,
    };
    let (bytes, rows) = kind.export(&env, q)?;
    match out {
        Some(path) => {
            write_atomically(path, &bytes)?;
            eprintln!("已导出 {rows} 行到 {}", path.display());
        }
        // On the screen, nothing stored may act on the terminal; --out keeps the bytes.
        None => std::io::stdout()
            .write_all(&screen_csv(&bytes))
            .map_err(|e| Error::io("<标准输出>", e))?,
    }
    Ok(())
}

/// CSV bytes for the screen: the BOM as written, everything after it printable.
fn screen_csv(bytes: &[u8]) -> Vec<u8> {
    let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (&bytes[..3], rest),
        None => (&bytes[..0], bytes),
    };
    let mut out = bom.to_vec();
    out.extend_from_slice(text::printable(&String::from_utf8_lossy(rest)).as_bytes());
    out
}

/// Writes beside the target and renames, so a crash never leaves half a ledger.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("csv.part");
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

fn today(store: &Store, now: NaiveDateTime, json: bool) -> Result<()> {
    let day = zhifa_desk::report::today(store.conn(), now)?;
    if json {
        let json = serde_json::to_string_pretty(&day).expect("today serializes");
        println!("{}", text::json_safe(&json));
    } else {
        print!("{}", text::printable(&print::today(&day)));
    }
    Ok(())
}

fn demo(
    db: Option<PathBuf>,
    actor: &Actor,
    load_only: bool,
    (fixed, ascii): (Option<NaiveDateTime>, bool),
) -> Result<()> {
    let path = match db {
        Some(p) => p,
        None => {
            // The default demo database is scratch: it is made anew on every run (never from
            // under a demo desk that is still open).
            let p = default_path()?.with_file_name("demo.sqlite");
            let _reset = lock::whole_file(&p, "重建演示数据库")?;
            for suffix in ["", "-wal", "-shm"] {
                let f = PathBuf::from(format!("{}{suffix}", p.display()));
                if f.exists() {
                    std::fs::remove_file(&f).map_err(|e| Error::io(&f, e))?;
                }
            }
            p
        }
    };
    let mut store = Store::open(&path)?;
    let holds: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM complaints", [], |r| r.get(0))?;
    if !store.created() && holds > 0 {
        return Err(Error::invalid(format!(
            "数据库 {} 中已经有数据（{holds} 件投诉），演示数据只能载入新的数据库，未作任何改动。\
             要看演示，请直接运行 zhifa-desk demo（每次新建演示库），或用 --db 指定一个还不存在的文件",
            path.display()
        )));
    }
    for summary in zhifa_desk::demo::load(&mut store, actor)? {
        eprintln!("{summary}");
    }
    eprintln!("演示数据库：{}", path.display());
    if load_only {
        return Ok(());
    }
    desk(&mut store, fixed, ascii)
}

fn void(store: &mut Store, actor: &Actor, kind: &str, key: &str, reason: &str) -> Result<()> {
    let kind = KindName::parse(kind)?;
    let (calendar, settings) = (store.calendar()?, store.settings()?);
    store.write(|tx| {
        let ctx = Ctx {
            actor,
            calendar: &calendar,
            settings: &settings,
        };
        match kind {
            KindName::Officers => record::void::<Officer>(tx, &ctx, key, reason),
            KindName::Areas => record::void::<Area>(tx, &ctx, key, reason),
            KindName::Matters => record::void::<Matter>(tx, &ctx, key, reason),
            KindName::Roster => record::void::<RosterTeam>(tx, &ctx, key, reason),
            KindName::Patrols => record::void::<Patrol>(tx, &ctx, key, reason),
            KindName::Complaints => {
                record::void_by_state::<Complaint>(tx, &ctx, key, reason, |c, r| {
                    c.void(r).map_err(|e| e.0)
                })
            }
            KindName::Notices => record::void_by_state::<Notice>(tx, &ctx, key, reason, |n, r| {
                n.void(r).map_err(|e| e.0)
            }),
            KindName::Holidays => Err(Error::invalid("节假日不能作废，请导入更正后的日期")),
        }
    })?;
    println!(
        "已作废 {}（{}）",
        text::one_line(key),
        text::one_line(reason.trim())
    );
    Ok(())
}

fn settings(
    store: &mut Store,
    actor: &Actor,
    action: Option<SettingsAction>,
    json: bool,
) -> Result<()> {
    let mut s = store.settings()?;
    match action {
        Some(SettingsAction::Set {
            key,
            value,
            channel,
        }) => {
            setting_keys::set(&mut s, &key, &value, channel.as_deref()).map_err(Error::Invalid)?
        }
        Some(SettingsAction::Name { name }) => s.team_name = name.trim().to_string(),
        Some(SettingsAction::Show) | None => {}
    }
    if s != store.settings()? {
        store.write(|tx| zhifa_desk::store::settings::save(tx, actor, &s))?;
        eprintln!("已保存，所有期限已按新设置重新计算");
    }
    if json {
        let json = serde_json::to_string_pretty(&s).expect("settings serialize");
        println!("{}", text::json_safe(&json));
    } else {
        println!("{}", text::printable(&setting_keys::describe(&s)));
    }
    Ok(())
}

fn env<'a>(
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
    }
}

fn handoff(
    store: &Store,
    now: NaiveDateTime,
    month: Option<String>,
    out: Option<PathBuf>,
    include_personal: bool,
) -> Result<()> {
    let month = match month {
        Some(m) => Period::month(&m)?,
        None => Period::last_month(now.date()),
    };
    let dir = out.ok_or_else(|| Error::invalid("移交包须用 --out 指定输出目录"))?;
    let (calendar, settings) = (store.calendar()?, store.settings()?);
    let (entries, anchor) = handoff::write(
        &env(store, now, &calendar, &settings),
        &month,
        include_personal,
        &dir,
    )?;
    println!("{} 月度移交包已写入 {}：", month.label, dir.display());
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

fn verify_handoff(dir: &Path) -> Result<()> {
    let problems = handoff::verify(dir)?;
    if problems.is_empty() {
        println!("{}：所有文件与清单一致", dir.display());
        return Ok(());
    }
    Err(Error::invalid(format!(
        "{} 与清单不一致（{} 处）：\n  {}",
        dir.display(),
        problems.len(),
        text::printable(&problems.join("\n  "))
    )))
}

fn report(store: &Store, now: NaiveDateTime, which: ReportPeriod) -> Result<()> {
    let today = now.date();
    let (period, form) = match which {
        ReportPeriod::Week { week, form } => (
            week.map_or_else(|| Ok(Period::last_week(today)), |w| Period::week(&w))?,
            form,
        ),
        ReportPeriod::Month { month, form } => (
            month.map_or_else(|| Ok(Period::last_month(today)), |m| Period::month(&m))?,
            form,
        ),
        ReportPeriod::Year { year, form } => (
            year.map_or_else(|| Ok(Period::year_of(today)), |y| Period::year(&y))?,
            form,
        ),
    };
    let r = zhifa_desk::report::figures::report(store.conn(), &period, now)?;
    let mut stdout = std::io::stdout();
    let written = if form.json {
        let json = serde_json::to_string_pretty(&r).expect("report serializes");
        writeln!(stdout, "{}", text::json_safe(&json))
    } else if form.csv {
        let rows = zhifa_desk::report::bulletin::rows(&r);
        let bytes =
            zhifa_desk::exchange::export::to_csv(&zhifa_desk::report::bulletin::HEADERS, &rows);
        stdout.write_all(&screen_csv(&bytes))
    } else {
        write!(stdout, "{}", text::printable(&print::report(&r)))
    };
    written.map_err(|e| Error::io("<标准输出>", e))
}

fn gen_demo(years: u32, scale: u32, out: &Path, now: NaiveDateTime) -> Result<()> {
    let started = std::time::Instant::now();
    let g = zhifa_desk::generate::gen_demo(years, scale, out, now)?;
    for (path, rows) in &g.files {
        println!("{}  {rows} 行", path.display());
    }
    println!(
        "数据库：{}（{:.1} 秒）",
        g.db.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn bench_frames(store: &Store, now: NaiveDateTime, size: (u16, u16), frames: usize) -> Result<()> {
    let (load, mut times) = crate::tui::time_frames(store, now, size, frames)?;
    times.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let max = times.last().copied().unwrap_or_default();
    println!(
        "{}",
        serde_json::json!({
            "load_ms": ms(load),
            "frame_ms_median": ms(median),
            "frame_ms_max": ms(max),
            "frames": times.len(),
        })
    );
    Ok(())
}
