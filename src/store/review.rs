//! 案卷自查 as the store sees it: each file's facts gathered from its record, its papers
//! printed (the audit), its evidence and its officers' certificates on the day, judged by the
//! checklist in the templates folder beside the database (or the built-in one).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::{complaints, notices};
use crate::domain::review::{self, Checklist, Facts, FileKind, Review};
use crate::domain::{ComplaintState, NoticeState, Officer};
use crate::error::{Error, Result};

/// The checklist in force: `templates/checklist.txt` beside the database when the team (or
/// the county) put one there, else the built-in one.
pub fn checklist(conn: &Connection) -> Result<Checklist> {
    let db = conn.path().filter(|p| !p.is_empty());
    let path = db.map(|db| crate::files::templates_beside(Path::new(db)).join(review::FILE));
    match path.filter(|p| p.exists()) {
        None => Ok(Checklist::builtin()),
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            Checklist::parse(&crate::text::path(&path), &text).map_err(Error::invalid)
        }
    }
}

/// What judging many files shares: papers printed, evidence by record, notices by lead and
/// inspection, the staff as of each day.
pub struct Grounds<'c> {
    conn: &'c Connection,
    now: NaiveDateTime,
    printed: HashSet<String>,
    evidence: HashMap<(String, String), usize>,
    /// The live notices issued on each lead.
    notices_of_lead: HashMap<String, Vec<String>>,
    /// The inspections that ordered each notice.
    inspections_of_notice: HashMap<String, Vec<String>>,
    staff: HashMap<NaiveDate, HashMap<String, Officer>>,
}

impl<'c> Grounds<'c> {
    pub fn read(conn: &'c Connection, now: NaiveDateTime) -> Result<Grounds<'c>> {
        let pairs = |sql: &str| -> Result<Vec<(String, String)>> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let group = |rows: Vec<(String, String)>| {
            let mut map: HashMap<String, Vec<String>> = HashMap::new();
            for (k, v) in rows {
                map.entry(k).or_default().push(v);
            }
            map
        };
        let mut evidence = HashMap::new();
        for link in pairs("SELECT link_kind, link FROM evidence WHERE void_reason = ''")? {
            *evidence.entry(link).or_insert(0) += 1;
        }
        Ok(Grounds {
            conn,
            now,
            printed: super::traces::printed_papers(conn)?,
            evidence,
            notices_of_lead: group(pairs(
                "SELECT complaint, id FROM notices
                 WHERE complaint IS NOT NULL AND complaint != '' AND void_reason = ''",
            )?),
            inspections_of_notice: group(pairs(
                "SELECT notice, id FROM inspections WHERE notice != '' AND void_reason = ''",
            )?),
            staff: HashMap::new(),
        })
    }

    fn acting(&mut self, ids: &[String], on: NaiveDate) -> Result<Vec<(String, bool)>> {
        if !self.staff.contains_key(&on) {
            let staff = super::leaves::officers_on(self.conn, on)?;
            self.staff.insert(on, staff);
        }
        let staff = &self.staff[&on];
        Ok(ids
            .iter()
            .map(|id| match staff.get(id) {
                Some(o) => (o.name.clone(), o.can_enforce_on(on)),
                None => (id.clone(), false),
            })
            .collect())
    }

    fn printed(&self, title: &str, key: &str) -> bool {
        self.printed.contains(&format!("{title} {key}"))
    }

    fn evidence(&self, kind: FileKind, key: &str) -> usize {
        let kind = match kind {
            FileKind::Notice => "整改通知",
            FileKind::Lead => "投诉",
        };
        self.evidence
            .get(&(kind.to_string(), key.to_string()))
            .copied()
            .unwrap_or(0)
    }

    /// A notice's file: its issuing, service, re-inspection, papers and evidence (its own
    /// and that of the inspection that ordered it).
    pub fn notice(&mut self, t: &notices::Tracked) -> Result<Facts> {
        let n = &t.notice;
        let i = &n.issuing;
        let mut missing = Vec::new();
        for (field, value) in [
            ("当事人", &n.party),
            ("地址", &n.address),
            ("存在问题", &n.problem),
            ("整改要求", &i.requirement),
        ] {
            if value.trim().is_empty() {
                missing.push(field);
            }
        }
        if n.matter.is_none() {
            missing.push("事项");
        }
        let from_inspections: usize = self
            .inspections_of_notice
            .get(&n.id)
            .map(|ids| {
                ids.iter()
                    .map(|k| {
                        let key = ("现场检查".to_string(), k.clone());
                        self.evidence.get(&key).copied().unwrap_or(0)
                    })
                    .sum()
            })
            .unwrap_or(0);
        let mut late = Vec::new();
        if n.late {
            late.push("复查晚于期限".to_string());
        } else if n.state.is_open() && self.now > t.reinspect_due.end_of_day() {
            late.push(format!("复查期限 {} 已过，尚未复查", t.reinspect_due.date));
        }
        let mut papers = vec![(
            "责令限期整改通知书",
            self.printed("责令限期整改通知书", &n.id),
        )];
        if n.reinspected_on.is_some() {
            papers.push(("复查意见书", self.printed("复查意见书", &n.id)));
        }
        let extended = n.state == NoticeState::Extended || !n.extension_reason.is_empty();
        Ok(Facts {
            kind: Some(FileKind::Notice),
            key: n.id.clone(),
            finished: matches!(n.state, NoticeState::ClosedOut | NoticeState::Escalated),
            acting: self.acting(&i.officers, n.issued_on)?,
            legal_basis: Some(n.legal_basis.clone()),
            issued_on: Some(n.issued_on),
            served_on: i.served_on,
            service_complete: !i.service_method.is_empty()
                && (!i.servers.is_empty()
                    || matches!(i.service_method.as_str(), "邮寄送达" | "电子送达")),
            today: Some(self.now.date()),
            extensions: match extended {
                true => vec![(n.extension_reason.clone(), None)],
                false => Vec::new(),
            },
            needs_evidence: true,
            evidence: self.evidence(FileKind::Notice, &n.id) + from_inspections,
            papers,
            missing,
            late,
            ..Facts::default()
        })
    }

    /// A lead's file: who verified it, its extensions, stops and appeal, the papers of its
    /// ending, and evidence where a violation was found (a notice issued on it).
    pub fn lead(&mut self, t: &complaints::Tracked) -> Result<Facts> {
        let c = &t.complaint;
        let w = &c.work;
        let mut missing = Vec::new();
        let mut need = |field, empty: bool| {
            if empty {
                missing.push(field);
            }
        };
        need("所属区域", c.area.is_none());
        need("事项", c.matter.is_none());
        need("问题描述", c.description.trim().is_empty());
        need(
            "核查人员",
            c.verified_at.is_some() && w.verified_by.is_empty(),
        );
        need(
            "处置结果",
            c.fed_back_at.is_some() && c.result.trim().is_empty(),
        );
        need(
            "反馈方式",
            c.fed_back_at.is_some() && w.feedback_method.is_empty(),
        );
        need(
            "移送部门",
            c.state == ComplaintState::Transferred && w.transfer_to.is_empty(),
        );
        let acting = match c.verified_at {
            Some(at) if !w.verified_by.is_empty() => self.acting(&w.verified_by, at.date())?,
            _ => Vec::new(),
        };
        let (v, f) = c.steps(&t.due, self.now);
        let mut late = Vec::new();
        if v.is_late() {
            late.push(format!("核查超期（期限 {}）", fmt(t.due.verify_due)));
        }
        if f.is_late() {
            late.push(format!("反馈超期（期限 {}）", fmt(t.due.feedback_due)));
        }
        let papers = match c.state {
            ComplaintState::Closed => vec!["投诉举报受理及处理反馈单"],
            ComplaintState::Transferred => vec!["移送函"],
            _ => Vec::new(),
        };
        let notices = self.notices_of_lead.get(&c.id).cloned().unwrap_or_default();
        let evidence = self.evidence(FileKind::Lead, &c.id)
            + notices
                .iter()
                .map(|n| self.evidence(FileKind::Notice, n))
                .sum::<usize>();
        Ok(Facts {
            kind: Some(FileKind::Lead),
            key: c.id.clone(),
            finished: matches!(
                c.state,
                ComplaintState::Closed | ComplaintState::Transferred
            ),
            acting,
            extensions: w
                .extensions
                .iter()
                .map(|e| (e.reason.clone(), Some(e.approved_by.clone())))
                .collect(),
            stops: w
                .stops
                .iter()
                .map(|s| (s.reason.clone(), s.approved_by.clone()))
                .collect(),
            appeal_undecided: w.appeal.as_ref().is_some_and(|a| a.decision.is_none()),
            needs_evidence: !notices.is_empty(),
            evidence,
            papers: papers
                .into_iter()
                .map(|p| (p, self.printed(p, &c.id)))
                .collect(),
            missing,
            late,
            ..Facts::default()
        })
    }
}

fn fmt(t: NaiveDateTime) -> String {
    t.format("%m-%d %H:%M").to_string()
}

/// The review of one file, a notice or a lead, by its key; None for no such live file.
pub fn of(conn: &Connection, key: &str, now: NaiveDateTime) -> Result<Option<Review>> {
    let list = checklist(conn)?;
    let mut g = Grounds::read(conn, now)?;
    if let Some(t) = notices::get(conn, key)?.filter(|t| t.notice.state != NoticeState::Voided) {
        return Ok(Some(review::review(&list, &g.notice(&t)?)));
    }
    match complaints::get(conn, key)? {
        Some(t) if t.complaint.state != ComplaintState::Voided => {
            Ok(Some(review::review(&list, &g.lead(&t)?)))
        }
        _ => Ok(None),
    }
}

/// The reviews of the files of `from..=to` (notices issued, leads received; voided ones left
/// out), finished or not, notices first.
pub fn between(
    conn: &Connection,
    (from, to): (NaiveDate, NaiveDate),
    now: NaiveDateTime,
) -> Result<Vec<Review>> {
    let list = checklist(conn)?;
    let mut g = Grounds::read(conn, now)?;
    let mut out = Vec::new();
    for t in notices::issued_between(conn, Some(from), Some(to))? {
        if t.notice.state != NoticeState::Voided {
            out.push(review::review(&list, &g.notice(&t)?));
        }
    }
    for t in complaints::received_between(conn, Some(from), Some(to))? {
        if t.complaint.state != ComplaintState::Voided {
            out.push(review::review(&list, &g.lead(&t)?));
        }
    }
    Ok(out)
}
