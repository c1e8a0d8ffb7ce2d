//! The desk's state and `update`: keys become actions, actions change state and ask for effects.

use chrono::{Duration, NaiveDateTime};
use crossterm::event::KeyEvent;
use zhifa_desk::domain::{Channel, ComplaintState, NoticeState, Officer};
use zhifa_desk::report::period::Kind;
use zhifa_desk::store::{complaints, notices};

use super::action::Action;
use super::data::{Data, LIST_LIMIT, Want};
use super::effect::{Effect, Write};
use super::form::Form;
use super::forms::{self, FormKind};
use super::keymap::{self, Context};
use super::text_field::TextField;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Dashboard,
    Patrol,
    Complaints,
    Notices,
    People,
    Stats,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Dashboard,
        View::Patrol,
        View::Complaints,
        View::Notices,
        View::People,
        View::Stats,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Dashboard => "看板",
            View::Patrol => "巡查",
            View::Complaints => "投诉",
            View::Notices => "整改",
            View::People => "人员与区域",
            View::Stats => "统计",
        }
    }

    fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }
}

/// A list's cursor: the selected row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor(pub usize);

impl Cursor {
    const PAGE: usize = 10;

    fn apply(&mut self, action: Action, len: usize) -> bool {
        let last = len.saturating_sub(1);
        self.0 = match action {
            Action::Up => self.0.saturating_sub(1),
            Action::Down => (self.0 + 1).min(last),
            Action::PageUp => self.0.saturating_sub(Self::PAGE),
            Action::PageDown => (self.0 + Self::PAGE).min(last),
            Action::Home => 0,
            Action::End => last,
            _ => return false,
        };
        true
    }

    fn clamp(&mut self, len: usize) {
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

pub struct App {
    pub now: NaiveDateTime,
    pub data: Data,
    /// The signed-in duty officer (id, name); None shows the sign-in screen.
    pub operator: Option<(String, String)>,
    pub view: View,
    pub signin: (TextField, Cursor),
    pub patrol_date: chrono::NaiveDate,
    pub patrol: Cursor,
    pub complaints: ComplaintView,
    pub notices: NoticeView,
    /// People view: the cursor and whether the areas pane has the focus.
    pub people: (Cursor, bool),
    /// 统计: the kind of period and how many periods back from the current one.
    pub stats: (Kind, u32),
    pub menu: Option<Menu>,
    pub form: Option<Form<FormKind>>,
    pub help: bool,
    pub confirm: Option<Confirm>,
    pub status: Option<Status>,
}

impl App {
    pub fn new(now: NaiveDateTime, data: Data) -> App {
        App {
            now,
            data,
            operator: None,
            view: View::Dashboard,
            signin: Default::default(),
            patrol_date: now.date(),
            patrol: Cursor::default(),
            complaints: ComplaintView::default(),
            notices: NoticeView::default(),
            people: Default::default(),
            stats: (Kind::Month, 0),
            menu: None,
            form: None,
            help: false,
            confirm: None,
            status: None,
        }
    }

    /// What the store should be read for, given where the desk is.
    pub fn want(&self) -> Want {
        let c = &self.complaints;
        Want {
            patrol_date: self.patrol_date,
            complaints: complaints::Query {
                state: c.state,
                channel: c.channel,
                overdue_at: c.overdue.then_some(self.now),
                text: c.filter.text().trim().to_string(),
                limit: LIST_LIMIT,
            },
            notices: notices::Query {
                state: self.notices.state,
                text: self.notices.filter.text().trim().to_string(),
                limit: LIST_LIMIT,
            },
            complaint: c.detail.clone(),
            notice: self.notices.detail.clone(),
            stats: (self.view == View::Stats).then_some(self.stats),
        }
    }

    /// New data from the store: cursors stay in range.
    pub fn reloaded(&mut self, data: Data) {
        self.data = data;
        let n = self.signin_candidates().len();
        self.signin.1.clamp(n);
        self.patrol.clamp(self.data.day.len());
        self.complaints.cursor.clamp(self.data.complaints.len());
        self.notices.cursor.clamp(self.data.notices.len());
        let len = if self.people.1 {
            self.data.areas.len()
        } else {
            self.data.officers.len()
        };
        self.people.0.clamp(len);
    }

    pub fn context(&self) -> Context {
        if self.confirm.is_some() {
            Context::Confirm
        } else if self.help {
            Context::Help
        } else {
            self.base_context()
        }
    }

    /// Where the keyboard is beneath the help overlay and the quit question.
    pub fn base_context(&self) -> Context {
        if self.form.is_some() {
            Context::Form
        } else if self.menu.is_some() {
            Context::Menu
        } else if self.operator.is_none() {
            Context::SignIn
        } else {
            match self.view {
                View::Dashboard => Context::Dashboard,
                View::Patrol => Context::Patrol,
                View::Complaints if self.complaints.filtering => Context::Filter,
                View::Complaints if self.complaints.detail.is_some() => Context::ComplaintDetail,
                View::Complaints => Context::Complaints,
                View::Notices if self.notices.filtering => Context::Filter,
                View::Notices if self.notices.detail.is_some() => Context::NoticeDetail,
                View::Notices => Context::Notices,
                View::People => Context::People,
                View::Stats => Context::Stats,
            }
        }
    }

    /// The officers the sign-in list shows: typing narrows by 工号 or name.
    pub fn signin_candidates(&self) -> Vec<&Officer> {
        let q = self.signin.0.text().trim().to_uppercase();
        self.data
            .officers
            .iter()
            .filter(|o| q.is_empty() || o.id.to_uppercase().contains(&q) || o.name.contains(&q))
            .collect()
    }

    pub fn on_key(&mut self, key: KeyEvent) -> Effect {
        let ctx = self.context();
        if let Some(action) = keymap::action(ctx, key) {
            self.status = None;
            return self.update(action);
        }
        if ctx.takes_text() {
            if let Some(field) = self.text_target() {
                if field.handle(key) {
                    self.after_typing(ctx);
                }
            } else if let Some(f) = self.form.as_mut().and_then(Form::focused) {
                f.handle(key);
            }
        }
        Effect::None
    }

    pub fn on_paste(&mut self, text: &str) {
        let ctx = self.context();
        if let Some(field) = self.text_target() {
            field.insert(text);
            self.after_typing(ctx);
        } else if let Some(f) = self.form.as_mut().and_then(Form::focused) {
            f.paste(text);
        }
    }

    /// The plain text field being typed into outside a form.
    fn text_target(&mut self) -> Option<&mut TextField> {
        match self.context() {
            Context::SignIn => Some(&mut self.signin.0),
            Context::Filter if self.view == View::Complaints => Some(&mut self.complaints.filter),
            Context::Filter => Some(&mut self.notices.filter),
            _ => None,
        }
    }

    fn after_typing(&mut self, ctx: Context) {
        match ctx {
            Context::SignIn => self.signin.1 = Cursor(0),
            Context::Filter if self.view == View::Complaints => self.complaints.cursor = Cursor(0),
            Context::Filter => self.notices.cursor = Cursor(0),
            _ => {}
        }
    }

    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::Help => {
                self.help = true;
                return Effect::None;
            }
            Action::Quit => return Effect::Quit,
            Action::ForceQuit => {
                if self.form.as_ref().is_some_and(Form::dirty) {
                    self.confirm = Some(Confirm::Quit);
                    return Effect::None;
                }
                return Effect::Quit;
            }
            Action::NextView | Action::PrevView => {
                let n = View::ALL.len();
                let step = if action == Action::NextView { 1 } else { n - 1 };
                self.view = View::ALL[(self.view.index() + step) % n];
                return Effect::None;
            }
            Action::GoView(v) => {
                self.view = v;
                return Effect::None;
            }
            Action::Handover => {
                self.form = Some(forms::handover());
                return Effect::None;
            }
            _ => {}
        }
        match self.context() {
            Context::Confirm => {
                let asked = self.confirm.take();
                if action == Action::Confirm {
                    match asked {
                        Some(Confirm::Quit) => return Effect::Quit,
                        Some(Confirm::Discard) => self.form = None,
                        Some(Confirm::Write { write, .. }) => return Effect::Write(write),
                        None => {}
                    }
                }
            }
            Context::Help => self.help = false,
            Context::Form => return self.update_form(action),
            Context::Menu => return self.update_menu(action),
            Context::SignIn => return self.update_signin(action),
            Context::Filter => {
                if action == Action::Back
                    && let Some(f) = self.text_target()
                {
                    f.clear();
                }
                self.complaints.filtering = false;
                self.notices.filtering = false;
            }
            Context::Dashboard => {}
            Context::Stats => {
                let (kind, back) = self.stats;
                match action {
                    Action::EarlierPeriod => self.stats.1 = back + 1,
                    Action::LaterPeriod if back > 0 => self.stats.1 = back - 1,
                    Action::LaterPeriod => self.refused("已是当前一期，没有更晚的统计"),
                    Action::CyclePeriodKind => self.stats = (kind.next(), 0),
                    _ => {}
                }
            }
            Context::Patrol => return self.update_patrol(action),
            Context::Complaints | Context::ComplaintDetail => {
                return self.update_complaints(action);
            }
            Context::Notices | Context::NoticeDetail => return self.update_notices(action),
            Context::People => {
                if action == Action::OtherPane {
                    self.people = (Cursor(0), !self.people.1);
                } else {
                    let len = if self.people.1 {
                        self.data.areas.len()
                    } else {
                        self.data.officers.len()
                    };
                    self.people.0.apply(action, len);
                }
            }
        }
        Effect::None
    }

    fn update_signin(&mut self, action: Action) -> Effect {
        let len = self.signin_candidates().len();
        match action {
            Action::Open => {
                if let Some(o) = self.signin_candidates().get(self.signin.1.0) {
                    return Effect::Write(Write::SignIn {
                        officer: o.id.clone(),
                    });
                }
            }
            Action::Back => {
                self.signin.0.clear();
                self.signin.1 = Cursor(0);
            }
            a => {
                self.signin.1.apply(a, len);
            }
        }
        Effect::None
    }

    fn update_patrol(&mut self, action: Action) -> Effect {
        match action {
            Action::PrevDay => self.patrol_date -= Duration::days(1),
            Action::NextDay => self.patrol_date += Duration::days(1),
            Action::Today => self.patrol_date = self.now.date(),
            Action::CopyRoster => {
                return Effect::Write(Write::CopyRoster {
                    date: self.patrol_date,
                });
            }
            Action::LogPatrol => {
                if self.patrol_date > self.now.date() {
                    self.refused("不能登记尚未发生的巡查");
                } else if let Some(team) = self.data.day.get(self.patrol.0) {
                    self.form = Some(forms::patrol(team, self.patrol_date, self.now));
                } else {
                    self.refused("当天没有排班，先按 c 复制上周同日排班，或导入排班");
                }
            }
            a => {
                self.patrol.apply(a, self.data.day.len());
            }
        }
        Effect::None
    }

    fn update_complaints(&mut self, action: Action) -> Effect {
        let selected = self.complaints.detail.clone().or_else(|| {
            self.data
                .complaints
                .get(self.complaints.cursor.0)
                .map(|t| t.complaint.id.clone())
        });
        let c = &mut self.complaints;
        if c.detail.is_some() && scroll(&mut c.scroll, c.scroll_max.get(), action) {
            return Effect::None;
        }
        match action {
            Action::Open => {
                c.detail = selected;
                c.scroll = 0;
            }
            Action::Back if c.detail.is_some() => {
                c.detail = None;
                c.reveal = false;
            }
            Action::Back => *c = ComplaintView::default(),
            Action::Filter => c.filtering = true,
            Action::CycleState => c.state = cycle(c.state, ComplaintState::ALL),
            Action::CycleChannel => c.channel = cycle(c.channel, Channel::ALL),
            Action::ToggleOverdue => c.overdue = !c.overdue,
            Action::Reveal => c.reveal = !c.reveal,
            Action::New => self.form = Some(forms::new_complaint(&self.data, self.now)),
            Action::Act => {
                if let Some(id) = selected {
                    self.menu = forms::complaint_menu(&self.data, &id);
                }
            }
            a => {
                c.cursor.apply(a, self.data.complaints.len());
            }
        }
        if matches!(
            action,
            Action::CycleState | Action::CycleChannel | Action::ToggleOverdue
        ) {
            self.complaints.cursor = Cursor(0);
        }
        Effect::None
    }

    fn update_notices(&mut self, action: Action) -> Effect {
        let selected = self.notices.detail.clone().or_else(|| {
            self.data
                .notices
                .get(self.notices.cursor.0)
                .map(|t| t.notice.id.clone())
        });
        let n = &mut self.notices;
        if n.detail.is_some() && scroll(&mut n.scroll, n.scroll_max.get(), action) {
            return Effect::None;
        }
        match action {
            Action::Open => {
                n.detail = selected;
                n.scroll = 0;
            }
            Action::Back if n.detail.is_some() => n.detail = None,
            Action::Back => *n = NoticeView::default(),
            Action::Filter => n.filtering = true,
            Action::CycleState => {
                n.state = cycle(n.state, NoticeState::ALL);
                n.cursor = Cursor(0);
            }
            Action::New => self.form = Some(forms::new_notice(&self.data, self.now)),
            Action::Act => {
                if let Some(id) = selected {
                    self.menu = forms::notice_menu(&self.data, &id, self.now.date());
                }
            }
            a => {
                n.cursor.apply(a, self.data.notices.len());
            }
        }
        Effect::None
    }

    fn update_menu(&mut self, action: Action) -> Effect {
        let Some(menu) = self.menu.as_mut() else {
            return Effect::None;
        };
        match action {
            Action::Back => self.menu = None,
            Action::Open => {
                let pick = menu.items.get(menu.cursor.0).map(|(_, p)| p.clone());
                self.menu = None;
                match pick {
                    Some(Pick::Write(w)) => return Effect::Write(w),
                    Some(Pick::Confirm { question, write }) => {
                        self.confirm = Some(Confirm::Write { question, write });
                    }
                    Some(Pick::Form(kind)) => {
                        self.form = forms::step_form(&self.data, kind, self.now);
                    }
                    None => {}
                }
            }
            a => {
                menu.cursor.apply(a, menu.items.len());
            }
        }
        Effect::None
    }

    fn update_form(&mut self, action: Action) -> Effect {
        let Some(form) = self.form.as_mut() else {
            return Effect::None;
        };
        match action {
            Action::Cancel if form.dirty() => self.confirm = Some(Confirm::Discard),
            Action::Cancel => self.form = None,
            Action::NextField => form.next(),
            Action::PrevField => form.prev(),
            Action::Save => {
                let built = form.check().and_then(|()| forms::submit(form, &self.data));
                match built {
                    Ok(w) => return Effect::Write(w),
                    Err(why) => form.error = Some(why),
                }
            }
            _ => {}
        }
        Effect::None
    }

    /// The loop carried out `w`: close what asked for it and say so.
    pub fn written(&mut self, w: &Write, message: String) {
        self.form = None;
        self.menu = None;
        match w {
            Write::SignIn { officer } => {
                let name = self
                    .data
                    .officers
                    .iter()
                    .find(|o| &o.id == officer)
                    .map_or_else(String::new, |o| o.name.clone());
                self.operator = Some((officer.clone(), name));
                self.view = View::Dashboard;
                self.signin = Default::default();
            }
            Write::Handover { .. } => {
                self.operator = None;
                self.complaints = ComplaintView::default();
                self.notices = NoticeView::default();
            }
            Write::NewComplaint(_) => self.complaints = ComplaintView::default(),
            Write::NewNotice(_) => self.notices = NoticeView::default(),
            _ => {}
        }
        self.status = Some(Status {
            text: message,
            error: false,
        });
    }

    /// The store refused a write: the form stays open with the reason.
    pub fn refused(&mut self, why: impl Into<String>) {
        let why = why.into();
        match self.form.as_mut() {
            Some(f) => f.error = Some(why),
            None => {
                self.status = Some(Status {
                    text: why,
                    error: true,
                })
            }
        }
    }
}

/// Scrolls a detail by a list key, within `max` (what the last frame could scroll); whether
/// the key was one.
fn scroll(offset: &mut u16, max: u16, action: Action) -> bool {
    const PAGE: u16 = 10;
    let now = (*offset).min(max);
    *offset = match action {
        Action::Up => now.saturating_sub(1),
        Action::Down => (now + 1).min(max),
        Action::PageUp => now.saturating_sub(PAGE),
        Action::PageDown => (now + PAGE).min(max),
        Action::Home => 0,
        Action::End => max,
        _ => return false,
    };
    true
}

/// None → the first → … → the last → None.
fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current.and_then(|c| all.iter().position(|x| *x == c)) {
        None => all.first().copied(),
        Some(i) => all.get(i + 1).copied(),
    }
}
