//! The desk's state types: the pages, a list's cursor, what a list is filtered by, and what is
//! open over a page (a menu, a pick, a question, the status line). Plain data: nothing here
//! reads the store or handles a key.

use zhifa_desk::domain::{Channel, ComplaintState, NoticeState};

use super::effect::Write;
use super::forms::FormKind;
use super::text_field::TextField;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Dashboard,
    Patrol,
    Complaints,
    Notices,
    People,
    Stats,
    Duty,
    Checks,
}

impl View {
    pub const ALL: [View; 8] = [
        View::Dashboard,
        View::Patrol,
        View::Complaints,
        View::Notices,
        View::People,
        View::Stats,
        View::Duty,
        View::Checks,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Dashboard => "看板",
            View::Patrol => "巡查",
            View::Complaints => "投诉",
            View::Notices => "整改",
            View::People => "人员与区域",
            View::Stats => "统计",
            View::Duty => "值班记录",
            View::Checks => "检查",
        }
    }

    pub(super) fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }
}

/// A list's cursor: the selected row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor(pub usize);

impl Cursor {
    pub const PAGE: usize = 10;

    pub fn clamp(&mut self, len: usize) {
        self.0 = self.0.min(len.saturating_sub(1));
    }
}

#[derive(Debug, Clone, Default)]
pub struct ComplaintView {
    pub cursor: Cursor,
    pub filter: TextField,
    pub filtering: bool,
    pub state: Option<ComplaintState>,
    pub channel: Option<Channel>,
    pub overdue: bool,
    pub detail: Option<String>,
    /// Rows the detail is scrolled down by, and the most it can be (set as it is drawn).
    pub scroll: u16,
    pub scroll_max: std::cell::Cell<u16>,
    /// Show the reporter's name and phone in the detail (masked otherwise).
    pub reveal: bool,
    /// The detail was opened from the dashboard: Esc goes back there.
    pub from_dashboard: bool,
}

#[derive(Debug, Clone, Default)]
pub struct NoticeView {
    pub cursor: Cursor,
    pub filter: TextField,
    pub filtering: bool,
    pub state: Option<NoticeState>,
    pub detail: Option<String>,
    /// Rows the detail is scrolled down by, and the most it can be (set as it is drawn).
    pub scroll: u16,
    pub scroll_max: std::cell::Cell<u16>,
    /// The detail was opened from the dashboard: Esc goes back there.
    pub from_dashboard: bool,
}

/// What the dashboard can open, in the order it shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DashItem {
    Team(String),
    Complaint(String),
    Notice(String),
}

/// A short list of next steps to choose from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    pub title: String,
    pub note: Option<String>,
    pub items: Vec<(String, Pick)>,
    pub cursor: Cursor,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    Form(FormKind),
    Write(Write),
    /// A write asked about first.
    Confirm {
        question: String,
        write: Write,
    },
}

/// A question put before something that cannot be taken back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Quit although a form holds input.
    Quit,
    /// Close a form that holds input.
    Discard,
    /// Carry out a write the officer should think twice about.
    Write { question: String, write: Write },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}
