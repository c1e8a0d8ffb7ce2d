//! Duty sign-ins and handover notes: who sat at the desk, and what they passed on.

use chrono::NaiveDateTime;
use serde::Serialize;

labelled_enum!(DutyKind {
    SignIn => "签到",
    Handover => "交接班",
    Acknowledge => "接班确认",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DutyEntry {
    pub at: NaiveDateTime,
    pub officer: String,
    pub kind: DutyKind,
    pub note: String,
}
