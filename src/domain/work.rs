//! Who handles a lead and what each step found: the 承办 (squad and officers), who verified
//! and what they found, when it was handled, how the reporter was told.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One extension of a lead's feedback deadline, approved by a 队长. The deadline it replaced
/// stays in `from`; `was_late` keeps that it had already passed, so the lead stays late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub from: NaiveDateTime,
    pub until: NaiveDate,
    pub reason: String,
    pub approved_by: String,
    pub at: NaiveDateTime,
    pub was_late: bool,
}

/// A lead's feedback deadline is extended at most this many times.
pub const MAX_EXTENSIONS: usize = 2;

/// How the reporter is told (反馈方式).
pub const FEEDBACK_METHODS: [&str; 5] = ["电话", "短信", "当面", "书面", "平台回复"];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Work {
    /// 承办中队.
    pub squad: String,
    /// 承办人员, by 工号.
    pub handlers: Vec<String>,
    /// 核查人员, by 工号, and what they found.
    pub verified_by: Vec<String>,
    pub finding: String,
    /// 处置时间 (what was done is the complaint's 处置结果).
    pub handled_at: Option<NaiveDateTime>,
    /// 反馈方式: one of `FEEDBACK_METHODS`.
    pub feedback_method: String,
    /// 延期 of the feedback deadline, oldest first.
    pub extensions: Vec<Extension>,
    /// 移送部门: the competent department a transferred lead went to.
    pub transfer_to: String,
    /// 中止: the stops of the lead's clock, oldest first; the last may still be running.
    pub stops: Vec<super::pause::Stop>,
    /// 超时申诉: at most one.
    pub appeal: Option<super::pause::Appeal>,
    /// 回访 after closing: every attempt, oldest first.
    pub callbacks: Vec<super::callback::CallBack>,
    /// The lead this one takes up again (重新办理) after a call-back found it not fixed.
    pub follow_of: String,
}

impl Work {
    /// Takes from `stored` whatever this one leaves empty: a ledger file without these
    /// columns, or with them blank, never erases what the desk recorded.
    pub fn keep_from(&mut self, stored: &Work) {
        if self.squad.is_empty() {
            self.squad = stored.squad.clone();
        }
        if self.handlers.is_empty() {
            self.handlers = stored.handlers.clone();
        }
        if self.verified_by.is_empty() {
            self.verified_by = stored.verified_by.clone();
        }
        if self.finding.is_empty() {
            self.finding = stored.finding.clone();
        }
        if self.handled_at.is_none() {
            self.handled_at = stored.handled_at;
        }
        if self.feedback_method.is_empty() {
            self.feedback_method = stored.feedback_method.clone();
        }
        if self.extensions.is_empty() {
            self.extensions = stored.extensions.clone();
        }
        if self.transfer_to.is_empty() {
            self.transfer_to = stored.transfer_to.clone();
        }
        // Stops, appeals and call-backs are decided on the desk or the command line, never
        // in a file.
        self.stops = stored.stops.clone();
        self.appeal = stored.appeal.clone();
        self.callbacks = stored.callbacks.clone();
        self.follow_of = stored.follow_of.clone();
    }

    /// What is wrong with it, by column.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.feedback_method.is_empty()
            && !FEEDBACK_METHODS.contains(&self.feedback_method.as_str())
        {
            out.push(("反馈方式", format!("应为 {}", FEEDBACK_METHODS.join(" / "))));
        }
        if !self.handlers.is_empty() && self.squad.is_empty() {
            out.push(("承办中队", "有承办人员时须写明承办中队".to_string()));
        }
        out
    }
}
