//! CSV schemas of the roster and the patrol log.

use super::super::cells::{Cells, Col, col};
use super::super::kind::{
    Env, ExportQuery, Kind, collect, must_exist, not_future, not_later, yes_no,
};
use crate::domain::{Patrol, RosterTeam};
use crate::error::Result;
use crate::store::roster;
use crate::written::fmt_time;

/// Every listed officer and area must exist; an empty list is refused.
fn check_members(c: &mut Cells, env: &Env, officers: &[String], areas: &[String]) -> Result<()> {
    if officers.is_empty() {
        c.fail("人员", "至少要有一名人员");
    }
    if areas.is_empty() {
        c.fail("区域", "至少要有一个区域");
    }
    for id in officers {
        must_exist(c, env, "officers", "人员", "人员", id)?;
    }
    for id in areas {
        must_exist(c, env, "areas", "区域", "区域", id)?;
    }
    Ok(())
}

impl Kind for RosterTeam {
    const NAME: &'static str = "roster";
    const SHEET: &'static str = "巡查排班表";
    const COLS: &'static [Col] = &[
        col("日期", &["date"]).date(),
        col("巡查组", &["team"]),
        col("人员", &["officers"]).code(),
        col("区域", &["areas"]).code(),
        col("班次", &["shift"]),
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.date.to_string(),
            self.team.clone(),
            self.officers.join("、"),
            self.areas.join("、"),
            self.shift.clone(),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        let date = c.date("日期");
        Some(RosterTeam {
            team: c.key("巡查组"),
            date: date?,
            officers: c.list("人员"),
            areas: c.list("区域"),
            shift: c.text("班次"),
        })
    }

    fn check(&mut self, c: &mut Cells, env: &Env, _: Option<&Self>) -> Result<()> {
        check_members(c, env, &self.officers, &self.areas)
    }

    fn export(env: &Env, q: &ExportQuery) -> Result<Vec<Vec<String>>> {
        Ok(roster::teams_between(env.conn, q.from, q.to)?
            .iter()
            .map(Kind::cells)
            .collect())
    }
}

impl Kind for Patrol {
    const NAME: &'static str = "patrols";
    const SHEET: &'static str = "巡查记录";
    const COLS: &'static [Col] = &[
        col("记录编号", &["id", "patrol_id"]).code(),
        col("日期", &["date"]).date(),
        col("开始时间", &["start"]).time(),
        col("结束时间", &["end"]).time(),
        col("巡查组", &["team"]),
        col("人员", &["officers"]).code(),
        col("区域", &["areas"]).code(),
        col("巡查情况", &["notes"]),
        col("发现问题", &["found_problem"]).yes_no(),
    ];

    fn cells(&self) -> Vec<String> {
        let p = self;
        vec![
            p.id.clone(),
            p.date.to_string(),
            fmt_time(p.start),
            fmt_time(p.end),
            p.team.clone(),
            p.officers.join("、"),
            p.areas.join("、"),
            p.notes.clone(),
            yes_no(p.found_problem),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        let id = c.key("记录编号");
        let (date, start, end) = (c.date("日期"), c.time("开始时间"), c.time("结束时间"));
        let team = c.required("巡查组");
        let found_problem = c.yes_no("发现问题");
        let p = Patrol {
            id,
            date: date?,
            start: start?,
            end: end?,
            team,
            officers: c.list("人员"),
            areas: c.list("区域"),
            notes: c.text("巡查情况"),
            found_problem: found_problem?,
        };
        if p.end < p.start {
            c.fail("结束时间", format!("早于开始时间 {}", fmt_time(p.start)));
        }
        Some(p)
    }

    fn check(&mut self, c: &mut Cells, env: &Env, _: Option<&Self>) -> Result<()> {
        not_future(c, env, "日期", Some(self.date));
        not_later(c, env, "结束时间", Some(self.date.and_time(self.end)));
        check_members(c, env, &self.officers, &self.areas)
    }

    fn export(env: &Env, q: &ExportQuery) -> Result<Vec<Vec<String>>> {
        collect::<Self>(env, q)
    }

    fn export_each(
        env: &Env,
        q: &ExportQuery,
        out: &mut dyn FnMut(Vec<String>) -> Result<()>,
    ) -> Result<()> {
        roster::each_patrol_between(env.conn, q.from, q.to, &mut |p| out(p.cells()))
    }
}
