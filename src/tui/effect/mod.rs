//! The writes the desk asks for, carried out on the store by the loop (never by `update`).

mod pause;

use chrono::{NaiveDate, NaiveDateTime};
pub use pause::Act;
use zhifa_desk::domain::{Complaint, Notice, Patrol};
use zhifa_desk::error::Result;
use zhifa_desk::store::desk::{self, ComplaintStep, NoticeStep};
use zhifa_desk::store::{Actor, Store};

/// What `update` hands back to the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Write(Write),
    Quit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    SignIn {
        officer: String,
    },
    /// The new duty officer has read the last handover note.
    Acknowledge {
        officer: String,
    },
    Handover {
        note: String,
    },
    NewComplaint(Box<Complaint>),
    ComplaintStep {
        id: String,
        step: ComplaintStep,
    },
    NewNotice(Box<Notice>),
    NoticeStep {
        id: String,
        step: NoticeStep,
    },
    Patrol(Box<Patrol>),
    CopyRoster {
        date: NaiveDate,
    },
    /// Show a complaint's reporter: the viewing is audited first.
    ViewPersonal {
        id: String,
    },
    /// 延期 of a complex lead's feedback deadline.
    Extend {
        id: String,
        until: NaiveDate,
        reason: String,
        approver: String,
    },
    /// 中止 / 恢复计时 / 超时申诉 / 申诉审批 of lead `id`.
    Pause {
        id: String,
        act: pause::Act,
    },
    Leave(Box<zhifa_desk::domain::Leave>),
    Officer(Box<zhifa_desk::domain::Officer>),
    /// A roster team set (renamed from `original` if its name changed).
    SetTeam {
        team: Box<zhifa_desk::domain::RosterTeam>,
        original: Option<String>,
        correction: Option<String>,
    },
    RemoveTeam {
        date: NaiveDate,
        team: String,
        reason: String,
    },
    /// 修改 / 更正 a stored record; `reason` is the correction's.
    EditComplaint {
        record: Box<Complaint>,
        reason: Option<String>,
    },
    EditNotice {
        record: Box<Notice>,
        reason: Option<String>,
    },
    /// 登记现场检查; a 责令整改 issues its notice in the same act.
    Inspection {
        record: Box<zhifa_desk::domain::Inspection>,
        order: Option<zhifa_desk::store::inspections::Order>,
    },
    /// A subject of the 检查对象名录 added (`new`) or changed.
    Subject {
        record: Box<zhifa_desk::domain::Subject>,
        new: bool,
    },
    /// 回访 of closed lead `id`.
    CallBack {
        id: String,
        call: Box<zhifa_desk::domain::callback::CallBack>,
    },
    /// 双随机抽取: recorded whole, never edited.
    Draw(Box<zhifa_desk::store::draws::Request>),
    /// 登记公示 of a decision.
    Publish(Box<zhifa_desk::domain::publicity::Publication>),
    /// Writes a paper (文书) as .docx beside the database.
    Print {
        paper: zhifa_desk::document::Paper,
        key: String,
    },
}

fn edited_message(noun: &str, id: &str, done: desk::Edited) -> String {
    match done {
        desk::Edited::Unchanged => format!("{noun} {id} 没有改动"),
        desk::Edited::Changed => format!("已修改{noun} {id}（记入审计）"),
        desk::Edited::Corrected => {
            format!("已更正{noun} {id} 的登记时间（以“更正”记入审计，列入周报、月报）")
        }
    }
}

/// What a write did: what to tell the duty officer, and the key of a record it made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub message: String,
    pub saved: Option<String>,
}

/// Carries out `w` as `operator` at `now`.
pub fn apply(store: &mut Store, operator: &str, now: NaiveDateTime, w: Write) -> Result<Done> {
    let mut saved = None;
    let message = carry_out(store, operator, now, w, &mut saved)?;
    Ok(Done { message, saved })
}

fn carry_out(
    store: &mut Store,
    operator: &str,
    now: NaiveDateTime,
    w: Write,
    saved: &mut Option<String>,
) -> Result<String> {
    let actor = Actor {
        operator: match &w {
            Write::SignIn { officer } => officer.clone(),
            _ => operator.to_string(),
        },
        now,
    };
    Ok(match w {
        Write::SignIn { officer } => {
            desk::sign_in(store, &actor, &officer)?;
            format!("{officer} 已签到")
        }
        Write::Acknowledge { officer } => {
            desk::acknowledge(store, &actor, &officer)?;
            "已确认接班，上一班的交接事项可在 7 值班记录 中再看".to_string()
        }
        Write::Handover { note } => {
            desk::hand_over(store, &actor, operator, &note)?;
            "已交接班".to_string()
        }
        Write::NewComplaint(c) => {
            let id = desk::receive_complaint(store, &actor, *c)?;
            *saved = Some(id.clone());
            format!("已受理投诉 {id}")
        }
        Write::ComplaintStep { id, step } => {
            let label = step.label();
            let c = desk::complaint_step(store, &actor, &id, step)?;
            format!("投诉 {id} 已{label}，当前状态：{}", c.state)
        }
        Write::NewNotice(n) => {
            let id = desk::issue_notice(store, &actor, *n)?;
            *saved = Some(id.clone());
            format!("已下达整改通知 {id}")
        }
        Write::NoticeStep { id, step } => {
            let serving = matches!(step, NoticeStep::Serve { .. });
            let n = desk::notice_step(store, &actor, &id, step)?;
            match n.issuing.served_on {
                Some(on) if serving => format!(
                    "整改通知 {id} 已登记送达：{on} {}（记入审计）",
                    n.issuing.service_method
                ),
                _ => format!("整改通知 {id} 当前状态：{}", n.state),
            }
        }
        Write::Patrol(p) => {
            let id = desk::log_patrol(store, &actor, *p)?;
            format!("已登记巡查 {id}")
        }
        Write::Extend {
            id,
            until,
            reason,
            approver,
        } => {
            let c = desk::extend_complaint(store, &actor, &id, (until, &reason, &approver))?;
            let late = if c.extended_late() {
                "；原期限已过，仍计为超期"
            } else {
                ""
            };
            format!(
                "投诉 {id} 的反馈期限已延至 {until}（第 {} 次）{late}",
                c.work.extensions.len()
            )
        }
        Write::Pause { id, act } => pause::carry_out(store, &actor, &id, act)?,
        Write::Leave(l) => {
            let (who, from, to) = (l.officer.clone(), l.from, l.to);
            desk::add_leave(store, &actor, *l)?;
            format!("已登记 {who} {from} 至 {to} 请假；这几天的排班检查会提示")
        }
        Write::Officer(o) => {
            let who = format!("{} {}", o.id, o.name);
            desk::update_officer(store, &actor, *o)?;
            format!("已更新 {who} 的证件、状态或电话")
        }
        Write::SetTeam {
            team,
            original,
            correction,
        } => {
            let (date, name) = (team.date, team.team.clone());
            let corrected = correction.is_some() && date < actor.now.date();
            let checks = desk::set_team(
                store,
                &actor,
                *team,
                original.as_deref(),
                correction.as_deref(),
            )?;
            let done = if corrected { "已更正" } else { "已保存" };
            match checks.len() {
                0 => format!("{done} {date} {name} 的排班"),
                n => format!("{done} {date} {name} 的排班（仍有 {n} 项问题，见排班检查）"),
            }
        }
        Write::RemoveTeam { date, team, reason } => {
            desk::remove_team(store, &actor, date, &team, &reason)?;
            format!("已撤下 {date} {team}")
        }
        Write::EditComplaint { record, reason } => {
            let id = record.id.clone();
            let done = desk::edit_complaint(store, &actor, *record, reason.as_deref())?;
            edited_message("投诉", &id, done)
        }
        Write::EditNotice { record, reason } => {
            let id = record.id.clone();
            let done = desk::edit_notice(store, &actor, *record, reason.as_deref())?;
            edited_message("整改通知", &id, done)
        }
        Write::Print { paper, key } => {
            let p = zhifa_desk::document::Print {
                paper,
                key: &key,
                out: None,
                include_personal: false,
            };
            let path = zhifa_desk::document::print(store, &actor, &p)?;
            format!(
                "已写出{}：{}（用 WPS 打开即可打印）",
                paper.title(),
                path.display()
            )
        }
        Write::Inspection { record, order } => {
            let i = zhifa_desk::store::inspections::record(store, &actor, *record, order)?;
            *saved = Some(i.id.clone());
            match i.notice.as_str() {
                "" => format!("已登记现场检查 {}（{}）", i.id, i.finding),
                notice => format!(
                    "已登记现场检查 {}（{}），并下达整改通知 {notice}：在 4 整改 中可打印、登记送达",
                    i.id, i.finding
                ),
            }
        }
        Write::Subject { record, new } => {
            let (id, name) = (record.id.clone(), record.name.clone());
            let done = zhifa_desk::store::subjects::save(store, &actor, *record, new)?;
            match (new, done) {
                (true, _) => format!("已将 {id} {name} 加入检查对象名录"),
                (false, zhifa_desk::store::Change::Unchanged) => format!("检查对象 {id} 没有改动"),
                (false, _) => format!("已修改检查对象 {id} {name}（记入审计）"),
            }
        }
        Write::CallBack { id, call } => {
            let answer = call.answer.clone();
            let done = zhifa_desk::store::callbacks::record(store, &actor, &id, *call)?;
            match done.follow_up {
                Some(again) => {
                    *saved = Some(again.clone());
                    format!("投诉 {id} 已回访（{answer}），问题未解决：已另立投诉 {again} 重新办理")
                }
                None => format!("投诉 {id} 已回访（{answer}）"),
            }
        }
        Write::Draw(req) => {
            let d = zhifa_desk::store::draws::make(store, &actor, &req)?;
            format!(
                "已抽取 {}：从{}（{} 个）中抽中 {} 个，检查日 {}；种子 {}（可用 draw verify {} 复核）",
                d.id,
                d.filter.describe(),
                d.subjects.len(),
                d.picks.len(),
                d.date,
                d.seed,
                d.id
            )
        }
        Write::Publish(p) => {
            let (kind, key, on, place) = (p.kind, p.key.clone(), p.published_on, p.place.clone());
            zhifa_desk::store::publicity::publish(store, &actor, *p)?;
            format!("已登记：{kind} {key} 于 {on} 在{place}公示")
        }
        Write::ViewPersonal { id } => {
            desk::view_personal(store, &actor, &id)?;
            format!("已显示投诉 {id} 的举报人信息（本次查看已记入审计）")
        }
        Write::CopyRoster { date } => match desk::copy_last_week(store, &actor, date)? {
            0 => format!("{date} 没有可复制的排班（上周同日无排班，或各组已排）"),
            n => {
                // What was copied may carry last week's problems: say so, and how to fix them.
                let (teams, _) = zhifa_desk::report::today::roster_day(store.conn(), date)?;
                match teams.iter().filter(|t| !t.checks.is_empty()).count() {
                    0 => format!("已从上周同日复制 {n} 个组的排班到 {date}"),
                    bad => format!(
                        "已从上周同日复制 {n} 个组的排班到 {date}；其中 {bad} 个组有问题，选中后按 e 修改"
                    ),
                }
            }
        },
    })
}
