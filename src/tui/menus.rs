//! The step menus of a complaint and a notice: which steps their state allows, each a form,
//! a write, or a write asked about first.

use chrono::NaiveDate;
use zhifa_desk::domain::{ComplaintState, Complexity, NoticeState};
use zhifa_desk::store::desk::NoticeStep;

use super::data::Data;
use super::effect::Write;
use super::forms::{FormKind, find_complaint, find_notice, step_word};
use super::state::{Cursor, Menu, Pick};

/// The next steps of a complaint, from its state; 处置 is left out for a matter off the list.
pub fn complaint_menu(data: &Data, id: &str, now: chrono::NaiveDateTime) -> Option<Menu> {
    let c = find_complaint(data, id)?;
    let on_list = c
        .matter
        .as_ref()
        .is_some_and(|m| data.matters.iter().any(|x| &x.id == m));
    let mut note = None;
    let mut items: Vec<(String, Pick)> = c
        .state
        .next()
        .iter()
        .filter(|to| {
            let off = **to == ComplaintState::Handling && !on_list;
            if off {
                note = Some("该事项不在本乡镇执法事项清单内，不能处置，应移送主管部门".into());
            }
            !off
        })
        .map(|to| {
            let kind = FormKind::ComplaintStep {
                id: id.to_string(),
                to: *to,
            };
            (step_word(*to).to_string(), Pick::Form(kind))
        })
        .collect();
    if c.state.is_open() {
        let kind = FormKind::Dispatch { id: id.to_string() };
        let label = if c.work.handlers.is_empty() {
            "分派（承办中队、承办人员）"
        } else {
            "改派（承办中队、承办人员）"
        };
        items.insert(0, (label.to_string(), Pick::Form(kind)));
    }
    let may_extend = c.state.is_open()
        && c.fed_back_at.is_none()
        && c.complexity == Complexity::Complex
        && c.work.extensions.len() < zhifa_desk::domain::work::MAX_EXTENSIONS;
    if may_extend {
        let kind = FormKind::Extend { id: id.to_string() };
        items.push((
            "延长反馈期限（队长批准，最多两次）".to_string(),
            Pick::Form(kind),
        ));
    }
    if let Some(t) = super::forms::find_tracked(data, id) {
        for (label, step) in super::forms::pause::menu_items(t, now, data.max_stops) {
            let kind = FormKind::Pause {
                id: id.to_string(),
                step,
            };
            items.push((label, Pick::Form(kind)));
        }
    }
    if c.state == ComplaintState::Closed && c.answered_callback().is_none() {
        let kind = FormKind::CallBack { id: id.to_string() };
        items.push(("回访（满意度、问题是否解决）".to_string(), Pick::Form(kind)));
    }
    if c.state != ComplaintState::Voided {
        let kind = FormKind::EditComplaint { id: id.to_string() };
        items.push(("修改登记内容（改时间为更正）".to_string(), Pick::Form(kind)));
    }
    Some(Menu {
        title: format!("办理投诉 {id}（{}）", c.state),
        note: note.or_else(|| items.is_empty().then(|| "已作废，没有可办理的步骤".into())),
        items,
        cursor: Cursor(0),
    })
}

pub fn notice_menu(data: &Data, id: &str, today: NaiveDate) -> Option<Menu> {
    let n = find_notice(data, id)?;
    let next = n.state.next();
    let mut items = Vec::new();
    if next.contains(&NoticeState::AwaitingReinspection) {
        let step = Write::NoticeStep {
            id: id.to_string(),
            step: NoticeStep::Await,
        };
        // Before the deadline the party still has time: ask first, and say so.
        let pick = if today < n.deadline {
            let days = (n.deadline - today).num_days();
            Pick::Confirm {
                question: format!(
                    "整改期限 {} 还没到（还有 {days} 天），当事人仍在整改期内。确定现在就转为待复查吗？",
                    n.deadline
                ),
                write: step,
            }
        } else {
            Pick::Write(step)
        };
        let label = if today < n.deadline {
            "转为待复查（整改期限未到，需确认）"
        } else {
            "转为待复查（整改期限已到）"
        };
        items.push((label.to_string(), pick));
    }
    if next.contains(&NoticeState::ClosedOut) {
        let kind = FormKind::Reinspect { id: id.to_string() };
        items.push(("复查（销号 / 延期 / 立案）".to_string(), Pick::Form(kind)));
    }
    if n.issuing.served_on.is_none() && n.state != NoticeState::Voided {
        let kind = FormKind::Serve { id: id.to_string() };
        items.push(("登记送达（送达日期、方式）".to_string(), Pick::Form(kind)));
    }
    if next.contains(&NoticeState::Voided) {
        let kind = FormKind::VoidNotice { id: id.to_string() };
        items.push(("作废".to_string(), Pick::Form(kind)));
    }
    if n.state != NoticeState::Voided {
        let kind = FormKind::EditNotice { id: id.to_string() };
        items.push(("修改登记内容（改日期为更正）".to_string(), Pick::Form(kind)));
    }
    Some(Menu {
        title: format!("办理整改通知 {id}（{}）", n.state),
        note: items.is_empty().then(|| "已作废，没有可办理的步骤".into()),
        items,
        cursor: Cursor(0),
    })
}
