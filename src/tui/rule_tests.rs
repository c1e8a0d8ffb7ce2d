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
