//! The papers a record can print from the desk (文书), and the form that records a notice's
//! service (送达).

use zhifa_desk::document::Paper;
use zhifa_desk::domain::{ComplaintState, NoticeState};

use super::data::Data;
use super::effect::Write;
use super::forms::{find_complaint, find_notice};
use super::state::{Cursor, Menu, Pick};

fn print(paper: Paper, key: &str) -> (String, Pick) {
    let label = match paper {
        Paper::Notice => "打印责令限期整改通知书（含送达回证）".to_string(),
        other => format!("打印{}", other.title()),
    };
    let write = Write::Print {
        paper,
        key: key.to_string(),
    };
    (label, Pick::Write(write))
}

/// What can be printed for notice `id`: the notice itself, and its 复查意见书 once re-inspected.
pub fn notice_papers(data: &Data, id: &str) -> Option<Menu> {
    let n = find_notice(data, id)?;
    let mut items = vec![print(Paper::Notice, id)];
    if n.reinspected_on.is_some() {
        items.push(print(Paper::Reinspection, id));
    }
    if n.state == NoticeState::Voided {
        items.clear();
    }
    Some(papers_menu(format!("打印文书：整改通知 {id}"), items))
}

/// What can be printed for complaint `id`: its 反馈单, and its 移送函 once transferred.
pub fn complaint_papers(data: &Data, id: &str) -> Option<Menu> {
    let c = find_complaint(data, id)?;
    let mut items = vec![print(Paper::Complaint, id)];
    if c.state == ComplaintState::Transferred {
        items.push(print(Paper::Transfer, id));
    }
    Some(papers_menu(format!("打印文书：投诉 {id}"), items))
}

fn papers_menu(title: String, items: Vec<(String, Pick)>) -> Menu {
    Menu {
        title,
        note: Some(if items.is_empty() {
            "已作废，没有可打印的文书".into()
        } else {
            "写出 .docx 文件到数据库旁的「文书」文件夹，用 WPS 或 Word 打开打印；举报人打码".into()
        }),
        items,
        cursor: Cursor(0),
    }
}
