//! What a key asks for, and the words for it in the footer and the help overlay.

use super::state::{Cursor, View};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    ForceQuit,
    Help,
    NextView,
    PrevView,
    GoView(View),
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Open,
    Back,
    Filter,
    New,
    Act,
    PrevDay,
    NextDay,
    Today,
    LogPatrol,
    CopyRoster,
    CycleState,
    CycleChannel,
    ToggleOverdue,
    Reveal,
    Print,
    OtherPane,
    Handover,
    Save,
    NextField,
    PrevField,
    Confirm,
    Cancel,
    Acknowledge,
    EditTeam,
    RemoveTeam,
    AddLeave,
    EditOfficer,
    /// 检查对象: the selected row's subject, or a new one.
    EditSubject,
    NewSubject,
    /// 双随机抽取.
    Draw,
    EarlierPeriod,
    LaterPeriod,
    CyclePeriodKind,
    /// A key a text or choice field handles itself; listed in help, never dispatched.
    Edit(Edit),
}

/// What a key does inside a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    MoveCaret,
    /// ←/→ in a form: the caret in a text field, the option in a choice field.
    MoveOrChoose,
    LineEnds,
    Delete,
    ClearBefore,
    NewLine,
}

impl Action {
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "退出",
            Action::ForceQuit => "退出（表单未保存时先确认）",
            Action::Help => "帮助",
            Action::NextView => "下一页",
            Action::PrevView => "上一页",
            Action::GoView(v) => v.title(),
            Action::Up => "上移",
            Action::Down => "下移",
            Action::PageUp => "上翻页",
            Action::PageDown => "下翻页",
            Action::Home => "到顶",
            Action::End => "到底",
            Action::Open => "打开",
            Action::Back => "返回",
            Action::Filter => "筛选",
            Action::New => "新建",
            Action::Act => "办理",
            Action::PrevDay => "前一天",
            Action::NextDay => "后一天",
            Action::Today => "回到今天",
            Action::LogPatrol => "登记巡查",
            Action::CopyRoster => "复制上周同日排班",
            Action::CycleState => "按状态筛选",
            Action::CycleChannel => "按渠道筛选",
            Action::ToggleOverdue => "只看超期",
            Action::Reveal => "显示/隐藏举报人",
            Action::Print => "打印文书",
            Action::OtherPane => "切换人员/区域",
            Action::Handover => "交接班",
            Action::Save => "保存",
            Action::NextField => "下一项",
            Action::PrevField => "上一项",
            Action::Confirm => "确定",
            Action::Cancel => "取消",
            Action::Acknowledge => "已阅，接班",
            Action::EditTeam => "修改排班",
            Action::AddLeave => "登记请假",
            Action::EditOfficer => "换证 / 在岗离岗 / 电话",
            Action::EditSubject => "修改检查对象",
            Action::NewSubject => "新增检查对象",
            Action::Draw => "双随机抽取",
            Action::RemoveTeam => "撤下该组",
            Action::EarlierPeriod => "前一期",
            Action::LaterPeriod => "后一期",
            Action::CyclePeriodKind => "按周 / 月 / 年统计",
            Action::Edit(Edit::MoveCaret) => "移动光标",
            Action::Edit(Edit::MoveOrChoose) => "移动光标 / 换选项",
            Action::Edit(Edit::LineEnds) => "到行首 / 行尾",
            Action::Edit(Edit::Delete) => "删除一个字",
            Action::Edit(Edit::ClearBefore) => "清空光标前的文字",
            Action::Edit(Edit::NewLine) => "换行",
        }
    }
}

impl Cursor {
    /// Moves the cursor as `action` asks, over a list of `len` rows; false when `action` is
    /// not a move.
    pub(super) fn apply(&mut self, action: Action, len: usize) -> bool {
        let last = len.saturating_sub(1);
        self.0 = match action {
            Action::Up => self.0.saturating_sub(1),
            Action::Down => (self.0 + 1).min(last),
            Action::PageUp => self.0.saturating_sub(Cursor::PAGE),
            Action::PageDown => (self.0 + Cursor::PAGE).min(last),
            Action::Home => 0,
            Action::End => last,
            _ => return false,
        };
        true
    }
}
