//! The desk's rules decided once: what the store refuses, the desk refuses on the form, in words.

use crossterm::event::KeyCode;

use super::pause_tests::save;
use super::tests::{key, press, signed_in};
use zhifa_desk::store::Store;

/// A notice whose matter is off the list and whose legal basis is left empty is not issued:
/// its paper would read "违反了的规定". With a basis typed, it is.
#[test]
fn a_notice_without_a_legal_basis_is_not_issued() {
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('4')), key(KeyCode::Char('n'))],
    );
    let fields = [
        ("当事人", "某某商店"),
        ("地址", "中心街8号"),
        ("执法事项", "（不在事项清单内）"),
        ("存在问题", "店外占道堆放"),
        ("整改要求", "三日内清理"),
        ("执法人员", "赵建国、钱志强"),
    ];
    let said = save(&mut store, &mut app, &fields);
    assert!(said.contains("须写明法律依据"), "{said}");
    let said = save(
        &mut store,
        &mut app,
        &[("法律依据", "《城市市容和环境卫生管理条例》第十四条")],
    );
    assert!(said.contains("卧执整〔2026〕第16号"), "{said}");
}

/// The desk takes no phone the importer would refuse: a reporter's `12345` and an officer's
/// `1390470` are refused on the form with the importer's words; a stored one may stay.
#[test]
fn the_desk_refuses_phones_the_importer_refuses() {
    use super::forms::FormKind;
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('n'))],
    );
    let fields = [
        ("联系电话", "12345"),
        ("执法事项", "M01"),
        ("问题描述", "水果摊占道"),
    ];
    let said = save(&mut store, &mut app, &fields);
    assert!(said.contains("联系电话“12345”不是有效的电话号码"), "{said}");
    let said = save(&mut store, &mut app, &[("联系电话", "0470-3321234")]);
    assert!(said.contains("已受理投诉"), "{said}");

    let o = app
        .data
        .officers
        .iter()
        .find(|o| o.id == "W002")
        .unwrap()
        .clone();
    app.form = Some(super::forms::people::officer(&o));
    assert!(matches!(
        app.form.as_ref().unwrap().kind,
        FormKind::Officer { .. }
    ));
    let said = save(&mut store, &mut app, &[("联系电话", "1390470")]);
    assert!(said.contains("不是有效的电话号码"), "{said}");
    let said = save(&mut store, &mut app, &[("联系电话", "13904701002")]);
    assert!(!said.contains("不是有效的电话号码"), "{said}");
}

/// A refusal is shown whole on the form, wrapped inside its border, at 80×24 and 120×40: the
/// way out at its end ("写明更正原因") is never cut off.
#[test]
fn a_long_refusal_is_shown_whole_on_the_form() {
    use super::forms::{FormKind, step_form};
    let (mut store, mut app) = signed_in();
    let kind = FormKind::EditComplaint {
        id: "TS-2026-0020".into(),
    };
    app.form = step_form(&app.data, kind, app.now);
    let said = save(&mut store, &mut app, &[("核查时间", "2026-11-16 21:00")]);
    assert!(said.contains("请写明更正原因"), "{said}");
    for size in [(80, 24), (120, 40)] {
        let shown = super::tests::screen(&app, size);
        let flat: String = shown
            .split('\n')
            .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
            .collect();
        assert!(
            flat.contains("更正会记入审计并列入周报、月报"),
            "{size:?}\n{shown}"
        );
        for line in shown.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= usize::from(size.0),
                "{line}"
            );
        }
    }
}

/// On every page at 80×24 the footer ends with the help key, and help lists every key of the
/// page, the last ones too.
#[test]
fn the_help_key_is_always_in_the_footer_and_help_shows_every_key() {
    let (mut store, mut app) = signed_in();
    for page in '1'..='7' {
        press(&mut store, &mut app, &[key(KeyCode::Char(page))]);
        let shown = super::tests::screen(&app, (80, 24));
        let last = shown.lines().last().unwrap_or_default();
        assert!(last.trim_end().ends_with("F1 帮助"), "page {page}: {last}");
    }
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('?'))],
    );
    let shown = super::tests::screen(&app, (80, 24));
    for k in ["只看超期", "交接班", "Ctrl+C/Ctrl+Q"] {
        assert!(shown.contains(k), "{k}\n{shown}");
    }
}

/// A receipt time long ago (1999 typed for 2026) is saved only after a question that says how
/// long ago it is and which number the lead would get.
#[test]
fn a_time_long_ago_asks_first() {
    use super::state::Confirm;
    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('3')), key(KeyCode::Char('n'))],
    );
    let form = app.form.as_mut().unwrap();
    for (label, value) in [
        ("受理时间", "1999-01-01 00:00"),
        ("执法事项", "M01"),
        ("问题描述", "水果摊占道"),
    ] {
        form.preset(label, value);
    }
    let e = app.on_key(super::tests::ctrl('s'));
    assert!(matches!(e, super::effect::Effect::None), "not saved yet");
    match &app.confirm {
        Some(Confirm::Write { question, .. }) => assert!(
            question.contains("受理时间 1999-01-01 00:00 是 10188 天前")
                && question.contains("TS-1999-")
                && question.contains("TS-2026-0042"),
            "{question}"
        ),
        other => panic!("no question: {other:?}"),
    }
    press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    app.form
        .as_mut()
        .unwrap()
        .preset("受理时间", "2026-11-23 08:00");
    let e = app.on_key(super::tests::ctrl('s'));
    assert!(
        matches!(e, super::effect::Effect::Write(_)),
        "saved at once"
    );
}

/// Page 5's 上次巡查 is as of today, whichever day page 2 was left on.
#[test]
fn page_five_last_patrols_are_as_of_today_whatever_page_two_shows() {
    let (mut store, mut app) = signed_in();
    let row = |app: &super::app::App| {
        super::tests::screen(app, (120, 40))
            .lines()
            .find(|l| l.contains("Q01  集镇中心街"))
            .unwrap_or_default()
            .to_string()
    };
    press(&mut store, &mut app, &[key(KeyCode::Char('5'))]);
    let today = row(&app);
    assert!(today.contains("2026-11-22"), "{today}");
    // Page 2 walked back a week, then page 5 again.
    press(&mut store, &mut app, &[key(KeyCode::Char('2'))]);
    press(&mut store, &mut app, &[key(KeyCode::Left); 7]);
    super::tests::reload(&store, &mut app);
    press(&mut store, &mut app, &[key(KeyCode::Char('5'))]);
    assert_eq!(row(&app), today);
}

/// A grid worker may sit at the desk and is told at sign-in what a grid worker may not do;
/// a new team is offered the next name in the day's own style (第四组 after 第三组).
#[test]
fn a_grid_worker_is_told_at_sign_in_and_a_new_team_gets_the_next_name() {
    let (mut store, mut app) = super::tests::desk();
    for k in "陈春生".chars() {
        app.on_key(key(KeyCode::Char(k)));
    }
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    let said = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("您是网格员"), "{said}");

    let (mut store, mut app) = signed_in();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('2')), key(KeyCode::Char('n'))],
    );
    let form = app.form.as_ref().expect("the team form");
    assert_eq!(form.get("巡查组"), "第四组");
    // 班次 is chosen, as the hint says.
    assert_eq!(form.get("班次"), "全天");
    let shown = super::tests::screen(&app, (120, 40));
    assert!(shown.contains("←/→ 移动光标 / 换选项"), "{shown}");
    // A form with nothing to choose offers no choosing: 恢复计时 asks only a time.
    let kind = super::forms::FormKind::Pause {
        id: "TS-2026-0029".into(),
        step: super::forms::kind::PauseStep::Resume,
    };
    app.form = super::forms::step_form(&app.data, kind, app.now);
    let shown = super::tests::screen(&app, (120, 40));
    assert!(
        shown.contains("恢复计时") && !shown.contains("←/→ 移动光标"),
        "{shown}"
    );
}

/// `/` starts a new search rather than adding to the last one, and a list that matches
/// nothing says so.
#[test]
fn a_new_search_replaces_the_last_and_an_empty_list_says_so() {
    let (mut store, mut app) = signed_in();
    let search = |store: &mut Store, app: &mut super::app::App, text: &str| {
        press(store, app, &[key(KeyCode::Char('/'))]);
        for ch in text.chars() {
            press(store, app, &[key(KeyCode::Char(ch))]);
        }
        press(store, app, &[key(KeyCode::Enter)]);
        super::tests::reload(store, app);
    };
    press(&mut store, &mut app, &[key(KeyCode::Char('3'))]);
    search(&mut store, &mut app, "秸秆");
    assert!(!app.data.complaints.is_empty());
    search(&mut store, &mut app, "无此内容");
    assert_eq!(app.complaints.filter.text(), "无此内容");
    assert!(app.data.complaints.is_empty());
    let shown = super::tests::screen(&app, (80, 24));
    assert!(shown.contains("没有符合条件的投诉"), "{shown}");
}

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
