//! The papers of a lead: the 移送函 of a lead transferred, and the 投诉举报受理及处理反馈单.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDateTime};
use rusqlite::OptionalExtension;

use super::Paper;
use super::fill::{
    Filled, SIGN_HERE, Source, area_name, complaint_of, name_of, names, written_date, written_time,
};
use crate::domain::{Complaint, ComplaintState, Officer};
use crate::error::{Error, Result};
use crate::store::people;
use crate::written;

fn reporter(src: &Source, c: &Complaint) -> (String, String) {
    c.reporter_shown(src.include_personal)
}

/// The officer printing, by 工号 or name.
fn operator<'a>(staff: &'a HashMap<String, Officer>, who: &str) -> Option<&'a Officer> {
    staff
        .get(who)
        .or_else(|| staff.values().find(|o| o.name == who))
}

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
            let prefix = crate::store::notices::paper_prefix(src.conn, year, '移')?;
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
