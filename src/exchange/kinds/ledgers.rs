//! CSV schemas of the complaint and notice ledgers, with their computed deadline columns.

use super::super::cells::{Cells, Col, col, computed, extra};
use super::super::kind::{
    Env, ExportQuery, Kind, collect, must_exist, not_future, not_later, opt_date, opt_datetime,
};
use super::super::value::Ty;
use super::ledger_rows::{complaint_row, notice_row};
use crate::domain::{Channel, Complaint, ComplaintState, Complexity, Issuing, Notice, NoticeState};
use crate::error::Result;
use crate::store::{complaints, notices};
use crate::written::fmt_datetime;

/// An import may move a ledger record forward, never back (已结案 does not become 已受理 again).
fn forward_only(c: &mut Cells, ok: bool, from: impl std::fmt::Display, to: impl std::fmt::Display) {
    if !ok {
        c.fail("状态", format!("已登记为「{from}」，不能改回「{to}」"));
    }
}

fn report(c: &mut Cells, problems: Vec<(&'static str, String)>) {
    for (column, why) in problems {
        c.fail(column, why);
    }
}

fn place_and_matter_exist(
    c: &mut Cells,
    env: &Env,
    area: Option<&str>,
    matter: Option<&str>,
) -> Result<()> {
    if let Some(area) = area {
        must_exist(c, env, "areas", "区域", "所属区域", area)?;
    }
    if let Some(matter) = matter {
        must_exist(c, env, "matters", "执法事项", "事项编号", matter)?;
    }
    Ok(())
}

/// A complaint's cells in `COLS` order, its texts moved rather than copied: an export of a
/// million complaints makes each row once.
pub(super) fn complaint_cells(c: Complaint) -> Vec<String> {
    vec![
        c.id,
        fmt_datetime(c.received_at),
        c.channel.label().into(),
        c.reporter,
        c.phone,
        c.area.unwrap_or_default(),
        c.matter.unwrap_or_default(),
        c.description,
        c.complexity.label().into(),
        c.state.label().into(),
        opt_datetime(c.verified_at),
        c.result,
        opt_datetime(c.fed_back_at),
        opt_datetime(c.closed_at),
        c.void_reason,
        c.work.squad,
        c.work.handlers.join("、"),
        c.work.verified_by.join("、"),
        c.work.finding,
        opt_datetime(c.work.handled_at),
        c.work.feedback_method,
        c.work.transfer_to,
    ]
}

impl Kind for Complaint {
    const NAME: &'static str = "complaints";
    const SHEET: &'static str = "投诉台账";
    const COLS: &'static [Col] = &[
        col("编号", &["id", "complaint_id"]).code(),
        col("受理时间", &["received_at"]).datetime(),
        col("来源渠道", &["channel"]),
        col("举报人", &["reporter"]),
        col("联系电话", &["phone"]).phone(),
        col("所属区域", &["area"]).code(),
        col("事项编号", &["matter"]).code(),
        col("问题描述", &["description"]),
        col("复杂程度", &["complexity"]),
        col("状态", &["state"]),
        col("核查时间", &["verified_at"]).datetime(),
        col("处置结果", &["result"]),
        col("反馈时间", &["fed_back_at"]).datetime(),
        col("办结时间", &["closed_at"]).datetime(),
        extra("作废原因", &["void_reason"]),
        extra("承办中队", &["squad"]),
        extra("承办人员", &["handlers"]).code(),
        extra("核查人员", &["verified_by"]).code(),
        extra("核查情况", &["finding"]),
        extra("处置时间", &["handled_at"]).datetime(),
        extra("反馈方式", &["feedback_method"]),
        extra("移送部门", &["transfer_to"]),
    ];
    const COMPUTED: &'static [Col] = &[
        computed("核查期限", Ty::DateTime),
        computed("反馈期限", Ty::DateTime),
        computed("是否超期", Ty::Text),
        computed("期限说明", Ty::Text),
        computed("中止记录", Ty::Text),
        computed("超时申诉", Ty::Text),
    ];

    fn cells(&self) -> Vec<String> {
        complaint_cells(self.clone())
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        // Every cell is read before any early return, so a row reports all its problems.
        let id = c.key("编号");
        let received_at = c.datetime("受理时间");
        let channel = c.choice("来源渠道", Channel::parse, &Channel::choices());
        let complexity = c.choice("复杂程度", Complexity::parse, &Complexity::choices());
        let state = c.choice("状态", ComplaintState::parse, &ComplaintState::choices());
        let verified_at = c.opt_datetime("核查时间");
        let fed_back_at = c.opt_datetime("反馈时间");
        let closed_at = c.opt_datetime("办结时间");
        let work = crate::domain::Work {
            squad: c.text("承办中队"),
            handlers: c.list("承办人员"),
            verified_by: c.list("核查人员"),
            finding: c.text("核查情况"),
            handled_at: c.opt_datetime("处置时间"),
            feedback_method: c.text("反馈方式"),
            transfer_to: c.text("移送部门"),
            // Extensions, stops and appeals are decided on the desk or the command line; a
            // ledger file keeps what is stored.
            ..Default::default()
        };
        for (column, why) in work.problems() {
            c.fail(column, why);
        }
        Some(Complaint {
            id,
            received_at: received_at?,
            channel: channel?,
            reporter: c.text("举报人"),
            phone: c.text("联系电话"),
            area: c.opt("所属区域"),
            matter: c.opt("事项编号"),
            description: c.text("问题描述"),
            complexity: complexity?,
            state: state?,
            verified_at,
            result: c.text("处置结果"),
            fed_back_at,
            closed_at,
            void_reason: c.text("作废原因"),
            work,
        })
    }

    fn check(&mut self, c: &mut Cells, env: &Env, stored: Option<&Self>) -> Result<()> {
        if let Some(old) = stored {
            // A masked export never overwrites what is stored; an empty reason never erases one.
            self.keep_personal_from(old);
            if self.void_reason.is_empty() {
                self.void_reason = old.void_reason.clone();
            }
            self.work.keep_from(&old.work);
            forward_only(c, old.state.can_reach(self.state), old.state, self.state);
        }
        report(c, self.problems());
        for (column, ids) in [
            ("承办人员", self.work.handlers.clone()),
            ("核查人员", self.work.verified_by.clone()),
        ] {
            for id in ids {
                must_exist(c, env, "officers", "人员", column, &id)?;
            }
        }
        not_later(c, env, "处置时间", self.work.handled_at);
        not_later(c, env, "受理时间", Some(self.received_at));
        for (column, t) in [
            ("核查时间", self.verified_at),
            ("反馈时间", self.fed_back_at),
            ("办结时间", self.closed_at),
        ] {
            not_later(c, env, column, t);
        }
        place_and_matter_exist(c, env, self.area.as_deref(), self.matter.as_deref())?;
        Ok(())
    }

    fn export(env: &Env, q: &ExportQuery) -> Result<Vec<Vec<String>>> {
        collect::<Self>(env, q)
    }

    fn export_each(
        env: &Env,
        q: &ExportQuery,
        out: &mut dyn FnMut(Vec<String>) -> Result<()>,
    ) -> Result<()> {
        complaints::each_received_between(env.conn, q.from, q.to, &mut |t| {
            out(complaint_row(env, t, q.include_personal))
        })
    }
}

impl Kind for Notice {
    const NAME: &'static str = "notices";
    const SHEET: &'static str = "整改通知台账";
    const COLS: &'static [Col] = &[
        col("文书编号", &["id", "notice_id"]).code(),
        col("当事人", &["party"]),
        col("地址", &["address"]),
        col("所属区域", &["area"]).code(),
        col("事项编号", &["matter"]).code(),
        col("存在问题", &["problem"]),
        col("法律依据", &["legal_basis"]),
        col("下达日期", &["issued_on"]).date(),
        col("整改期限", &["deadline"]).date(),
        col("状态", &["state"]),
        col("复查日期", &["reinspected_on"]).date(),
        col("复查结果", &["reinspect_result"]),
        col("关联投诉编号", &["complaint"]).code(),
        extra("延期原因", &["extension_reason"]),
        extra("作废原因", &["void_reason"]),
        extra("执法人员", &["officers"]).code(),
        extra("整改要求", &["requirement"]),
        extra("送达日期", &["served_on"]).date(),
        extra("送达方式", &["service_method"]),
        extra("送达人", &["servers"]).code(),
        extra("见证人", &["witness"]),
        extra("立案编号", &["case_no"]),
    ];
    const COMPUTED: &'static [Col] = &[
        computed("执法证号", Ty::Code),
        computed("复查期限", Ty::Date),
        computed("是否超期", Ty::Text),
        computed("期限说明", Ty::Text),
    ];

    fn cells(&self) -> Vec<String> {
        let n = self;
        vec![
            n.id.clone(),
            n.party.clone(),
            n.address.clone(),
            n.area.clone().unwrap_or_default(),
            n.matter.clone().unwrap_or_default(),
            n.problem.clone(),
            n.legal_basis.clone(),
            n.issued_on.to_string(),
            n.deadline.to_string(),
            n.state.label().into(),
            opt_date(n.reinspected_on),
            n.reinspect_result.clone(),
            n.complaint.clone().unwrap_or_default(),
            n.extension_reason.clone(),
            n.void_reason.clone(),
            n.issuing.officers.join("、"),
            n.issuing.requirement.clone(),
            opt_date(n.issuing.served_on),
            n.issuing.service_method.clone(),
            n.issuing.servers.join("、"),
            n.issuing.witness.clone(),
            n.issuing.case_no.clone(),
        ]
    }

    fn from_cells(c: &mut Cells) -> Option<Self> {
        let (id, party) = (c.key("文书编号"), c.required("当事人"));
        let (issued_on, deadline) = (c.date("下达日期"), c.date("整改期限"));
        let state = c.choice("状态", NoticeState::parse, &NoticeState::choices());
        let reinspected_on = c.opt_date("复查日期");
        Some(Notice {
            id,
            party,
            address: c.text("地址"),
            area: c.opt("所属区域"),
            matter: c.opt("事项编号"),
            problem: c.text("存在问题"),
            legal_basis: c.text("法律依据"),
            issued_on: issued_on?,
            deadline: deadline?,
            state: state?,
            reinspected_on,
            reinspect_result: c.text("复查结果"),
            complaint: c.opt("关联投诉编号"),
            extension_reason: c.text("延期原因"),
            void_reason: c.text("作废原因"),
            late: false,
            issuing: Issuing {
                officers: c.list("执法人员"),
                certs: Vec::new(),
                requirement: c.text("整改要求"),
                served_on: c.opt_date("送达日期"),
                service_method: c.text("送达方式"),
                servers: c.list("送达人"),
                witness: c.text("见证人"),
                case_no: c.text("立案编号"),
            },
        })
    }

    fn check(&mut self, c: &mut Cells, env: &Env, stored: Option<&Self>) -> Result<()> {
        let due = self
            .reinspect_due(env.calendar, &env.settings.deadlines)
            .date;
        self.late = self.reinspected_on.is_some_and(|d| d > due);
        if let Some(old) = stored {
            self.late |= old.late;
            if self.extension_reason.is_empty() {
                self.extension_reason = old.extension_reason.clone();
            }
            if self.void_reason.is_empty() {
                self.void_reason = old.void_reason.clone();
            }
            forward_only(c, old.state.can_reach(self.state), old.state, self.state);
            self.issuing.keep_from(&old.issuing);
            if self.legal_basis.trim().is_empty() {
                self.legal_basis = old.legal_basis.clone();
            }
        }
        crate::store::people::fill_legal_basis(env.conn, self)?;
        report(c, self.problems());
        report(c, self.issuing.problems(self.issued_on));
        // Issuing officers named anew: two certified on the issue date, their numbers kept.
        if !self.issuing.officers.is_empty() && self.issuing.certs.is_empty() {
            for id in self.issuing.officers.clone() {
                must_exist(c, env, "officers", "人员", "执法人员", &id)?;
            }
            match crate::store::people::certified(env.conn, &self.issuing.officers, self.issued_on)?
            {
                Ok(certs) => self.issuing.certs = certs,
                Err(why) => c.fail(
                    "执法人员",
                    format!("下达整改通知{why}（{}）", self.issued_on),
                ),
            }
        }
        for id in &self.issuing.servers {
            must_exist(c, env, "officers", "人员", "送达人", id)?;
        }
        if !self.issuing.case_no.is_empty()
            && let Some(other) =
                crate::store::notices::with_case_no(env.conn, &self.issuing.case_no)?
            && other != self.id
        {
            c.fail(
                "立案编号",
                format!("已用于整改通知 {other}；一个案件只对应一份整改通知"),
            );
        }
        not_future(c, env, "下达日期", Some(self.issued_on));
        not_future(c, env, "送达日期", self.issuing.served_on);
        not_future(c, env, "复查日期", self.reinspected_on);
        place_and_matter_exist(c, env, self.area.as_deref(), self.matter.as_deref())?;
        if let Some(complaint) = self.complaint.clone() {
            must_exist(c, env, "complaints", "投诉", "关联投诉编号", &complaint)?;
        }
        Ok(())
    }

    fn export(env: &Env, q: &ExportQuery) -> Result<Vec<Vec<String>>> {
        collect::<Self>(env, q)
    }

    fn export_each(
        env: &Env,
        q: &ExportQuery,
        out: &mut dyn FnMut(Vec<String>) -> Result<()>,
    ) -> Result<()> {
        notices::each_issued_between(env.conn, q.from, q.to, &mut |t| out(notice_row(env, t)))
    }
}
