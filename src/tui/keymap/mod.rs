//! The one keymap: which keys do what where. The footer and the help overlay are read from it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Edit};
use super::state::View;

mod places;

use places::own;

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
    Checks,
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
const DESK: [Binding; 14] = [
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
    b(
        "8",
        &[(KeyCode::Char('8'), NONE)],
        Action::GoView(View::Checks),
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
            // A form's hint names it: there it also chooses.
            matches!(arrows, Edit::MoveOrChoose),
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
/// The keys a place names in its own hint line (a form's foot, the handover box, the help):
/// its bindings marked for the footer, in order, without the help and quit keys every place
/// has.
pub fn hint(ctx: Context) -> Vec<Binding> {
    bindings(ctx)
        .into_iter()
        .filter(|b| b.footer && !matches!(b.action, Action::Help | Action::ForceQuit))
        .collect()
}

/// Whether choosing `action` from the help list does something there (keys a field handles
/// itself, and help itself, only close it).
pub fn runs_from_help(action: Action) -> bool {
    !matches!(action, Action::Edit(_) | Action::Help)
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
        | Context::Checks
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
        Context::Help => {
            all.extend(NAV);
            all.push(QUIT_ANYWHERE);
        }
        Context::Confirm => all.push(QUIT_ANYWHERE),
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
mod tests;
