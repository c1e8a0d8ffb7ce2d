//! Commands for setting up: the demo, settings, generated data for scale tests, frame timing.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use zhifa_desk::domain::setting_keys;
use zhifa_desk::error::{Error, Result};
use zhifa_desk::store::{Actor, Store, default_path, lock};
use zhifa_desk::text;

use crate::cli::SettingsAction;

pub(super) fn demo(
    db: Option<PathBuf>,
    actor: &Actor,
    (load_only, fresh): (bool, bool),
    (fixed, ascii): (Option<NaiveDateTime>, bool),
) -> Result<()> {
    let path = match db {
        Some(_) if fresh => {
            return Err(Error::invalid(
                "--fresh 只用于默认的演示数据库；用 --db 指定的文件不会被删除或覆盖",
            ));
        }
        Some(p) => p,
        None => {
            // The default demo database is kept from run to run, like any day's work; only
            // --fresh makes it anew, after a backup (never from under a demo desk still open).
            let p = default_path()?.with_file_name("demo.sqlite");
            if fresh && p.exists() {
                start_afresh(&p, actor)?;
            }
            p
        }
    };
    let mut store = Store::open(&path)?;
    let holds: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM complaints", [], |r| r.get(0))?;
    if !store.created() && holds > 0 {
        let shown = zhifa_desk::text::path(&path);
        if load_only || fresh {
            return Err(Error::invalid(format!(
                "数据库 {shown} 中已经有数据（{holds} 件投诉），演示数据只能载入新的数据库，未作任何改动。\
                 要重新开始演示，运行 zhifa-desk demo --fresh（先备份现有的演示库），或用 --db 指定一个还不存在的文件"
            )));
        }
        eprintln!(
            "打开已有的演示数据库 {shown}（上次演示中办理的事都在）；要换成本周的新数据，运行 zhifa-desk demo --fresh"
        );
        return crate::tui::run(&mut store, fixed, ascii);
    }
    // A new demo is the Monday morning its story tells, whatever day it is made: its clock
    // starts at this week's Monday 08:30 (unless --now says otherwise).
    let morning = fixed
        .is_none()
        .then(|| zhifa_desk::demo::morning(actor.now.date()));
    let fixed = fixed.or(morning);
    let actor = &Actor {
        operator: actor.operator.clone(),
        now: fixed.unwrap_or(actor.now),
    };
    for summary in zhifa_desk::demo::load(&mut store, actor)? {
        eprintln!("{summary}");
    }
    eprintln!(
        "演示数据库：{}（再次运行 zhifa-desk demo 会打开它，办理的事都在）",
        zhifa_desk::text::path(&path)
    );
    if let Some(t) = morning {
        eprintln!(
            "演示从本周一早上开始：值班台的时钟从 {} 走起",
            t.format("%Y-%m-%d %H:%M")
        );
    }
    if load_only {
        return Ok(());
    }
    crate::tui::run(&mut store, fixed, ascii)
}

/// Backs the demo database up beside it, then removes it, holding it alone: a demo desk
/// still open keeps it.
fn start_afresh(p: &std::path::Path, actor: &Actor) -> Result<()> {
    let _reset = lock::whole_file(p, "重建演示数据库")?;
    let dest = zhifa_desk::store::backup::dir_for(p).join(format!(
        "demo-重建前-{}.sqlite",
        actor.now.format("%Y-%m-%dT%H%M%S")
    ));
    {
        let old = rusqlite::Connection::open(p)?;
        zhifa_desk::store::backup::copy_to(&old, &dest)?;
    }
    eprintln!("原演示数据库已备份到 {}", zhifa_desk::text::path(&dest));
    for suffix in ["", "-wal", "-shm"] {
        let f = PathBuf::from(format!("{}{suffix}", p.display()));
        if f.exists() {
            std::fs::remove_file(&f).map_err(|e| Error::io(&f, e))?;
        }
    }
    Ok(())
}

pub(super) fn settings(
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
        Some(SettingsAction::Code { code }) => {
            s.township_code =
                zhifa_desk::domain::Settings::check_code(&code).map_err(Error::Invalid)?
        }
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

pub(super) fn gen_demo(years: u32, scale: u32, out: &Path, now: NaiveDateTime) -> Result<()> {
    let started = std::time::Instant::now();
    let bar = crate::bar::Bar::count(0, "个文件", "生成并导入");
    let step = |done, total| bar.update(done, total);
    let profile = zhifa_desk::generate::Profile {
        tick: Some(zhifa_desk::progress::Tick(&step)),
        ..Default::default()
    };
    let g = zhifa_desk::generate::gen_demo_with(years, scale, out, now, profile);
    bar.done();
    let g = g?;
    for (path, rows) in &g.files {
        println!("{}  {rows} 行", zhifa_desk::text::path(path));
    }
    println!(
        "数据库：{}（{:.1} 秒）",
        zhifa_desk::text::path(&g.db),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub(super) fn gen_townships(
    n: usize,
    sizes: (u32, u32, Option<usize>),
    out: &Path,
    now: NaiveDateTime,
) -> Result<()> {
    let started = std::time::Instant::now();
    let bar = crate::bar::Bar::count(n as u64, "个乡镇", "生成乡镇");
    let step = |done, total| bar.update(done, total);
    let g = zhifa_desk::county::generate::townships(
        n,
        sizes,
        out,
        now,
        Some(zhifa_desk::progress::Tick(&step)),
    );
    bar.done();
    let g = g?;
    for (team, db, bundles) in &g.townships {
        println!(
            "{team}：{}，{} 个月度移交包",
            zhifa_desk::text::path(db),
            bundles.len()
        );
    }
    println!(
        "共 {n} 个乡镇（{:.1} 秒）；县里汇总：zhifa-desk --db 县汇总.sqlite county import {}/*/20*",
        started.elapsed().as_secs_f64(),
        zhifa_desk::text::path(out)
    );
    Ok(())
}

pub(super) fn bench_frames(
    store: &Store,
    now: NaiveDateTime,
    size: (u16, u16),
    (frames, stats): (usize, bool),
) -> Result<()> {
    let mut t = crate::tui::time_frames(store, now, size, frames, stats)?;
    t.frames.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let median = t
        .frames
        .get(t.frames.len() / 2)
        .copied()
        .unwrap_or_default();
    let max = t.frames.last().copied().unwrap_or_default();
    let mut out = serde_json::json!({
        "load_ms": ms(t.load),
        "frame_ms_median": ms(median),
        "frame_ms_max": ms(max),
        "frames": t.frames.len(),
    });
    if let Some((first, compute)) = t.stats {
        out["stats_first_frame_ms"] = ms(first).into();
        out["stats_compute_ms"] = ms(compute).into();
    }
    println!("{out}");
    Ok(())
}
