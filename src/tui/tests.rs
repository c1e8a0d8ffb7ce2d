//! The desk without a terminal: `update` driven by keys, and every view drawn on a TestBackend.

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use zhifa_desk::store::{Actor, Store};

use super::app::App;
use super::effect::{self, Effect};
use super::state::View;
use super::theme::Theme;
use super::{data, first_want, view};

pub const NOW: &str = "2026-11-23 08:30";
pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
pub const THEME: Theme = Theme {
    color: true,
    ascii: false,
};

pub fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str(NOW, "%Y-%m-%d %H:%M").unwrap()
}

/// The demo township at its anchor Monday, with the desk open on it (nobody signed in).
pub fn desk() -> (Store, App) {
    let mut store = Store::open_in_memory().unwrap();
    let actor = Actor {
        operator: "W003".into(),
        now: now(),
    };
    zhifa_desk::demo::load(&mut store, &actor).unwrap();
    let data = data::load(store.conn(), now(), &first_want(now())).unwrap();
    (store, App::new(now(), data))
}

pub fn signed_in() -> (Store, App) {
    let (mut store, mut app) = desk();
    for k in "孙丽华".chars() {
        app.on_key(key(KeyCode::Char(k)));
    }
    let e = app.on_key(key(KeyCode::Enter));
    run(&mut store, &mut app, e);
    // The demo's Friday handover waits to be read: read it, as the officer would.
    assert_eq!(app.context(), super::keymap::Context::Acknowledge);
    let e = app.on_key(key(KeyCode::Enter));
    run(&mut store, &mut app, e);
    (store, app)
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// What the loop does with an effect: write, then read again.
pub fn run(store: &mut Store, app: &mut App, e: Effect) {
    if let Effect::Write(w) = e {
        let op = app.operator.clone().unwrap_or_default().0;
        match effect::apply(store, &op, app.now, w.clone()) {
            Ok(done) => app.written(&w, done),
            Err(err) => app.refused(err.to_string()),
        }
    }
    reload(store, app);
}

pub fn reload(store: &Store, app: &mut App) {
    let d = data::load(store.conn(), app.now, &app.want()).unwrap();
    app.reloaded(d);
}

pub fn press(store: &mut Store, app: &mut App, keys: &[KeyEvent]) {
    for k in keys {
        let e = app.on_key(*k);
        run(store, app, e);
    }
}

pub fn typed(store: &mut Store, app: &mut App, text: &str) {
    let keys: Vec<KeyEvent> = text.chars().map(|c| key(KeyCode::Char(c))).collect();
    press(store, app, &keys);
}

pub fn draw(app: &App, (w, h): (u16, u16), theme: &Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(f, app, theme)).unwrap();
    t
}

/// The screen as text, one line per row: a wide glyph's second cell is not repeated.
pub fn text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn screen(app: &App, size: (u16, u16)) -> String {
    text(&draw(app, size, &THEME))
}

pub fn snap(name: &str, app: &App) {
    for size in SIZES {
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen(app, size));
    }
}

#[test]
fn sign_in_narrows_by_name_or_number_and_records_the_officer() {
    let (mut store, mut app) = desk();
    snap("signin", &app);
    typed(&mut store, &mut app, "w01");
    let ids: Vec<&str> = app
        .signin_candidates()
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(ids, ["W010", "W011", "W012"]);
    press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    typed(&mut store, &mut app, "孙丽华");
    assert_eq!(app.signin_candidates().len(), 1);
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.operator.as_ref().map(|o| o.0.as_str()), Some("W003"));
    let last = zhifa_desk::store::duty::recent(store.conn(), 1).unwrap();
    assert_eq!(last[0].officer, "W003");
    assert_eq!(last[0].kind.label(), "签到");
}

#[test]
fn every_view_at_both_sizes() {
    let (mut store, mut app) = signed_in();
    snap("dashboard", &app);
    for (n, name) in [
        ('2', "patrol"),
        ('3', "complaints"),
        ('4', "notices"),
        ('5', "people"),
        ('6', "stats"),
        ('7', "duty"),
        ('8', "checks"),
    ] {
        press(&mut store, &mut app, &[key(KeyCode::Char(n))]);
        snap(name, &app);
    }
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Enter)],
    );
    assert_eq!(app.complaints.detail.as_deref(), Some("TS-2026-0026"));
    snap("complaint_detail", &app);
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('4')), key(KeyCode::Enter)],
    );
    snap("notice_detail", &app);
    press(&mut store, &mut app, &[key(KeyCode::Char('a'))]);
    snap("notice_menu", &app);
}

#[test]
fn overlays_over_chinese_text() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('?'))]);
    snap("help_over_dashboard", &app);
    press(
        &mut store,
        &mut app,
        &[
            key(KeyCode::Esc),
            key(KeyCode::Char('3')),
            key(KeyCode::Char('n')),
        ],
    );
    typed(&mut store, &mut app, "x");
    snap("new_complaint_form", &app);
    let ascii = Theme {
        color: false,
        ascii: true,
    };
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Esc), key(KeyCode::Char('1'))],
    );
    let shown = text(&draw(&app, (80, 24), &ascii));
    assert!(!shown.contains('─') && !shown.contains('│') && shown.contains("---"));
    insta::assert_snapshot!("dashboard_ascii_80x24", shown);
}

#[test]
fn keys_move_between_views_and_q_quits_only_outside_forms() {
    let (mut store, mut app) = signed_in();
    assert_eq!(app.view, View::Dashboard);
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Tab), key(KeyCode::Tab)],
    );
    assert_eq!(app.view, View::Complaints);
    press(
        &mut store,
        &mut app,
        &[KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)],
    );
    assert_eq!(app.view, View::Patrol);
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('n'))],
    );
    // In a form, q is typed; Ctrl+C asks because the form holds input; n goes back to it.
    focus(&mut app, "问题描述");
    assert_eq!(app.on_key(key(KeyCode::Char('q'))), Effect::None);
    assert_eq!(app.form.as_ref().unwrap().get("问题描述"), "q");
    assert_eq!(app.on_key(ctrl('c')), Effect::None);
    assert_eq!(app.confirm, Some(super::state::Confirm::Quit));
    assert_eq!(app.on_key(key(KeyCode::Char('n'))), Effect::None);
    assert!(app.confirm.is_none() && app.form.is_some());
    app.on_key(ctrl('c'));
    assert_eq!(app.on_key(key(KeyCode::Char('y'))), Effect::Quit);
    let (_, mut fresh) = signed_in();
    assert_eq!(fresh.on_key(key(KeyCode::Char('q'))), Effect::Quit);
}

/// Moves the form's focus to the field labelled `label`.
/// Asserts the open form was saved and closed, showing its error if it was not.
pub fn saved(app: &App) {
    assert!(
        app.form.is_none(),
        "{:?}",
        app.form.as_ref().map(|f| &f.error)
    );
}

pub fn focus(app: &mut App, label: &str) {
    let form = app.form.as_mut().expect("a form is open");
    form.focus = form.fields.iter().position(|f| f.label == label).unwrap();
}
