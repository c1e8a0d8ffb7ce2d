//! Inspections on the desk, as the duty officer does them: a drawn subject's inspection
//! filled in from its draw, a 责令整改 that issues its notice, and the 首违不罚 proposal asked
//! before a notice goes out.

use crossterm::event::KeyCode;

use super::pause_tests::save;
use super::state::Confirm;
use super::tests::{ctrl, key, press, screen, signed_in};
use zhifa_desk::store::{notices, people};

#[test]
fn a_drawn_subject_is_inspected_from_the_desk_and_an_order_issues_its_notice_prefilled() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('8'))]);
    assert_eq!(app.data.checks.due.len(), 2);
    let due = app.data.checks.due[0].clone();
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    let form = app.form.as_ref().expect("the inspection form opens");
    assert!(
        form.get("检查对象").starts_with(&due.subject),
        "{}",
        form.get("检查对象")
    );
    assert_eq!(form.get("检查人员"), app.data.officer_names(&due.officers));
    assert_eq!(form.get("检查来源"), "双随机抽查");
    assert_eq!(form.get("抽查编号"), due.draw);
    assert!(
        form.get("执法事项").starts_with("M10"),
        "the draw's list was M10's"
    );
    let said = save(
        &mut store,
        &mut app,
        &[
            ("执法事项", "M10"),
            ("检查内容", "油烟净化设施运行情况"),
            ("检查结论", "责令整改"),
            ("存在问题", "油烟净化器未开启，油烟直排后巷"),
            ("整改期限", "2026-11-30"),
            ("整改要求", "立即开启并清洗油烟净化器"),
        ],
    );
    assert!(said.contains("并下达整改通知"), "{said}");
    let id = said
        .split("并下达整改通知 ")
        .nth(1)
        .and_then(|r| r.split('：').next())
        .unwrap();
    let n = notices::get(store.conn(), id).unwrap().unwrap().notice;
    let subject = app
        .data
        .checks
        .subjects
        .iter()
        .find(|s| s.id == due.subject)
        .unwrap();
    assert_eq!(n.party, subject.name);
    assert_eq!(n.address, subject.address);
    assert_eq!(n.area, subject.area);
    assert_eq!(n.matter.as_deref(), Some("M10"));
    assert_eq!(n.problem, "油烟净化器未开启，油烟直排后巷");
    assert_eq!(n.issuing.officers, due.officers.to_vec());
    assert_eq!(n.issuing.requirement, "立即开启并清洗油烟净化器");
    let basis = people::matters(store.conn()).unwrap();
    let m10 = basis.iter().find(|m| m.id == "M10").unwrap();
    assert_eq!(n.legal_basis, m10.legal_basis);
    // The subject leaves the waiting list and heads the done ones, with its notice.
    assert_eq!(app.data.checks.due.len(), 1);
    assert_eq!(app.data.checks.recent[0].notice, id);
    let shown = screen(&app, (80, 24));
    assert!(shown.contains("双随机待检查 1（"), "{shown}");
    assert!(shown.contains("责令整改"), "{shown}");
}

#[test]
fn a_first_violation_ordered_rectified_is_asked_about_before_the_notice_goes_out() {
    let (mut store, mut app) = signed_in();
    let notices_before = notices::list(store.conn(), &Default::default())
        .unwrap()
        .len();
    press(
        &mut store,
        &mut app,
        &[key(KeyCode::Char('8')), key(KeyCode::Char('n'))],
    );
    let form = app.form.as_mut().unwrap();
    for (label, value) in [
        ("检查对象", "DX002"),
        ("检查人员", "赵建国、钱志强"),
        ("执法事项", "M01"),
        ("检查结论", "责令整改"),
        ("存在问题", "店外占道摆放烧烤炉"),
        ("整改期限", "2026-11-24"),
    ] {
        form.preset(label, value);
    }
    press(&mut store, &mut app, &[ctrl('s')]);
    let Some(Confirm::Write { question, .. }) = &app.confirm else {
        panic!("asked first: {:?}", app.status);
    };
    assert!(question.contains("本可首违不罚"), "{question}");
    // No: back to the form, nothing written; then let off with guidance, asked nothing.
    press(&mut store, &mut app, &[key(KeyCode::Char('n'))]);
    assert!(app.form.is_some());
    let said = save(
        &mut store,
        &mut app,
        &[
            ("检查结论", "首违不罚"),
            ("指导意见", "告知占道经营的规定，当场收回店内"),
            ("整改期限", ""),
        ],
    );
    assert!(said.contains("首违不罚"), "{said}");
    assert!(app.confirm.is_none());
    let notices_after = notices::list(store.conn(), &Default::default())
        .unwrap()
        .len();
    assert_eq!(
        notices_after, notices_before,
        "no notice for a first violation"
    );
    // A second one is no first violation: the store refuses it, the form says why.
    press(&mut store, &mut app, &[key(KeyCode::Char('n'))]);
    let why = save(
        &mut store,
        &mut app,
        &[
            ("检查对象", "DX002"),
            ("检查人员", "W001、W002"),
            ("执法事项", "M01"),
            ("检查结论", "首违不罚"),
            ("存在问题", "又在店外占道"),
            ("指导意见", "再次告知"),
        ],
    );
    assert!(why.contains("不是首次违法"), "{why}");
}

#[test]
fn a_late_decision_is_published_from_the_desk_and_leaves_the_list() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('8'))]);
    let waiting = app.data.today.publicity.len();
    let first = app.data.today.publicity[0].clone();
    assert!(first.late(app.now.date()), "the late come first: {first:?}");
    // Down past the drawn subjects to the first decision to publish.
    let down = vec![key(KeyCode::Down); app.data.checks.due.len()];
    press(&mut store, &mut app, &down);
    press(&mut store, &mut app, &[key(KeyCode::Enter)]);
    let said = save(&mut store, &mut app, &[("公示渠道", "镇政府公示栏")]);
    assert!(
        said.contains(&first.key) && said.contains("镇政府公示栏"),
        "{said}"
    );
    assert_eq!(app.data.today.publicity.len(), waiting - 1);
    assert!(app.data.today.publicity.iter().all(|p| p.key != first.key));
}

#[test]
fn a_subject_is_changed_and_a_new_one_listed_from_the_desk_with_its_code_checked() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('8'))]);
    let id = app.data.checks.due[0].subject.clone();
    press(&mut store, &mut app, &[key(KeyCode::Char('o'))]);
    let form = app.form.as_ref().expect("the subject's form");
    assert!(form.title.contains(&id), "{}", form.title);
    assert!(!form.dirty(), "filled from the record, nothing typed yet");
    let said = save(&mut store, &mut app, &[("风险等级", "高")]);
    assert_eq!(
        said,
        format!("已修改检查对象 {id} 卧牛河镇便民早餐店（记入审计）")
    );
    let stored = zhifa_desk::store::subjects::get(store.conn(), &id)
        .unwrap()
        .unwrap();
    assert_eq!(stored.risk, zhifa_desk::domain::Risk::High);

    press(&mut store, &mut app, &[key(KeyCode::Char('O'))]);
    assert_eq!(app.form.as_ref().unwrap().get("对象编号"), "DX017");
    let why = save(
        &mut store,
        &mut app,
        &[
            ("名称", "卧牛河镇新开小吃店"),
            ("信用代码或身份证号", "92150783MA0N3K2P1S"),
            ("所属区域", "Q01"),
            ("适用事项", "M10、M20"),
        ],
    );
    assert!(why.starts_with("统一社会信用代码："), "{why}");
    let said = save(&mut store, &mut app, &[("信用代码或身份证号", "")]);
    assert_eq!(said, "已将 DX017 卧牛河镇新开小吃店 加入检查对象名录");
    let added = zhifa_desk::store::subjects::get(store.conn(), "DX017")
        .unwrap()
        .unwrap();
    assert_eq!(added.matters, ["M10", "M20"]);
    assert_eq!(added.area.as_deref(), Some("Q01"));
}

#[test]
fn a_draw_is_made_from_the_desk_and_its_subjects_wait_on_the_page() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('8'))]);
    let waiting = app.data.checks.due.len();
    press(&mut store, &mut app, &[key(KeyCode::Char('d'))]);
    let fields = [
        ("抽查任务", "周二餐饮油烟抽查"),
        ("抽取数量", "2"),
        ("执法事项", "M10"),
        ("随机种子", "福彩3D 第2026312期 3 9 4"),
    ];
    let said = save(&mut store, &mut app, &fields);
    assert!(
        said.starts_with("已抽取 CQ2026-003：从事项 M10（3 个）中抽中 2 个"),
        "{said}"
    );
    assert_eq!(app.data.checks.due.len(), waiting + 2);
    // The same day and list again is a redraw, which the desk does not make silently.
    press(&mut store, &mut app, &[key(KeyCode::Char('d'))]);
    let said = save(&mut store, &mut app, &fields);
    assert!(said.contains("--redraw CQ2026-003"), "{said}");
}
