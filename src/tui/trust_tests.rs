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

/// A desk standing in `ctx`, reached with keys from a signed-in desk (or the sign-in screen).
fn into(ctx: super::keymap::Context) -> (zhifa_desk::store::Store, super::app::App) {
    use super::keymap::Context as C;
    let (mut store, mut app) = match ctx {
        C::SignIn | C::Acknowledge => desk(),
        _ => signed_in(),
    };
    let keys: Vec<_> = match ctx {
        C::SignIn | C::Dashboard => vec![],
        C::Acknowledge => vec![],
        C::Duty => vec![key(KeyCode::Char('7'))],
        C::Handover => vec![key(KeyCode::Char('x'))],
        C::Patrol => vec![key(KeyCode::Char('2'))],
        C::Complaints => vec![key(KeyCode::Char('3'))],
        C::ComplaintDetail => vec![key(KeyCode::Char('3')), key(KeyCode::Enter)],
        C::Notices => vec![key(KeyCode::Char('4'))],
        C::NoticeDetail => vec![key(KeyCode::Char('4')), key(KeyCode::Enter)],
        C::People => vec![key(KeyCode::Char('5'))],
        C::Stats => vec![key(KeyCode::Char('6'))],
        C::Checks => vec![key(KeyCode::Char('8'))],
        C::Filter => vec![key(KeyCode::Char('3')), key(KeyCode::Char('/'))],
        C::Menu => vec![key(KeyCode::Char('3')), key(KeyCode::Char('a'))],
        C::Form => vec![key(KeyCode::Char('3')), key(KeyCode::Char('n'))],
        C::Help => vec![key(KeyCode::Char('?'))],
        C::Confirm => vec![key(KeyCode::Char('3')), key(KeyCode::Char('n'))],
    };
    press(&mut store, &mut app, &keys);
    if ctx == C::Acknowledge {
        typed(&mut store, &mut app, "孙丽华");
        press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    }
    if ctx == C::Confirm {
        focus(&mut app, "问题描述");
        typed(&mut store, &mut app, "占道");
        press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    }
    assert_eq!(app.context(), ctx, "reached {ctx:?}");
    (store, app)
}

/// Moves away from where `action` could not go: the top of a list, the first field, an
/// unfiltered list, today, an empty field.
fn make_room(
    store: &mut zhifa_desk::store::Store,
    app: &mut super::app::App,
    action: super::action::Action,
) {
    use super::action::Action as A;
    use super::keymap::Context as C;
    let ctx = app.context();
    // A frame first, as on screen: a detail learns from it how far it can scroll.
    seen(app);
    match action {
        A::Up | A::PageUp | A::Home => {
            press(store, app, &[key(KeyCode::Down), key(KeyCode::Down)]);
            seen(app);
        }
        A::PrevField => press(store, app, &[key(KeyCode::Tab)]),
        A::Back if matches!(ctx, C::Complaints | C::Notices) => {
            press(store, app, &[key(KeyCode::Char('s'))]);
        }
        A::Back if ctx == C::SignIn => typed(store, app, "W"),
        A::Today => press(store, app, &[key(KeyCode::Right)]),
        A::Edit(_) => {
            if ctx == C::Form {
                focus(app, "问题描述");
            }
            typed(store, app, "王强");
            // The caret between the two: every editing key has something to do.
            let (home, right) = (key(KeyCode::Home), key(KeyCode::Right));
            if ctx == C::Form {
                let field = app.form.as_mut().unwrap().focused().unwrap();
                field.handle(home);
                field.handle(right);
            } else {
                press(store, app, &[home, right]);
            }
            if ctx == C::Handover {
                // Off the last line, so ↓ has a line to go to as ↑ does.
                press(store, app, &[key(KeyCode::Up)]);
            }
        }
        _ => {}
    }
}

/// What the officer sees: every cell with its style, and where the caret is. A detail is
/// looked at on a short screen, where it has more than fits and its scroll keys have work.
fn seen(app: &super::app::App) -> (ratatui::buffer::Buffer, Option<ratatui::layout::Position>) {
    use super::keymap::Context as C;
    use ratatui::backend::Backend;
    let size = match app.context() {
        C::ComplaintDetail | C::NoticeDetail => (80, 14),
        _ => (80, 24),
    };
    let mut t = draw(app, size, &THEME);
    let cursor = t.backend_mut().get_cursor_position().ok();
    (t.backend().buffer().clone(), cursor)
}

#[test]
fn every_key_help_lists_does_something_where_it_is_listed() {
    use super::action::Action;
    use super::keymap::{self, Context as C};
    let contexts = [
        C::SignIn,
        C::Dashboard,
        C::Patrol,
        C::Complaints,
        C::ComplaintDetail,
        C::Notices,
        C::NoticeDetail,
        C::People,
        C::Stats,
        C::Filter,
        C::Menu,
        C::Form,
        C::Help,
        C::Confirm,
        C::Handover,
        C::Acknowledge,
        C::Duty,
        C::Checks,
    ];
    let mut tried = 0;
    for ctx in contexts {
        for binding in keymap::bindings(ctx) {
            for &(code, mods) in binding.keys {
                let (mut store, mut app) = into(ctx);
                // The key for the view one is on is "you are here": nothing to do.
                if let Action::GoView(v) = binding.action
                    && v == app.view
                {
                    continue;
                }
                make_room(&mut store, &mut app, binding.action);
                let before = seen(&app);
                let e = app.on_key(crossterm::event::KeyEvent::new(code, mods));
                let acted = e != Effect::None;
                run(&mut store, &mut app, e);
                let after = seen(&app);
                assert!(
                    acted || before != after,
                    "{ctx:?}: {} ({code:?}) is listed as “{}” but does nothing",
                    binding.label,
                    binding.action.description()
                );
                tried += 1;
            }
        }
    }
    assert!(tried > 150, "{tried} keys tried");
}

#[test]
fn a_choice_shows_what_was_typed_and_a_new_search_needs_no_backspace() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('n'))],
    );
    focus(&mut app, "所属区域");
    typed(&mut store, &mut app, "学校");
    assert!(app.form.as_ref().unwrap().get("所属区域").contains("学校"));
    assert!(screen(&app, (120, 40)).contains("搜：学校"));
    typed(&mut store, &mut app, "农贸");
    let chosen = app.form.as_ref().unwrap().get("所属区域");
    assert!(chosen.contains("农贸"), "{chosen}");
    assert!(screen(&app, (120, 40)).contains("搜：农贸"));
    typed(&mut store, &mut app, "乙丙");
    assert!(screen(&app, (120, 40)).contains("（无匹配）"));
    // Leaving the field ends the search.
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Tab), key(KeyCode::BackTab)],
    );
    assert!(!screen(&app, (120, 40)).contains("搜："));
}

#[test]
fn a_patrol_takes_areas_and_officers_by_name() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('2')), key(KeyCode::Char('p'))],
    );
    let set = |app: &mut super::app::App, label: &str, text: &str| {
        focus(app, label);
        let f = app.form.as_mut().unwrap().focused().unwrap();
        f.handle(key(KeyCode::End));
        f.handle(ctrl('u'));
        f.paste(text);
    };
    set(&mut app, "开始时间", "07:00");
    set(&mut app, "人员", "赵建国、钱志强");
    set(&mut app, "区域", "农贸市场、Q01");
    set(&mut app, "巡查情况", "正常");
    press(&mut store, &mut app, &[ctrl('s')]);
    assert!(
        app.form.is_none(),
        "{:?}",
        app.form.as_ref().and_then(|f| f.error.clone())
    );
    let logged = zhifa_desk::store::roster::patrols_between(store.conn(), None, None).unwrap();
    let p = logged.last().unwrap();
    assert_eq!(p.officers, ["W001", "W002"]);
    assert_eq!(p.areas, ["Q04", "Q01"]);
}

#[test]
fn six_teams_at_80x24_put_problems_first_and_say_what_is_hidden() {
    let (mut store, mut app) = signed_in();
    let roster = "日期,巡查组,人员,区域,班次\n\
        2026-11-23,第四组,W006、W008,Q08,全天\n\
        2026-11-23,第五组,W009、W011,Q09、Q10,全天\n\
        2026-11-23,第六组,W010、W012,Q11,全天\n";
    let actor = zhifa_desk::store::Actor {
        operator: "W003".into(),
        now: app.now,
    };
    zhifa_desk::exchange::KindName::Roster
        .import(&mut store, &actor, "r.csv", roster.as_bytes(), false)
        .unwrap();
    reload(&store, &mut app);
    let shown = screen(&app, (80, 24));
    let roster_part: String = shown
        .lines()
        .skip_while(|l| !l.starts_with("今日巡查排班"))
        .take_while(|l| !l.starts_with("投诉计时"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        roster_part.contains("还有") && roster_part.contains("未显示"),
        "{roster_part}"
    );
    // The first team shown has a problem; 第四组 (two valid officers) is not what is shown
    // while teams with problems are hidden.
    let first = roster_part.lines().nth(1).unwrap();
    assert!(
        !first.starts_with("第一组") && !first.starts_with("第四组"),
        "{roster_part}"
    );
    assert!(!roster_part.contains("第四组"), "{roster_part}");
}

#[test]
fn a_detail_at_80x24_scrolls_to_its_void_reason_and_last_history_line() {
    use zhifa_desk::store::desk::{ComplaintStep, complaint_step};
    let (mut store, mut app) = signed_in();
    let actor = zhifa_desk::store::Actor {
        operator: "W003".into(),
        now: app.now,
    };
    let id = "TS-2026-0035";
    let reason = ComplaintStep::Void {
        reason: "与 TS-2026-0034 重复登记".into(),
    };
    complaint_step(&mut store, &actor, id, reason).unwrap();
    app.complaints.detail = Some(id.into());
    press(&mut store, &mut app, &[key(KeyCode::Char('3'))]);
    reload(&store, &mut app);
    let mut seen_all = String::new();
    for _ in 0..40 {
        seen_all.push_str(&screen(&app, (80, 24)));
        press(&mut store, &mut app, &[key(KeyCode::Down)]);
    }
    assert!(
        seen_all.contains("作废原因：与 TS-2026-0034 重复登记"),
        "{seen_all}"
    );
    assert!(seen_all.contains("W003 孙丽华  作废"), "{seen_all}");
    let first = screen(&app, (80, 24));
    assert!(
        first.contains("滚动"),
        "the title says there is more: {first}"
    );
}

#[test]
fn statistics_move_by_week_month_and_year_and_label_weeks_by_date() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('6'))]);
    let now = screen(&app, (120, 40));
    assert!(
        now.contains("按月：2026年11月（2026-11-01 至 2026-11-30 截至 11-23）"),
        "{now}"
    );
    assert!(now.contains("11-16起") && !now.contains("W47"), "{now}");
    press(&mut store, &mut app, &[key(KeyCode::Left)]);
    assert!(screen(&app, (120, 40)).contains("按月：2026年10月（2026-10-01 至 2026-10-31）"));
    press(&mut store, &mut app, &[key(KeyCode::Char('p'))]);
    assert!(screen(&app, (120, 40)).contains("按年：2026年"));
    press(&mut store, &mut app, &[key(KeyCode::Char('p'))]);
    let week = screen(&app, (120, 40));
    assert!(week.contains("按周：11-23 起的一周"), "{week}");
    // Every bar has its number beside it.
    let bar_rows: Vec<&str> = week.lines().filter(|l| l.contains("起 ")).collect();
    assert!(!bar_rows.is_empty());
    for row in bar_rows.iter().take(3) {
        assert!(row.chars().any(|c| c.is_ascii_digit()), "{row}");
    }
}

#[test]
fn showing_a_reporter_is_recorded_and_hiding_again_is_not() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Enter)],
    );
    let id = app.complaints.detail.clone().unwrap();
    let views = |store: &zhifa_desk::store::Store| -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(*) FROM audit WHERE action = '查看举报人' AND key = ?1
                 AND operator = 'W003'",
                [&id],
                |r| r.get(0),
            )
            .unwrap()
    };
    press(&mut store, &mut app, &[key(KeyCode::Char('m'))]);
    assert!(app.complaints.reveal);
    assert_eq!(views(&store), 1);
    assert!(screen(&app, (120, 40)).contains("W003 孙丽华  查看举报人"));
    press(&mut store, &mut app, &[key(KeyCode::Char('m'))]);
    assert!(!app.complaints.reveal);
    assert_eq!(views(&store), 1, "hiding needs no record");
    let checked = zhifa_desk::store::verify::check(store.conn()).unwrap();
    assert_eq!(checked.problem(), None);
}

#[test]
fn the_dashboard_opens_a_team_a_lead_or_a_notice_where_it_can_be_acted_on() {
    let (mut store, mut app) = signed_in();
    let first_team = app.teams_in_order()[0].team.clone();
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.view, super::state::View::Patrol);
    assert_eq!(
        app.data.day[app.patrol.0].team, first_team,
        "problem teams first"
    );

    press(&mut store, &mut app, &[key(KeyCode::Char('1'))]);
    let teams = app.data.today.roster.len();
    let lead = app.data.today.complaints[0].id.clone();
    app.dashboard.0 = 0;
    let downs = vec![key(KeyCode::Down); teams];
    press(&mut store, &mut app, &downs);
    let shown = screen(&app, (120, 40));
    assert!(shown.contains(&lead));
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.complaints.detail.as_deref(), Some(lead.as_str()));
    assert_eq!(app.context(), super::keymap::Context::ComplaintDetail);

    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('1')), key(KeyCode::End)],
    );
    let notice = app.data.today.notices.last().unwrap().id.clone();
    // The last notice is off the 80x24 pane until it is selected; then it is shown.
    assert!(screen(&app, (80, 24)).contains(&notice));
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.notices.detail.as_deref(), Some(notice.as_str()));
}

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

#[test]
fn a_patrol_that_found_a_problem_offers_a_patrol_lead_filled_from_it() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('2')), key(KeyCode::Char('p'))],
    );
    set(&mut app, "开始时间", "07:00");
    set(&mut app, "区域", "农贸市场");
    set(&mut app, "巡查情况", "市场东门两处摊位占道");
    focus(&mut app, "发现问题");
    app.form
        .as_mut()
        .unwrap()
        .focused()
        .unwrap()
        .handle(key(KeyCode::Right));
    press(&mut store, &mut app, &[ctrl('s')]);
    // The patrol is logged and shown; the lead's form is open, filled in from it.
    let shown = screen(&app, (120, 40));
    assert!(shown.contains("巡查发现问题"), "{shown}");
    let f = app.form.as_ref().unwrap();
    assert_eq!(f.get("来源渠道"), "巡查发现");
    assert!(f.get("所属区域").starts_with("Q04"));
    assert_eq!(f.get("问题描述"), "市场东门两处摊位占道");
    assert_eq!(f.get("受理时间"), "2026-11-23 08:30");
    focus(&mut app, "执法事项");
    typed(&mut store, &mut app, "占道");
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    let c = &app.data.complaint.as_ref().unwrap().tracked.complaint;
    assert_eq!(c.channel.label(), "巡查发现");
    press(&mut store, &mut app, &[key(KeyCode::Char('2'))]);
    let patrols = screen(&app, (120, 40));
    assert!(
        patrols.contains("[发现问题]") && patrols.contains("市场东门两处摊位占道"),
        "{patrols}"
    );
}

#[test]
fn a_team_is_edited_on_the_desk_with_its_checks_live_and_a_question_before_a_broken_save() {
    let (mut store, mut app) = signed_in();
    // Next Monday: copy this Monday's roster, problems and all, then fix 第二组 (a grid
    // worker on it).
    press(&mut store, &mut app, &[key(KeyCode::Char('2'))]);
    press(&mut store, &mut app, &[key(KeyCode::Right); 7]);
    press(&mut store, &mut app, &[key(KeyCode::Char('c'))]);
    let said = app.status.as_ref().unwrap().text.clone();
    assert!(
        said.contains("其中 2 个组有问题，选中后按 e 修改"),
        "{said}"
    );
    let at = app
        .data
        .day
        .iter()
        .position(|t| t.team == "第二组")
        .expect("copied");
    app.patrol.0 = at;
    press(&mut store, &mut app, &[key(KeyCode::Char('e'))]);
    let shown = screen(&app, (120, 40));
    assert!(
        shown.contains("排班检查") && shown.contains("网格员"),
        "{shown}"
    );
    set(&mut app, "人员", "孙丽华、陈春生");
    let live = super::forms::team::live_checks(app.form.as_ref().unwrap(), &app.data);
    assert!(live.iter().any(|c| c.contains("网格员")), "{live:?}");
    // Saving a broken team asks first; n goes back to the form.
    press(&mut store, &mut app, &[ctrl('s')]);
    assert!(matches!(app.confirm, Some(Confirm::Write { .. })));
    press(&mut store, &mut app, &[key(KeyCode::Char('n'))]);
    set(&mut app, "人员", "孙丽华、李明");
    let live = super::forms::team::live_checks(app.form.as_ref().unwrap(), &app.data);
    assert!(
        live.is_empty(),
        "the check is gone as soon as it is fixed: {live:?}"
    );
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    let t = app.data.day.iter().find(|t| t.team == "第二组").unwrap();
    let ids: Vec<&str> = t.officers.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["W003", "W004"]);
    assert!(t.checks.is_empty(), "{:?}", t.checks);

    // A new team, then taken off with a reason.
    press(&mut store, &mut app, &[key(KeyCode::Char('n'))]);
    set(&mut app, "巡查组", "机动组");
    set(&mut app, "人员", "吴晓燕、王海军");
    set(&mut app, "区域", "林场作业区");
    press(&mut store, &mut app, &[ctrl('s')]);
    let at = app
        .data
        .day
        .iter()
        .position(|t| t.team == "机动组")
        .expect("added");
    app.patrol.0 = at;
    press(&mut store, &mut app, &[key(KeyCode::Char('d'))]);
    set(&mut app, "撤下原因", "临时取消");
    press(&mut store, &mut app, &[ctrl('s')]);
    assert!(!app.data.day.iter().any(|t| t.team == "机动组"));

    // Last week is history: a change needs a correction's reason.
    press(&mut store, &mut app, &[key(KeyCode::Left); 8]);
    assert!(app.patrol_date < app.now.date());
    app.patrol.0 = 0;
    press(&mut store, &mut app, &[key(KeyCode::Char('e'))]);
    assert!(screen(&app, (120, 40)).contains("更正原因"));
}

#[test]
fn leave_and_a_renewed_certificate_are_recorded_on_the_desk_and_the_roster_follows() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('5'))]);
    app.people.0.0 = officer_row(&app, "W001");
    press(&mut store, &mut app, &[key(KeyCode::Char('l'))]);
    set(&mut app, "开始日期", "2026-11-24");
    set(&mut app, "结束日期", "2026-11-25");
    set(&mut app, "事由", "省里培训");
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    let shown = screen(&app, (120, 40));
    assert!(shown.contains("11-24起请假"), "{shown}");
    // Tomorrow's roster flags him.
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('2')), key(KeyCode::Right)],
    );
    let team = app
        .data
        .day
        .iter()
        .find(|t| t.officers.iter().any(|m| m.id == "W001"))
        .unwrap();
    assert!(
        team.checks
            .iter()
            .any(|c| c.message.contains("赵建国") && c.message.contains("请假")),
        "{:?}",
        team.checks
    );
    // 郑伟's certificate renewed: today's roster no longer flags it.
    press(&mut store, &mut app, &[key(KeyCode::Char('5'))]);
    app.people.0.0 = officer_row(&app, "W007");
    press(&mut store, &mut app, &[key(KeyCode::Char('e'))]);
    set(&mut app, "执法证号", "15070017");
    set(&mut app, "证件有效期至", "2029-10-31");
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    assert!(
        !app.data
            .today
            .roster
            .iter()
            .any(|t| t.checks.iter().any(|c| c.message.contains("郑伟 的执法证")))
    );
}

#[test]
fn an_officer_on_leave_may_sign_in_and_is_told() {
    let (mut store, mut app) = desk();
    typed(&mut store, &mut app, "冯雪");
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    let said = app.status.as_ref().unwrap().text.clone();
    assert!(
        said.contains("当前状态为请假") && said.contains("可以值班"),
        "{said}"
    );
}

#[test]
fn a_lead_is_dispatched_by_squad_and_verified_by_named_officers_with_a_finding() {
    let (mut store, mut app) = signed_in();
    // TS-2026-0026 占用耕地建设库房 (自然资源) is not dispatched yet.
    app.complaints.detail = Some("TS-2026-0026".into());
    press(&mut store, &mut app, &[key(KeyCode::Char('3'))]);
    reload(&store, &mut app);
    assert!(screen(&app, (120, 40)).contains("承办：未分派"));
    press(&mut store, &mut app, &[key(KeyCode::Char('a'))]);
    assert!(app.menu.as_ref().unwrap().items[0].0.starts_with("分派"));
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    // The squad is suggested from the matter's field: 自然资源 → 一中队.
    assert_eq!(app.form.as_ref().unwrap().get("承办中队"), "一中队");
    set(&mut app, "承办人员", "赵建国、陈春生");
    press(&mut store, &mut app, &[ctrl('s')]);
    let why = app.form.as_ref().unwrap().error.clone().unwrap();
    assert!(
        why.contains("网格员"),
        "a grid worker never handles a lead: {why}"
    );
    set(&mut app, "承办人员", "赵建国、钱志强");
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    assert!(screen(&app, (120, 40)).contains("承办：一中队 赵建国、钱志强"));

    // 核查: who and what; the verifiers are filled in from the handlers.
    press(&mut store, &mut app, &[key(KeyCode::Char('a'))]);
    let at = app
        .menu
        .as_ref()
        .unwrap()
        .items
        .iter()
        .position(|(l, _)| l == "核查")
        .unwrap();
    app.menu.as_mut().unwrap().cursor.0 = at;
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.form.as_ref().unwrap().get("核查人员"), "赵建国、钱志强");
    set(&mut app, "核查情况", "现场确认占用耕地约 200 平方米");
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    let w = &app.data.complaint.as_ref().unwrap().tracked.complaint.work;
    assert_eq!(w.verified_by, ["W001", "W002"]);
    assert_eq!(w.finding, "现场确认占用耕地约 200 平方米");
    // The dashboard and the people view show who handles it.
    press(&mut store, &mut app, &[key(KeyCode::Char('1'))]);
    let dash = screen(&app, (120, 40));
    let mine = app
        .data
        .today
        .complaints
        .iter()
        .find(|c| c.id == "TS-2026-0026")
        .unwrap();
    assert_eq!(mine.handlers, ["W001", "W002"]);
    // The demo's dispatched 河道内私自采砂 (overdue, so on screen) shows its handlers.
    let row = dash.lines().find(|l| l.contains("TS-2026-0030")).unwrap();
    assert!(row.contains("赵建国、钱志强"), "{row}");
    assert!(dash.lines().any(|l| l.contains("未分派")), "{dash}");
    press(&mut store, &mut app, &[key(KeyCode::Char('5'))]);
    let people = screen(&app, (120, 40));
    let zhao = people.lines().find(|l| l.contains("W001")).unwrap();
    assert!(zhao.contains(" 件"), "{zhao}");
}

#[test]
fn a_complex_lead_gets_more_time_approved_by_the_captain_and_keeps_its_original_deadline() {
    let (mut store, mut app) = signed_in();
    let id = app
        .data
        .today
        .complaints
        .iter()
        .find(|c| c.complexity == "复杂" && c.remaining_minutes.is_some_and(|m| m > 0))
        .map(|c| c.id.clone())
        .expect("an open complex lead within its deadlines");
    app.complaints.detail = Some(id.clone());
    press(&mut store, &mut app, &[key(KeyCode::Char('3'))]);
    reload(&store, &mut app);
    press(&mut store, &mut app, &[key(KeyCode::Char('a'))]);
    let at = app
        .menu
        .as_ref()
        .unwrap()
        .items
        .iter()
        .position(|(l, _)| l.starts_with("延长反馈期限"))
        .expect("offered for a complex lead");
    app.menu.as_mut().unwrap().cursor.0 = at;
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    set(&mut app, "新反馈期限", "2026-12-15");
    set(&mut app, "延期原因", "需等待国土部门测绘结果");
    set(&mut app, "批准人（队长）", "钱志强");
    press(&mut store, &mut app, &[ctrl('s')]);
    let why = app.form.as_ref().unwrap().error.clone().unwrap();
    assert!(why.contains("不是队长"), "{why}");
    set(&mut app, "批准人（队长）", "赵建国");
    press(&mut store, &mut app, &[ctrl('s')]);
    saved(&app);
    let t = &app.data.complaint.as_ref().unwrap().tracked;
    assert_eq!(t.due.feedback_due.date().to_string(), "2026-12-15");
    assert_eq!(t.complaint.work.extensions.len(), 1);
    let shown = screen(&app, (120, 40));
    assert!(
        shown.contains("第1次延期") && shown.contains("W001 批准"),
        "{shown}"
    );
    assert_eq!(
        zhifa_desk::store::verify::check(store.conn())
            .unwrap()
            .problem(),
        None
    );
    let month = zhifa_desk::report::period::Period::month("2026-11").unwrap();
    let r = zhifa_desk::report::figures::report(store.conn(), &month, app.now).unwrap();
    assert_eq!(r.complaints.extended, 1);
}

/// The row of officer `id` in the 执法人员 view.
fn officer_row(app: &super::app::App, id: &str) -> usize {
    app.data.officers.iter().position(|o| o.id == id).unwrap()
}

#[test]
fn a_lead_closed_without_a_dispatch_is_not_shown_as_waiting_for_one() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('3'))]);
    let shown = screen(&app, (120, 40));
    let closed: Vec<&str> = shown.lines().filter(|l| l.contains("已结案")).collect();
    assert!(!closed.is_empty(), "{shown}");
    assert!(closed.iter().all(|l| !l.contains("未分派")), "{shown}");
    // An open lead nobody was sent to still says so.
    assert!(
        shown
            .lines()
            .any(|l| l.contains("已受理") && l.contains("未分派")),
        "{shown}"
    );
}

#[test]
fn at_80x24_every_lead_row_still_says_who_handles_it() {
    let (mut store, mut app) = signed_in();
    for view in ['1', '3'] {
        press(&mut store, &mut app, &[key(KeyCode::Char(view))]);
        let shown = screen(&app, (80, 24));
        // TS-2026-0030 went to 赵建国 and 钱志强: the first is named, 等 says there are more.
        let row = shown
            .lines()
            .find(|l| l.contains("TS-2026-0030"))
            .unwrap_or_else(|| panic!("{shown}"));
        assert!(row.contains("赵建国等"), "{row}");
        assert!(
            shown
                .lines()
                .any(|l| l.contains("TS-2026-0026") && l.contains("未分派")),
            "{shown}"
        );
    }
}
