//! Tests of the keymap: typing places, bindings, and the words shown for them.

use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, NONE)
}

#[test]
fn letters_are_typed_in_text_places_and_bound_elsewhere() {
    assert_eq!(
        action(Context::Complaints, key(KeyCode::Char('q'))),
        Some(Action::Quit)
    );
    assert_eq!(action(Context::Form, key(KeyCode::Char('q'))), None);
    assert_eq!(action(Context::SignIn, key(KeyCode::Char('j'))), None);
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), CTRL);
    assert_eq!(action(Context::Form, ctrl_s), Some(Action::Save));
    assert_eq!(
        action(Context::Form, key(KeyCode::Enter)),
        Some(Action::NextField)
    );
}

#[test]
fn shift_does_not_hide_a_binding_and_right_arrow_is_the_next_day() {
    let back = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(action(Context::Dashboard, back), Some(Action::PrevView));
    let help = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(action(Context::Notices, help), Some(Action::Help));
    assert_eq!(
        action(Context::Patrol, key(KeyCode::Right)),
        Some(Action::NextDay)
    );
    assert_eq!(
        action(Context::Patrol, key(KeyCode::Left)),
        Some(Action::PrevDay)
    );
}

#[test]
fn no_key_does_two_things_in_one_place() {
    use Context::*;
    for ctx in [
        SignIn,
        Dashboard,
        Patrol,
        Complaints,
        ComplaintDetail,
        Notices,
        NoticeDetail,
        People,
        Duty,
        Checks,
        Filter,
        Menu,
        Form,
        Help,
        Confirm,
        Handover,
        Acknowledge,
    ] {
        let mut seen = std::collections::HashSet::new();
        for b in bindings(ctx) {
            for k in b.keys {
                assert!(seen.insert(*k), "{ctx:?}: {k:?} bound twice");
            }
        }
    }
}
