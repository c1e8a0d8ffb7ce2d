//! What a portal clerk publishes: a draw's 抽查结果公示 (subjects, officers, results) and the
//! list of decisions waiting to be published, with a person's name and 身份证号 masked.

use rusqlite::Connection;

use super::sheet::Sheet;
use super::value::Ty;
use crate::domain::publicity::{PubItem, PubKind};
use crate::domain::{Draw, Finding, Inspection};
use crate::error::Result;
use crate::store::{inspections, people, subjects};

/// The 公示 of draw `d`: one row per subject drawn, in drawing order, with its inspection's
/// result once recorded.
pub fn draw_sheet(conn: &Connection, team: &str, d: &Draw, reveal: bool) -> Result<Sheet> {
    let officers = people::officers_by_id(conn)?;
    let done = inspections::of_draw(conn, &d.id)?;
    let matters = people::matters(conn)?;
    let matter_name = |id: &str| {
        matters
            .iter()
            .find(|m| m.id == id)
            .map_or(id.to_string(), |m| m.name.clone())
    };
    let listed: std::collections::HashMap<String, crate::domain::Subject> = subjects::all(conn)?
        .into_iter()
        .map(|s| (s.id.clone(), s))
        .collect();
    let mut rows = Vec::with_capacity(d.picks.len());
    for (n, p) in d.picks.iter().enumerate() {
        let s = listed.get(&p.subject);
        let (name, code) = s.as_ref().map(|s| s.shown(reveal)).unwrap_or_default();
        let address = s.as_ref().map(|s| s.address.clone()).unwrap_or_default();
        let names: Vec<String> = p
            .officers
            .iter()
            .map(|o| officers.get(o).map_or(o.clone(), |x| x.name.clone()))
            .collect();
        let i = done.iter().find(|i| i.subject == p.subject);
        let matter = i
            .and_then(|i| i.matter.as_deref())
            .or(d.filter.matter.as_deref())
            .map(matter_name)
            .unwrap_or_default();
        rows.push(vec![
            (n + 1).to_string(),
            name,
            code,
            address,
            matter,
            names.join("、"),
            i.map(|i| crate::written::fmt_date(i.at.date()))
                .unwrap_or_default(),
            i.map_or("待检查".into(), result),
        ]);
    }
    let columns = [
        ("序号", Ty::Number),
        ("检查对象", Ty::Text),
        ("统一社会信用代码（身份证号）", Ty::Code),
        ("地址", Ty::Text),
        ("检查事项", Ty::Text),
        ("执法人员", Ty::Text),
        ("检查日期", Ty::Date),
        ("检查结果", Ty::Text),
    ];
    Ok(Sheet {
        name: "抽查结果公示".into(),
        title: vec![
            format!("{team} {} 抽查结果公示", d.title),
            format!(
                "抽查编号 {}；抽取时间 {}；从{}（{} 个）中抽取 {} 个；随机种子 {}；名录校验值 {}",
                d.id,
                d.drawn_at.format("%Y-%m-%d %H:%M"),
                d.filter.describe(),
                d.subjects.len(),
                d.count,
                d.seed,
                d.snapshot
            ),
        ],
        columns: columns.iter().map(|(h, t)| (h.to_string(), *t)).collect(),
        rows,
        heat: None,
    })
}

/// A result as the public reads it: the finding, and what followed.
fn result(i: &Inspection) -> String {
    match i.finding {
        Finding::Pass => "未发现问题".into(),
        Finding::Rectify => format!("发现问题，已责令整改（{}）", i.notice),
        Finding::Lenient => "轻微违法，首违不罚，已指导改正".into(),
        Finding::Refer => format!("发现问题，已移送{}", i.refer_to),
    }
}

/// The decisions waiting to be published, as the portal clerk enters them: what was decided
/// and on what basis, the party masked where a person.
pub fn due_sheet(conn: &Connection, team: &str, items: &[PubItem]) -> Result<Sheet> {
    let mut rows = Vec::with_capacity(items.len());
    for (n, p) in items.iter().enumerate() {
        let (content, basis) = match p.kind {
            PubKind::Notice | PubKind::Case => {
                let id = match p.kind {
                    PubKind::Case => crate::store::notices::with_case_no(conn, &p.key)?,
                    _ => Some(p.key.clone()),
                };
                let n = match id {
                    Some(id) => crate::store::notices::get(conn, &id)?.map(|t| t.notice),
                    None => None,
                };
                match (p.kind, n) {
                    (PubKind::Case, Some(n)) => (
                        format!("{}；责令整改（{}）逾期未改正，已立案查处", n.problem, n.id),
                        n.legal_basis,
                    ),
                    (_, Some(n)) => (
                        format!("{}；责令于 {} 前改正", n.problem, n.deadline),
                        n.legal_basis,
                    ),
                    (_, None) => (String::new(), String::new()),
                }
            }
            PubKind::DrawResult => (
                "双随机抽查结果，逐户结果见抽查结果公示表".to_string(),
                "“双随机、一公开”监管".to_string(),
            ),
        };
        rows.push(vec![
            (n + 1).to_string(),
            p.kind.label().to_string(),
            p.key.clone(),
            p.what.clone(),
            content,
            basis,
            crate::written::fmt_date(p.decided_on),
            crate::written::fmt_date(p.due),
        ]);
    }
    let columns = [
        ("序号", Ty::Number),
        ("类别", Ty::Text),
        ("文书编号", Ty::Code),
        ("当事人或抽查任务", Ty::Text),
        ("主要内容", Ty::Text),
        ("依据", Ty::Text),
        ("决定日期", Ty::Date),
        ("公示期限", Ty::Date),
    ];
    Ok(Sheet {
        name: "待公示".into(),
        title: vec![format!("{team} 行政执法决定待公示清单")],
        columns: columns.iter().map(|(h, t)| (h.to_string(), *t)).collect(),
        rows,
        heat: None,
    })
}
