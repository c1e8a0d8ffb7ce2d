//! The one keymap: which keys do what where. The footer and the help overlay are read from it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Edit};
use super::state::View;

/// Where the keyboard is: each place has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    SignIn,
    Dashboard,
    Patrol,
    Complaints,
    ComplaintDetail,
    Notices,
    NoticeDetail,
    People,
    Stats,
    Duty,
    /// Typing into a list's filter.
    Filter,
    Menu,
    Form,
    Help,
    /// A yes/no question over everything else.
    Confirm,
    /// Writing the handover note.
    Handover,
    /// The last shift's handover note, shown until it is acknowledged.
    Acknowledge,
}

impl Context {
    /// Whether unbound keys are typed into a text field here.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::SignIn | Context::Filter | Context::Form | Context::Handover
        )
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys as shown: "↑/k".
    pub label: &'static str,
    pub keys: &'static [(KeyCode, KeyModifiers)],
    pub action: Action,
    /// Shown in the footer (everything is shown in the help overlay).
    pub footer: bool,
    /// What the key does here when the action's own word would mislead (Enter signs in on
    /// the sign-in page, it does not "open").
    pub word: Option<&'static str>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn b(
    label: &'static str,
    keys: &'static [(KeyCode, KeyModifiers)],
    action: Action,
    footer: bool,
) -> Binding {
    Binding {
        label,
        keys,
        action,
        footer,
        word: None,
    }
}

impl Binding {
    /// The same binding, described as `word` here.
    const fn says(mut self, word: &'static str) -> Binding {
        self.word = Some(word);
        self
    }

    /// What the key does, in the footer and the help alike.
    pub fn description(&self) -> &'static str {
        match self.word {
            Some(w) => w,
            None => self.action.description(),
        }
    }
}

const QUIT_ANYWHERE: Binding = b(
    "Ctrl+C/Ctrl+Q",
    &[(KeyCode::Char('c'), CTRL), (KeyCode::Char('q'), CTRL)],
    Action::ForceQuit,
    false,
);

/// Moving through a list.
const NAV: [Binding; 6] = [
    b(
        "↑/k",
        &[(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)],
        Action::Up,
        false,
    ),
    b(
        "↓/j",
        &[(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)],
        Action::Down,
        false,
    ),
    b("PgUp", &[(KeyCode::PageUp, NONE)], Action::PageUp, false),
    b(
        "PgDn",
        &[(KeyCode::PageDown, NONE)],
        Action::PageDown,
        false,
    ),
    b("Home", &[(KeyCode::Home, NONE)], Action::Home, false),
    b("End", &[(KeyCode::End, NONE)], Action::End, false),
];

/// Moving in a list without the letter keys, for places where letters are typed.
const ARROWS: [Binding; 4] = [
    b("↑", &[(KeyCode::Up, NONE)], Action::Up, false),
    b("↓", &[(KeyCode::Down, NONE)], Action::Down, false),
    b("PgUp", &[(KeyCode::PageUp, NONE)], Action::PageUp, false),
    b(
        "PgDn",
        &[(KeyCode::PageDown, NONE)],
        Action::PageDown,
        false,
    ),
];

/// Between the views of the desk, and what works on every one of them.
const DESK: [Binding; 13] = [
    b(
        "1",
        &[(KeyCode::Char('1'), NONE)],
        Action::GoView(View::Dashboard),
        false,
    ),
    b(
        "2",
        &[(KeyCode::Char('2'), NONE)],
        Action::GoView(View::Patrol),
        false,
    ),
    b(
        "3",
        &[(KeyCode::Char('3'), NONE)],
        Action::GoView(View::Complaints),
        false,
    ),
    b(
        "4",
        &[(KeyCode::Char('4'), NONE)],
        Action::GoView(View::Notices),
        false,
    ),
    b(
        "5",
        &[(KeyCode::Char('5'), NONE)],
        Action::GoView(View::People),
        false,
    ),
    b(
        "6",
        &[(KeyCode::Char('6'), NONE)],
        Action::GoView(View::Stats),
        false,
    ),
    b(
        "7",
        &[(KeyCode::Char('7'), NONE)],
        Action::GoView(View::Duty),
        false,
    ),
    b("Tab", &[(KeyCode::Tab, NONE)], Action::NextView, true),
    b(
        "Shift+Tab",
        &[(KeyCode::BackTab, NONE)],
        Action::PrevView,
        false,
    ),
    b("x", &[(KeyCode::Char('x'), NONE)], Action::Handover, true),
    b(
        "?/F1",
        &[(KeyCode::Char('?'), NONE), (KeyCode::F(1), NONE)],
        Action::Help,
        true,
    ),
    b("q", &[(KeyCode::Char('q'), NONE)], Action::Quit, true),
    QUIT_ANYWHERE,
];

const HELP_F1: Binding = b("F1", &[(KeyCode::F(1), NONE)], Action::Help, true);

/// Keys a field handles itself (listed so help shows every key that works).
const fn editing(arrows: Edit) -> [Binding; 4] {
    [
        b(
            "←/→",
            &[(KeyCode::Left, NONE), (KeyCode::Right, NONE)],
            Action::Edit(arrows),
            false,
        ),
        b(
            "Home/End",
            &[(KeyCode::Home, NONE), (KeyCode::End, NONE)],
            Action::Edit(Edit::LineEnds),
            false,
        ),
        b(
            "Backspace/Delete",
            &[(KeyCode::Backspace, NONE), (KeyCode::Delete, NONE)],
            Action::Edit(Edit::Delete),
            false,
        ),
        b(
            "Ctrl+U",
            &[(KeyCode::Char('u'), CTRL)],
            Action::Edit(Edit::ClearBefore),
            false,
        ),
    ]
}
const ENTER: &[(KeyCode, KeyModifiers)] = &[(KeyCode::Enter, NONE)];
const ESC: &[(KeyCode, KeyModifiers)] = &[(KeyCode::Esc, NONE)];

fn own(ctx: Context) -> Vec<Binding> {
    use Action::*;
    match ctx {
        Context::SignIn => vec![
            b("Enter", ENTER, Open, true).says("签到"),
            b("Esc", ESC, Back, true).says("清空输入"),
        ],
        Context::Dashboard => vec![b("Enter", ENTER, Open, true)],
        Context::Duty => vec![],
        Context::Stats => vec![
            b("←", &[(KeyCode::Left, NONE)], EarlierPeriod, true),
            b("→", &[(KeyCode::Right, NONE)], LaterPeriod, true),
            b("p", &[(KeyCode::Char('p'), NONE)], CyclePeriodKind, true),
        ],
        Context::Patrol => vec![
            b("←", &[(KeyCode::Left, NONE)], PrevDay, true),
            b("→", &[(KeyCode::Right, NONE)], NextDay, true),
            b("t", &[(KeyCode::Char('t'), NONE)], Today, false),
            b(
                "p",
                &[(KeyCode::Char('p'), NONE), (KeyCode::Enter, NONE)],
                LogPatrol,
                true,
            ),
            b("c", &[(KeyCode::Char('c'), NONE)], CopyRoster, true),
            b("e", &[(KeyCode::Char('e'), NONE)], EditTeam, true),
            b("n", &[(KeyCode::Char('n'), NONE)], New, false),
            b("d", &[(KeyCode::Char('d'), NONE)], RemoveTeam, false),
        ],
        Context::Complaints => vec![
            b("Enter", ENTER, Open, true),
            b("a", &[(KeyCode::Char('a'), NONE)], Act, true),
            b("n", &[(KeyCode::Char('n'), NONE)], New, true),
            b("/", &[(KeyCode::Char('/'), NONE)], Filter, true),
            b("s", &[(KeyCode::Char('s'), NONE)], CycleState, true),
            b("c", &[(KeyCode::Char('c'), NONE)], CycleChannel, false),
            b("o", &[(KeyCode::Char('o'), NONE)], ToggleOverdue, true),
            b("Esc", ESC, Back, false),
        ],
        Context::ComplaintDetail => vec![
            b(
                "a",
                &[(KeyCode::Char('a'), NONE), (KeyCode::Enter, NONE)],
                Act,
                true,
            ),
            b("m", &[(KeyCode::Char('m'), NONE)], Reveal, true),
            b("p", &[(KeyCode::Char('p'), NONE)], Print, true),
            b("Esc", ESC, Back, true),
        ],
        Context::Notices => vec![
            b("Enter", ENTER, Open, true),
            b("a", &[(KeyCode::Char('a'), NONE)], Act, true),
            b("n", &[(KeyCode::Char('n'), NONE)], New, true),
            b("/", &[(KeyCode::Char('/'), NONE)], Filter, true),
            b("s", &[(KeyCode::Char('s'), NONE)], CycleState, true),
            b("Esc", ESC, Back, false),
        ],
        Context::NoticeDetail => vec![
            b(
                "a",
                &[(KeyCode::Char('a'), NONE), (KeyCode::Enter, NONE)],
                Act,
                true,
            ),
            b("p", &[(KeyCode::Char('p'), NONE)], Print, true),
            b("Esc", ESC, Back, true),
        ],
        Context::People => vec![
            b(
                "←/→",
                &[(KeyCode::Left, NONE), (KeyCode::Right, NONE)],
                OtherPane,
                true,
            ),
            b("l", &[(KeyCode::Char('l'), NONE)], AddLeave, true),
            b("e", &[(KeyCode::Char('e'), NONE)], EditOfficer, true),
        ],
        Context::Filter => vec![b("Enter", ENTER, Open, true), b("Esc", ESC, Back, true)],
        Context::Menu => vec![b("Enter", ENTER, Open, true), b("Esc", ESC, Back, true)],
        Context::Form => vec![
            b("Ctrl+S", &[(KeyCode::Char('s'), CTRL)], Save, true),
            b("Esc", ESC, Cancel, true),
            b(
                "Tab/↓/Enter",
                &[
                    (KeyCode::Tab, NONE),
                    (KeyCode::Down, NONE),
                    (KeyCode::Enter, NONE),
                ],
                NextField,
                true,
            ),
            b(
                "Shift+Tab/↑",
                &[(KeyCode::BackTab, NONE), (KeyCode::Up, NONE)],
                PrevField,
                true,
            ),
        ],
        Context::Help => vec![b(
            "Esc/?/q",
            &[
                (KeyCode::Esc, NONE),
                (KeyCode::Char('?'), NONE),
                (KeyCode::Char('q'), NONE),
                (KeyCode::F(1), NONE),
            ],
            Back,
            true,
        )],
        Context::Handover => vec![
            b("Ctrl+S", &[(KeyCode::Char('s'), CTRL)], Save, true),
            b("Esc", ESC, Cancel, true),
            b(
                "Enter",
                ENTER,
                Action::Edit(super::action::Edit::NewLine),
                true,
            ),
            b(
                "↑/↓",
                &[(KeyCode::Up, NONE), (KeyCode::Down, NONE)],
                Action::Edit(super::action::Edit::MoveCaret),
                false,
            ),
        ],
        Context::Acknowledge => vec![b("Enter", ENTER, Acknowledge, true)],
        Context::Confirm => vec![
            b("y", &[(KeyCode::Char('y'), NONE)], Confirm, true),
            b(
                "n/Esc",
                &[(KeyCode::Char('n'), NONE), (KeyCode::Esc, NONE)],
                Cancel,
                true,
            ),
        ],
    }
}

/// Every binding of `ctx`, its own first.
pub fn bindings(ctx: Context) -> Vec<Binding> {
    let mut all = own(ctx);
    match ctx {
        Context::Dashboard
        | Context::Patrol
        | Context::Complaints
        | Context::Notices
        | Context::People
        | Context::Stats
        | Context::Duty
        | Context::ComplaintDetail
        | Context::NoticeDetail => {
            // Lists and the dashboard move a selection, details scroll; 统计 has neither.
            if ctx != Context::Stats {
                all.extend(NAV);
            }
            all.extend(DESK);
        }
        Context::SignIn => {
            all.extend(ARROWS);
            all.extend(editing(Edit::MoveCaret));
            all.extend([HELP_F1, QUIT_ANYWHERE]);
        }
        Context::Menu => {
            all.extend(ARROWS);
            all.extend([HELP_F1, QUIT_ANYWHERE]);
        }
        Context::Filter | Context::Handover => {
            all.extend(editing(Edit::MoveCaret));
            all.extend([HELP_F1, QUIT_ANYWHERE]);
        }
        Context::Acknowledge => all.extend([HELP_F1, QUIT_ANYWHERE]),
        Context::Form => {
            all.extend(editing(Edit::MoveOrChoose));
            all.extend([HELP_F1, QUIT_ANYWHERE]);
        }
        Context::Help | Context::Confirm => all.push(QUIT_ANYWHERE),
    }
    all
}

/// Shift comes with capitals and Shift+Tab; it is not part of the binding.
fn normalize(key: KeyEvent) -> (KeyCode, KeyModifiers) {
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    (key.code, mods)
}

/// The action `key` asks for in `ctx`, if any (keys a field handles itself are left to it).
pub fn action(ctx: Context, key: KeyEvent) -> Option<Action> {
    let k = normalize(key);
    bindings(ctx)
        .into_iter()
        .find(|b| b.keys.contains(&k))
        .map(|b| b.action)
        .filter(|a| !matches!(a, Action::Edit(_)))
}

#[cfg(test)]
mod tests {
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
}
