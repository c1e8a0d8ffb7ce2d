//! What each place of the desk does with a key: the sign-in list, the views, the menu and
//! the form. `App::update` routes here; each returns the effect for the loop to carry out.

use crossterm::event::KeyEvent;

use super::action::Action;
use super::app::App;
use super::effect::{Effect, Write};
use super::form::Form;
use super::handover;
use super::keymap::{self, Context};
use super::note::Note;
use super::state::{ComplaintView, Confirm, Cursor, DashItem, NoticeView, View};
use super::text_field::TextField;

mod lists;
mod overlays;

impl App {
    pub fn on_key(&mut self, key: KeyEvent) -> Effect {
        let ctx = self.context();
        if let Some(action) = keymap::action(ctx, key) {
            self.status = None;
            return self.update(action);
        }
        if ctx.takes_text() {
            if let Some(note) = self.handover.as_mut().filter(|_| ctx == Context::Handover) {
                note.handle(key);
            } else if let Some(field) = self.text_target() {
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
        if let Some(note) = self.handover.as_mut().filter(|_| ctx == Context::Handover) {
            note.insert(text);
            return;
        }
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

    /// In the help overlay: move through its lines, run the chosen one, or close it.
    fn update_help(&mut self, action: Action) -> Effect {
        let entries = keymap::bindings(self.base_context());
        let Some(cursor) = self.help.as_mut() else {
            return Effect::None;
        };
        match action {
            Action::Open => {
                let chosen = entries.get(cursor.0).map(|b| b.action);
                self.help = None;
                match chosen {
                    Some(a) if keymap::runs_from_help(a) => return self.update(a),
                    _ => {}
                }
            }
            Action::Back => self.help = None,
            a => {
                cursor.apply(a, entries.len());
            }
        }
        Effect::None
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
                self.help = Some(Cursor(0));
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
                self.handover = Some(Note::new(&handover::draft(self)));
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
                        Some(Confirm::Discard) => {
                            self.form = None;
                            self.handover = None;
                        }
                        Some(Confirm::Write { write, .. }) => return Effect::Write(write),
                        None => {}
                    }
                }
            }
            Context::Help => return self.update_help(action),
            Context::Form => return self.update_form(action),
            Context::Handover => {
                let note = self.handover.as_ref().map(|n| n.text().trim().to_string());
                match (action, note) {
                    (Action::Save, Some(note)) => return Effect::Write(Write::Handover { note }),
                    (Action::Cancel, _) if self.handover.as_ref().is_some_and(Note::dirty) => {
                        self.confirm = Some(Confirm::Discard);
                    }
                    (Action::Cancel, _) => self.handover = None,
                    _ => {}
                }
            }
            Context::Acknowledge => {
                if action == Action::Acknowledge {
                    let officer = self.operator.clone().unwrap_or_default().0;
                    return Effect::Write(Write::Acknowledge { officer });
                }
            }
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
            Context::Duty => {
                self.duty.apply(action, self.data.duty_log.len());
            }
            Context::Checks => return self.update_checks(action),
            Context::Dashboard => {
                let items = self.dashboard_items();
                match (action, items.get(self.dashboard.0)) {
                    (Action::Open, Some(item)) => self.open(item.clone()),
                    (Action::Open, None) => {}
                    (a, _) => {
                        self.dashboard.apply(a, items.len());
                    }
                }
            }
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
            Context::People if matches!(action, Action::AddLeave | Action::EditOfficer) => {
                let (cursor, areas_focused) = self.people;
                match self.data.officers.get(cursor.0).filter(|_| !areas_focused) {
                    Some(o) if action == Action::AddLeave => {
                        self.form = Some(super::forms::people::leave(o, self.now.date()));
                    }
                    Some(o) => self.form = Some(super::forms::people::officer(o)),
                    None => self.refused("请先在人员名单中选中一人（←/→ 切换到人员）"),
                }
            }
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

    /// Opens what the dashboard shows where it can be acted on.
    fn open(&mut self, item: DashItem) {
        match item {
            DashItem::Team(team) => {
                self.view = View::Patrol;
                self.patrol_date = self.now.date();
                let at = self.data.today.roster.iter().position(|t| t.team == team);
                self.patrol = Cursor(at.unwrap_or(0));
            }
            DashItem::Complaint(id) => {
                self.view = View::Complaints;
                self.complaints = ComplaintView::default();
                self.complaints.detail = Some(id);
                self.complaints.from_dashboard = true;
            }
            DashItem::Notice(id) => {
                self.view = View::Notices;
                self.notices = NoticeView::default();
                self.notices.detail = Some(id);
                self.notices.from_dashboard = true;
            }
        }
    }

    pub(super) fn update_signin(&mut self, action: Action) -> Effect {
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
}

/// Scrolls a detail by a list key, within `max` (what the last frame could scroll); whether
/// the key was one.
pub(super) fn scroll(offset: &mut u16, max: u16, action: Action) -> bool {
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
pub(super) fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current.and_then(|c| all.iter().position(|x| *x == c)) {
        None => all.first().copied(),
        Some(i) => all.get(i + 1).copied(),
    }
}
