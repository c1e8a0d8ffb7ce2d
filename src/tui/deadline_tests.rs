//! The question the desk asks before a deadline set by hand falls on a day off.

use crossterm::event::KeyCode;

use super::tests::{key, press, signed_in};

/// A deadline set by hand on a day off is saved only after a question naming the day; on a
/// working day it is saved at once.
#[test]
fn an_extension_to_a_saturday_asks_first_and_names_the_day() {
    use super::forms::{FormKind, step_form};
    use super::state::Confirm;
    let (mut store, mut app) = signed_in();
    let open = |app: &mut super::app::App, until: &str| {
        let kind = FormKind::Extend {
            id: "TS-2026-0031".into(),
        };
        let mut form = step_form(&app.data, kind, app.now).unwrap();
        form.preset("新反馈期限", until);
        form.preset("延期原因", "等待林业部门鉴定");
        app.form = Some(form);
    };
    open(&mut app, "2026-12-05");
    let e = app.on_key(super::tests::ctrl('s'));
    assert!(matches!(e, super::effect::Effect::None));
    match &app.confirm {
        Some(Confirm::Write { question, .. }) => assert!(
            question.contains("新反馈期限 2026-12-05 是星期六（休息日），不是工作日"),
            "{question}"
        ),
        other => panic!("no question: {other:?}"),
    }
    press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    app.form = None;
    open(&mut app, "2026-12-04");
    let e = app.on_key(super::tests::ctrl('s'));
    assert!(
        matches!(e, super::effect::Effect::Write(_)),
        "saved at once"
    );
}
