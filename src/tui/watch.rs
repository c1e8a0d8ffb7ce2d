//! The desk calls attention: a lead or notice that turns 临期 or 超期 while the desk is open
//! is announced once, in the message line and (if the setting allows) with the bell.

use std::collections::HashMap;

use zhifa_desk::report::Today;
use zhifa_desk::report::format::{Urgency, complaint_timer, notice_marker};

/// The urgency each open lead and notice had when the desk last looked.
#[derive(Debug, Clone, Default)]
pub struct Watch {
    seen: Option<HashMap<String, Urgency>>,
    /// The items of the last announcement, while its message stands.
    announced: Vec<String>,
}

fn rank(u: Urgency) -> u8 {
    match u {
        Urgency::Fine | Urgency::WasLate | Urgency::Stopped => 0,
        Urgency::Soon => 1,
        Urgency::Overdue => 2,
    }
}

fn now_of(today: &Today) -> Vec<(String, String, Urgency)> {
    let leads = today.complaints.iter().map(|c| {
        let (u, _) = complaint_timer(
            c.remaining_minutes,
            c.stopped_since,
            c.overdue,
            today.soon_minutes,
        );
        (format!("投诉 {}", c.id), c.id.clone(), u)
    });
    let notices = today.notices.iter().map(|n| {
        let (u, _) = notice_marker(true, n.late, n.days_left);
        (format!("整改通知 {}", n.id), n.id.clone(), u)
    });
    leads.chain(notices).collect()
}

impl Watch {
    /// What turned more urgent since the last look ("投诉 TS-2026-0035 临期"); nothing on
    /// the first look, which only learns where things stand when the desk opens.
    pub fn look(&mut self, today: &Today) -> Vec<String> {
        let now = now_of(today);
        let mut turned = Vec::new();
        if let Some(seen) = &self.seen {
            for (name, id, u) in &now {
                let before = seen.get(id).copied().unwrap_or(Urgency::Fine);
                if seen.contains_key(id) && rank(*u) > rank(before) {
                    if turned.is_empty() {
                        self.announced.clear();
                    }
                    self.announced.push(id.clone());
                    let word = if *u == Urgency::Overdue {
                        "超期"
                    } else {
                        "临期"
                    };
                    turned.push(format!("{name} 已{word}"));
                }
            }
        }
        self.seen = Some(now.into_iter().map(|(_, id, u)| (id, u)).collect());
        turned
    }

    /// Whether the last announcement has just lapsed: none of its items is 临期 or 超期 any
    /// more (each was acted on). Said once; the announcement is then forgotten.
    pub fn announcement_lapsed(&mut self) -> bool {
        if self.announced.is_empty() {
            return false;
        }
        let seen = self.seen.as_ref();
        let holds = self
            .announced
            .iter()
            .any(|id| seen.and_then(|s| s.get(id)).is_some_and(|u| rank(*u) > 0));
        if !holds {
            self.announced.clear();
        }
        !holds
    }
}
