//! CSV schemas of the 检查对象名录 and the 首违不罚 list.

use super::super::cells::{Cells, Col, col, extra};
use super::super::kind::{Env, ExportQuery, Kind, must_exist};
use crate::domain::{LenientMatter, Risk, Subject, SubjectKind};
use crate::error::Result;
use crate::store::subjects;

impl Kind for Subject {
    const NAME: &'static str = "subjects";
    const SHEET: &'static str = "检查对象名录";
    const COLS: &'static [Col] = &[
        col("对象编号", &["id", "subject_id"]).code(),
        col("名称", &["name", "对象名称", "单位名称"]),
        col("类型", &["kind"]),
        col(
            "统一社会信用代码或身份证号",
            &["code", "统一社会信用代码", "身份证号"],
        )
        .code(),
        extra("地址", &["address", "经营地址"]),
        col("区域编号", &["area"]).code(),
        col("适用事项", &["matters", "事项编号"]).code(),
        col("风险等级", &["risk"]),
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            self.kind.label().into(),
            self.code.clone(),
            self.address.clone(),
            self.area.clone().unwrap_or_default(),
            self.matters.join("、"),
            self.risk.label().into(),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        let (id, name) = (c.key("对象编号"), c.required("名称"));
        let kind = c.choice("类型", SubjectKind::parse, &SubjectKind::choices());
        let risk = c.choice("风险等级", Risk::parse, &Risk::choices());
        let s = Subject {
            id,
            name,
            kind: kind?,
            code: c.text("统一社会信用代码或身份证号"),
            address: c.text("地址"),
            area: c.opt("区域编号"),
            matters: c.list("适用事项"),
            risk: risk?,
        };
        for (_, why) in s.problems() {
            c.fail("统一社会信用代码或身份证号", why);
        }
        Some(s)
    }

    fn check(&mut self, c: &mut Cells, env: &Env, _: Option<&Self>) -> Result<()> {
        if let Some(a) = &self.area {
            must_exist(c, env, "areas", "区域", "区域编号", a)?;
        }
        for m in &self.matters {
            must_exist(c, env, "matters", "执法事项", "适用事项", m)?;
        }
        Ok(())
    }

    fn export(env: &Env, _: &ExportQuery) -> Result<Vec<Vec<String>>> {
        Ok(subjects::all(env.conn)?.iter().map(Kind::cells).collect())
    }
}

impl Kind for LenientMatter {
    const NAME: &'static str = "lenient";
    const SHEET: &'static str = "首违不罚清单";
    const COLS: &'static [Col] = &[
        col("事项编号", &["matter"]).code(),
        col("适用情形", &["situation", "情形"]),
        col("期限（月）", &["months", "期限", "期限(月)"]).number(),
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.matter.clone(),
            self.situation.clone(),
            self.months.to_string(),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        let matter = c.key("事项编号");
        let situation = c.required("适用情形");
        let text = c.text("期限（月）");
        let months = if text.is_empty() {
            Some(12)
        } else {
            let parsed = text.parse::<u32>().ok().filter(|m| (1..=120).contains(m));
            if parsed.is_none() {
                c.fail("期限（月）", "应为 1 到 120 的整数（月数）；不填为 12 个月");
            }
            parsed
        };
        Some(LenientMatter {
            matter,
            situation,
            months: months?,
        })
    }

    fn check(&mut self, c: &mut Cells, env: &Env, _: Option<&Self>) -> Result<()> {
        must_exist(c, env, "matters", "执法事项", "事项编号", &self.matter)
    }

    fn export(env: &Env, _: &ExportQuery) -> Result<Vec<Vec<String>>> {
        Ok(subjects::lenient(env.conn)?
            .iter()
            .map(Kind::cells)
            .collect())
    }
}
