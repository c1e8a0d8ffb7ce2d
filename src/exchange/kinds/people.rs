//! CSV schemas of the reference lists: officers, areas, matters, and the holiday calendar.

use super::super::cells::{Cells, Col, col};
use super::super::kind::{Env, ExportQuery, Kind, opt_date};
use crate::calendar::{Holiday, Mark};
use crate::domain::personal::is_masked;
use crate::domain::{Area, AreaKind, Matter, Officer, OfficerStatus, PatrolInterval, Role};
use crate::error::Result;
use crate::store::{holidays, people};

impl Kind for Officer {
    const NAME: &'static str = "officers";
    const SHEET: &'static str = "人员名册";
    const COLS: &'static [Col] = &[
        col("工号", &["id", "officer_id"]).code(),
        col("姓名", &["name"]),
        col("中队", &["squad"]),
        col("角色", &["role"]),
        col("执法证号", &["cert_no"]).code(),
        col("证件有效期至", &["cert_expiry"]).date(),
        col("联系电话", &["phone"]).phone(),
        col("状态", &["status"]),
    ];

    fn cells(&self) -> Vec<String> {
        let o = self;
        vec![
            o.id.clone(),
            o.name.clone(),
            o.squad.clone(),
            o.role.label().into(),
            o.cert_no.clone().unwrap_or_default(),
            opt_date(o.cert_expiry),
            o.phone.clone(),
            o.status.label().into(),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        let (id, name) = (c.key("工号"), c.required("姓名"));
        let role = c.choice("角色", Role::parse, &Role::choices());
        let cert_expiry = c.opt_date("证件有效期至");
        let status = c.choice("状态", OfficerStatus::parse, &OfficerStatus::choices());
        let o = Officer {
            id,
            name,
            squad: c.text("中队"),
            role: role?,
            cert_no: c.opt("执法证号"),
            cert_expiry,
            phone: c.text("联系电话"),
            status: status?,
        };
        for (column, why) in o.problems() {
            c.fail(column, why);
        }
        Some(o)
    }

    fn check(&mut self, _: &mut Cells, _: &Env, stored: Option<&Self>) -> Result<()> {
        // A phone typed masked (139****1234) never overwrites the whole one.
        if let Some(old) = stored
            && is_masked(&self.phone)
        {
            self.phone = old.phone.clone();
        }
        Ok(())
    }

    fn export(env: &Env, _: &ExportQuery) -> Result<Vec<Vec<String>>> {
        Ok(people::officers(env.conn)?
            .iter()
            .map(Kind::cells)
            .collect())
    }
}

impl Kind for Area {
    const NAME: &'static str = "areas";
    const SHEET: &'static str = "巡查区域";
    const COLS: &'static [Col] = &[
        col("区域编号", &["id", "area_id"]).code(),
        col("区域名称", &["name"]),
        col("类型", &["kind", "type"]),
        col("巡查频次", &["interval"]),
        col("所属村", &["village"]),
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            self.kind.label().into(),
            self.interval.label(),
            self.village.clone(),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        let id = c.key("区域编号");
        let name = c.required("区域名称");
        let kind = c.choice("类型", AreaKind::parse, &AreaKind::choices())?;
        let text = c.text("巡查频次");
        let interval = if text.is_empty() {
            kind.default_interval()
        } else {
            let parsed = PatrolInterval::parse(&text);
            if parsed.is_none() {
                c.fail("巡查频次", "应为 每日、每周 或 每N日（如 每3日）");
            }
            parsed?
        };
        Some(Area {
            id,
            name,
            kind,
            interval,
            village: c.text("所属村"),
        })
    }

    fn check(&mut self, _: &mut Cells, _: &Env, _: Option<&Self>) -> Result<()> {
        Ok(())
    }

    fn export(env: &Env, _: &ExportQuery) -> Result<Vec<Vec<String>>> {
        Ok(people::areas(env.conn)?.iter().map(Kind::cells).collect())
    }
}

impl Kind for Matter {
    const NAME: &'static str = "matters";
    const SHEET: &'static str = "执法事项";
    const COLS: &'static [Col] = &[
        col("事项编号", &["id", "matter_id"]).code(),
        col("事项名称", &["name"]),
        col("所属领域", &["field"]),
        col("法律依据", &["legal_basis"]),
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            self.field.clone(),
            self.legal_basis.clone(),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        Some(Matter {
            id: c.key("事项编号"),
            name: c.required("事项名称"),
            field: c.text("所属领域"),
            legal_basis: c.text("法律依据"),
        })
    }

    fn check(&mut self, _: &mut Cells, _: &Env, _: Option<&Self>) -> Result<()> {
        Ok(())
    }

    fn export(env: &Env, _: &ExportQuery) -> Result<Vec<Vec<String>>> {
        Ok(people::matters(env.conn)?.iter().map(Kind::cells).collect())
    }
}

impl Kind for Holiday {
    const NAME: &'static str = "holidays";
    const SHEET: &'static str = "节假日安排";
    const COLS: &'static [Col] = &[
        col("日期", &["date"]).date(),
        col("类型", &["kind"]),
        col("名称", &["name"]),
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.date.to_string(),
            self.mark.label().into(),
            self.name.clone(),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        let date = c.date("日期");
        let mark = c.choice("类型", Mark::parse, "休 / 班");
        Some(Holiday {
            date: date?,
            mark: mark?,
            name: c.text("名称"),
        })
    }

    fn check(&mut self, _: &mut Cells, _: &Env, _: Option<&Self>) -> Result<()> {
        Ok(())
    }

    /// The whole calendar in force: built-in dates and imported ones.
    fn export(env: &Env, q: &ExportQuery) -> Result<Vec<Vec<String>>> {
        let cal = holidays::calendar(env.conn)?;
        Ok(cal
            .holidays()
            .filter(|h| q.from.is_none_or(|f| h.date >= f) && q.to.is_none_or(|t| h.date <= t))
            .map(Kind::cells)
            .collect())
    }
}
