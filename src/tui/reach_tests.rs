//! Everything within reach at both sizes: every listed key does something, choices and
//! searches as typed, crowded pages say what they hide, the dashboard opens what it shows.

use crossterm::event::KeyCode;

use super::effect::Effect;
use super::tests::*;

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
