//! The settings a person may change by name: each key's Chinese label, its unit, its range,
//! and how a typed value is read (a target as 0.95, 95 or 95%).

use super::{Channel, Settings};

/// One settable key.
pub struct Key {
    pub name: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    /// Inclusive bounds of the whole number (for the target: percent).
    pub range: (u32, u32),
    /// Whether it may be set for one channel only.
    pub per_channel: bool,
}

pub const KEYS: &[Key] = &[
    Key {
        name: "verify_hours_simple",
        label: "一般线索核查时限",
        unit: "小时",
        range: (1, 168),
        per_channel: true,
    },
    Key {
        name: "verify_workdays_complex",
        label: "复杂线索启动核查时限",
        unit: "个工作日",
        range: (1, 30),
        per_channel: true,
    },
    Key {
        name: "feedback_workdays",
        label: "反馈时限",
        unit: "个工作日",
        range: (1, 60),
        per_channel: true,
    },
    Key {
        name: "reinspect_workdays",
        label: "整改期限后复查时限",
        unit: "个工作日",
        range: (1, 30),
        per_channel: true,
    },
    Key {
        name: "on_time_target",
        label: "按时率目标",
        unit: "%",
        range: (1, 100),
        per_channel: false,
    },
    Key {
        name: "soon_hours",
        label: "临期提醒（剩余不足）",
        unit: "小时",
        range: (1, 72),
        per_channel: false,
    },
    Key {
        name: "max_stops",
        label: "每件线索中止计时次数上限",
        unit: "次",
        range: (0, 5),
        per_channel: false,
    },
    Key {
        name: "publish_workdays",
        label: "执法决定公示时限",
        unit: "个工作日",
        range: (1, 60),
        per_channel: false,
    },
    Key {
        name: "callback_workdays",
        label: "办结后回访时限",
        unit: "个工作日",
        range: (1, 30),
        per_channel: false,
    },
    Key {
        name: "bell",
        label: "转为临期或超期时响铃（1 开，0 关）",
        unit: "",
        range: (0, 1),
        per_channel: false,
    },
];

fn names() -> String {
    KEYS.iter().map(|k| k.name).collect::<Vec<_>>().join("、")
}

/// A whole number, or for the target a share: "0.95", "95", "95%" all mean 95 percent.
fn read(key: &Key, text: &str) -> Result<u32, String> {
    let t = text.trim();
    let bad = || {
        format!(
            "{}（{}）的值“{t}”无效，应为 {} 到 {} 之间的整数{}",
            key.label,
            key.name,
            key.range.0,
            key.range.1,
            if key.unit == "%" {
                "（或 0.95、95% 这样的比率）"
            } else {
                ""
            }
        )
    };
    let n = if key.unit == "%" {
        let (digits, percent) = match t.strip_suffix(['%', '％']) {
            Some(d) => (d.trim(), true),
            None => (t, false),
        };
        let v: f64 = digits.parse().map_err(|_| bad())?;
        let v = if !percent && v <= 1.0 { v * 100.0 } else { v };
        if v.fract().abs() > 1e-9 && (v * 10.0).fract().abs() > 1e-9 {
            return Err(bad());
        }
        v.round() as i64
    } else {
        t.parse::<i64>().map_err(|_| bad())?
    };
    let (lo, hi) = key.range;
    if n < i64::from(lo) || n > i64::from(hi) {
        return Err(format!(
            "{}（{}）须在 {lo} 到 {hi}{}{} 之间，不能设为 {t}",
            key.label,
            key.name,
            if key.unit == "%" { "" } else { " " },
            key.unit
        ));
    }
    Ok(n as u32)
}

/// Sets `name` to the value typed (for one channel if given); a Chinese reason when the key,
/// the value or the channel is not one that can be set.
pub fn set(s: &mut Settings, name: &str, text: &str, channel: Option<&str>) -> Result<(), String> {
    let key = KEYS
        .iter()
        .find(|k| k.name == name.trim())
        .ok_or_else(|| format!("不认识的设置项“{name}”，可设置的有：{}", names()))?;
    let n = read(key, text)?;
    let channel = match channel {
        None => None,
        Some(_) if !key.per_channel => {
            return Err(format!("{}对所有渠道统一，不能按渠道设置", key.label));
        }
        Some(c) => Some(
            Channel::parse(c.trim())
                .ok_or_else(|| format!("不认识的来源渠道“{c}”，可用：{}", Channel::choices()))?,
        ),
    };
    let mut rules = channel.map_or(s.deadlines, |c| s.rules_for(c));
    match key.name {
        "verify_hours_simple" => rules.verify_hours_simple = n,
        "verify_workdays_complex" => rules.verify_workdays_complex = n,
        "feedback_workdays" => rules.feedback_workdays = n,
        "reinspect_workdays" => rules.reinspect_workdays = n,
        "on_time_target" => s.on_time_target = f64::from(n) / 100.0,
        "soon_hours" => s.soon_hours = n,
        "bell" => s.bell = n == 1,
        "max_stops" => s.max_stops = n,
        "publish_workdays" => s.publish_workdays = n,
        "callback_workdays" => s.callback_workdays = n,
        _ => unreachable!("every key is matched"),
    }
    if key.per_channel {
        match channel {
            Some(c) => {
                s.per_channel.insert(c.label().to_string(), rules);
            }
            None => s.deadlines = rules,
        }
    }
    Ok(())
}

/// The settings as people read them, one line each, in Chinese.
pub fn describe(s: &Settings) -> String {
    let d = &s.deadlines;
    let rules = |r: &super::DeadlineRules| {
        [
            ("verify_hours_simple", r.verify_hours_simple),
            ("verify_workdays_complex", r.verify_workdays_complex),
            ("feedback_workdays", r.feedback_workdays),
            ("reinspect_workdays", r.reinspect_workdays),
        ]
        .into_iter()
        .map(|(name, v)| {
            let k = KEYS.iter().find(|k| k.name == name).expect("a key");
            format!("{}：{v} {}（{name}）", k.label, k.unit)
        })
        .collect::<Vec<_>>()
    };
    let code = match s.township_code.as_str() {
        "" => "未设置（settings code 150783101 这样设置，县里汇总时用）",
        code => code,
    };
    let mut out = vec![
        format!("执法队名称：{}", s.team_name()),
        format!("乡镇代码：{code}"),
    ];
    out.push("期限（所有渠道）：".into());
    out.extend(rules(d).into_iter().map(|l| format!("  {l}")));
    for (channel, r) in &s.per_channel {
        out.push(format!("期限（{channel}）："));
        out.extend(rules(r).into_iter().map(|l| format!("  {l}")));
    }
    out.push(format!(
        "按时率目标：{}%（on_time_target）",
        (s.on_time_target * 100.0).round()
    ));
    out.push(format!(
        "临期提醒：剩余不足 {} 小时（soon_hours）",
        s.soon_hours
    ));
    out.push(format!(
        "每件线索中止计时次数上限：{} 次（max_stops）",
        s.max_stops
    ));
    out.push(format!(
        "执法决定公示时限：{} 个工作日（publish_workdays）",
        s.publish_workdays
    ));
    out.push(format!(
        "办结后回访时限：{} 个工作日（callback_workdays）",
        s.callback_workdays
    ));
    out.push(format!(
        "转为临期或超期时响铃：{}（bell）",
        if s.bell { "开" } else { "关" }
    ));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonsense_is_refused_with_the_range_and_the_target_takes_three_forms() {
        let mut s = Settings::default();
        let err = set(&mut s, "verify_hours_simple", "0", None).unwrap_err();
        assert!(err.contains("1 到 168 小时"), "{err}");
        assert!(set(&mut s, "feedback_workdays", "1000", None).is_err());
        assert!(set(&mut s, "feedback_workdays", "七", None).is_err());
        assert_eq!(s, Settings::default(), "nothing changed");
        for v in ["0.95", "95", "95%"] {
            let mut s = Settings::default();
            set(&mut s, "on_time_target", v, None).unwrap();
            assert!((s.on_time_target - 0.95).abs() < 1e-9, "{v}");
        }
        assert!(set(&mut s, "on_time_target", "150%", None).is_err());
        assert!(set(&mut s, "on_time_target", "0.9", Some("信访")).is_err());
        set(&mut s, "verify_hours_simple", "12", Some("12345热线")).unwrap();
        assert_eq!(s.rules_for(Channel::Hotline).verify_hours_simple, 12);
        assert_eq!(s.deadlines.verify_hours_simple, 24);
        assert!(
            set(&mut s, "nonsense", "1", None)
                .unwrap_err()
                .contains("不认识")
        );
        let text = describe(&s);
        assert!(text.contains("一般线索核查时限：24 小时") && text.contains("期限（12345热线）"));
    }
}
