//! 回访: the reporter called back after a lead is closed — when, how, what they said and
//! whether the problem is really fixed; when the call-back is due; and the satisfaction rate
//! the plans set at 90% (001 一).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Complaint, ComplaintState, Refusal, refuse};
use crate::calendar::{Calendar, Reckoned};

labelled_enum!(Answer {
    Satisfied => "满意",
    Fair => "基本满意",
    Unsatisfied => "不满意",
    Unreached => "未联系上",
});

impl Answer {
    /// The reporter gave an answer (a call nobody took is no answer).
    pub fn answered(self) -> bool {
        self != Answer::Unreached
    }

    /// Counts toward the satisfaction rate as satisfied (满意 and 基本满意).
    pub fn satisfied(self) -> bool {
        matches!(self, Answer::Satisfied | Answer::Fair)
    }
}

/// How the reporter is called back.
pub const CALLBACK_METHODS: [&str; 3] = ["电话", "短信", "上门"];

/// One call-back; a lead holds every attempt, the unanswered ones too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallBack {
    pub at: NaiveDateTime,
    /// 回访人 by 工号.
    pub by: String,
    pub method: String,
    /// An `Answer` label.
    pub answer: String,
    /// Whether the reporter says the problem is actually fixed; None when not reached.
    pub fixed: Option<bool>,
    pub note: String,
    /// The lead opened again (重新办理) because it was not fixed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub follow_up: String,
}

/// When the call-back of a lead closed at `closed` is due: `workdays` working days after.
pub fn callback_due_after(closed: NaiveDateTime, cal: &Calendar, workdays: u32) -> Reckoned {
    cal.add_workdays(closed.date(), workdays)
}

impl Complaint {
    /// The call-back that reached the reporter, if one has.
    pub fn answered_callback(&self) -> Option<&CallBack> {
        self.work
            .callbacks
            .iter()
            .find(|c| Answer::parse(&c.answer).is_some_and(Answer::answered))
    }

    /// When the call-back is due: `workdays` working days after the lead was closed; None for
    /// a lead not closed or already called back.
    pub fn callback_due(&self, cal: &Calendar, workdays: u32) -> Option<Reckoned> {
        match (self.state, self.closed_at) {
            (ComplaintState::Closed, Some(at)) if self.answered_callback().is_none() => {
                Some(callback_due_after(at, cal, workdays))
            }
            _ => None,
        }
    }

    /// 回访: records call-back `cb` on the closed lead.
    pub fn call_back(&mut self, cb: CallBack) -> Result<(), Refusal> {
        let Some(closed) = self
            .closed_at
            .filter(|_| self.state == ComplaintState::Closed)
        else {
            return refuse(format!("投诉 {} 尚未办结，办结后才能回访", self.id));
        };
        let Some(answer) = Answer::parse(&cb.answer) else {
            return refuse(format!(
                "回访结果“{}”无效，应为 {}",
                cb.answer,
                Answer::choices()
            ));
        };
        if !CALLBACK_METHODS.contains(&cb.method.as_str()) {
            return refuse(format!("回访方式应为 {}", CALLBACK_METHODS.join(" / ")));
        }
        if cb.at < closed {
            return refuse("回访时间早于办结时间");
        }
        if cb.by.trim().is_empty() {
            return refuse("须写明回访人");
        }
        if answer.answered() && cb.fixed.is_none() {
            return refuse("须写明问题是否已实际解决");
        }
        if !answer.answered() && cb.fixed.is_some() {
            return refuse("未联系上举报人，不能记录问题是否解决");
        }
        if let Some(done) = self.answered_callback() {
            return refuse(format!(
                "该件已于 {} 回访过",
                done.at.format("%Y-%m-%d %H:%M")
            ));
        }
        self.work.callbacks.push(cb);
        Ok(())
    }
}
