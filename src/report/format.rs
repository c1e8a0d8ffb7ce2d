//! Short Chinese renderings shared by the command line and the desk: countdowns, urgency.

/// 剩余 3时12分, 剩余 2天5时, 超期 1天2时, 超期 45分.
pub fn countdown(minutes: i64) -> String {
    let (word, m) = if minutes < 0 {
        ("超期", -minutes)
    } else {
        ("剩余", minutes)
    };
    let (d, h, min) = (m / 1440, m % 1440 / 60, m % 60);
    match (d, h) {
        (0, 0) => format!("{word} {min}分"),
        (0, _) => format!("{word} {h}时{min}分"),
        _ => format!("{word} {d}天{h}时"),
    }
}

/// How urgent a deadline is, with a text marker so it reads without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Overdue,
    Soon,
    /// Nothing pending is overdue, but a step was done late.
    WasLate,
    /// The clock is stopped (中止): nothing runs out while it waits.
    Stopped,
    Fine,
}

impl Urgency {
    /// Overdue below zero; soon within the warning window (`soon` minutes, a setting).
    pub fn of_minutes(minutes: Option<i64>, soon: i64) -> Urgency {
        match minutes {
            Some(m) if m < 0 => Urgency::Overdue,
            Some(m) if m < soon => Urgency::Soon,
            _ => Urgency::Fine,
        }
    }

    /// Overdue below zero; soon when due today or tomorrow.
    pub fn of_days(days: i64) -> Urgency {
        match days {
            d if d < 0 => Urgency::Overdue,
            0 | 1 => Urgency::Soon,
            _ => Urgency::Fine,
        }
    }

    /// The marker's word without brackets, for JSON: 超期 / 临期 / 曾超期 / 中止 / "".
    pub fn word(self) -> &'static str {
        self.marker().trim_matches(['[', ']'])
    }

    pub fn marker(self) -> &'static str {
        match self {
            Urgency::Overdue => "[超期]",
            Urgency::Soon => "[临期]",
            Urgency::WasLate => "[曾超期]",
            Urgency::Stopped => "[中止]",
            Urgency::Fine => "",
        }
    }
}

/// A complaint's timer as shown: its urgency and 剩余 3时12分 / 超期 1天2时 / 待结案, or
/// 中止 since when while its clock is stopped.
pub fn complaint_timer(
    remaining_minutes: Option<i64>,
    stopped_since: Option<chrono::NaiveDateTime>,
    overdue: bool,
    soon: i64,
) -> (Urgency, String) {
    if let Some(since) = stopped_since {
        return (
            Urgency::Stopped,
            format!("中止 自{}", since.format("%m-%d")),
        );
    }
    let u = match Urgency::of_minutes(remaining_minutes, soon) {
        Urgency::Overdue => Urgency::Overdue,
        _ if overdue => Urgency::WasLate,
        u => u,
    };
    let text = remaining_minutes.map_or_else(|| "待结案".to_string(), countdown);
    (u, text)
}

/// Where a complaint stands in a list: its timer while open; 曾超期 once closed if a step
/// was late.
pub fn complaint_marker(
    open: bool,
    (remaining_minutes, stopped_since): (Option<i64>, Option<chrono::NaiveDateTime>),
    overdue: bool,
    soon: i64,
) -> (Urgency, String) {
    if open {
        complaint_timer(remaining_minutes, stopped_since, overdue, soon)
    } else if overdue {
        (Urgency::WasLate, String::new())
    } else {
        (Urgency::Fine, String::new())
    }
}

/// A notice's re-inspection timer as shown: 复查超期 3 天 / 今日应复查 / 5 天后应复查.
pub fn notice_timer(days_left: i64) -> (Urgency, String) {
    let text = match days_left {
        d if d < 0 => format!("复查超期 {} 天", -d),
        0 => "今日应复查".to_string(),
        d => format!("{d} 天后应复查"),
    };
    (Urgency::of_days(days_left), text)
}

/// 未送达2天: an issued notice not yet served a day or more after issue (the dashboard, the
/// notice list and `today` all say it this way).
pub fn unserved_label(days: Option<i64>) -> Option<String> {
    days.map(|d| format!("未送达{d}天"))
}

/// Where a notice stands, as every place shows it (list, detail, dashboard): overdue while
/// open past its re-inspection date; 曾超期 when a re-inspection was once late (after a late
/// 延期 or 立案); the timer while open. One function, so no two places can disagree.
pub fn notice_marker(open: bool, late: bool, days_left: i64) -> (Urgency, String) {
    if open {
        let (u, text) = notice_timer(days_left);
        let u = match u {
            Urgency::Overdue => Urgency::Overdue,
            _ if late => Urgency::WasLate,
            u => u,
        };
        (u, text)
    } else if late {
        (Urgency::WasLate, "复查曾超期".into())
    } else {
        (Urgency::Fine, String::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdowns() {
        assert_eq!(countdown(3 * 60 + 12), "剩余 3时12分");
        assert_eq!(countdown(2 * 1440 + 5 * 60 + 59), "剩余 2天5时");
        assert_eq!(countdown(-(1440 + 2 * 60)), "超期 1天2时");
        assert_eq!(countdown(-45), "超期 45分");
        assert_eq!(countdown(0), "剩余 0分");
    }

    #[test]
    fn urgency_thresholds() {
        let soon = 4 * 60;
        assert_eq!(Urgency::of_minutes(Some(-1), soon), Urgency::Overdue);
        assert_eq!(Urgency::of_minutes(Some(60), soon), Urgency::Soon);
        // A new simple lead has 24 hours: it is not 临期 from the moment it is received.
        assert_eq!(Urgency::of_minutes(Some(24 * 60 - 1), soon), Urgency::Fine);
        assert_eq!(Urgency::of_minutes(Some(4 * 60), soon), Urgency::Fine);
        assert_eq!(Urgency::of_minutes(None, soon), Urgency::Fine);
        assert_eq!(Urgency::of_days(1), Urgency::Soon);
    }

    #[test]
    fn timers_mark_late_steps_and_pending_ones() {
        let soon = 4 * 60;
        assert_eq!(
            complaint_timer(Some(-5), None, true, soon).0,
            Urgency::Overdue
        );
        assert_eq!(
            complaint_timer(Some(100), None, true, soon).0,
            Urgency::WasLate
        );
        assert_eq!(
            complaint_timer(Some(100), None, false, soon).0,
            Urgency::Soon
        );
        assert_eq!(
            complaint_timer(Some(600), None, false, soon).0,
            Urgency::Fine
        );
        assert_eq!(
            complaint_timer(None, None, false, soon),
            (Urgency::Fine, "待结案".into())
        );
        assert_eq!(notice_timer(-3), (Urgency::Overdue, "复查超期 3 天".into()));
        assert_eq!(notice_timer(0), (Urgency::Soon, "今日应复查".into()));
        assert_eq!(notice_timer(5), (Urgency::Fine, "5 天后应复查".into()));
        // A late 延期 with a new deadline ahead, and a late 立案: 曾超期 in every place.
        assert_eq!(notice_marker(true, true, 5).0, Urgency::WasLate);
        assert_eq!(notice_marker(false, true, -3).0, Urgency::WasLate);
        assert_eq!(notice_marker(true, true, -1).0, Urgency::Overdue);
        assert_eq!(notice_marker(false, false, -3).0, Urgency::Fine);
    }
}
