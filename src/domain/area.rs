//! Patrol areas and their interval (每日 / 每周 / 每N日).

use serde::Serialize;

labelled_enum!(AreaKind {
    MainStreet => "集镇主干道",
    KeyArea => "重点区域",
    Village => "行政村",
    Ordinary => "一般区域",
});

impl AreaKind {
    /// The plan's rule: main streets and key areas daily, villages and ordinary areas weekly.
    pub fn default_interval(self) -> PatrolInterval {
        match self {
            AreaKind::MainStreet | AreaKind::KeyArea => PatrolInterval(1),
            AreaKind::Village | AreaKind::Ordinary => PatrolInterval(7),
        }
    }
}

/// Days allowed between two patrols of an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PatrolInterval(pub u32);

impl PatrolInterval {
    pub fn days(self) -> u32 {
        self.0
    }

    pub fn label(self) -> String {
        match self.0 {
            1 => "每日".into(),
            7 => "每周".into(),
            n => format!("每{n}日"),
        }
    }

    /// Accepts 每日 / 每天, 每周, 每N日 / 每N天 (N from 1 to 366).
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        match t {
            "每日" | "每天" => return Some(PatrolInterval(1)),
            "每周" => return Some(PatrolInterval(7)),
            _ => {}
        }
        let n = t.strip_prefix('每')?;
        let n = n.strip_suffix('日').or_else(|| n.strip_suffix('天'))?;
        let n: u32 = n.trim().parse().ok()?;
        (1..=366).contains(&n).then_some(PatrolInterval(n))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Area {
    /// 区域编号, the key.
    pub id: String,
    pub name: String,
    pub kind: AreaKind,
    pub interval: PatrolInterval,
    pub village: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_parse_and_print_back() {
        for (text, days) in [("每日", 1), ("每周", 7), ("每3日", 3), ("每 10 天", 10)] {
            assert_eq!(
                PatrolInterval::parse(text),
                Some(PatrolInterval(days)),
                "{text}"
            );
        }
        assert_eq!(PatrolInterval(3).label(), "每3日");
        assert_eq!(PatrolInterval(7).label(), "每周");
        for bad in ["每0日", "三天", "每月", ""] {
            assert_eq!(PatrolInterval::parse(bad), None, "{bad}");
        }
    }
}
