//! The desk's forms: what each asks for, and the write it becomes on Ctrl+S.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use zhifa_desk::domain::{
    Channel, Complaint, ComplaintState, Complexity, Issuing, Notice, NoticeState, Outcome, Patrol,
};
use zhifa_desk::report::today::TeamDay;
use zhifa_desk::store::desk::{ComplaintStep, NoticeStep};
use zhifa_desk::written;

use super::data::Data;
use super::effect::Write;
use super::form::{Field, Form, Format};
use super::{dispatch_forms, edit_forms};
use zhifa_desk::domain::lookup as names;

/// What saving a form does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    NewComplaint,
    /// A complaint step towards `to`.
    ComplaintStep {
        id: String,
        to: ComplaintState,
    },
    NewNotice,
    Reinspect {
        id: String,
    },
    VoidNotice {
        id: String,
    },
    Patrol {
        team: String,
    },
    /// 分派 a lead to a squad and officers.
    Dispatch {
        id: String,
    },
    /// 延期 of a complex lead's feedback deadline.
    Extend {
        id: String,
    },
    /// 中止 / 恢复计时 / 超时申诉 / 申诉审批 of a lead.
    Pause {
        id: String,
        step: super::pause_forms::Step,
    },
    /// An officer's leave period, and their certificate, status and phone.
    Leave {
        officer: String,
    },
    Officer {
        id: String,
    },
    /// A roster team on `date`: `original` is the team edited (None: a new one).
    Team {
        date: NaiveDate,
        original: Option<String>,
    },
    RemoveTeam {
        date: NaiveDate,
        team: String,
    },
    /// 修改 / 更正 what was typed into a stored record.
    EditComplaint {
        id: String,
    },
    EditNotice {
        id: String,
    },
    /// 送达 of a notice.
    Serve {
        id: String,
    },
}

const NONE_AREA: &str = "（不填）";
const OFF_LIST: &str = "（不在事项清单内）";
/// A choice nobody has made yet: the form will not save until one is.
const UNCHOSEN: &str = "";
const OUTCOMES: [&str; 3] = ["销号", "延期", "立案"];

fn now_text(now: NaiveDateTime) -> String {
    written::fmt_datetime(now)
}

pub fn area_options(data: &Data) -> Vec<String> {
    std::iter::once(NONE_AREA.to_string())
        .chain(data.areas.iter().map(|a| format!("{} {}", a.id, a.name)))
        .collect()
}

pub fn matter_options(data: &Data) -> Vec<String> {
    std::iter::once(OFF_LIST.to_string())
        .chain(data.matters.iter().map(|m| format!("{} {}", m.id, m.name)))
        .collect()
}

/// `options` behind a blank first option that must be replaced by a choice.
fn unchosen(options: Vec<String>) -> Vec<String> {
    std::iter::once(UNCHOSEN.to_string())
        .chain(options)
        .collect()
}

/// The key in front of an option such as "Q01 集镇中心街"; None for the blank options.
pub fn key_of(option: &str) -> Option<String> {
    if option.starts_with('（') || option.is_empty() {
        return None;
    }
    option.split_whitespace().next().map(str::to_string)
}

fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|x| label(*x).to_string()).collect()
}

pub fn new_complaint(data: &Data, now: NaiveDateTime) -> Form<FormKind> {
    let fields = vec![
        Field::choice("来源渠道", labels(Channel::ALL, Channel::label), 0),
        Field::text("受理时间", &now_text(now), Format::DateTime).required(),
        Field::text("举报人", "", Format::Any),
        Field::text("联系电话", "", Format::Any),
        Field::choice("所属区域", area_options(data), 0),
        // No silent default: off the list or not, the matter is chosen.
        Field::choice("执法事项", unchosen(matter_options(data)), 0).required(),
        Field::text("问题描述", "", Format::Any).required(),
        Field::choice("复杂程度", labels(Complexity::ALL, Complexity::label), 0),
    ];
    let title = format!("受理投诉（编号将为 {}）", data.next_complaint_id);
    Form::new(FormKind::NewComplaint, title, fields)
}

/// A 巡查发现 complaint from a patrol that found a problem: channel, time, area and what was
/// found filled in from the patrol, for the officer to check, choose the matter, and save.
pub fn complaint_from_patrol(data: &Data, p: &Patrol) -> Form<FormKind> {
    let at = p.date.and_time(p.end);
    let mut form = new_complaint(data, at);
    form.title = format!(
        "巡查发现问题：登记为投诉线索（已按 {} 填好，核对后保存；Esc 不登记）",
        p.team
    );
    form.preset("来源渠道", Channel::Patrol.label());
    if let Some(area) = p.areas.first() {
        form.preset("所属区域", area);
    }
    form.preset("问题描述", &p.notes);
    form
}

pub fn new_notice(data: &Data, now: NaiveDateTime) -> Form<FormKind> {
    let today = now.date();
    let fields = vec![
        Field::text("当事人", "", Format::Any).required(),
        Field::text("地址", "", Format::Any).required(),
        Field::choice("所属区域", area_options(data), 0),
        Field::choice("执法事项", matter_options(data), 0),
        Field::text("存在问题", "", Format::Any).required(),
        Field::text("法律依据", "", Format::Any),
        Field::text("整改要求", "", Format::Any).required(),
        Field::text("执法人员", "", Format::Any).required(),
        Field::text("下达日期", &today.to_string(), Format::Date).required(),
        Field::text(
            "整改期限",
            &(today + Duration::days(7)).to_string(),
            Format::Date,
        )
        .required(),
        Field::text("关联投诉", "", Format::Any),
    ];
    let title = format!("下达整改通知（编号将为 {}）", data.next_notice_id);
    Form::new(FormKind::NewNotice, title, fields)
}

pub fn patrol(team: &TeamDay, date: NaiveDate, now: NaiveDateTime) -> Form<FormKind> {
    let end = if date == now.date() {
        now.format("%H:%M").to_string()
    } else {
        String::new()
    };
    // Names, as the roster form writes them (工号 are read too).
    let officers: Vec<&str> = team.officers.iter().map(|m| m.name.as_str()).collect();
    let fields = vec![
        Field::text("日期", &date.to_string(), Format::Date).required(),
        Field::text("开始时间", "", Format::Time).required(),
        Field::text("结束时间", &end, Format::Time).required(),
        Field::text("人员", &officers.join("、"), Format::Any).required(),
        Field::text("区域", &team.areas.join("、"), Format::Any).required(),
        Field::text("巡查情况", "", Format::Any).required(),
        Field::choice("发现问题", vec!["否".into(), "是".into()], 0),
    ];
    let kind = FormKind::Patrol {
        team: team.team.clone(),
    };
    Form::new(kind, format!("登记巡查：{}", team.team), fields)
}

pub(super) fn step_word(to: ComplaintState) -> &'static str {
    match to {
        ComplaintState::Received => "受理",
        ComplaintState::Verifying => "核查",
        ComplaintState::Handling => "处置",
        ComplaintState::FedBack => "反馈",
        ComplaintState::Closed => "结案",
        ComplaintState::Transferred => "移送",
        ComplaintState::Voided => "作废",
    }
}

pub fn find_complaint<'a>(data: &'a Data, id: &str) -> Option<&'a Complaint> {
    let detail = data.complaint.as_ref().map(|d| &d.tracked);
    detail
        .into_iter()
        .chain(&data.complaints)
        .map(|t| &t.complaint)
        .find(|c| c.id == id)
}

/// A lead with its deadlines, from the open detail or the list.
pub fn find_tracked<'a>(
    data: &'a Data,
    id: &str,
) -> Option<&'a zhifa_desk::store::complaints::Tracked> {
    let detail = data.complaint.as_ref().map(|d| &d.tracked);
    detail
        .into_iter()
        .chain(&data.complaints)
        .find(|t| t.complaint.id == id)
}

pub fn find_notice<'a>(data: &'a Data, id: &str) -> Option<&'a Notice> {
    let detail = data.notice.as_ref().map(|d| &d.tracked);
    detail
        .into_iter()
        .chain(&data.notices)
        .map(|t| &t.notice)
        .find(|n| n.id == id)
}

/// The form for a step picked from a menu.
pub fn step_form(data: &Data, kind: FormKind, now: NaiveDateTime) -> Option<Form<FormKind>> {
    let at = || Field::text("时间", &now_text(now), Format::DateTime).required();
    let (title, fields) = match &kind {
        FormKind::ComplaintStep { id, to } => {
            let c = find_complaint(data, id)?;
            let mut fields = match to {
                ComplaintState::Verifying => vec![at()],
                ComplaintState::Handling => {
                    vec![Field::text("处置结果", &c.result, Format::Any).required()]
                }
                ComplaintState::FedBack => vec![
                    at(),
                    Field::text("处置结果", &c.result, Format::Any).required(),
                ],
                ComplaintState::Closed => vec![at()],
                ComplaintState::Transferred => {
                    vec![at(), Field::text("接收部门", "", Format::Any).required()]
                }
                _ => vec![Field::text("作废原因", "", Format::Any).required()],
            };
            fields.extend(dispatch_forms::step_fields(data, c, *to, &now_text(now)));
            (format!("{}：投诉 {id}", step_word(*to)), fields)
        }
        FormKind::Reinspect { id } => {
            let n = find_notice(data, id)?;
            let fields = vec![
                Field::text("复查日期", &now.date().to_string(), Format::Date).required(),
                Field::text("复查人员", &reinspectors(data, n), Format::Any).required(),
                Field::text("复查结果", "", Format::Any).required(),
                Field::choice("结论", OUTCOMES.map(String::from).to_vec(), 0),
                Field::text("新整改期限", "", Format::Date),
                Field::text("延期原因", "", Format::Any),
            ];
            (format!("复查：{id}（期限 {}）", n.deadline), fields)
        }
        FormKind::VoidNotice { id } => (
            format!("作废：{id}"),
            vec![Field::text("作废原因", "", Format::Any).required()],
        ),
        FormKind::EditComplaint { id } => return edit_forms::complaint(data, id),
        FormKind::Dispatch { id } => {
            return Some(dispatch_forms::dispatch(data, find_complaint(data, id)?));
        }
        FormKind::Extend { id } => {
            return Some(dispatch_forms::extend(
                data,
                find_complaint(data, id)?,
                now.date(),
            ));
        }
        FormKind::Pause { id, step } => {
            let c = find_complaint(data, id)?;
            return Some(super::pause_forms::form(data, c, *step, now));
        }
        FormKind::EditNotice { id } => return edit_forms::notice(data, id),
        FormKind::Serve { id } => return Some(super::papers::serve_form(id, now.date())),
        _ => return None,
    };
    Some(Form::new(kind, title, fields))
}

/// The officers of today's team for the notice's area, as a starting point.
fn reinspectors(data: &Data, n: &Notice) -> String {
    let team = data
        .today
        .roster
        .iter()
        .find(|t| n.area.as_ref().is_some_and(|a| t.areas.contains(a)));
    team.map(|t| {
        t.officers
            .iter()
            .map(|m| m.id.as_str())
            .collect::<Vec<_>>()
            .join("、")
    })
    .unwrap_or_default()
}

fn datetime(form: &Form<FormKind>, label: &str) -> Result<NaiveDateTime, String> {
    written::datetime(&form.get(label)).map_err(|e| format!("{label}：{e}"))
}

fn date(form: &Form<FormKind>, label: &str) -> Result<NaiveDate, String> {
    written::date(&form.get(label)).map_err(|e| format!("{label}：{e}"))
}

fn opt(text: String) -> Option<String> {
    Some(text).filter(|t| !t.is_empty())
}

/// The write a checked form stands for.
pub fn submit(form: &Form<FormKind>, data: &Data) -> Result<Write, String> {
    let get = |label: &str| form.get(label);
    Ok(match &form.kind {
        FormKind::NewComplaint => Write::NewComplaint(Box::new(Complaint {
            id: String::new(),
            received_at: datetime(form, "受理时间")?,
            channel: Channel::parse(&get("来源渠道")).unwrap_or(Channel::Hotline),
            reporter: get("举报人"),
            phone: get("联系电话"),
            area: key_of(&get("所属区域")),
            matter: key_of(&get("执法事项")),
            description: get("问题描述"),
            complexity: Complexity::parse(&get("复杂程度")).unwrap_or(Complexity::Simple),
            state: ComplaintState::Received,
            verified_at: None,
            result: String::new(),
            fed_back_at: None,
            closed_at: None,
            void_reason: String::new(),
            work: Default::default(),
        })),
        FormKind::ComplaintStep { id, to } => {
            let step = match to {
                ComplaintState::Verifying => ComplaintStep::Verify {
                    at: datetime(form, "时间")?,
                    by: dispatch_forms::verified_by(form, data)?,
                    finding: get("核查情况"),
                },
                ComplaintState::Handling => ComplaintStep::Handle {
                    at: dispatch_forms::handled_at(form)?,
                    result: get("处置结果"),
                },
                ComplaintState::FedBack => ComplaintStep::FeedBack {
                    at: datetime(form, "时间")?,
                    method: get("反馈方式"),
                    result: get("处置结果"),
                },
                ComplaintState::Closed => ComplaintStep::Close {
                    at: datetime(form, "时间")?,
                },
                ComplaintState::Transferred => ComplaintStep::Transfer {
                    at: datetime(form, "时间")?,
                    to: get("接收部门"),
                },
                _ => ComplaintStep::Void {
                    reason: get("作废原因"),
                },
            };
            Write::ComplaintStep {
                id: id.clone(),
                step,
            }
        }
        FormKind::NewNotice => {
            // Left empty, the store takes the matter's own (`people::fill_legal_basis`).
            let matter = key_of(&get("执法事项"));
            let basis = get("法律依据");
            Write::NewNotice(Box::new(Notice {
                id: String::new(),
                party: get("当事人"),
                address: get("地址"),
                area: key_of(&get("所属区域")),
                matter,
                problem: get("存在问题"),
                legal_basis: basis,
                issued_on: date(form, "下达日期")?,
                deadline: date(form, "整改期限")?,
                state: NoticeState::Pending,
                reinspected_on: None,
                reinspect_result: String::new(),
                complaint: opt(get("关联投诉")),
                extension_reason: String::new(),
                void_reason: String::new(),
                late: false,
                issuing: Issuing {
                    officers: names::officers(&get("执法人员"), &data.officers)
                        .map_err(|e| format!("执法人员：{e}"))?,
                    requirement: get("整改要求"),
                    ..Issuing::default()
                },
            }))
        }
        FormKind::Reinspect { id } => {
            let outcome = match get("结论").as_str() {
                "延期" => {
                    if get("新整改期限").is_empty() {
                        return Err("新整改期限：延期须写明新的整改期限".into());
                    }
                    Outcome::Extend {
                        new_deadline: date(form, "新整改期限")?,
                        reason: get("延期原因"),
                    }
                }
                "立案" => Outcome::Escalate,
                _ => Outcome::CloseOut,
            };
            Write::NoticeStep {
                id: id.clone(),
                step: NoticeStep::Reinspect {
                    date: date(form, "复查日期")?,
                    result: get("复查结果"),
                    outcome,
                    officers: names::officers(&get("复查人员"), &data.officers)
                        .map_err(|e| format!("复查人员：{e}"))?,
                },
            }
        }
        FormKind::VoidNotice { id } => Write::NoticeStep {
            id: id.clone(),
            step: NoticeStep::Void {
                reason: get("作废原因"),
            },
        },
        FormKind::Patrol { team } => Write::Patrol(Box::new(Patrol {
            id: String::new(),
            date: date(form, "日期")?,
            start: written::time(&get("开始时间")).map_err(|e| format!("开始时间：{e}"))?,
            end: written::time(&get("结束时间")).map_err(|e| format!("结束时间：{e}"))?,
            team: team.clone(),
            officers: names::officers(&get("人员"), &data.officers)
                .map_err(|e| format!("人员：{e}"))?,
            areas: names::areas(&get("区域"), &data.areas).map_err(|e| format!("区域：{e}"))?,
            notes: get("巡查情况"),
            found_problem: get("发现问题") == "是",
        })),
        FormKind::Team { .. } => super::team_form::submit(form, data)?,
        FormKind::Extend { id } => dispatch_forms::submit_extend(form, data, id)?,
        FormKind::Pause { id, step } => super::pause_forms::submit(form, data, id, *step)?,
        FormKind::Dispatch { id } => Write::ComplaintStep {
            id: id.clone(),
            step: dispatch_forms::submit_dispatch(form, data)?,
        },
        FormKind::Leave { officer } => super::people_forms::submit_leave(form, officer)?,
        FormKind::Officer { id } => {
            let old = data
                .officers
                .iter()
                .find(|o| &o.id == id)
                .ok_or_else(|| format!("找不到人员 {id}"))?;
            super::people_forms::submit_officer(form, old)?
        }
        FormKind::RemoveTeam { date, team } => Write::RemoveTeam {
            date: *date,
            team: team.clone(),
            reason: get("撤下原因"),
        },
        FormKind::EditComplaint { id } => edit_forms::submit_complaint(form, data, id)?,
        FormKind::EditNotice { id } => edit_forms::submit_notice(form, data, id)?,
        FormKind::Serve { id } => super::papers::submit_serve(form, id)?,
    })
}
