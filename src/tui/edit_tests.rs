//! Mending on the desk: a saved record opened for its next step, typos fixed in place, a
//! recorded time changed only as a correction, and what the shift is told as it goes.

use crossterm::event::KeyCode;

use super::tests::*;

#[test]
fn a_saved_complaint_is_opened_for_its_next_step() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('n'))],
    );
    focus(&mut app, "问题描述");
    typed(&mut store, &mut app, "学校门口流动摊贩");
    focus(&mut app, "执法事项");
    typed(&mut store, &mut app, "占道");
    press(&mut store, &mut app, &[ctrl('s')]);
    assert_eq!(app.complaints.detail.as_deref(), Some("TS-2026-0042"));
    assert!(screen(&app, (120, 40)).contains("学校门口流动摊贩"));
}

/// Opens the 修改 form of the complaint or notice detail on screen.
fn open_edit(store: &mut zhifa_desk::store::Store, app: &mut super::app::App) {
    press(store, app, &[key(KeyCode::Char('a'))]);
    let menu = app.menu.as_ref().unwrap();
    let pos = menu
        .items
        .iter()
        .position(|(label, _)| label.starts_with("修改登记内容"))
        .expect("修改 is offered");
    app.menu.as_mut().unwrap().cursor.0 = pos;
    press(store, app, &[key(KeyCode::Enter)]);
    assert!(app.form.is_some());
}

pub(super) fn set(app: &mut super::app::App, label: &str, text: &str) {
    focus(app, label);
    let f = app.form.as_mut().unwrap().focused().unwrap();
    f.handle(key(KeyCode::End));
    f.handle(ctrl('u'));
    f.paste(text);
}

#[test]
fn a_typo_is_fixed_on_the_desk_and_a_recorded_time_only_as_a_correction() {
    let (mut store, mut app) = signed_in();
    app.complaints.detail = Some("TS-2026-0003".into());
    press(&mut store, &mut app, &[key(KeyCode::Char('3'))]);
    reload(&store, &mut app);
    open_edit(&mut store, &mut app);
    // A wrong area: an ordinary 修改, the masked reporter kept as stored.
    set(&mut app, "所属区域", "农贸");
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    let c = &app.data.complaint.as_ref().unwrap().tracked.complaint;
    assert_eq!(c.area.as_deref(), Some("Q04"));
    assert!(!c.reporter.contains('*'), "the stored reporter is kept");

    // A recorded time: refused without a reason, a 更正 with one.
    open_edit(&mut store, &mut app);
    set(&mut app, "核查时间", "2026-11-04 09:30");
    press(&mut store, &mut app, &[ctrl('s')]);
    let why = app.form.as_ref().unwrap().error.clone().unwrap();
    assert!(why.contains("更正原因"), "{why}");
    set(&mut app, "更正原因", "核查时间录入错误");
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    assert!(app.status.as_ref().unwrap().text.contains("已更正"));
    let shown = screen(&app, (120, 40));
    assert!(shown.contains("更正：核查时间"), "{shown}");
    let checked = zhifa_desk::store::verify::check(store.conn()).unwrap();
    assert_eq!(checked.problem(), None);
    let month = zhifa_desk::report::period::Period::month("2026-11").unwrap();
    let r = zhifa_desk::report::figures::report(store.conn(), &month, app.now).unwrap();
    assert_eq!(r.corrections.len(), 1);
    assert_eq!(r.corrections[0].reason, "核查时间录入错误");
}

#[test]
fn a_misspelt_party_is_fixed_on_the_notice() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('4')), key(KeyCode::Enter)],
    );
    let id = app.notices.detail.clone().unwrap();
    open_edit(&mut store, &mut app);
    set(&mut app, "当事人", "佳佳便利店（更名）");
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    let n = &app.data.notice.as_ref().unwrap().tracked.notice;
    assert_eq!(
        (n.id.as_str(), n.party.as_str()),
        (id.as_str(), "佳佳便利店（更名）")
    );
}

#[test]
fn a_lead_turning_soon_then_overdue_during_the_shift_is_announced_once_with_the_bell() {
    let (store, mut app) = signed_in();
    // TS-2026-0035 is due at 15:00: at 11:30 it has 3h30 left, at 15:01 it is overdue.
    for (at, word) in [("2026-11-23 11:30", "临期"), ("2026-11-23 15:01", "超期")] {
        app.now = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap();
        app.status = None;
        reload(&store, &mut app);
        let said = app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        assert!(
            said.contains(&format!("投诉 TS-2026-0035 已{word}")),
            "{at}: {said}"
        );
        assert!(std::mem::take(&mut app.ring), "the bell at {at}");
        // Looking again at the same moment says nothing more.
        app.status = None;
        reload(&store, &mut app);
        assert!(app.status.is_none() && !app.ring, "announced once");
    }
    // With the bell switched off, the line still says it and the bell stays quiet.
    let mut quiet = store.settings().unwrap();
    quiet.bell = false;
    let mut store = store;
    let actor = zhifa_desk::store::Actor {
        operator: "W003".into(),
        now: app.now,
    };
    store
        .write(|tx| zhifa_desk::store::settings::save(tx, &actor, &quiet))
        .unwrap();
    app.now = chrono::NaiveDateTime::parse_from_str("2026-11-24 12:00", "%Y-%m-%d %H:%M").unwrap();
    reload(&store, &mut app);
    assert!(app.status.is_some() && !app.ring);
}

#[test]
fn the_handover_pages_at_both_sizes() {
    let (mut store, mut app) = desk();
    typed(&mut store, &mut app, "孙丽华");
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    snap("acknowledge", &app);
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Enter), key(KeyCode::Char('x'))],
    );
    snap("handover_editor", &app);
}
