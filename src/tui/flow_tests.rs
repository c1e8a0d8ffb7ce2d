//! A day's work through the desk's keys: a lead typed in Chinese, transfer, a refused
//! re-inspection, patrols, filters, the handover, odd sizes and hostile text.

use crossterm::event::KeyCode;
use zhifa_desk::store::Store;

use super::app::App;
use super::effect::{Effect, Write};
use super::state::View;
use super::tests::*;
use super::theme::Theme;
use super::{data, first_want, view};

#[test]
fn a_complaint_typed_in_chinese_is_saved_and_timed_on_the_dashboard() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('n'))],
    );
    // Saving without a matter chosen or a description is refused with the reason, and
    // writes nothing: no matter is filled in silently.
    let e = app.on_key(ctrl('s'));
    assert_eq!(e, Effect::None);
    assert_eq!(
        app.form.as_ref().unwrap().error.as_deref(),
        Some("执法事项：必填")
    );
    assert!(screen(&app, (120, 40)).contains("（请选择）"));
    focus(&mut app, "执法事项");
    app.on_paste("占道");
    focus(&mut app, "问题描述");
    app.on_paste("学校门口\r\n流动摊贩占道");
    assert!(app.form.is_some(), "a pasted newline must not submit");
    focus(&mut app, "所属区域");
    app.on_paste("学校");
    let e = app.on_key(ctrl('s'));
    let Effect::Write(Write::NewComplaint(c)) = &e else {
        panic!("expected a new complaint, got {e:?}");
    };
    assert_eq!(c.description, "学校门口流动摊贩占道");
    assert_eq!(c.area.as_deref(), Some("Q05"));
    assert_eq!(c.matter.as_deref(), Some("M01"));
    run(&mut store, &mut app, e);
    assert!(app.form.is_none());
    assert_eq!(app.status.as_ref().unwrap().text, "已受理投诉 TS-2026-0042");
    let timer = app
        .data
        .today
        .complaints
        .iter()
        .find(|c| c.id == "TS-2026-0042")
        .expect("on the dashboard");
    assert_eq!(timer.remaining_minutes, Some(24 * 60));
    press(&mut store, &mut app, &[key(KeyCode::Char('1'))]);
    assert!(screen(&app, (120, 40)).contains("剩余 1天0时"));
}

#[test]
fn a_matter_off_the_list_offers_transfer_not_handling() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('n'))],
    );
    focus(&mut app, "问题描述");
    app.on_paste("反映邻里纠纷");
    // Chosen explicitly: off the matter list.
    focus(&mut app, "执法事项");
    app.form
        .as_mut()
        .unwrap()
        .focused()
        .unwrap()
        .handle(key(KeyCode::Right));
    assert_eq!(
        app.form.as_ref().unwrap().get("执法事项"),
        "（不在事项清单内）"
    );
    let e = app.on_key(ctrl('s'));
    run(&mut store, &mut app, e);
    // Open it (it is the newest unverified one) and verify it.
    app.complaints.detail = Some("TS-2026-0042".into());
    reload(&store, &mut app);
    press(&mut store, &mut app, &[key(KeyCode::Char('a'))]);
    let labels: Vec<&str> = app
        .menu
        .as_ref()
        .unwrap()
        .items
        .iter()
        .map(|i| i.0.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "分派（承办中队、承办人员）",
            "核查",
            "移送",
            "作废",
            "中止计时（等待外部情况，队长批准）",
            "修改登记内容（改时间为更正）"
        ]
    );
    // 核查 names who verified and what was found.
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Down), key(KeyCode::Enter)],
    );
    focus(&mut app, "核查人员");
    app.on_paste("赵建国、钱志强");
    focus(&mut app, "核查情况");
    app.on_paste("邻里宅基地纠纷，非执法事项");
    press(&mut store, &mut app, &[ctrl('s')]);
    assert_eq!(
        app.data
            .complaint
            .as_ref()
            .unwrap()
            .tracked
            .complaint
            .state
            .label(),
        "核查中"
    );
    press(&mut store, &mut app, &[key(KeyCode::Char('a'))]);
    let menu = app.menu.clone().unwrap();
    let labels: Vec<&str> = menu.items.iter().map(|i| i.0.as_str()).collect();
    assert_eq!(
        labels,
        [
            "分派（承办中队、承办人员）",
            "反馈",
            "移送",
            "作废",
            "中止计时（等待外部情况，队长批准）",
            "修改登记内容（改时间为更正）"
        ]
    );
    assert!(menu.note.unwrap().contains("应移送"));
    // 移送 needs the receiving department.
    press(
        &mut store,
        &mut app,
        &[
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Enter),
            ctrl('s'),
        ],
    );
    assert!(
        app.form
            .as_ref()
            .unwrap()
            .error
            .as_deref()
            .unwrap()
            .contains("接收部门")
    );
    focus(&mut app, "接收部门");
    app.on_paste("镇司法所");
    press(&mut store, &mut app, &[ctrl('s')]);
    let c = &app.data.complaint.as_ref().unwrap().tracked.complaint;
    assert_eq!(
        (c.state.label(), c.result.as_str()),
        ("已移送", "移送镇司法所")
    );
}

#[test]
fn a_refused_reinspection_keeps_the_form_open_with_the_reason() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[
            key(KeyCode::Char('4')),
            key(KeyCode::Enter),
            key(KeyCode::Char('a')),
        ],
    );
    let labels: Vec<String> = app
        .menu
        .as_ref()
        .unwrap()
        .items
        .iter()
        .map(|i| i.0.clone())
        .collect();
    assert!(labels.iter().any(|l| l.starts_with("复查")), "{labels:?}");
    let pos = labels.iter().position(|l| l.starts_with("复查")).unwrap();
    app.menu.as_mut().unwrap().cursor.0 = pos;
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    focus(&mut app, "复查人员");
    let f = app.form.as_mut().unwrap().focused().unwrap();
    f.handle(ctrl('u'));
    f.handle(key(KeyCode::End));
    app.on_paste("W001");
    focus(&mut app, "复查结果");
    app.on_paste("已整改完毕");
    press(&mut store, &mut app, &[ctrl('s')]);
    let err = app
        .form
        .as_ref()
        .expect("still open")
        .error
        .clone()
        .unwrap();
    assert!(err.contains("至少 2 名"), "{err}");
    focus(&mut app, "复查人员");
    app.on_paste("、W002");
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    let n = &app.data.notice.as_ref().unwrap().tracked.notice;
    assert_eq!(n.state.label(), "已销号");
}

#[test]
fn patrol_view_walks_dates_logs_a_patrol_and_copies_last_week() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('2'))]);
    assert_eq!(app.data.day.len(), 3);
    press(&mut store, &mut app, &[key(KeyCode::Char('p'))]);
    focus(&mut app, "开始时间");
    app.on_paste("07:40");
    focus(&mut app, "巡查情况");
    app.on_paste("未发现违法行为");
    press(&mut store, &mut app, &[ctrl('s')]);
    assert_eq!(app.status.as_ref().unwrap().text, "已登记巡查 XC0035");
    assert_eq!(app.data.day[0].patrolled, app.data.day[0].areas);
    // A week on there is no roster; logging is refused for a future date; c copies last week.
    for _ in 0..7 {
        press(&mut store, &mut app, &[key(KeyCode::Right)]);
    }
    assert!(app.data.day.is_empty());
    press(&mut store, &mut app, &[key(KeyCode::Char('p'))]);
    assert!(app.status.as_ref().unwrap().error && app.form.is_none());
    press(&mut store, &mut app, &[key(KeyCode::Char('c'))]);
    assert_eq!(app.data.day.len(), 3);
    press(&mut store, &mut app, &[key(KeyCode::Char('t'))]);
    assert_eq!(app.patrol_date, now().date());
}

#[test]
fn filters_narrow_the_complaint_list() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('3'))]);
    let all = app.data.complaints.len();
    assert_eq!(all, 41);
    press(&mut store, &mut app, &[key(KeyCode::Char('o'))]);
    let overdue = app.data.complaints.len();
    assert!(overdue > 0 && overdue < all);
    assert!(
        app.data
            .complaints
            .iter()
            .all(|t| t.complaint.overdue(&t.due, app.now))
    );
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('o')), key(KeyCode::Char('/'))],
    );
    typed(&mut store, &mut app, "秸秆");
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert!(!app.data.complaints.is_empty());
    assert!(
        app.data
            .complaints
            .iter()
            .all(|t| t.complaint.description.contains("秸秆"))
    );
    press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.data.complaints.len(), all);
}

#[test]
fn handover_writes_the_note_and_returns_to_sign_in() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('x'))]);
    // The note starts filled in with what the next shift must know; Enter starts a line.
    let draft = app.handover.as_ref().unwrap().text().to_string();
    assert!(
        draft.contains("仍超期未办的投诉") && draft.ends_with("其他事项："),
        "{draft}"
    );
    app.on_paste("TS-2026-0026 明早核查");
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    typed(&mut store, &mut app, "钥匙在抽屉");
    press(&mut store, &mut app, &[ctrl('s')]);
    assert!(app.operator.is_none());
    let h = app.data.last_handover.as_ref().unwrap();
    assert_eq!(h.officer, "W003");
    assert!(
        h.note
            .ends_with("其他事项：TS-2026-0026 明早核查\n钥匙在抽屉"),
        "{}",
        h.note
    );
    assert!(screen(&app, (80, 24)).contains("上一班交接"));
    // The next officer signs in and sees the whole note until it is acknowledged.
    typed(&mut store, &mut app, "周海涛");
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    let shown = screen(&app, (80, 24));
    assert!(
        shown.contains("上一班交接事项") && shown.contains("钥匙在抽屉"),
        "{shown}"
    );
    press(&mut store, &mut app, &[key(KeyCode::Char('2'))]);
    assert_eq!(app.view, View::Dashboard, "nothing else until it is read");
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert!(app.data.unacknowledged.is_none());
    press(&mut store, &mut app, &[key(KeyCode::Char('7'))]);
    let log = screen(&app, (120, 40));
    assert!(
        log.contains("接班确认") && log.contains("W005 周海涛"),
        "{log}"
    );
}

#[test]
fn small_and_odd_sizes_draw_without_panicking_and_ascii_spells_out_arrows() {
    let (mut store, mut app) = signed_in();
    let ascii = Theme {
        color: false,
        ascii: true,
    };
    for n in ['1', '2', '3', '4', '5', '6'] {
        press(&mut store, &mut app, &[key(KeyCode::Char(n))]);
        for size in [(1, 1), (20, 5), (40, 10), (79, 23), (200, 60)] {
            draw(&app, size, &THEME);
            let shown = text(&draw(&app, size, &ascii));
            assert!(
                !shown.contains(['←', '→', '↑', '↓', '─', '│', '█']),
                "{shown}"
            );
        }
    }
    press(&mut store, &mut app, &[key(KeyCode::Char('n'))]);
    draw(&app, (20, 5), &THEME);
}

#[test]
fn an_empty_database_says_how_to_begin() {
    let store = Store::open_in_memory().unwrap();
    let data = data::load(store.conn(), now(), &first_want(now())).unwrap();
    let app = App::new(now(), data);
    assert!(screen(&app, (80, 24)).contains("zhifa-desk import officers"));
}

#[test]
fn a_long_list_builds_only_the_rows_on_screen_and_keeps_the_cursor_visible() {
    use ratatui::layout::Rect;
    let area = Rect::new(0, 0, 80, 13); // 10 rows inside borders and header
    assert_eq!(view::window(3, Some(1), area), (0..3, Some(1)));
    assert_eq!(view::window(5000, Some(0), area), (0..10, Some(0)));
    assert_eq!(view::window(5000, Some(9), area), (0..10, Some(9)));
    assert_eq!(view::window(5000, Some(4321), area), (4312..4322, Some(9)));
    assert_eq!(view::window(5000, Some(9999), area), (4990..5000, Some(9)));
    assert_eq!(view::window(0, Some(0), area), (0..0, Some(0)));
}

#[test]
fn text_edited_into_the_file_never_reaches_the_terminal_raw() {
    let (mut store, mut app) = signed_in();
    store
        .conn()
        .execute(
            "UPDATE complaints SET description = ?1 WHERE state = '已受理'",
            ["占道\u{202E}经营\u{1b}[2J\u{200B}\u{9b}31m"],
        )
        .unwrap();
    reload(&store, &mut app);
    for view in ['1', '3'] {
        press(&mut store, &mut app, &[key(KeyCode::Char(view))]);
        for size in SIZES {
            let t = draw(&app, size, &THEME);
            let shown = text(&t);
            assert!(shown.contains("占道经营"), "{shown}");
            assert!(
                !shown.chars().any(|c| zhifa_desk::text::hazard(c).is_some()),
                "{shown:?}"
            );
        }
    }
    // Typed or pasted, such characters never enter a field.
    let mut field = crate::tui::text_field::TextField::default();
    field.insert("Q0\u{200B}1\u{1b}\u{202E}");
    assert_eq!(field.text(), "Q01");
}
