//! Which form is open, and so what saving it does.

use chrono::NaiveDate;
use zhifa_desk::domain::ComplaintState;

/// What saving a form does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    NewComplaint,
    /// A complaint step towards `to`.
    ComplaintStep {
        id: String,
        to: ComplaintState,
    },
    NewNotice,
    /// 回访 of a closed lead.
    CallBack {
        id: String,
    },
    /// 登记现场检查 (a 责令整改 issues its notice with it).
    Inspection,
    /// 双随机抽取.
    Draw,
    /// A subject of the 检查对象名录: changed (`id`) or new.
    Subject {
        id: Option<String>,
    },
    /// 登记公示 of a decision.
    Publish {
        kind: zhifa_desk::domain::publicity::PubKind,
        key: String,
    },
    Reinspect {
        id: String,
    },
    VoidNotice {
        id: String,
    },
    Patrol {
        team: String,
    },
    /// 分派 a lead to a squad and officers.
    Dispatch {
        id: String,
    },
    /// 延期 of a complex lead's feedback deadline.
    Extend {
        id: String,
    },
    /// 中止 / 恢复计时 / 超时申诉 / 申诉审批 of a lead.
    Pause {
        id: String,
        step: PauseStep,
    },
    /// An officer's leave period, and their certificate, status and phone.
    Leave {
        officer: String,
    },
    Officer {
        id: String,
    },
    /// A roster team on `date`: `original` is the team edited (None: a new one).
    Team {
        date: NaiveDate,
        original: Option<String>,
    },
    RemoveTeam {
        date: NaiveDate,
        team: String,
    },
    /// 修改 / 更正 what was typed into a stored record.
    EditComplaint {
        id: String,
    },
    EditNotice {
        id: String,
    },
    /// 送达 of a notice.
    Serve {
        id: String,
    },
}

/// Which clock or appeal form: the menu item that opened it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseStep {
    Stop,
    Resume,
    Appeal,
    Review,
}
