//! The fields of each paper, filled from the ledger: names for 工号, dates in the written
//! form (2026年12月1日), blanks to fill by hand where the ledger has nothing yet.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rusqlite::{Connection, OptionalExtension};

use super::Paper;
use crate::domain::{Complaint, ComplaintState, Notice, NoticeState, Officer, SERVICE_METHODS};
use crate::error::{Error, Result};
use crate::store::{Record, complaints, people};
use crate::written;

/// What filling a paper needs besides the record.
pub struct Source<'a> {
    pub conn: &'a Connection,
    pub team: &'a str,
    pub now: NaiveDateTime,
    /// Who prints it (工号 or name): the contact of a transfer, the 填表人 of a form.
    pub operator: &'a str,
    /// Reporters' names and phones in full (else masked).
    pub include_personal: bool,
}

/// A paper with its fields filled, ready for a template.
#[derive(Debug, Clone)]
pub struct Filled {
    pub paper: Paper,
    /// The record it was filled from: a notice's number or a complaint's.
    pub key: String,
    /// Its own number (文号), for a paper that has one: a transfer letter.
    pub number: Option<String>,
    values: HashMap<&'static str, String>,
}

impl Filled {
    fn new(paper: Paper, key: &str) -> Filled {
        Filled {
            paper,
            key: key.to_string(),
            number: None,
            values: HashMap::new(),
        }
    }

    fn set(&mut self, field: &'static str, value: impl Into<String>) {
        debug_assert!(self.paper.fields().contains(&field), "{field}");
        self.values.insert(field, value.into());
    }

    /// The value of `field`; empty when the record has none.
    pub fn get(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }

    /// The file name it is written under by default: 责令限期整改通知书-卧执整〔2026〕第16号.docx.
    pub fn file_name(&self) -> String {
        let key: String = self
            .key
            .chars()
            .map(|c| {
                // Characters a Windows file name may not hold.
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        format!("{}-{key}.docx", self.paper.title())
    }
}

/// 2026年12月1日.
pub fn written_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 2026年11月2日9时30分.
pub fn written_time(t: NaiveDateTime) -> String {
    format!(
        "{}{}时{:02}分",
        written_date(t.date()),
        t.hour(),
        t.minute()
    )
}

const BLANK_DATE: &str = "　　　　年　　月　　日";

fn name_of(staff: &HashMap<String, Officer>, id: &str) -> String {
    staff
        .get(id)
        .map_or_else(|| id.to_string(), |o| o.name.clone())
}

fn names(staff: &HashMap<String, Officer>, ids: &[String]) -> String {
    ids.iter()
        .map(|id| name_of(staff, id))
        .collect::<Vec<_>>()
        .join("、")
}

/// 赵建国（执法证号 15070001）、钱志强（执法证号 15070002）; blanks for two when none is
/// recorded, to be filled in by hand.
fn with_certs(staff: &HashMap<String, Officer>, ids: &[String], certs: &[String]) -> String {
    if ids.is_empty() {
        return ["＿＿＿＿（执法证号＿＿＿＿＿＿）"; 2].join("、");
    }
    ids.iter()
        .enumerate()
        .map(|(i, id)| {
            let cert = certs
                .get(i)
                .filter(|c| !c.is_empty())
                .cloned()
                .unwrap_or_else(|| {
                    staff
                        .get(id)
                        .and_then(|o| o.cert_no.clone())
                        .unwrap_or_default()
                });
            format!("{}（执法证号 {cert}）", name_of(staff, id))
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn area_name(conn: &Connection, id: Option<&str>) -> Result<String> {
    let Some(id) = id else {
        return Ok(String::new());
    };
    Ok(people::areas(conn)?
        .into_iter()
        .find(|a| a.id == id)
        .map_or_else(|| id.to_string(), |a| a.name))
}

fn notice_of(conn: &Connection, key: &str) -> Result<Notice> {
    Notice::load(conn, key)?.ok_or_else(|| Error::NotFound {
        kind: "整改通知",
        key: key.to_string(),
    })
}

fn complaint_of(conn: &Connection, id: &str) -> Result<complaints::Tracked> {
    complaints::get(conn, id)?.ok_or_else(|| Error::NotFound {
        kind: "投诉",
        key: id.to_string(),
    })
}

/// 责令限期整改通知书 of notice `key`, with its 送达回证.
pub fn notice(src: &Source, key: &str) -> Result<Filled> {
    let n = notice_of(src.conn, key)?;
    let staff = people::officers_by_id(src.conn)?;
    let mut f = Filled::new(Paper::Notice, &n.id);
    f.set("执法队名称", src.team);
    f.set("文书编号", n.id.as_str());
    f.set("当事人", n.party.as_str());
    f.set("地址", n.address.as_str());
    f.set("所属区域", area_name(src.conn, n.area.as_deref())?);
    f.set("存在问题", n.problem.trim_end_matches('。'));
    f.set("法律依据", n.legal_basis.as_str());
    f.set("整改期限", written_date(n.deadline));
    f.set("整改要求", n.issuing.requirement.trim_end_matches('。'));
    f.set("执法人员", names(&staff, &n.issuing.officers));
    let certs = with_certs(&staff, &n.issuing.officers, &n.issuing.certs);
    f.set("执法人员及证号", certs);
    f.set("下达日期", written_date(n.issued_on));
    match n.issuing.served_on {
        Some(d) => {
            f.set("送达日期", written_date(d));
            f.set("送达方式", n.issuing.service_method.as_str());
        }
        None => {
            f.set("送达日期", BLANK_DATE);
            let boxes: Vec<String> = SERVICE_METHODS.iter().map(|m| format!("□{m}")).collect();
            f.set("送达方式", boxes.join("　"));
        }
    }
    // Who served it, once recorded; before that, those who issued it (they sign here).
    let servers = match n.issuing.servers.is_empty() {
        true => &n.issuing.officers,
        false => &n.issuing.servers,
    };
    f.set("送达人", names(&staff, servers));
    f.set(
        "见证人",
        match n.issuing.witness.as_str() {
            "" => "（留置送达时由见证人签名）",
            w => w,
        },
    );
    f.set("关联投诉编号", n.complaint.unwrap_or_default());
    Ok(f)
}

/// 复查意见书 of the latest re-inspection of notice `key`.
pub fn reinspection(src: &Source, key: &str) -> Result<Filled> {
    let n = notice_of(src.conn, key)?;
    // A notice imported with its re-inspection has no log row: its own columns say it.
    let from_ledger = || {
        let outcome = match n.state {
            NoticeState::ClosedOut => "销号",
            NoticeState::Extended => "延期",
            NoticeState::Escalated => "立案",
            _ => return None,
        };
        Some(crate::store::reinspections::Logged {
            date: n.reinspected_on?,
            result: n.reinspect_result.clone(),
            outcome: outcome.to_string(),
            officers: Vec::new(),
            late: false,
        })
    };
    let last = crate::store::reinspections::reinspections(src.conn, key)?
        .pop()
        .or_else(from_ledger)
        .ok_or_else(|| {
            Error::invalid(format!("整改通知 {key} 还没有复查记录，无法出具复查意见书"))
        })?;
    let staff = people::officers_by_id(src.conn)?;
    let certs = people::certified(src.conn, &last.officers, last.date)?.unwrap_or_default();
    let opinion = match last.outcome.as_str() {
        "销号" => "你（单位）已按要求完成整改，本通知予以销号。".to_string(),
        "延期" => format!(
            "你（单位）尚未完成整改。因{}，同意延期至{}；逾期仍未整改的，本队将依法立案查处。",
            n.extension_reason.trim_end_matches('。'),
            written_date(n.deadline)
        ),
        _ => match n.issuing.case_no.as_str() {
            "" => "你（单位）逾期未按要求完成整改，本队将依法立案查处。".to_string(),
            no => format!("你（单位）逾期未按要求完成整改，本队已依法立案查处（立案编号：{no}）。"),
        },
    };
    let mut f = Filled::new(Paper::Reinspection, &n.id);
    f.set("执法队名称", src.team);
    f.set("文书编号", n.id.as_str());
    f.set("当事人", n.party.as_str());
    f.set("地址", n.address.as_str());
    f.set("存在问题", n.problem.trim_end_matches('。'));
    f.set("下达日期", written_date(n.issued_on));
    // The deadline the notice set: after an extension, the one before it (the new one is in
    // the opinion), so the paper never says both were the same day.
    let set_by_notice = match n.state {
        NoticeState::Extended => {
            crate::store::reinspections::deadline_before_extension(src.conn, &n.id)?
        }
        _ => None,
    };
    f.set(
        "整改期限",
        written_date(set_by_notice.unwrap_or(n.deadline)),
    );
    f.set("复查日期", written_date(last.date));
    f.set("复查人员", names(&staff, &last.officers));
    f.set("复查人员及证号", with_certs(&staff, &last.officers, &certs));
    f.set("复查情况", last.result.trim_end_matches('。'));
    f.set("复查结论", last.outcome.as_str());
    f.set("复查意见", opinion);
    f.set("立案编号", n.issuing.case_no.as_str());
    Ok(f)
}

fn reporter(src: &Source, c: &Complaint) -> (String, String) {
    c.reporter_shown(src.include_personal)
}

/// The officer printing, by 工号 or name.
fn operator<'a>(staff: &'a HashMap<String, Officer>, who: &str) -> Option<&'a Officer> {
    staff
        .get(who)
        .or_else(|| staff.values().find(|o| o.name == who))
}

/// A line left to sign by hand where no known person can be named.
const SIGN_HERE: &str = "＿＿＿＿＿＿";

/// 移送函 of transferred lead `id`.
pub fn transfer(src: &Source, id: &str) -> Result<Filled> {
    let t = complaint_of(src.conn, id)?;
    let c = &t.complaint;
    if c.state != ComplaintState::Transferred {
        return Err(Error::invalid(format!(
            "投诉 {id} 的状态是「{}」，只有已移送的投诉才能出具移送函",
            c.state
        )));
    }
    let staff = people::officers_by_id(src.conn)?;
    // Who the department calls back: the officer printing if one of the team, else the
    // lead's own handler or verifier, else the captain; never a login name.
    let contact = operator(&staff, src.operator)
        .or_else(|| {
            c.work
                .handlers
                .iter()
                .chain(&c.work.verified_by)
                .find_map(|id| staff.get(id))
        })
        .or_else(|| {
            let mut captains: Vec<&Officer> = staff
                .values()
                .filter(|o| o.role == crate::domain::Role::Captain)
                .collect();
            captains.sort_by(|a, b| a.id.cmp(&b.id));
            captains.first().copied()
        });
    // A lead transferred before it was verified was examined, not verified (核查).
    let looked = if c.verified_at.is_some() {
        "经核查"
    } else {
        "经审查"
    };
    let reason = match &c.matter {
        None => format!("{looked}，该事项不在本镇综合行政执法事项清单内，不属于本队管辖。"),
        Some(_) => format!("{looked}，该事项属于你单位的职责范围。"),
    };
    let (who, phone) = reporter(src, c);
    let mut f = Filled::new(Paper::Transfer, &c.id);
    // Its own yearly number, in the style of the team's notices (卧执整 → 卧执移), given at
    // its first printing and kept by every reprint.
    let number = match crate::store::traces::paper_number(src.conn, Paper::Transfer.title(), &c.id)?
    {
        Some(n) => n,
        None => {
            let year = c.closed_at.map_or(src.now.date(), |t| t.date()).year();
            let notice = crate::store::notices::next_id(src.conn, year)?;
            let prefix = notice.split_once('〔').map_or("执整", |(p, _)| p);
            let prefix = format!("{}移", prefix.strip_suffix('整').unwrap_or(prefix));
            crate::store::traces::next_paper_number(src.conn, &prefix, year)?
        }
    };
    f.set("文号", number.as_str());
    f.number = Some(number);
    f.set("执法队名称", src.team);
    f.set("移送部门", c.work.transfer_to.as_str());
    f.set("投诉编号", c.id.as_str());
    f.set("来源渠道", c.channel.label());
    f.set("受理时间", written_time(c.received_at));
    f.set("问题描述", c.description.trim_end_matches('。'));
    f.set("所属区域", area_name(src.conn, c.area.as_deref())?);
    f.set("移送理由", reason.as_str());
    f.set("举报人", or_none(who));
    f.set("联系电话", or_none(phone));
    f.set(
        "联系人",
        contact.map_or_else(String::new, |o| o.name.clone()),
    );
    f.set(
        "联系人电话",
        contact.map(|o| o.phone.clone()).unwrap_or_default(),
    );
    f.set(
        "移送日期",
        written_date(c.closed_at.map_or(src.now.date(), |t| t.date())),
    );
    Ok(f)
}

fn or_none(v: String) -> String {
    if v.is_empty() {
        "（未留）".into()
    } else {
        v
    }
}

/// 投诉举报受理及处理反馈单 of lead `id`: its whole life on one page.
pub fn complaint(src: &Source, id: &str) -> Result<Filled> {
    let t = complaint_of(src.conn, id)?;
    let c = &t.complaint;
    let staff = people::officers_by_id(src.conn)?;
    let time = |t: Option<NaiveDateTime>| t.map(written::fmt_datetime).unwrap_or_default();
    let matter = match &c.matter {
        Some(m) => people::matters(src.conn)?
            .into_iter()
            .find(|x| &x.id == m)
            .map_or_else(|| m.clone(), |x| format!("{} {}", x.id, x.name)),
        None => "不在清单内".to_string(),
    };
    let (who, phone) = reporter(src, c);
    let mut f = Filled::new(Paper::Complaint, &c.id);
    f.set("执法队名称", src.team);
    f.set("投诉编号", c.id.as_str());
    f.set("来源渠道", c.channel.label());
    f.set("受理时间", time(Some(c.received_at)));
    f.set("举报人", or_none(who));
    f.set("联系电话", or_none(phone));
    f.set("所属区域", area_name(src.conn, c.area.as_deref())?);
    f.set("执法事项", matter);
    f.set("问题描述", c.description.as_str());
    f.set("复杂程度", c.complexity.label());
    f.set("状态", c.state.label());
    f.set("承办中队", c.work.squad.as_str());
    f.set("承办人员", names(&staff, &c.work.handlers));
    // When and by whom it was dispatched is in the audit trail (a lead imported with its
    // handlers has no such row: the cells stay blank).
    let dispatched: Option<(String, String)> = src
        .conn
        .query_row(
            "SELECT at, operator FROM audit WHERE kind = 'complaints' AND key = ?1
               AND action = '分派' ORDER BY id DESC LIMIT 1",
            [&c.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((at, by)) = dispatched {
        f.set("分派时间", at);
        f.set("分派人", name_of(&staff, &by));
    }
    f.set("核查时间", time(c.verified_at));
    f.set("核查人员", names(&staff, &c.work.verified_by));
    f.set("核查情况", c.work.finding.as_str());
    f.set("处置时间", time(c.work.handled_at));
    f.set("处置结果", c.result.as_str());
    f.set("反馈时间", time(c.fed_back_at));
    f.set("反馈方式", c.work.feedback_method.as_str());
    f.set("办结时间", time(c.closed_at));
    f.set("移送部门", c.work.transfer_to.as_str());
    f.set("核查期限", written::fmt_datetime(t.due.verify_due));
    f.set("反馈期限", written::fmt_datetime(t.due.feedback_due));
    let printer = operator(&staff, src.operator);
    f.set(
        "填表人",
        // Someone not on the team's list signs by hand on a blank line.
        printer.map_or_else(|| SIGN_HERE.to_string(), |o| o.name.clone()),
    );
    f.set("填表时间", written::fmt_datetime(src.now));
    Ok(f)
}

/// Fills `paper` for the record `key`.
pub fn paper(src: &Source, paper: Paper, key: &str) -> Result<Filled> {
    match paper {
        Paper::Notice => notice(src, key),
        Paper::Reinspection => reinspection(src, key),
        Paper::Transfer => transfer(src, key),
        Paper::Complaint => complaint(src, key),
    }
}
