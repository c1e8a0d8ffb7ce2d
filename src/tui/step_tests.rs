//! Steps taken on the desk: where Esc returns, a dispatch outside the squad asked first, a
//! notice's edit and escalation, help that runs what it lists, handover notes shown whole.

use crossterm::event::KeyCode;

use super::pause_tests::save;
use super::tests::{key, press, signed_in};

/// A lead opened from the dashboard goes back to the dashboard on Esc; one opened from the
/// list goes back to the list. The sign-in page says Enter signs in.
#[test]
fn esc_returns_to_where_the_item_was_opened_from() {
    use super::state::View;
    let (mut store, mut app) = signed_in();
    let teams = app.data.today.roster.len();
    press(&mut store, &mut app, &[key(KeyCode::Char('1'))]);
    press(&mut store, &mut app, &vec![key(KeyCode::Down); teams]);
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.view, View::Complaints);
    assert!(app.complaints.detail.is_some());
    press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.view, View::Dashboard);
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Enter)],
    );
    assert!(app.complaints.detail.is_some());
    press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.view, View::Complaints);

    let (_, app) = super::tests::desk();
    let shown = super::tests::screen(&app, (80, 24));
    assert!(
        shown
            .lines()
            .last()
            .unwrap_or_default()
            .contains("Enter 签到"),
        "{shown}"
    );
}

/// A dispatch to 二中队 of 一中队's officers is saved only after a question naming them.
#[test]
fn a_dispatch_outside_the_squad_asks_first() {
    use super::forms::{FormKind, step_form};
    use super::state::Confirm;
    let (_store, mut app) = signed_in();
    let kind = FormKind::Dispatch {
        id: "TS-2026-0028".into(),
    };
    let mut form = step_form(&app.data, kind, app.now).unwrap();
    form.preset("承办中队", "二中队");
    form.preset("承办人员", "赵建国、钱志强");
    app.form = Some(form);
    let e = app.on_key(super::tests::ctrl('s'));
    assert!(matches!(e, super::effect::Effect::None));
    match &app.confirm {
        Some(Confirm::Write { question, .. }) => assert!(
            question.contains("赵建国（一中队）不属于承办中队二中队")
                && question.contains("钱志强（一中队）"),
            "{question}"
        ),
        other => panic!("no question: {other:?}"),
    }
}

/// The notice edit form carries 整改要求 and 送达日期 (a served date moved is a 更正); the
/// patrol form names its officers as the roster does.
#[test]
fn the_notice_edit_form_carries_its_requirement_and_service_and_patrols_name_people() {
    use super::forms::{FormKind, step_form};
    let (mut store, mut app) = signed_in();
    let id = "卧执整〔2026〕第9号";
    app.form = step_form(&app.data, FormKind::EditNotice { id: id.into() }, app.now);
    let form = app.form.as_ref().expect("the edit form");
    assert!(!form.get("整改要求").is_empty());
    let said = save(
        &mut store,
        &mut app,
        &[("整改要求", "三日内拆除违规广告牌")],
    );
    assert!(!said.contains("错误") && app.form.is_none(), "{said}");
    let n = zhifa_desk::store::notices::get(store.conn(), id)
        .unwrap()
        .unwrap()
        .notice;
    assert_eq!(n.issuing.requirement, "三日内拆除违规广告牌");

    let team = app.data.today.roster[0].clone();
    let form = super::forms::patrol(&team, app.now.date(), app.now);
    let names: Vec<String> = team.officers.iter().map(|m| m.name.clone()).collect();
    assert_eq!(form.get("人员"), names.join("、"));
}

/// "注意：… 已临期" goes once what it named has been dealt with.
#[test]
fn a_soon_notice_goes_once_its_lead_is_dealt_with() {
    use zhifa_desk::store::desk::{self, ComplaintStep};
    let (mut store, mut app) = signed_in();
    // TS-2026-0035 has 6时30分 left at 08:30: at 11:01 it is 临期 (under 4 hours).
    app.now += chrono::Duration::minutes(151);
    super::tests::reload(&store, &mut app);
    let said = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("TS-2026-0035 已临期"), "{said}");
    let actor = zhifa_desk::store::Actor {
        operator: "W003".into(),
        now: app.now,
    };
    let step = ComplaintStep::Verify {
        at: app.now,
        by: vec!["W003".into()],
        finding: "情况属实".into(),
    };
    desk::complaint_step(&mut store, &actor, "TS-2026-0035", step).unwrap();
    super::tests::reload(&store, &mut app);
    assert!(
        app.status.is_none(),
        "{:?}",
        app.status.as_ref().map(|s| &s.text)
    );
}

/// A team renamed with the same officers is one team: no double booking against itself, on
/// the form or in the store's answer, and the rename is one save.
#[test]
fn a_renamed_team_is_not_double_booked_against_itself() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('2'))]);
    let at = app
        .data
        .day
        .iter()
        .position(|t| t.team == "第一组")
        .unwrap();
    let ids = |t: &zhifa_desk::report::today::TeamDay| -> Vec<String> {
        t.officers.iter().map(|m| m.id.clone()).collect()
    };
    let before = ids(&app.data.day[at]);
    app.patrol.0 = at;
    press(&mut store, &mut app, &[key(KeyCode::Char('e'))]);
    super::edit_tests::set(&mut app, "巡查组", "集镇组");
    let live = super::forms::team::live_checks(app.form.as_ref().unwrap(), &app.data);
    assert!(live.iter().all(|c| !c.contains("同时")), "{live:?}");
    press(&mut store, &mut app, &[super::tests::ctrl('s')]);
    assert!(app.confirm.is_none(), "no question: {:?}", app.confirm);
    super::tests::saved(&app);
    let names: Vec<&str> = app.data.day.iter().map(|t| t.team.as_str()).collect();
    assert!(
        names.contains(&"集镇组") && !names.contains(&"第一组"),
        "{names:?}"
    );
    let t = app.data.day.iter().find(|t| t.team == "集镇组").unwrap();
    assert_eq!(ids(t), before);
    assert!(t.checks.is_empty(), "{:?}", t.checks);
}

/// Help lists what can be done here; Enter runs the chosen line, and on a screen too low for
/// the list the rows scroll to keep the chosen one in view.
#[test]
fn help_runs_the_chosen_action_and_scrolls_to_it() {
    use super::action::Action;
    use super::keymap::{self, Context};
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('?'))],
    );
    let entries = keymap::bindings(Context::Complaints);
    let new = entries
        .iter()
        .position(|b| b.action == Action::New)
        .unwrap();
    press(&mut store, &mut app, &vec![key(KeyCode::Down); new]);
    let shown = super::tests::screen(&app, (80, 24));
    assert!(shown.contains("Enter 执行所选的操作"), "{shown}");
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    assert!(app.help.is_none());
    let form = app
        .form
        .as_ref()
        .expect("Enter on 新建 opens the new lead's form");
    assert!(form.title.starts_with("受理投诉"), "{}", form.title);

    // Too low for the list: the chosen last line is still on screen, and the title says so.
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[
            key(KeyCode::Char('3')),
            key(KeyCode::Char('?')),
            key(KeyCode::End),
        ],
    );
    let last = entries.last().unwrap().label;
    let shown = super::tests::screen(&app, (80, 12));
    assert!(shown.contains("按键帮助（第"), "{shown}");
    assert!(shown.contains(last), "{last}\n{shown}");
    // Esc closes without running anything.
    press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    assert!(app.help.is_none() && app.form.is_none());
}

/// 立案 on the desk asks for the case number, offering the next one in the team's style.
#[test]
fn escalating_on_the_desk_records_the_offered_case_number() {
    use super::forms::{FormKind, step_form};
    let (mut store, mut app) = signed_in();
    let id = "卧执整〔2026〕第7号";
    press(&mut store, &mut app, &[key(KeyCode::Char('4'))]);
    let kind = FormKind::Reinspect { id: id.into() };
    app.form = step_form(&app.data, kind, app.now);
    let form = app.form.as_mut().unwrap();
    assert_eq!(form.get("立案编号"), "卧执立〔2026〕第2号");
    form.preset("复查人员", "赵建国、钱志强");
    form.preset("复查结果", "拒不清理");
    form.preset("结论", "立案");
    press(&mut store, &mut app, &[super::tests::ctrl('s')]);
    if app.confirm.is_some() {
        press(&mut store, &mut app, &[key(KeyCode::Char('y'))]);
    }
    super::tests::saved(&app);
    let n = zhifa_desk::store::notices::get(store.conn(), id)
        .unwrap()
        .unwrap()
        .notice;
    assert_eq!(n.issuing.case_no, "卧执立〔2026〕第2号");
    assert_eq!(
        zhifa_desk::store::notices::next_case_no(store.conn(), 2026).unwrap(),
        "卧执立〔2026〕第3号"
    );
}

/// Page 7 at 80×24 shows a handover note whole, its third line included, and a note longer
/// than any pane says how many lines are left unseen.
#[test]
fn page_seven_shows_a_handover_note_whole_or_says_what_is_left() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('7'))]);
    let at = app.now;
    let note = "一、门岗钥匙在抽屉\n二、明早复查顺达汽修\n三、TS-2026-0029 等环保局答复";
    app.data.duty_log.insert(
        0,
        zhifa_desk::domain::duty::DutyEntry {
            at,
            officer: "W003".into(),
            kind: zhifa_desk::domain::duty::DutyKind::Handover,
            note: note.into(),
        },
    );
    app.duty.0 = 0;
    let shown = super::tests::screen(&app, (80, 24));
    assert!(shown.contains("三、TS-2026-0029 等环保局答复"), "{shown}");
    let long: Vec<String> = (1..=30).map(|i| format!("第{i}条")).collect();
    app.data.duty_log[0].note = long.join("\n");
    let shown = super::tests::screen(&app, (80, 24));
    assert!(shown.contains("行，加大窗口可看全"), "{shown}");
    assert!(shown.contains("第1条"), "{shown}");
}

/// A notice re-inspected before it came in from a ledger shows that re-inspection, not
/// "尚未复查", with its case number and who served it.
#[test]
fn an_imported_escalated_notice_shows_its_reinspection_case_and_service() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('4'))]);
    app.notices.detail = Some("卧执整〔2026〕第3号".into());
    super::tests::reload(&store, &mut app);
    let shown = super::tests::screen(&app, (120, 40));
    for want in [
        "2026-11-06",
        "拒不整改，已移交立案（随台账导入，未记录复查人员）",
        "立案编号：卧执立〔2026〕第1号",
        "送达人 孙丽华、李明",
    ] {
        assert!(shown.contains(want), "{want}\n{shown}");
    }
    assert!(!shown.contains("尚未复查"), "{shown}");
}
