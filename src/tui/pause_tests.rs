//! Stopping a lead's clock and appealing its lateness on the desk, as the duty officer does
//! it: the step menu, the form, the store, and what the desk shows afterwards.

use crossterm::event::KeyCode;

use super::app::App;
use super::tests::{ctrl, key, press, reload, signed_in};
use zhifa_desk::store::{Store, complaints};

/// Opens lead `id`'s step menu and picks the item that starts with `label`; the form opens.
pub(super) fn pick(store: &mut Store, app: &mut App, id: &str, label: &str) {
    press(store, app, &[key(KeyCode::Char('3'))]);
    app.complaints.detail = Some(id.into());
    reload(store, app);
    press(store, app, &[key(KeyCode::Char('a'))]);
    let items: Vec<String> = app
        .menu
        .as_ref()
        .expect("a menu")
        .items
        .iter()
        .map(|i| i.0.clone())
        .collect();
    let at = items
        .iter()
        .position(|i| i.starts_with(label))
        .unwrap_or_else(|| panic!("{label} in {items:?}"));
    let mut keys = vec![key(KeyCode::Down); at];
    keys.push(key(KeyCode::Enter));
    press(store, app, &keys);
    assert!(app.form.is_some(), "{label} opens its form");
}

pub(super) fn save(store: &mut Store, app: &mut App, fields: &[(&str, &str)]) -> String {
    for (label, value) in fields {
        app.form.as_mut().unwrap().preset(label, value);
    }
    press(store, app, &[ctrl('s')]);
    // A refusal stays on the form; a save closes it and says what was done.
    match app.form.as_ref().and_then(|f| f.error.clone()) {
        Some(why) => why,
        None => app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default(),
    }
}

#[test]
fn a_lead_is_stopped_and_restarted_from_its_menu_and_shows_as_stopped_meanwhile() {
    let (mut store, mut app) = signed_in();
    let before = complaints::get(store.conn(), "TS-2026-0028")
        .unwrap()
        .unwrap()
        .due;
    pick(&mut store, &mut app, "TS-2026-0028", "中止计时");
    let said = save(
        &mut store,
        &mut app,
        &[("原因", "其他"), ("时间", "2026-11-23 08:00")],
    );
    assert!(said.contains("须写明具体情况"), "{said}");
    let said = save(&mut store, &mut app, &[("具体情况", "当事人住院")]);
    assert!(said.contains("已于 11-23 08:00 中止计时"), "{said}");
    reload(&store, &mut app);
    let timer = app
        .data
        .today
        .complaints
        .iter()
        .find(|c| c.id == "TS-2026-0028")
        .unwrap();
    assert!(timer.stopped_since.is_some() && timer.remaining_minutes.is_none());

    app.now += chrono::Duration::days(2);
    pick(&mut store, &mut app, "TS-2026-0028", "恢复计时");
    let said = save(&mut store, &mut app, &[]);
    assert!(said.contains("恢复计时，期限已顺延"), "{said}");
    let after = complaints::get(store.conn(), "TS-2026-0028")
        .unwrap()
        .unwrap()
        .due;
    // 11-23 and 11-24 stood stopped: both deadlines two working days later.
    assert_eq!(
        after.verify_due - before.verify_due,
        chrono::Duration::days(2)
    );
    assert_eq!(
        after.feedback_due - before.feedback_due,
        chrono::Duration::days(2)
    );
}

#[test]
fn an_appeal_is_filed_and_reviewed_from_the_menu_and_a_refusal_needs_an_opinion() {
    let (mut store, mut app) = signed_in();
    pick(&mut store, &mut app, "TS-2026-0030", "超时申诉");
    let said = save(
        &mut store,
        &mut app,
        &[("申诉理由", "河道涨水，无法到达现场")],
    );
    assert!(said.contains("已提出超时申诉"), "{said}");
    pick(&mut store, &mut app, "TS-2026-0030", "审批超时申诉");
    let said = save(&mut store, &mut app, &[("审批结论", "不予批准")]);
    assert!(said.contains("不予批准须写明意见"), "{said}");
    let said = save(&mut store, &mut app, &[("审批意见", "无水文记录佐证")]);
    assert!(said.contains("不予批准"), "{said}");
    let c = complaints::get(store.conn(), "TS-2026-0030")
        .unwrap()
        .unwrap()
        .complaint;
    assert_eq!(c.work.appeal.unwrap().state(), "未批准");
    // Once decided, the menu offers neither an appeal nor a review again.
    app.form = None;
    app.complaints.detail = Some("TS-2026-0030".into());
    reload(&store, &mut app);
    press(&mut store, &mut app, &[key(KeyCode::Char('a'))]);
    let items = &app.menu.as_ref().unwrap().items;
    assert!(!items.iter().any(|i| i.0.contains("申诉")), "{items:?}");
}
