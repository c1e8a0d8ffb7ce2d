//! CSV schemas of the year's 检查计划 and of the 专项 campaigns.

use super::super::cells::{Cells, Col, col, extra};
use super::super::kind::{Env, ExportQuery, Kind, must_exist};
use crate::domain::plan::{Campaign, Method, PlanItem};
use crate::error::Result;
use crate::store::plan;

/// "3、6、9、12", "3月、6月", "全年" or "每月": the months of a plan item.
fn months(text: &str) -> Option<Vec<u32>> {
    match text.trim() {
        "全年" | "每月" => return Some((1..=12).collect()),
        "" => return None,
        _ => {}
    }
    let mut out: Vec<u32> = crate::written::list(text)
        .iter()
        .map(|m| m.trim_end_matches('月').parse().ok())
        .collect::<Option<_>>()?;
    out.sort();
    out.dedup();
    Some(out)
}

impl Kind for PlanItem {
    const NAME: &'static str = "plan";
    const SHEET: &'static str = "检查计划";
    const COLS: &'static [Col] = &[
        col("计划编号", &["id", "plan_id"]).code(),
        col("年度", &["year"]).number(),
        col("事项编号", &["matter"]).code(),
        col("检查方式", &["method", "抽查方式"]),
        col("月份", &["months", "检查月份"]).code(),
        extra("每月次数", &["per_month", "次数"]).number(),
        extra("责任中队", &["squad", "中队"]),
        extra("备注", &["note", "remark"]),
    ];

    fn cells(&self) -> Vec<String> {
        let months: Vec<String> = self.months.iter().map(u32::to_string).collect();
        vec![
            self.id.clone(),
            self.year.to_string(),
            self.matter.clone(),
            self.method.label().into(),
            months.join("、"),
            self.per_month.to_string(),
            self.squad.clone(),
            self.note.clone(),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        let id = c.key("计划编号");
        let year = c.required("年度").parse::<i32>().ok();
        if year.is_none_or(|y| !(2000..=2100).contains(&y)) {
            c.fail("年度", "应为四位年份，如 2026");
        }
        let matter = c.key("事项编号");
        let method = c.choice("检查方式", Method::parse, &Method::choices());
        let months = months(&c.text("月份"));
        if months.is_none() {
            c.fail("月份", "应写月份，如 3、6、9、12，或 全年");
        }
        let per_month = c.text("每月次数");
        let per_month = if per_month.is_empty() {
            Some(1)
        } else {
            per_month.parse::<u32>().ok()
        };
        if per_month.is_none() {
            c.fail("每月次数", "应为整数，不填为 1");
        }
        let p = PlanItem {
            id,
            year: year?,
            matter,
            method: method?,
            months: months?,
            per_month: per_month?,
            squad: c.text("责任中队"),
            note: c.text("备注"),
        };
        for (column, why) in p.problems() {
            c.fail(column, why);
        }
        Some(p)
    }

    fn check(&mut self, c: &mut Cells, env: &Env, _: Option<&Self>) -> Result<()> {
        must_exist(c, env, "matters", "执法事项", "事项编号", &self.matter)
    }

    fn export(env: &Env, _: &ExportQuery) -> Result<Vec<Vec<String>>> {
        Ok(plan::items(env.conn, None)?
            .iter()
            .map(Kind::cells)
            .collect())
    }
}

impl Kind for Campaign {
    const NAME: &'static str = "campaigns";
    const SHEET: &'static str = "专项行动";
    const COLS: &'static [Col] = &[
        col("专项编号", &["id"]).code(),
        col("专项名称", &["name", "名称"]),
        extra("依据文号", &["basis", "依据"]),
        col("开始日期", &["from", "start"]).date(),
        col("结束日期", &["to", "end"]).date(),
        col("事项编号", &["matters", "适用事项"]).code(),
        extra("区域编号", &["areas", "区域"]).code(),
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            self.basis.clone(),
            self.from.to_string(),
            self.to.to_string(),
            self.matters.join("、"),
            self.areas.join("、"),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        let (id, name) = (c.key("专项编号"), c.required("专项名称"));
        let (from, to) = (c.date("开始日期"), c.date("结束日期"));
        let k = Campaign {
            id,
            name,
            basis: c.text("依据文号"),
            from: from?,
            to: to?,
            matters: c.list("事项编号"),
            areas: c.list("区域编号"),
        };
        for (column, why) in k.problems() {
            c.fail(column, why);
        }
        Some(k)
    }

    fn check(&mut self, c: &mut Cells, env: &Env, _: Option<&Self>) -> Result<()> {
        for m in &self.matters {
            must_exist(c, env, "matters", "执法事项", "事项编号", m)?;
        }
        for a in &self.areas {
            must_exist(c, env, "areas", "区域", "区域编号", a)?;
        }
        Ok(())
    }

    fn export(env: &Env, _: &ExportQuery) -> Result<Vec<Vec<String>>> {
        Ok(plan::campaigns(env.conn)?.iter().map(Kind::cells).collect())
    }
}
