//! CSV schema of the leave ledger: who is away from which day to which, and why.

use super::super::cells::{Cells, Col, col, extra};
use super::super::kind::{Env, ExportQuery, Kind, must_exist};
use crate::domain::Leave;
use crate::error::Result;
use crate::store::leaves;

impl Kind for Leave {
    const NAME: &'static str = "leaves";
    const SHEET: &'static str = "请假登记";
    const COLS: &'static [Col] = &[
        col("工号", &["officer", "id"]).code(),
        col("开始日期", &["from", "start"]).date(),
        col("结束日期", &["to", "end"]).date(),
        col("事由", &["reason"]),
        extra("作废原因", &["void_reason"]),
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.officer.clone(),
            self.from.to_string(),
            self.to.to_string(),
            self.reason.clone(),
            String::new(),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        let officer = c.key("工号");
        let (from, to) = (c.date("开始日期"), c.date("结束日期"));
        let l = Leave {
            officer,
            from: from?,
            to: to?,
            reason: c.text("事由"),
        };
        for (column, why) in l.problems() {
            c.fail(column, why);
        }
        Some(l)
    }

    fn check(&mut self, c: &mut Cells, env: &Env, _: Option<&Self>) -> Result<()> {
        must_exist(c, env, "officers", "人员", "工号", &self.officer)
    }

    fn export(env: &Env, q: &ExportQuery) -> Result<Vec<Vec<String>>> {
        Ok(leaves::all(env.conn)?
            .into_iter()
            .filter(|l| q.from.is_none_or(|f| l.to >= f) && q.to.is_none_or(|t| l.from <= t))
            .map(|l| l.cells())
            .collect())
    }
}
