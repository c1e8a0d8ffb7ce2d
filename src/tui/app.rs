//! The desk's state: the views and their cursors, what is open, and what the store is read for.

use chrono::NaiveDateTime;

use zhifa_desk::domain::Officer;
use zhifa_desk::report::period::Kind;
use zhifa_desk::store::{complaints, notices};

use super::data::{Data, LIST_LIMIT, Want};
use super::effect::Write;
use super::form::Form;
use super::forms::FormKind;
use super::keymap::Context;
use super::state::{ComplaintView, Confirm, Cursor, DashItem, Menu, NoticeView, Status, View};
use super::text_field::TextField;

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
    /// 值班记录: the selected entry.
    pub duty: Cursor,
    /// The 检查 page's row: drawn subjects waiting, then recent inspections.
    pub checks: Cursor,
    /// The dashboard's selection, over its teams, leads and notices in order.
    pub dashboard: Cursor,
    /// 统计: the kind of period and how many periods back from the current one.
    pub stats: (Kind, u32),
    /// The 统计 figures are being computed (the ones on screen are older).
    pub stats_busy: bool,
    pub menu: Option<Menu>,
    pub form: Option<Form<FormKind>>,
    /// The handover note being written.
    pub handover: Option<super::note::Note>,
    /// The help overlay, open with its selected line.
    pub help: Option<Cursor>,
    pub confirm: Option<Confirm>,
    /// What turned 临期 or 超期 during the shift is announced once.
    pub watch: super::watch::Watch,
    /// The bell is due (the loop rings it and clears this).
    pub ring: bool,
    pub status: Option<Status>,
}

impl App {
    pub fn new(now: NaiveDateTime, data: Data) -> App {
        let mut app = App {
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
            dashboard: Cursor::default(),
            duty: Cursor::default(),
            checks: Cursor::default(),
            stats: (Kind::Month, 0),
            stats_busy: false,
            menu: None,
            form: None,
            handover: None,
            help: None,
            confirm: None,
            watch: Default::default(),
            ring: false,
            status: None,
        };
        // The first look learns where things stand: only later turns are announced.
        app.watch.look(&app.data.today);
        app
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

    /// New data from the store: cursors stay in range; what has just turned 临期 or 超期 is
    /// announced.
    pub fn reloaded(&mut self, data: Data) {
        // Figures read apart (the 统计 page's, on their own thread) stay until replaced.
        let stats = self.data.stats.take();
        self.data = data;
        if self.data.stats.is_none() {
            self.data.stats = stats;
        }
        let turned = self.watch.look(&self.data.today);
        // A 临期 / 超期 notice whose items have all been dealt with no longer stands.
        if turned.is_empty()
            && self.watch.announcement_lapsed()
            && self
                .status
                .as_ref()
                .is_some_and(|s| s.text.starts_with("注意："))
        {
            self.status = None;
        }
        if !turned.is_empty() && self.operator.is_some() {
            self.ring = self.data.bell;
            self.status = Some(Status {
                text: format!("注意：{}", turned.join("；")),
                error: true,
            });
        }
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
        let n = self.dashboard_items().len();
        self.dashboard.clamp(n);
    }

    pub fn context(&self) -> Context {
        if self.confirm.is_some() {
            Context::Confirm
        } else if self.help.is_some() {
            Context::Help
        } else {
            self.base_context()
        }
    }

    /// Where the keyboard is beneath the help overlay and the quit question.
    pub fn base_context(&self) -> Context {
        if self.handover.is_some() {
            Context::Handover
        } else if self.operator.is_some() && self.data.unacknowledged.is_some() {
            Context::Acknowledge
        } else if self.form.is_some() {
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
                View::Duty => Context::Duty,
                View::Checks => Context::Checks,
            }
        }
    }

    /// Today's teams as the dashboard lists them: the ones with problems first.
    pub fn teams_in_order(&self) -> Vec<&zhifa_desk::report::today::TeamDay> {
        let mut teams: Vec<_> = self.data.today.roster.iter().collect();
        teams.sort_by_key(|team| team.checks.is_empty());
        teams
    }

    /// Everything the dashboard can open, in the order it shows them.
    pub fn dashboard_items(&self) -> Vec<DashItem> {
        let t = &self.data.today;
        let teams = self.teams_in_order().into_iter();
        teams
            .map(|team| DashItem::Team(team.team.clone()))
            .chain(
                t.complaints
                    .iter()
                    .map(|c| DashItem::Complaint(c.id.clone())),
            )
            .chain(t.notices.iter().map(|n| DashItem::Notice(n.id.clone())))
            .collect()
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

    /// The loop carried out `w`: close what asked for it and say so.
    pub fn written(&mut self, w: &Write, done: super::effect::Done) {
        let message = done.message;
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
                if let Some(warning) = self.signin_warning(officer) {
                    self.status = Some(Status {
                        text: warning,
                        error: true,
                    });
                    return;
                }
            }
            Write::Handover { .. } => {
                self.handover = None;
                self.operator = None;
                self.complaints = ComplaintView::default();
                self.notices = NoticeView::default();
            }
            // The record just saved is opened, ready for its next step.
            Write::NewComplaint(_) => {
                self.complaints = ComplaintView::default();
                self.complaints.detail = done.saved;
                self.view = View::Complaints;
            }
            // A lead found not fixed: its follow-up opens, to be dispatched again.
            Write::CallBack { .. } if done.saved.is_some() => {
                self.complaints = ComplaintView::default();
                self.complaints.detail = done.saved;
                self.view = View::Complaints;
            }
            Write::ViewPersonal { .. } => self.complaints.reveal = true,
            // A patrol that found a problem leads to a 巡查发现 lead, filled in from it.
            Write::Patrol(p) if p.found_problem => {
                self.form = Some(super::forms::complaint_from_patrol(&self.data, p));
            }
            Write::NewNotice(_) => {
                self.notices = NoticeView::default();
                self.notices.detail = done.saved;
                self.view = View::Notices;
            }
            _ => {}
        }
        self.status = Some(Status {
            text: message,
            error: false,
        });
    }

    /// An officer on leave or without a valid certificate may sit at the desk, but is told.
    fn signin_warning(&self, id: &str) -> Option<String> {
        let today = self.now.date();
        let o = self.data.officers.iter().find(|o| o.id == id)?;
        let away = self
            .data
            .leaves
            .iter()
            .find(|l| l.officer == id && l.covers(today));
        let mut why = Vec::new();
        if let Some(l) = away {
            why.push(format!("您 {} 至 {} 请假（{}）", l.from, l.to, l.reason));
        } else if o.status != zhifa_desk::domain::OfficerStatus::OnDuty {
            why.push(format!("您当前状态为{}", o.status.label()));
        }
        if o.role == zhifa_desk::domain::Role::GridWorker {
            why.push("您是网格员，只能登记和上报线索，不能承办、核查或复查".to_string());
        } else if !o.cert_valid_on(today) {
            why.push("您没有有效的执法证".to_string());
        }
        (!why.is_empty()).then(|| {
            format!(
                "{} 已签到。注意：{}；可以值班，但不能作为执法人员排班或复查",
                o.name,
                why.join("，")
            )
        })
    }

    /// The day's backup, made in the background, is done (Some) or was there already (None).
    pub fn backed_up(&mut self, made: Result<Option<std::path::PathBuf>, String>) {
        let (text, error) = match made {
            Ok(None) => return,
            Ok(Some(path)) => (
                format!("今日首次启动，已在后台备份到 {}", path.display()),
                false,
            ),
            Err(why) => (
                format!(
                    "今日备份未能完成，数据库本身未受影响，可以照常使用；请检查磁盘空间和 backups 文件夹。原因：{why}"
                ),
                true,
            ),
        };
        // A message the officer is reading stays; the backup's shows next.
        if self.status.is_none() || error {
            self.status = Some(Status { text, error });
        }
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
