//! 抽查结果公示: a draw's subjects, officers and results as the portal clerk pastes them,
//! with an individual's name and 身份证号 masked unless asked for.

use rusqlite::Connection;

use super::sheet::Sheet;
use super::value::Ty;
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
    let mut rows = Vec::with_capacity(d.picks.len());
    for (n, p) in d.picks.iter().enumerate() {
        let s = subjects::get(conn, &p.subject)?;
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
