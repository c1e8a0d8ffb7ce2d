//! The fields of the 现场检查笔录: the inspection, its subject and officers, what was found and
//! done, and the evidence registered for it.

use super::Paper;
use super::fill::{Filled, Source, names, with_certs, written_date, written_time};
use crate::domain::{Finding, Inspection, Source as Origin};
use crate::error::{Error, Result};
use crate::store::{Record, evidence, people, subjects};

/// 现场检查笔录 of inspection `key`.
pub fn inspection(src: &Source, key: &str) -> Result<Filled> {
    let i = Inspection::load(src.conn, key)?.ok_or_else(|| Error::NotFound {
        kind: "现场检查",
        key: key.to_string(),
    })?;
    let staff = people::officers_by_id(src.conn)?;
    let subject = subjects::get(src.conn, &i.subject)?;
    let date = i.at.date();
    let certs = people::certified(src.conn, &i.officers, date)?.unwrap_or_default();
    let matter = match &i.matter {
        Some(m) => people::matters(src.conn)?
            .into_iter()
            .find(|x| &x.id == m)
            .map_or_else(|| m.clone(), |x| format!("{}（{}）", x.name, x.legal_basis)),
        None => String::new(),
    };
    let kind = match i.source {
        Origin::Random => format!("双随机抽查（{}）", i.draw),
        Origin::Campaign | Origin::Plan => format!("{}（{}）", i.source, i.campaign),
        Origin::Routine => i.source.label().to_string(),
    };
    let found = match i.finding {
        Finding::Pass => "未发现违法行为。".to_string(),
        _ => format!("{}。", i.problem.trim_end_matches('。')),
    };
    let done = match i.finding {
        Finding::Pass => "检查合格。".to_string(),
        Finding::Rectify => format!("责令限期整改，已下达{}责令限期整改通知书。", i.notice),
        Finding::Lenient => format!(
            "属首次轻微违法，依本镇首违不罚清单不予处罚，给予指导：{}。",
            i.guidance.trim_end_matches('。')
        ),
        Finding::Refer => format!("移送{}处理。", i.refer_to),
    };
    let files = evidence::list(
        src.conn,
        Some((crate::domain::evidence::LinkKind::Inspection, &i.id)),
    )?;
    let listed = match files.len() {
        0 => "无".to_string(),
        _ => files
            .iter()
            .map(|e| {
                let name = e.path.rsplit('/').next().unwrap_or(&e.path);
                format!("{} {} {name}（{}）", e.id, e.kind, &e.sha256[..16])
            })
            .collect::<Vec<_>>()
            .join("；"),
    };
    let mut f = Filled::new(Paper::Inspection, &i.id);
    f.set("执法队名称", src.team);
    f.set("检查编号", i.id.as_str());
    f.set("检查时间", written_time(i.at));
    f.set("检查日期", written_date(date));
    if let Some(s) = &subject {
        f.set("检查地点", s.address.as_str());
        f.set("检查对象", s.name.as_str());
        f.set("证件号码", s.code.as_str());
    }
    f.set("检查类别", kind);
    f.set("检查人员", names(&staff, &i.officers));
    f.set("检查人员及证号", with_certs(&staff, &i.officers, &certs));
    f.set("检查事项", matter);
    f.set("检查内容", i.checked.trim_end_matches('。'));
    f.set("检查结论", i.finding.label());
    f.set("检查情况", found);
    f.set("处理情况", done);
    f.set("证据", listed);
    Ok(f)
}
