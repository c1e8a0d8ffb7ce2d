//! The team's own records on the desk: patrols, teams, leave, dispatch and extensions.

use crossterm::event::KeyCode;

use super::edit_tests::set;
use super::state::Confirm;
use super::tests::*;

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
