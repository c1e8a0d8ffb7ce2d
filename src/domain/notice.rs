//! Rectification notices: the 检查—整改—复查—销号 loop, extensions, escalation, re-inspections.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::{DeadlineRules, Refusal, refuse};
use crate::calendar::{Calendar, Reckoned};

labelled_enum!(NoticeState {
    Pending => "待整改",
    AwaitingReinspection => "待复查",
    ClosedOut => "已销号",
    Extended => "已延期",
    Escalated => "已立案",
    Voided => "已作废",
});

impl NoticeState {
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Self::Pending | Self::AwaitingReinspection | Self::Extended
        )
    }

    pub fn next(self) -> &'static [NoticeState] {
        use NoticeState::*;
        match self {
            Pending | Extended => &[AwaitingReinspection, ClosedOut, Extended, Escalated, Voided],
            AwaitingReinspection => &[ClosedOut, Extended, Escalated, Voided],
            ClosedOut | Escalated => &[Voided],
            Voided => &[],
        }
    }

    /// Whether `to` is reachable from here in any number of steps (the graph has cycles:
    /// an extended notice can await re-inspection and be extended again).
    pub fn can_reach(self, to: NoticeState) -> bool {
        let mut seen = vec![self];
        let mut i = 0;
        while let Some(&s) = seen.get(i) {
            for &n in s.next() {
                if !seen.contains(&n) {
                    seen.push(n);
                }
            }
            i += 1;
        }
        seen.contains(&to)
    }
}

/// How a notice reached its party (送达方式).
pub const SERVICE_METHODS: [&str; 4] = ["直接送达", "留置送达", "邮寄送达", "电子送达"];

/// Who issued a notice and how it was served: what the paper needs beyond the ledger line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Issuing {
    /// 执法人员 by 工号: at least two holding valid certificates on the issue date.
    pub officers: Vec<String>,
    /// Their 执法证号 as of the issue date, in the same order (a certificate renewed later
    /// does not change the paper already served).
    pub certs: Vec<String>,
    /// 整改要求: how the party is to rectify.
    pub requirement: String,
    /// 送达日期, once served.
    pub served_on: Option<NaiveDate>,
    /// 送达方式: one of `SERVICE_METHODS`, once served.
    pub service_method: String,
    /// 送达人 by 工号: who took the paper to the party.
    pub servers: Vec<String>,
    /// 见证人: who saw a paper left with the party who would not sign (留置送达), by name
    /// and, where it helps, their post ("村委会主任 王某").
    pub witness: String,
    /// 立案编号: the case a notice not complied with was escalated to.
    pub case_no: String,
}

/// 送达 as recorded: when, how, by whom, and who saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub on: NaiveDate,
    pub method: String,
    pub servers: Vec<String>,
    pub witness: String,
}

/// The method that leaves the paper with a party who will not sign: it needs a witness.
pub const LEFT_WITH_PARTY: &str = "留置送达";

impl Issuing {
    /// Takes from `stored` what this one leaves empty (a ledger file without these columns).
    pub fn keep_from(&mut self, stored: &Issuing) {
        if self.officers.is_empty() {
            self.officers = stored.officers.clone();
        }
        if self.officers == stored.officers {
            self.certs = stored.certs.clone();
        }
        if self.requirement.is_empty() {
            self.requirement = stored.requirement.clone();
        }
        if self.served_on.is_none() {
            self.served_on = stored.served_on;
        }
        if self.service_method.is_empty() {
            self.service_method = stored.service_method.clone();
        }
        if self.servers.is_empty() {
            self.servers = stored.servers.clone();
        }
        if self.witness.is_empty() {
            self.witness = stored.witness.clone();
        }
        if self.case_no.is_empty() {
            self.case_no = stored.case_no.clone();
        }
    }

    /// What is wrong with it, by column.
    pub fn problems(&self, issued_on: NaiveDate) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.service_method.is_empty()
            && !SERVICE_METHODS.contains(&self.service_method.as_str())
        {
            out.push(("送达方式", format!("应为 {}", SERVICE_METHODS.join(" / "))));
        }
        if self.served_on.is_some() == self.service_method.is_empty() {
            out.push(("送达方式", "送达日期和送达方式须同时填写".to_string()));
        }
        if self.served_on.is_some_and(|d| d < issued_on) {
            out.push(("送达日期", format!("早于下达日期 {issued_on}")));
        }
        out
    }
}

/// What a re-inspection decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Fixed: 销号.
    CloseOut,
    /// Not yet fixed, more time given: 延期.
    Extend {
        new_deadline: NaiveDate,
        reason: String,
    },
    /// Not fixed: 立案, under case number `case_no`.
    Escalate { case_no: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// 文书编号, e.g. 卧执整〔2026〕第12号.
    pub id: String,
    pub party: String,
    pub address: String,
    pub area: Option<String>,
    pub matter: Option<String>,
    pub problem: String,
    pub legal_basis: String,
    pub issued_on: NaiveDate,
    /// The current rectification deadline (the new one after an extension).
    pub deadline: NaiveDate,
    pub state: NoticeState,
    pub reinspected_on: Option<NaiveDate>,
    pub reinspect_result: String,
    pub complaint: Option<String>,
    pub extension_reason: String,
    pub void_reason: String,
    /// A re-inspection was once done after its due date; stays set (a late step stays late).
    pub late: bool,
    /// Who issued it and how it was served.
    #[serde(flatten)]
    pub issuing: Issuing,
}

impl Notice {
    /// The re-inspection is due within N working days after the deadline, by 23:59.
    pub fn reinspect_due(&self, cal: &Calendar, rules: &DeadlineRules) -> Reckoned {
        cal.add_workdays(self.deadline, rules.reinspect_workdays)
    }

    /// Days an issued notice has gone unserved as of `today`: from the day after it was
    /// issued (serving takes a day at most) until 送达 is recorded.
    pub fn unserved_days(&self, today: NaiveDate) -> Option<i64> {
        let days = (today - self.issued_on).num_days();
        (self.issuing.served_on.is_none() && self.state != NoticeState::Voided && days >= 1)
            .then_some(days)
    }

    /// 是否超期: a re-inspection was late, or the open notice is past its re-inspection due.
    pub fn overdue(&self, due: NaiveDateTime, now: NaiveDateTime) -> bool {
        self.state != NoticeState::Voided && (self.late || (self.state.is_open() && now > due))
    }

    fn step_to(&mut self, to: NoticeState) -> Result<(), Refusal> {
        if !self.state.next().contains(&to) {
            return refuse(format!(
                "整改通知 {} 当前为「{}」，不能转为「{}」",
                self.id, self.state, to
            ));
        }
        self.state = to;
        Ok(())
    }

    /// 送达: the paper reached the party on `on` by `method`. Recorded once; a later change of
    /// the date is a correction.
    pub fn serve(&mut self, s: Service) -> Result<(), Refusal> {
        let Service {
            on,
            method,
            servers,
            witness,
        } = s;
        let method = method.as_str();
        if self.state == NoticeState::Voided {
            return refuse("已作废的整改通知不能登记送达");
        }
        if let Some(d) = self.issuing.served_on {
            return refuse(format!(
                "已于 {d} 登记送达；如登记有误，请用“修改登记内容”更正"
            ));
        }
        if !SERVICE_METHODS.contains(&method) {
            return refuse(format!("送达方式应为 {}", SERVICE_METHODS.join(" / ")));
        }
        if on < self.issued_on {
            return refuse(format!("送达日期 {on} 早于下达日期 {}", self.issued_on));
        }
        if servers.is_empty() && matches!(method, "直接送达" | LEFT_WITH_PARTY) {
            return refuse(format!("{method}须写明送达人"));
        }
        if method == LEFT_WITH_PARTY && witness.trim().is_empty() {
            return refuse("留置送达须写明见证人（如村（居）委会人员），由其在送达回证上签名");
        }
        self.issuing.served_on = Some(on);
        self.issuing.service_method = method.to_string();
        self.issuing.servers = servers;
        self.issuing.witness = witness.trim().to_string();
        Ok(())
    }

    /// The deadline has passed and the party is awaiting re-inspection.
    pub fn await_reinspection(&mut self) -> Result<(), Refusal> {
        self.step_to(NoticeState::AwaitingReinspection)
    }

    /// 复查 on `date` with its `result`; `due` is the re-inspection due date before this step.
    pub fn reinspect(
        &mut self,
        date: NaiveDate,
        result: &str,
        outcome: Outcome,
        due: NaiveDate,
    ) -> Result<(), Refusal> {
        if date < self.issued_on {
            return refuse(format!("复查日期 {date} 早于下达日期 {}", self.issued_on));
        }
        if result.trim().is_empty() {
            return refuse("复查须写明复查结果");
        }
        let to = match &outcome {
            Outcome::CloseOut => NoticeState::ClosedOut,
            Outcome::Escalate { case_no } => {
                if case_no.trim().is_empty() {
                    return refuse("立案须写明立案编号");
                }
                NoticeState::Escalated
            }
            Outcome::Extend {
                new_deadline,
                reason,
            } => {
                if *new_deadline <= self.deadline.max(date) {
                    return refuse("延期后的整改期限须晚于原期限和复查日期");
                }
                if reason.trim().is_empty() {
                    return refuse("延期须写明原因");
                }
                NoticeState::Extended
            }
        };
        if !self.state.is_open() {
            return refuse(format!(
                "整改通知 {} 当前为「{}」，不能复查",
                self.id, self.state
            ));
        }
        self.step_to(to)?;
        match outcome {
            Outcome::Extend {
                new_deadline,
                reason,
            } => {
                self.deadline = new_deadline;
                self.extension_reason = reason.trim().to_string();
            }
            Outcome::Escalate { case_no } => self.issuing.case_no = case_no.trim().to_string(),
            Outcome::CloseOut => {}
        }
        self.late |= date > due;
        self.reinspected_on = Some(date);
        self.reinspect_result = result.trim().to_string();
        Ok(())
    }

    pub fn void(&mut self, reason: &str) -> Result<(), Refusal> {
        if reason.trim().is_empty() {
            return refuse("作废须写明原因");
        }
        self.step_to(NoticeState::Voided)?;
        self.void_reason = reason.trim().to_string();
        Ok(())
    }

    pub fn problems(&self) -> Vec<(&'static str, String)> {
        use NoticeState::*;
        let mut out = Vec::new();
        if self.deadline < self.issued_on {
            out.push(("整改期限", format!("早于下达日期 {}", self.issued_on)));
        }
        if self.reinspected_on.is_some_and(|d| d < self.issued_on) {
            out.push(("复查日期", format!("早于下达日期 {}", self.issued_on)));
        }
        let s = self.state;
        if matches!(s, ClosedOut | Escalated | Extended) {
            if self.reinspected_on.is_none() {
                out.push(("复查日期", format!("状态为「{s}」时必须填写复查日期")));
            }
            if self.reinspect_result.is_empty() {
                out.push(("复查结果", format!("状态为「{s}」时必须填写复查结果")));
            }
        }
        if s == Extended && self.extension_reason.is_empty() {
            out.push(("延期原因", "状态为「已延期」时必须填写延期原因".into()));
        }
        if s == Voided && self.void_reason.is_empty() {
            out.push(("作废原因", "状态为「已作废」时必须填写作废原因".into()));
        }
        // The paper reads "上述行为违反了{法律依据}的规定": a notice never goes out without one.
        if s != Voided && self.legal_basis.trim().is_empty() {
            out.push((
                "法律依据",
                "须写明法律依据：选执法事项清单内的事项（自动带出其法律依据），或直接填写".into(),
            ));
        }
        out
    }
}

#[cfg(test)]
#[path = "notice_tests.rs"]
mod tests;
