//! Commands for on-site inspections: record one (a 责令整改 issues its notice), ask whether a
//! violation may be a 首违不罚, list a period's, void one recorded in error.

use chrono::{Datelike, NaiveDate};
use zhifa_desk::domain::{Finding, Inspection, Source, lookup};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::store::{Actor, Store, inspections, people, record};
use zhifa_desk::{text, written};

use crate::cli_checks::{InspectionAction, RecordArgs};

fn date(text: &str, what: &str) -> Result<NaiveDate> {
    written::date(text).map_err(|why| Error::invalid(format!("{what}“{text}”无效：{why}")))
}

fn choice<E>(text: &str, what: &str, parse: fn(&str) -> Option<E>, all: String) -> Result<E> {
    parse(text).ok_or_else(|| Error::invalid(format!("{what}“{text}”无效：应为 {all}")))
}

pub(super) fn run(store: &mut Store, actor: &Actor, action: InspectionAction) -> Result<()> {
    match action {
        InspectionAction::Record(args) => record_one(store, actor, *args),
        InspectionAction::Lenient { subject, matter } => {
            let on = actor.now.date();
            match inspections::lenient_for(store.conn(), subject.trim(), matter.trim(), on)? {
                Ok(l) => println!(
                    "可以首违不罚：事项 {} 在本镇首违不罚清单中（{}），对象 {} 在 {} 个月内没有同一事项的违法记录。登记时写 --finding 首违不罚 --guidance 指导意见",
                    l.matter,
                    text::one_line(&l.situation),
                    subject.trim(),
                    l.months
                ),
                Err(why) => println!("不适用首违不罚：{why}"),
            }
            Ok(())
        }
        InspectionAction::List { from, to } => {
            let today = actor.now.date();
            let from = match from {
                Some(t) => date(&t, "起始日期")?,
                None => today.with_day(1).unwrap_or(today),
            };
            let to = match to {
                Some(t) => date(&t, "截止日期")?,
                None => today,
            };
            let staff = people::officers_by_id(store.conn())?;
            for i in inspections::between(store.conn(), from, to)? {
                let who: Vec<String> = i
                    .officers
                    .iter()
                    .map(|o| staff.get(o).map_or(o.clone(), |x| x.name.clone()))
                    .collect();
                let notice = if i.notice.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", i.notice)
                };
                println!(
                    "{}  {}  {}  {}  {}  {}{notice}",
                    i.id,
                    i.at.format("%Y-%m-%d %H:%M"),
                    i.subject,
                    i.source,
                    who.join("、"),
                    i.finding
                );
            }
            Ok(())
        }
        InspectionAction::Void { id, reason } => {
            store.write_with_rules(actor, |tx, ctx| {
                record::void::<Inspection>(tx, ctx, id.trim(), &reason)
            })?;
            println!(
                "已作废现场检查 {}（{}）",
                id.trim(),
                text::one_line(reason.trim())
            );
            Ok(())
        }
    }
}

fn record_one(store: &mut Store, actor: &Actor, args: RecordArgs) -> Result<()> {
    let RecordArgs {
        subject,
        officers,
        source,
        draw,
        campaign,
        matter,
        checked,
        finding,
        problem,
        guidance,
        refer_to,
        deadline,
        requirement,
        at,
    } = args;
    let staff = people::officers(store.conn())?;
    let at = match at {
        None => actor.now,
        Some(t) => written::datetime(&t)
            .map_err(|why| Error::invalid(format!("检查时间“{t}”无效：{why}")))?,
    };
    let i = Inspection {
        id: String::new(),
        at,
        subject: subject.trim().to_string(),
        matter: matter
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty()),
        officers: lookup::officers(&officers, &staff).map_err(Error::Invalid)?,
        source: choice(&source, "检查来源", Source::parse, Source::choices())?,
        draw: draw.trim().to_string(),
        campaign: campaign.trim().to_string(),
        checked: checked.trim().to_string(),
        finding: choice(&finding, "检查结论", Finding::parse, Finding::choices())?,
        problem: problem.trim().to_string(),
        guidance: guidance.trim().to_string(),
        refer_to: refer_to.trim().to_string(),
        notice: String::new(),
    };
    let order = deadline
        .map(|d| -> Result<_> {
            Ok(inspections::Order {
                deadline: date(&d, "整改期限")?,
                requirement,
            })
        })
        .transpose()?;
    // The list decides; the officers are told before the notice goes out.
    let proposal = match (&i.matter, i.finding) {
        (Some(m), Finding::Rectify | Finding::Refer) => {
            inspections::lenient_for(store.conn(), &i.subject, m, at.date())?.ok()
        }
        _ => None,
    };
    let i = inspections::record(store, actor, i, order)?;
    println!("已登记现场检查 {}：{}，{}", i.id, i.subject, i.finding);
    if !i.notice.is_empty() {
        println!("已下达整改通知 {}（可用 document notice 打印）", i.notice);
    }
    if let Some(l) = proposal {
        println!(
            "提示：事项 {} 在本镇首违不罚清单中（{}），该对象 {} 个月内没有同一事项的违法记录，本可首违不罚",
            l.matter,
            text::one_line(&l.situation),
            l.months
        );
    }
    Ok(())
}
