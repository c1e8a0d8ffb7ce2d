//! The keys each place has of its own: the pages, the details, the menu, the form, the
//! questions and the handover.

use crossterm::event::{KeyCode, KeyModifiers};

use super::super::action::Action;
use super::{Binding, CTRL, Context, NONE, b};

const ENTER: &[(KeyCode, KeyModifiers)] = &[(KeyCode::Enter, NONE)];
const ESC: &[(KeyCode, KeyModifiers)] = &[(KeyCode::Esc, NONE)];

/// The keys of `ctx` itself, before those every place of its kind shares.
pub(super) fn own(ctx: Context) -> Vec<Binding> {
    use Action::*;
    match ctx {
        Context::SignIn => vec![
            b("Enter", ENTER, Open, true).says("签到"),
            b("Esc", ESC, Back, true).says("清空输入"),
        ],
        Context::Dashboard => vec![b("Enter", ENTER, Open, true)],
        Context::Duty => vec![],
        Context::Checks => vec![
            b("Enter", ENTER, Open, true).says("登记"),
            b("n", &[(KeyCode::Char('n'), NONE)], New, true).says("其他检查"),
            b("p", &[(KeyCode::Char('p'), NONE)], Print, true).says("打印笔录"),
            b("o", &[(KeyCode::Char('o'), NONE)], EditSubject, true).says("对象"),
            b("O", &[(KeyCode::Char('O'), NONE)], NewSubject, false),
            b("d", &[(KeyCode::Char('d'), NONE)], Draw, true).says("抽取"),
        ],
        Context::Stats => vec![
            b("←", &[(KeyCode::Left, NONE)], EarlierPeriod, true),
            b("→", &[(KeyCode::Right, NONE)], LaterPeriod, true),
            b("p", &[(KeyCode::Char('p'), NONE)], CyclePeriodKind, true),
        ],
        Context::Patrol => vec![
            b("←", &[(KeyCode::Left, NONE)], PrevDay, true),
            b("→", &[(KeyCode::Right, NONE)], NextDay, true),
            b("t", &[(KeyCode::Char('t'), NONE)], Today, false),
            b(
                "p",
                &[(KeyCode::Char('p'), NONE), (KeyCode::Enter, NONE)],
                LogPatrol,
                true,
            ),
            b("c", &[(KeyCode::Char('c'), NONE)], CopyRoster, true),
            b("e", &[(KeyCode::Char('e'), NONE)], EditTeam, true),
            b("n", &[(KeyCode::Char('n'), NONE)], New, false),
            b("d", &[(KeyCode::Char('d'), NONE)], RemoveTeam, false),
        ],
        Context::Complaints => vec![
            b("Enter", ENTER, Open, true),
            b("a", &[(KeyCode::Char('a'), NONE)], Act, true),
            b("n", &[(KeyCode::Char('n'), NONE)], New, true),
            b("/", &[(KeyCode::Char('/'), NONE)], Filter, true),
            b("s", &[(KeyCode::Char('s'), NONE)], CycleState, true),
            b("c", &[(KeyCode::Char('c'), NONE)], CycleChannel, false),
            b("o", &[(KeyCode::Char('o'), NONE)], ToggleOverdue, true),
            b("Esc", ESC, Back, false),
        ],
        Context::ComplaintDetail => vec![
            b(
                "a",
                &[(KeyCode::Char('a'), NONE), (KeyCode::Enter, NONE)],
                Act,
                true,
            ),
            b("m", &[(KeyCode::Char('m'), NONE)], Reveal, true),
            b("p", &[(KeyCode::Char('p'), NONE)], Print, true),
            b("Esc", ESC, Back, true),
        ],
        Context::Notices => vec![
            b("Enter", ENTER, Open, true),
            b("a", &[(KeyCode::Char('a'), NONE)], Act, true),
            b("n", &[(KeyCode::Char('n'), NONE)], New, true),
            b("/", &[(KeyCode::Char('/'), NONE)], Filter, true),
            b("s", &[(KeyCode::Char('s'), NONE)], CycleState, true),
            b("Esc", ESC, Back, false),
        ],
        Context::NoticeDetail => vec![
            b(
                "a",
                &[(KeyCode::Char('a'), NONE), (KeyCode::Enter, NONE)],
                Act,
                true,
            ),
            b("p", &[(KeyCode::Char('p'), NONE)], Print, true),
            b("Esc", ESC, Back, true),
        ],
        Context::People => vec![
            b(
                "←/→",
                &[(KeyCode::Left, NONE), (KeyCode::Right, NONE)],
                OtherPane,
                true,
            ),
            b("l", &[(KeyCode::Char('l'), NONE)], AddLeave, true),
            b("e", &[(KeyCode::Char('e'), NONE)], EditOfficer, true),
        ],
        Context::Filter => vec![b("Enter", ENTER, Open, true), b("Esc", ESC, Back, true)],
        Context::Menu => vec![b("Enter", ENTER, Open, true), b("Esc", ESC, Back, true)],
        Context::Form => vec![
            b("Ctrl+S", &[(KeyCode::Char('s'), CTRL)], Save, true),
            b("Esc", ESC, Cancel, true),
            b(
                "Tab/↓/Enter",
                &[
                    (KeyCode::Tab, NONE),
                    (KeyCode::Down, NONE),
                    (KeyCode::Enter, NONE),
                ],
                NextField,
                true,
            ),
            b(
                "Shift+Tab/↑",
                &[(KeyCode::BackTab, NONE), (KeyCode::Up, NONE)],
                PrevField,
                false,
            ),
        ],
        Context::Help => vec![
            b("Enter", ENTER, Open, true).says("执行所选的操作"),
            b(
                "Esc/?/q",
                &[
                    (KeyCode::Esc, NONE),
                    (KeyCode::Char('?'), NONE),
                    (KeyCode::Char('q'), NONE),
                    (KeyCode::F(1), NONE),
                ],
                Back,
                true,
            )
            .says("关闭帮助"),
        ],
        Context::Handover => vec![
            b("Ctrl+S", &[(KeyCode::Char('s'), CTRL)], Save, true).says("交班并回到签到"),
            b("Esc", ESC, Cancel, true),
            b(
                "Enter",
                ENTER,
                Action::Edit(super::super::action::Edit::NewLine),
                true,
            ),
            b(
                "↑/↓",
                &[(KeyCode::Up, NONE), (KeyCode::Down, NONE)],
                Action::Edit(super::super::action::Edit::MoveCaret),
                false,
            ),
        ],
        Context::Acknowledge => vec![b("Enter", ENTER, Acknowledge, true)],
        Context::Confirm => vec![
            b("y", &[(KeyCode::Char('y'), NONE)], Confirm, true),
            b(
                "n/Esc",
                &[(KeyCode::Char('n'), NONE), (KeyCode::Esc, NONE)],
                Cancel,
                true,
            ),
        ],
    }
}
