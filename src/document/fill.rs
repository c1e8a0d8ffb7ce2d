//! The fields of each paper, filled from the ledger: names for 工号, dates in the written
//! form (2026年12月1日), blanks to fill by hand where the ledger has nothing yet.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rusqlite::Connection;

use super::Paper;
use crate::domain::{Notice, NoticeState, Officer, SERVICE_METHODS};
use crate::error::{Error, Result};
use crate::store::{Record, complaints, people};

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
    pub(super) fn new(paper: Paper, key: &str) -> Filled {
        Filled {
            paper,
            key: key.to_string(),
            number: None,
            values: HashMap::new(),
        }
    }

    pub(super) fn set(&mut self, field: &'static str, value: impl Into<String>) {
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

pub(super) fn name_of(staff: &HashMap<String, Officer>, id: &str) -> String {
    staff
        .get(id)
        .map_or_else(|| id.to_string(), |o| o.name.clone())
}

pub(super) fn names(staff: &HashMap<String, Officer>, ids: &[String]) -> String {
    ids.iter()
        .map(|id| name_of(staff, id))
        .collect::<Vec<_>>()
        .join("、")
}

/// A blank to write a name or number in by hand. Latin underscores make one unbreakable
/// word, so a line never breaks inside the blank (full-width ＿ breaks after any of them).
pub(super) const SIGN_HERE: &str = "__________";

/// 赵建国（执法证号 15070001）、钱志强（执法证号 15070002）; blanks for two when none is
/// recorded, to be filled in by hand.
pub(super) fn with_certs(
    staff: &HashMap<String, Officer>,
    ids: &[String],
    certs: &[String],
) -> String {
    if ids.is_empty() {
        let one = format!("{SIGN_HERE}（执法证号 {SIGN_HERE}）");
        return format!("{one}、{one}");
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

pub(super) fn area_name(conn: &Connection, id: Option<&str>) -> Result<String> {
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

pub(super) fn complaint_of(conn: &Connection, id: &str) -> Result<complaints::Tracked> {
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
    // A notice that came in from a ledger already extended has no earlier deadline on record.
    let deadline = match (n.state, set_by_notice) {
        (_, Some(d)) => written_date(d),
        (NoticeState::Extended, None) => "原定期限".to_string(),
        _ => written_date(n.deadline),
    };
    f.set("整改期限", deadline);
    f.set("复查日期", written_date(last.date));
    f.set("复查人员", names(&staff, &last.officers));
    f.set("复查人员及证号", with_certs(&staff, &last.officers, &certs));
    f.set("复查情况", last.result.trim_end_matches('。'));
    f.set("复查结论", last.outcome.as_str());
    f.set("复查意见", opinion);
    f.set("立案编号", n.issuing.case_no.as_str());
    Ok(f)
}

/// Fills `paper` for the record `key`.
pub fn paper(src: &Source, paper: Paper, key: &str) -> Result<Filled> {
    match paper {
        Paper::Notice => notice(src, key),
        Paper::Reinspection => reinspection(src, key),
        Paper::Transfer => super::fill_leads::transfer(src, key),
        Paper::Complaint => super::fill_leads::complaint(src, key),
        Paper::Inspection => super::fill_checks::inspection(src, key),
    }
}
