//! What was done to a record on which day: the steps a month's handoff reports for a case
//! received in an earlier month but worked on in this one (跨月).

use chrono::NaiveDate;

use super::{Complaint, Notice, NoticeState};

/// One dated step: "2026-11-03 反馈".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub on: NaiveDate,
    pub what: &'static str,
}

/// A complaint's dated steps, in order: verified, handled, fed back, closed, each extension,
/// stop and resumption, and the appeal filed and decided.
pub fn complaint(c: &Complaint) -> Vec<Step> {
    let w = &c.work;
    let mut steps: Vec<Step> = [
        (c.verified_at, "核查"),
        (w.handled_at, "处置"),
        (c.fed_back_at, "反馈"),
        (c.closed_at, "办结"),
    ]
    .into_iter()
    .filter_map(|(t, what)| {
        Some(Step {
            on: t?.date(),
            what,
        })
    })
    .collect();
    steps.extend(w.extensions.iter().map(|e| Step {
        on: e.at.date(),
        what: "延长反馈期限",
    }));
    for s in &w.stops {
        steps.push(Step {
            on: s.from.date(),
            what: "中止计时",
        });
        steps.extend(s.until.map(|u| Step {
            on: u.date(),
            what: "恢复计时",
        }));
    }
    if let Some(a) = &w.appeal {
        steps.push(Step {
            on: a.filed_at.date(),
            what: "超时申诉",
        });
        steps.extend(a.decision.as_ref().map(|d| Step {
            on: d.at.date(),
            what: "申诉审批",
        }));
    }
    steps.sort_by_key(|s| s.on);
    steps
}

/// A notice's dated steps: its service and each re-inspection with its outcome (`logged`:
/// the day and "销号", "延期" or "立案", as the re-inspection log holds them). A notice that
/// came in from a ledger has no log: its last re-inspection is the one it records.
pub fn notice(n: &Notice, logged: &[(NaiveDate, String)]) -> Vec<Step> {
    let mut steps: Vec<Step> = n
        .issuing
        .served_on
        .map(|on| Step { on, what: "送达" })
        .into_iter()
        .collect();
    steps.extend(logged.iter().map(|(on, outcome)| Step {
        on: *on,
        what: match outcome.as_str() {
            "销号" => "复查销号",
            "延期" => "复查延期",
            "立案" => "复查立案",
            _ => "复查",
        },
    }));
    if let Some(on) = n
        .reinspected_on
        .filter(|d| !logged.iter().any(|(l, _)| l == d))
    {
        let what = match n.state {
            NoticeState::ClosedOut => "复查销号",
            NoticeState::Extended => "复查延期",
            NoticeState::Escalated => "复查立案",
            _ => "复查",
        };
        steps.push(Step { on, what });
    }
    steps.sort_by_key(|s| s.on);
    steps
}

/// The steps that fall in `from..=to`, said as "11-03 反馈、11-05 办结"; empty when none.
pub fn within(steps: &[Step], from: NaiveDate, to: NaiveDate) -> String {
    let said: Vec<String> = steps
        .iter()
        .filter(|s| (from..=to).contains(&s.on))
        .map(|s| format!("{} {}", s.on.format("%m-%d"), s.what))
        .collect();
    said.join("、")
}
