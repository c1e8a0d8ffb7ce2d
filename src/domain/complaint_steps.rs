//! A lead's state machine: each step (核查, 分派, 处置, 反馈, 结案, 移送, 作废) with what it must satisfy.

use chrono::NaiveDateTime;

use super::complaint::{Complaint, ComplaintState};
use super::{Refusal, refuse};

impl Complaint {
    fn not_before_receipt(&self, at: NaiveDateTime, what: &str) -> Result<(), Refusal> {
        if at < self.received_at {
            return refuse(format!("{what}时间 {at} 早于受理时间 {}", self.received_at));
        }
        Ok(())
    }

    fn step_to(&mut self, to: ComplaintState) -> Result<(), Refusal> {
        if !self.state.next().contains(&to) {
            let allowed: Vec<&str> = self.state.next().iter().map(|s| s.label()).collect();
            let allowed = if allowed.is_empty() {
                "无".to_string()
            } else {
                allowed.join("、")
            };
            return refuse(format!(
                "投诉 {} 当前为「{}」，不能转为「{}」（可转为：{allowed}）",
                self.id, self.state, to
            ));
        }
        self.state = to;
        Ok(())
    }

    /// 核查: verification done (simple) or started (complex) at `at`.
    pub fn verify(&mut self, at: NaiveDateTime) -> Result<(), Refusal> {
        self.not_before_receipt(at, "核查")?;
        self.step_to(ComplaintState::Verifying)?;
        self.verified_at = Some(at);
        Ok(())
    }

    /// 分派: the squad and officers that handle the lead, while it is open.
    pub fn dispatch(&mut self, squad: &str, handlers: &[String]) -> Result<(), Refusal> {
        if !self.state.is_open() {
            return refuse(format!("投诉 {} 已{}，不能再分派", self.id, self.state));
        }
        if squad.trim().is_empty() || handlers.is_empty() {
            return refuse("分派须写明承办中队和承办人员");
        }
        self.work.squad = squad.trim().to_string();
        self.work.handlers = handlers.to_vec();
        Ok(())
    }

    /// 处置: only a matter on the township's list may be handled; others are transferred.
    pub fn handle(&mut self, result: &str, matter_on_list: bool) -> Result<(), Refusal> {
        if self.state == ComplaintState::Verifying && !matter_on_list {
            return refuse("该事项不在本乡镇执法事项清单内，不能处置，应移送主管部门");
        }
        if result.trim().is_empty() {
            return refuse("处置须写明处置结果");
        }
        self.step_to(ComplaintState::Handling)?;
        self.result = result.trim().to_string();
        Ok(())
    }

    /// 反馈: the reporter is told the outcome.
    pub fn feed_back(&mut self, at: NaiveDateTime, result: &str) -> Result<(), Refusal> {
        self.not_before_receipt(at, "反馈")?;
        if self.verified_at.is_some_and(|v| at < v) {
            return refuse("反馈时间早于核查时间");
        }
        if self.result.is_empty() && result.trim().is_empty() {
            return refuse("反馈前须写明处置结果");
        }
        self.step_to(ComplaintState::FedBack)?;
        if !result.trim().is_empty() {
            self.result = result.trim().to_string();
        }
        self.fed_back_at = Some(at);
        Ok(())
    }

    /// 结案: the loop ends after feedback.
    pub fn close(&mut self, at: NaiveDateTime) -> Result<(), Refusal> {
        if self.fed_back_at.is_some_and(|f| at < f) {
            return refuse("结案时间早于反馈时间");
        }
        self.step_to(ComplaintState::Closed)?;
        self.closed_at = Some(at);
        Ok(())
    }

    /// 移送: hand the lead to the competent department.
    pub fn transfer(&mut self, at: NaiveDateTime, to_department: &str) -> Result<(), Refusal> {
        self.not_before_receipt(at, "移送")?;
        if to_department.trim().is_empty() {
            return refuse("移送须写明接收部门");
        }
        self.step_to(ComplaintState::Transferred)?;
        self.result = format!("移送{}", to_department.trim());
        self.work.transfer_to = to_department.trim().to_string();
        self.closed_at = Some(at);
        Ok(())
    }

    /// 作废: a mistaken record is voided with a reason, never deleted.
    pub fn void(&mut self, reason: &str) -> Result<(), Refusal> {
        if reason.trim().is_empty() {
            return refuse("作废须写明原因");
        }
        self.step_to(ComplaintState::Voided)?;
        self.void_reason = reason.trim().to_string();
        Ok(())
    }

    /// Whether the fields agree with the state; returns (column, reason) pairs.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        use ComplaintState::*;
        let mut out = Vec::new();
        let s = self.state;
        let need = |cond: bool, col: &'static str, out: &mut Vec<_>| {
            if cond {
                out.push((col, format!("状态为「{s}」时必须填写{col}")));
            }
        };
        need(
            matches!(s, Verifying | Handling | FedBack | Closed) && self.verified_at.is_none(),
            "核查时间",
            &mut out,
        );
        need(
            matches!(s, Handling | FedBack | Closed | Transferred) && self.result.is_empty(),
            "处置结果",
            &mut out,
        );
        need(
            matches!(s, FedBack | Closed) && self.fed_back_at.is_none(),
            "反馈时间",
            &mut out,
        );
        need(
            matches!(s, Closed | Transferred) && self.closed_at.is_none(),
            "办结时间",
            &mut out,
        );
        need(
            s == Voided && self.void_reason.is_empty(),
            "作废原因",
            &mut out,
        );
        for (col, t) in [
            ("核查时间", self.verified_at),
            ("反馈时间", self.fed_back_at),
            ("办结时间", self.closed_at),
        ] {
            if t.is_some_and(|t| t < self.received_at) {
                out.push((col, "早于受理时间".into()));
            }
        }
        if let (Some(v), Some(f)) = (self.verified_at, self.fed_back_at)
            && f < v
        {
            out.push(("反馈时间", "早于核查时间".into()));
        }
        if let (Some(f), Some(c)) = (self.fed_back_at, self.closed_at)
            && c < f
        {
            out.push(("办结时间", "早于反馈时间".into()));
        }
        out
    }
}
