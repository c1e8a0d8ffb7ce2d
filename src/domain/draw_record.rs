//! A draw as recorded (抽查记录): its task, which part of the list it drew from, the inputs
//! and seed, and the result; and the re-check anyone holding the record can make.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::draw::{self, Inputs, Pick};
use super::subject::{Risk, Subject};

/// Which subjects of the 检查对象名录 a draw is made from: all, or those of one matter, risk
/// level or area (each given narrows the list).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
}

impl Filter {
    pub fn selects(&self, s: &Subject) -> bool {
        self.matter.as_ref().is_none_or(|m| s.matters.contains(m))
            && self
                .risk
                .as_deref()
                .is_none_or(|r| Risk::parse(r) == Some(s.risk))
            && self
                .area
                .as_ref()
                .is_none_or(|a| s.area.as_ref() == Some(a))
    }

    /// The list in words: "事项 M03，风险等级 高" or "全部检查对象".
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            self.matter.as_ref().map(|m| format!("事项 {m}")),
            self.risk.as_ref().map(|r| format!("风险等级 {r}")),
            self.area.as_ref().map(|a| format!("区域 {a}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            "全部检查对象".into()
        } else {
            parts.join("，")
        }
    }
}

/// A recorded draw. It is never edited: a redraw is a new draw naming the one it replaces
/// and the reason, and the replaced one is voided with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draw {
    /// 抽查编号, the key: "CQ2026-001".
    pub id: String,
    /// 抽查任务: "2026年12月餐饮油烟双随机抽查".
    pub title: String,
    /// The day of the inspections: the officers drawn are those able to enforce on it.
    pub date: NaiveDate,
    pub drawn_at: NaiveDateTime,
    pub drawn_by: String,
    pub filter: Filter,
    pub count: usize,
    pub seed: String,
    /// The list as drawn from, each subject with the officers of its last inspection.
    pub subjects: Vec<draw::Subject>,
    pub officers: Vec<String>,
    pub snapshot: String,
    pub picks: Vec<Pick>,
    /// The draw this one replaces, and why; empty for a first draw.
    pub redraw_of: String,
    pub reason: String,
}

impl Draw {
    pub fn inputs(&self) -> Inputs {
        Inputs {
            subjects: self.subjects.clone(),
            officers: self.officers.clone(),
            count: self.count,
            seed: self.seed.clone(),
        }
    }

    /// Draws again from the recorded inputs; the differences from the recorded result, in
    /// Chinese (empty when the record holds).
    pub fn recheck(&self) -> Vec<String> {
        let again = match draw::draw(&self.inputs()) {
            Ok(d) => d,
            Err(why) => return vec![format!("按记录的条件不能重新抽取：{why}")],
        };
        let mut out = Vec::new();
        if again.snapshot != self.snapshot {
            out.push(format!(
                "名录快照的校验值不符：记录为 {}，按记录的名录重算为 {}",
                self.snapshot, again.snapshot
            ));
        }
        if again.picks != self.picks {
            let shown = |p: &[Pick]| {
                p.iter()
                    .map(|p| format!("{}（{}）", p.subject, p.officers.join("、")))
                    .collect::<Vec<_>>()
                    .join("；")
            };
            out.push(format!(
                "抽取结果不符：记录为 {}；重算为 {}",
                shown(&self.picks),
                shown(&again.picks)
            ));
        }
        out
    }
}
