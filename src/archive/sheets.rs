//! The archive's own sheets: the year's inspections, 公示, evidence register and 案卷自查.

use rusqlite::Connection;

use crate::error::Result;
use crate::exchange::Env;
use crate::exchange::sheet::Sheet;
use crate::exchange::value::Ty;
use crate::report::period::Period;

/// The year's on-site inspections (现场检查), voided ones left out.
pub fn inspections(conn: &Connection, year: &Period) -> Result<Sheet> {
    let headers = [
        "检查编号",
        "检查时间",
        "对象编号",
        "事项编号",
        "检查人员",
        "来源",
        "抽查编号",
        "专项或计划",
        "检查内容",
        "检查结论",
        "发现问题",
        "指导意见",
        "移送单位",
        "整改通知",
    ];
    let rows = crate::store::inspections::between(conn, year.from, year.to)?
        .into_iter()
        .map(|i| {
            vec![
                i.id,
                crate::written::fmt_datetime(i.at),
                i.subject,
                i.matter.unwrap_or_default(),
                i.officers.join("、"),
                i.source.label().to_string(),
                i.draw,
                i.campaign,
                i.checked,
                i.finding.label().to_string(),
                i.problem,
                i.guidance,
                i.refer_to,
                i.notice,
            ]
        })
        .collect();
    Ok(plain("现场检查", &headers, rows))
}

/// The year's decisions to publish (公示) and when each was published.
pub fn publicity(env: &Env, year: &Period) -> Result<Sheet> {
    let items = crate::store::publicity::items(
        env.conn,
        env.calendar,
        env.settings.publish_workdays,
        (year.from, year.to),
    )?;
    let mut sheet =
        crate::exchange::publicity::due_sheet(env.conn, env.settings.team_name(), &items)?;
    sheet.name = "公示".to_string();
    sheet.title.clear();
    Ok(sheet)
}

pub fn evidence(conn: &Connection, year: &Period) -> Result<Sheet> {
    let headers = [
        "编号",
        "类别",
        "文件",
        "大小",
        "SHA-256",
        "登记时间",
        "登记人",
        "关联",
        "关联编号",
        "说明",
        "归档时核对",
    ];
    let mut rows = Vec::new();
    for (e, state) in crate::store::evidence::check_files(conn)? {
        let day = e.registered_at.date();
        if day < year.from || day > year.to {
            continue;
        }
        rows.push(vec![
            e.id.clone(),
            e.kind.label().to_string(),
            e.path.clone(),
            e.size.to_string(),
            e.sha256.clone(),
            crate::written::fmt_datetime(e.registered_at),
            e.by.clone(),
            e.link_kind.label().to_string(),
            e.link.clone(),
            e.note.clone(),
            state.label().to_string(),
        ]);
    }
    Ok(plain("证据登记", &headers, rows))
}

pub fn reviews(env: &Env, year: &Period) -> Result<Sheet> {
    let headers = ["类别", "编号", "状态", "得分", "结论", "检查项数", "扣分项"];
    let reviews = crate::store::review::between(env.conn, (year.from, year.to), env.now)?;
    let rows = reviews
        .iter()
        .map(|r| {
            let faults: Vec<String> = r
                .faults
                .iter()
                .map(|f| format!("{}（扣{}分）：{}", f.point, f.lost, f.detail))
                .collect();
            vec![
                r.kind.clone(),
                r.key.clone(),
                if r.finished { "已办结" } else { "办理中" }.to_string(),
                r.score.to_string(),
                if r.passed { "合格" } else { "不合格" }.to_string(),
                r.checked.to_string(),
                faults.join("；"),
            ]
        })
        .collect();
    Ok(plain("案卷自查", &headers, rows))
}

fn plain(name: &str, headers: &[&str], rows: Vec<Vec<String>>) -> Sheet {
    Sheet {
        name: name.to_string(),
        title: Vec::new(),
        columns: headers.iter().map(|h| (h.to_string(), ty_of(h))).collect(),
        rows,
        heat: None,
    }
}

/// Counts as numbers and times as times, so a clerk can sort and sum them; the rest text.
fn ty_of(header: &str) -> Ty {
    match header {
        "大小" | "得分" | "检查项数" => Ty::Number,
        "检查时间" | "登记时间" => Ty::DateTime,
        _ => Ty::Text,
    }
}
