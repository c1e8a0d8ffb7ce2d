//! What decides whether the duty officer trusts the screen: nothing thrown away or done
//! without a question, nothing hidden, a clock that is right.

use crossterm::event::KeyCode;
use zhifa_desk::domain::NoticeState;

use super::effect::Effect;
use super::state::{Confirm, Pick};
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
fn a_long_message_wraps_at_80_columns_and_is_never_cut_silently() {
    let (_, mut app) = signed_in();
    let busy = zhifa_desk::Error::Db(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        None,
    ))
    .to_string();
    app.refused(busy.clone());
    let shown = screen(&app, (80, 24));
    let flat: String = shown.lines().map(str::trim_end).collect();
    assert!(flat.contains(&busy), "{shown}");
    app.refused("很长的消息".repeat(60));
    let shown = screen(&app, (80, 24));
    assert!(shown.contains("……"), "{shown}");
}

/// The marker a notice shows in the list row and in its detail, read off the screen.
fn markers(
    store: &mut zhifa_desk::store::Store,
    app: &mut super::app::App,
    id: &str,
) -> (String, String) {
    press(store, app, &[key(KeyCode::Char('4'))]);
    reload(store, app);
    let at = app
        .data
        .notices
        .iter()
        .position(|t| t.notice.id == id)
        .unwrap();
    app.notices.cursor.0 = at;
    let list = screen(app, (120, 40));
    let row = list.lines().find(|l| l.contains(id)).unwrap().to_string();
    press(store, app, &[key(KeyCode::Enter)]);
    let detail = screen(app, (120, 40));
    press(store, app, &[key(KeyCode::Esc)]);
    let found = |text: &str| {
        ["[超期]", "[临期]", "[曾超期]"]
            .into_iter()
            .find(|m| text.contains(m))
            .unwrap_or("")
            .to_string()
    };
    (found(&row), found(&detail))
}

#[test]
fn a_notice_shows_the_same_marker_in_its_list_row_and_its_detail() {
    use zhifa_desk::domain::Outcome;
    use zhifa_desk::store::desk::{NoticeStep, notice_step};
    let (mut store, mut app) = signed_in();
    let today = app.now.date();
    let overdue: Vec<String> = app
        .data
        .notices
        .iter()
        .filter(|t| t.notice.state.is_open() && t.reinspect_due.date < today)
        .map(|t| t.notice.id.clone())
        .collect();
    assert!(overdue.len() >= 2, "the demo has overdue notices");
    let actor = zhifa_desk::store::Actor {
        operator: "W003".into(),
        now: app.now,
    };
    let officers = vec!["W001".to_string(), "W002".to_string()];
    let late_step = |outcome| NoticeStep::Reinspect {
        date: today,
        result: "未整改完毕".into(),
        outcome,
        officers: officers.clone(),
    };
    let extend = Outcome::Extend {
        new_deadline: today + chrono::Duration::days(10),
        reason: "设备未到货".into(),
    };
    notice_step(&mut store, &actor, &overdue[0], late_step(extend)).unwrap();
    notice_step(
        &mut store,
        &actor,
        &overdue[1],
        late_step(Outcome::Escalate {
            case_no: "卧执立〔2026〕第9号".into(),
        }),
    )
    .unwrap();
    for id in &overdue[..2] {
        let (row, detail) = markers(&mut store, &mut app, id);
        assert_eq!(row, "[曾超期]", "{id}");
        assert_eq!(row, detail, "{id}");
    }
}

#[test]
fn only_overdue_lists_open_leads_overdue_now_and_a_new_lead_is_not_soon() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('o'))],
    );
    reload(&store, &mut app);
    let now = app.now;
    assert!(!app.data.complaints.is_empty());
    for t in &app.data.complaints {
        let c = &t.complaint;
        assert!(c.state.is_open(), "{} {:?}", c.id, c.state);
        assert!(
            c.remaining_minutes(&t.due, now).is_some_and(|m| m < 0),
            "{}",
            c.id
        );
    }
    let shown = screen(&app, (120, 40));
    assert!(!shown.contains("[曾超期]"), "{shown}");
    // A lead received now has 24 hours: it is not 临期.
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('o')), key(KeyCode::Char('n'))],
    );
    focus(&mut app, "问题描述");
    typed(&mut store, &mut app, "夜间施工噪声扰民");
    focus(&mut app, "执法事项");
    typed(&mut store, &mut app, "噪声");
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    press(&mut store, &mut app, &[key(KeyCode::Char('1'))]);
    let dash = screen(&app, (120, 40));
    let row = dash
        .lines()
        .find(|l| l.contains("夜间施工噪声扰民"))
        .unwrap();
    assert!(!row.contains("[临期]"), "{row}");
}
