//! The desk screen: terminal set-up, the event loop, and carrying out what `update` asks for.

pub mod action;
pub mod app;
pub mod data;
pub mod effect;
pub mod form;
pub mod forms;
pub mod handover;
pub mod keymap;
pub mod menus;

pub mod note;
pub mod papers;
pub mod questions;
pub mod state;
mod stats_job;
pub mod text_field;
pub mod theme;
mod update;
pub mod view;
mod watch;

#[cfg(test)]
mod callback_tests;
#[cfg(test)]
mod console_tests;
#[cfg(test)]
mod deadline_tests;
#[cfg(test)]
mod edit_tests;
#[cfg(test)]
mod flow_tests;
#[cfg(test)]
mod inspect_tests;
#[cfg(test)]
mod pause_tests;
#[cfg(test)]
mod reach_tests;
#[cfg(test)]
mod review_tests;
#[cfg(test)]
mod rule_tests;
#[cfg(test)]
mod step_tests;
#[cfg(test)]
mod team_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod trust_tests;

use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, Timelike};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::DefaultTerminal;
use rusqlite::Connection;
use zhifa_desk::clock::Clock;
use zhifa_desk::error::{Error, Result};
use zhifa_desk::store::{Store, complaints, notices};

use app::App;
use data::{LIST_LIMIT, Want};
use effect::Effect;
use state::View;
use theme::Theme;

/// What the desk reads first: today, unfiltered lists, nothing opened.
pub fn first_want(now: NaiveDateTime) -> Want {
    Want {
        patrol_date: now.date(),
        complaints: complaints::Query {
            limit: LIST_LIMIT,
            ..Default::default()
        },
        notices: notices::Query {
            limit: LIST_LIMIT,
            ..Default::default()
        },
        complaint: None,
        notice: None,
        stats: None,
    }
}

fn io(e: std::io::Error) -> Error {
    Error::io("<终端>", e)
}

/// Opens the desk on `store` until the duty officer quits; `fixed` is the `--now` time, if
/// one was given (the desk otherwise follows the wall clock).
/// Windows reports each key's release too (and repeats while held): only a press acts, or
/// every key would act twice on the office PC.
fn counts(key: &crossterm::event::KeyEvent) -> bool {
    key.is_press()
}

pub fn run(store: &mut Store, fixed: Option<NaiveDateTime>, ascii: bool) -> Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "值班台需要在终端窗口中运行；脚本请用 today、import、export 等命令（见 zhifa-desk --help）",
        ));
    }
    let clock = Clock::new(fixed);
    let theme = Theme::from_env(ascii);
    let now = clock.now();
    let mut app = App::new(now, data::load(store.conn(), now, &first_want(now))?);
    // ratatui::init restores the terminal on panic; paste mode is switched off first.
    let mut terminal = ratatui::init();
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
        restore(info);
    }));
    // Pasted text arrives as one event, so a pasted newline is never a key press.
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, store, &mut app, &clock, &theme);
    let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn data_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    store: &mut Store,
    app: &mut App,
    clock: &Clock,
    theme: &Theme,
) -> Result<()> {
    // The 统计 figures are read apart, on their own thread (see `stats_job`).
    let apart = |app: &App| Want {
        stats: None,
        ..app.want()
    };
    let mut want = apart(app);
    let mut version = data_version(store.conn())?;
    let (mut stats, mut writes) = (stats_job::StatsJob::default(), 0u64);
    let mut backup: Option<std::sync::mpsc::Receiver<std::result::Result<_, String>>> = None;
    loop {
        terminal.draw(|f| view::draw(f, app, theme)).map_err(io)?;
        // The day's backup starts once the desk is on screen, on a thread and a connection of
        // its own: the first start of a day is as quick as any other.
        if backup.is_none() && store.path() != ":memory:" {
            let (tx, rx) = std::sync::mpsc::channel();
            let (db, today) = (std::path::PathBuf::from(store.path()), clock.now().date());
            std::thread::spawn(move || {
                let made = zhifa_desk::store::backup::daily_snapshot(&db, today);
                let _ = tx.send(made.map_err(|e| e.to_string()));
            });
            backup = Some(rx);
        }
        if let Some(made) = backup.as_ref().and_then(|rx| rx.try_recv().ok()) {
            app.backed_up(made);
        }
        let mut reload = false;
        // While figures are being computed, look for them often; else wake once a second.
        let wait = match stats.busy() {
            true => clock.until_next_second().min(Duration::from_millis(50)),
            false => clock.until_next_second(),
        };
        if event::poll(wait).map_err(io)? {
            match event::read().map_err(io)? {
                Event::Key(key) if counts(&key) => match app.on_key(key) {
                    Effect::Quit => return Ok(()),
                    Effect::Write(w) => {
                        let operator = app.operator.clone().unwrap_or_default().0;
                        match effect::apply(store, &operator, clock.now(), w.clone()) {
                            Ok(done) => app.written(&w, done),
                            Err(e) => app.refused(e.to_string()),
                        }
                        reload = true;
                        writes += 1;
                    }
                    Effect::None => {}
                },
                Event::Paste(text) => app.on_paste(&text),
                _ => {}
            }
        }
        let before = app.now;
        app.now = clock.now();
        // Countdowns move by the minute; another process's commit bumps data_version.
        reload |= before.minute() != app.now.minute() || before.date() != app.now.date();
        let v = data_version(store.conn())?;
        reload |= v != version;
        version = v;
        let w = apart(app);
        reload |= w != want;
        want = w;
        if reload {
            match data::load(store.conn(), app.now, &want) {
                Ok(data) => app.reloaded(data),
                Err(e) => app.refused(format!("读取数据失败：{e}")),
            }
        }
        if app.view == View::Stats {
            let stamp = stats_job::Stamp {
                key: app.stats,
                version,
                writes,
                day: app.now.date(),
            };
            if let Err(e) = stats.want(store, stamp, app.now) {
                app.refused(format!("统计失败：{e}"));
            }
        }
        match stats.landed() {
            Some(Ok(figures)) => app.data.stats = Some(figures),
            Some(Err(e)) => app.refused(format!("统计失败：{e}")),
            None => {}
        }
        app.stats_busy = stats.busy();
        if std::mem::take(&mut app.ring) {
            // BEL: the terminal's own sound (or flash), for an officer looking away.
            let _ = crossterm::execute!(std::io::stdout(), crossterm::style::Print('\u{7}'));
        }
    }
}

/// What `time_frames` measured.
pub struct Timed {
    /// Reading the desk's data (the statistics apart).
    pub load: Duration,
    /// Each frame drawn.
    pub frames: Vec<Duration>,
    /// For the 统计 page: its first frame, drawn before its figures arrive, and computing the
    /// figures (on their own thread on the desk).
    pub stats: Option<(Duration, Duration)>,
}

/// For the benchmarks: reads the desk's data once and draws the dashboard (or the 统计 page)
/// `frames` times on an in-memory terminal of `width`×`height`.
pub fn time_frames(
    store: &Store,
    now: NaiveDateTime,
    (width, height): (u16, u16),
    frames: usize,
    stats: bool,
) -> Result<Timed> {
    let started = Instant::now();
    let data = data::load(store.conn(), now, &first_want(now))?;
    let load = started.elapsed();
    let mut app = App::new(now, data);
    app.operator = app
        .data
        .officers
        .first()
        .map(|o| (o.id.clone(), o.name.clone()));
    let theme = Theme {
        color: true,
        ascii: false,
    };
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .map_err(|e| Error::invalid(e.to_string()))?;
    let stats = match stats {
        false => None,
        true => {
            app.view = View::Stats;
            let t = Instant::now();
            terminal
                .draw(|f| view::draw(f, &app, &theme))
                .map_err(|e| Error::invalid(e.to_string()))?;
            let first = t.elapsed();
            let t = Instant::now();
            app.data.stats = Some(data::stats(store.conn(), now, app.stats)?);
            Some((first, t.elapsed()))
        }
    };
    let times = (0..frames)
        .map(|_| {
            let t = Instant::now();
            terminal
                .draw(|f| view::draw(f, &app, &theme))
                .map(|_| t.elapsed())
                .map_err(|e| Error::invalid(e.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Timed {
        load,
        frames: times,
        stats,
    })
}
