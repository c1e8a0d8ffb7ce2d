//! What decides whether the duty officer trusts the screen: nothing thrown away or done
//! without a question, nothing hidden, a clock that is right.

use crossterm::event::KeyCode;
use zhifa_desk::domain::NoticeState;

use super::app::{Confirm, Pick};
use super::effect::Effect;
use super::tests::*;

#[test]
fn esc_on_a_filled_form_asks_and_an_empty_one_just_closes() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('n'))],
    );
    press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    assert!(app.form.is_none() && app.confirm.is_none(), "nothing typed");

    press(&mut store, &mut app, &[key(KeyCode::Char('n'))]);
    focus(&mut app, "问题描述");
    typed(&mut store, &mut app, "流动摊贩");
    press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.confirm, Some(Confirm::Discard));
    assert!(screen(&app, (80, 24)).contains("确定放弃吗"));
    press(&mut store, &mut app, &[key(KeyCode::Char('n'))]);
    assert_eq!(app.form.as_ref().unwrap().get("问题描述"), "流动摊贩");
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Esc), key(KeyCode::Char('y'))],
    );
    assert!(app.form.is_none() && app.confirm.is_none());
}

#[test]
fn awaiting_re_inspection_before_the_deadline_is_asked_about_first() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('4'))]);
    let today = app.now.date();
    let at = app
        .data
        .notices
        .iter()
        .position(|t| t.notice.state == NoticeState::Pending && t.notice.deadline > today)
        .expect("the demo has a notice still within its deadline");
    let id = app.data.notices[at].notice.id.clone();
    app.notices.cursor.0 = at;
    press(&mut store, &mut app, &[key(KeyCode::Char('a'))]);
    let menu = app.menu.as_ref().unwrap();
    let pos = menu
        .items
        .iter()
        .position(|(_, p)| matches!(p, Pick::Confirm { .. }))
        .expect("待复查 is offered with a question");
    assert!(menu.items[pos].0.contains("期限未到"));
    app.menu.as_mut().unwrap().cursor.0 = pos;
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.confirm, Some(Confirm::Write { .. })));
    assert!(screen(&app, (120, 40)).contains("还没到"));
    press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    let state = |app: &super::app::App| {
        app.data
            .notices
            .iter()
            .find(|t| t.notice.id == id)
            .map(|t| t.notice.state)
    };
    assert_eq!(
        state(&app),
        Some(NoticeState::Pending),
        "Esc changes nothing"
    );

    press(&mut store, &mut app, &[key(KeyCode::Char('a'))]);
    app.menu.as_mut().unwrap().cursor.0 = pos;
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    let e = app.on_key(key(KeyCode::Char('y')));
    assert!(matches!(e, Effect::Write(_)));
    run(&mut store, &mut app, e);
    assert_eq!(state(&app), Some(NoticeState::AwaitingReinspection));
}

#[test]
fn the_clock_reads_the_wall_clock_to_the_second_unless_fixed() {
    let wall = super::Clock::new(None).now();
    let real = chrono::Local::now().naive_local();
    assert!((real - wall).num_seconds().abs() <= 1, "{wall} vs {real}");
    let fixed = super::Clock::new(Some(now())).now();
    assert!((fixed - now()).num_seconds() <= 1);
}
