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
    Fine,
}

impl Urgency {
    /// Overdue below zero; soon within 24 hours.
    pub fn of_minutes(minutes: Option<i64>) -> Urgency {
        match minutes {
            Some(m) if m < 0 => Urgency::Overdue,
            Some(m) if m < 24 * 60 => Urgency::Soon,
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

    pub fn marker(self) -> &'static str {
        match self {
            Urgency::Overdue => "[超期]",
            Urgency::Soon => "[临期]",
            Urgency::Fine => "",
        }
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
        assert_eq!(Urgency::of_minutes(Some(-1)), Urgency::Overdue);
        assert_eq!(Urgency::of_minutes(Some(60)), Urgency::Soon);
        assert_eq!(Urgency::of_minutes(Some(24 * 60)), Urgency::Fine);
        assert_eq!(Urgency::of_minutes(None), Urgency::Fine);
        assert_eq!(Urgency::of_days(1), Urgency::Soon);
    }
}
