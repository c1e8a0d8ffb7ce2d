//! Deadline settings: the defaults from the plans, overridable per complaint channel.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Channel;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineRules {
    /// A simple lead is verified within this many clock hours of receipt.
    pub verify_hours_simple: u32,
    /// A complex lead has verification started within this many working days.
    pub verify_workdays_complex: u32,
    /// The reporter gets feedback within this many working days of receipt.
    pub feedback_workdays: u32,
    /// A notice is re-inspected within this many working days after its deadline.
    pub reinspect_workdays: u32,
}

impl Default for DeadlineRules {
    fn default() -> Self {
        DeadlineRules {
            verify_hours_simple: 24,
            verify_workdays_complex: 3,
            feedback_workdays: 7,
            reinspect_workdays: 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub deadlines: DeadlineRules,
    /// Overrides keyed by the channel's Chinese label (e.g. "12345热线").
    #[serde(default)]
    pub per_channel: BTreeMap<String, DeadlineRules>,
    /// The share of complaints handled in time that superiors expect.
    #[serde(default = "default_target")]
    pub on_time_target: f64,
    /// The team's name for the desk header and the ledgers, e.g. 卧牛河镇综合行政执法队.
    #[serde(default)]
    pub team_name: String,
    /// The township's 统计用区划代码 (9 to 12 digits, e.g. 150783101): how the county tells
    /// townships apart, written into every handoff bundle.
    #[serde(default)]
    pub township_code: String,
    /// A lead is 临期 once this few hours are left of its current deadline.
    #[serde(default = "default_soon_hours")]
    pub soon_hours: u32,
    /// Ring the terminal bell when a lead or notice turns 临期 or 超期 while the desk is open.
    #[serde(default = "default_bell")]
    pub bell: bool,
    /// A lead's clock may be stopped (中止) at most this many times.
    #[serde(default = "default_max_stops")]
    pub max_stops: u32,
    /// The 中队 that handles each 所属领域 of the matter list: the desk suggests it when a
    /// lead is dispatched. Each township divides its fields its own way.
    #[serde(default = "default_squads")]
    pub squads: BTreeMap<String, String>,
    /// A decision is published (公示) within this many working days (004: "谁执法、谁公示").
    #[serde(default = "default_publish_workdays")]
    pub publish_workdays: u32,
    /// A closed lead's reporter is called back (回访) within this many working days.
    #[serde(default = "default_callback_workdays")]
    pub callback_workdays: u32,
}

fn default_callback_workdays() -> u32 {
    5
}

fn default_publish_workdays() -> u32 {
    7
}

/// 承留镇's four 中队 (seed 004 第五条): 一中队 自然资源和城市管理, 二中队 环境保护和安全管理,
/// 三中队 市场监督管理（含文化市场）, 四中队 应急管理（含消防安全）.
fn default_squads() -> BTreeMap<String, String> {
    [
        ("城市管理", "一中队"),
        ("自然资源", "一中队"),
        ("林业草原", "一中队"),
        ("水利", "一中队"),
        ("农业农村", "一中队"),
        ("公共秩序", "一中队"),
        ("生态环境", "二中队"),
        ("安全管理", "二中队"),
        ("市场监管", "三中队"),
        ("文化市场", "三中队"),
        ("应急管理", "四中队"),
        ("消防", "四中队"),
    ]
    .into_iter()
    .map(|(f, s)| (f.to_string(), s.to_string()))
    .collect()
}

fn default_max_stops() -> u32 {
    1
}

fn default_bell() -> bool {
    true
}

fn default_target() -> f64 {
    0.9
}

fn default_soon_hours() -> u32 {
    4
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            deadlines: DeadlineRules::default(),
            per_channel: BTreeMap::new(),
            on_time_target: default_target(),
            team_name: String::new(),
            township_code: String::new(),
            soon_hours: default_soon_hours(),
            bell: default_bell(),
            max_stops: default_max_stops(),
            squads: default_squads(),
            publish_workdays: default_publish_workdays(),
            callback_workdays: default_callback_workdays(),
        }
    }
}

impl Settings {
    /// The team's name, or a generic one until it is set.
    pub fn team_name(&self) -> &str {
        match self.team_name.trim() {
            "" => "综合行政执法队",
            name => name,
        }
    }

    /// Checks a township code: 9 to 12 digits.
    pub fn check_code(code: &str) -> Result<String, String> {
        let code = code.trim();
        if (9..=12).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
            Ok(code.to_string())
        } else {
            Err(format!(
                "乡镇代码“{code}”无效：应为 9 到 12 位数字的统计用区划代码，如 150783101"
            ))
        }
    }

    /// The 临期 window in minutes.
    pub fn soon_minutes(&self) -> i64 {
        i64::from(self.soon_hours) * 60
    }

    pub fn rules_for(&self, channel: Channel) -> DeadlineRules {
        self.per_channel
            .get(channel.label())
            .copied()
            .unwrap_or(self.deadlines)
    }
}
