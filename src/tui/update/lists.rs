//! What a key does on the list pages: the roster (page 2), leads (3) and notices (4).

use chrono::Duration;
use zhifa_desk::domain::{Channel, ComplaintState, NoticeState};

use super::super::action::Action;
use super::super::app::App;
use super::super::effect::{Effect, Write};
use super::super::forms;
use super::super::state::{ComplaintView, Cursor, NoticeView, View};
use super::{cycle, scroll};

impl App {
    pub(super) fn update_patrol(&mut self, action: Action) -> Effect {
        match action {
            Action::PrevDay => self.patrol_date -= Duration::days(1),
            Action::NextDay => self.patrol_date += Duration::days(1),
            Action::Today => self.patrol_date = self.now.date(),
            Action::EditTeam | Action::New => {
                let team = self.data.day.get(self.patrol.0).map(|t| t.team.clone());
                let original = team.filter(|_| action == Action::EditTeam);
                if action == Action::EditTeam && original.is_none() {
                    self.refused("当天没有可修改的组；按 n 新增一个组");
                } else {
                    let form = super::super::forms::team::team(
                        &self.data,
                        self.now,
                        self.patrol_date,
                        original.as_deref(),
                    );
                    self.form = Some(form);
                }
            }
            Action::RemoveTeam => match self.data.day.get(self.patrol.0) {
                Some(t) => {
                    self.form = Some(super::super::forms::team::remove(self.patrol_date, &t.team))
                }
                None => self.refused("当天没有排班"),
            },
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

    pub(super) fn update_complaints(&mut self, action: Action) -> Effect {
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
                c.from_dashboard = false;
            }
            Action::Back if c.detail.is_some() => {
                c.detail = None;
                c.reveal = false;
                if std::mem::take(&mut c.from_dashboard) {
                    self.view = View::Dashboard;
                }
            }
            Action::Back => *c = ComplaintView::default(),
            // `/` starts a new search: the old text goes, as in a browser's find.
            Action::Filter => {
                c.filter.clear();
                c.filtering = true;
            }
            Action::CycleState => c.state = cycle(c.state, ComplaintState::ALL),
            Action::CycleChannel => c.channel = cycle(c.channel, Channel::ALL),
            Action::ToggleOverdue => c.overdue = !c.overdue,
            // Showing who reported is recorded first; hiding again needs no record.
            Action::Reveal if c.reveal => c.reveal = false,
            Action::Reveal => {
                if let Some(id) = selected {
                    return Effect::Write(Write::ViewPersonal { id });
                }
            }
            Action::New => self.form = Some(forms::new_complaint(&self.data, self.now)),
            Action::Act => {
                if let Some(id) = selected {
                    self.menu = super::super::menus::complaint_menu(&self.data, &id, self.now);
                }
            }
            Action::Print => {
                if let Some(id) = selected {
                    self.menu = super::super::papers::complaint_papers(&self.data, &id);
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

    pub(super) fn update_notices(&mut self, action: Action) -> Effect {
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
                n.from_dashboard = false;
            }
            Action::Back if n.detail.is_some() => {
                n.detail = None;
                if std::mem::take(&mut n.from_dashboard) {
                    self.view = View::Dashboard;
                }
            }
            Action::Back => *n = NoticeView::default(),
            Action::Filter => {
                n.filter.clear();
                n.filtering = true;
            }
            Action::CycleState => {
                n.state = cycle(n.state, NoticeState::ALL);
                n.cursor = Cursor(0);
            }
            Action::New => self.form = Some(forms::new_notice(&self.data, self.now)),
            Action::Act => {
                if let Some(id) = selected {
                    self.menu = super::super::menus::notice_menu(&self.data, &id, self.now.date());
                }
            }
            Action::Print => {
                if let Some(id) = selected {
                    self.menu = super::super::papers::notice_papers(&self.data, &id);
                }
            }
            a => {
                n.cursor.apply(a, self.data.notices.len());
            }
        }
        Effect::None
    }
}

impl App {
    /// 检查: Enter on a drawn subject opens its inspection filled in, on a decision to
    /// publish the form that records its 公示; n opens a blank inspection (routine, planned or
    /// campaign).
    pub(super) fn update_checks(&mut self, action: Action) -> Effect {
        let due = self.data.checks.due.len();
        let publish = self.data.today.publicity.len();
        let len = due + publish + self.data.checks.recent.len();
        let at = self.checks.0;
        match action {
            Action::Open if at < due => {
                let d = &self.data.checks.due[at];
                self.form = Some(forms::inspect::form(&self.data, self.now, Some(d)));
            }
            Action::Open if at < due + publish => {
                let p = &self.data.today.publicity[at - due];
                self.form = Some(forms::inspect::publish(p, self.now.date()));
            }
            Action::Open if len > 0 => {
                self.refused("这次检查已登记；按 p 打印现场检查笔录，按 n 登记新的检查")
            }
            Action::Open | Action::New => {
                self.form = Some(forms::inspect::form(&self.data, self.now, None))
            }
            Action::Draw => self.form = Some(forms::draw::form(&self.data, self.now.date())),
            Action::EditSubject | Action::NewSubject => {
                let c = &self.data.checks;
                let of_row = match at {
                    _ if action == Action::NewSubject => None,
                    a if a < due => Some(c.due[a].subject.clone()),
                    a if a >= due + publish => {
                        c.recent.get(a - due - publish).map(|i| i.subject.clone())
                    }
                    _ => None,
                };
                let old = of_row.and_then(|id| c.subjects.iter().find(|s| s.id == id));
                self.form = Some(forms::subject::form(&self.data, old));
            }
            Action::Print => match self.data.checks.recent.get(at.wrapping_sub(due + publish)) {
                Some(i) if at >= due + publish => {
                    return Effect::Write(Write::Print {
                        paper: zhifa_desk::document::Paper::Inspection,
                        key: i.id.clone(),
                    });
                }
                _ => self.refused("选中一次已登记的检查，再按 p 打印现场检查笔录"),
            },
            a => {
                self.checks.apply(a, len);
            }
        }
        Effect::None
    }
}
