//! Deadlines moved by a new calendar (a year's arrangement imported) or new settings: which
//! record, which deadline, from what to what, and whether its overdue verdict changed with it.

use chrono::NaiveDateTime;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    pub noun: &'static str,
    pub key: String,
    /// The deadline's column header: 核查期限.
    pub field: &'static str,
    pub old: String,
    pub new: String,
    /// Overdue before and after, at the time of the change, where that changed.
    pub verdict: Option<(bool, bool)>,
}

impl Moved {
    pub fn of(
        (noun, key, field): (&'static str, &str, &'static str),
        (old, new): (String, String),
        (was_overdue, is_overdue): (bool, bool),
    ) -> Option<Moved> {
        (old != new).then(|| Moved {
            noun,
            key: key.to_string(),
            field,
            old,
            new,
            verdict: (was_overdue != is_overdue).then_some((was_overdue, is_overdue)),
        })
    }
}

impl std::fmt::Display for Moved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {} {} → {}",
            self.noun, self.key, self.field, self.old, self.new
        )?;
        match self.verdict {
            Some((true, false)) => write!(f, "，由超期变为未超期"),
            Some((false, true)) => write!(f, "，由未超期变为超期"),
            _ => Ok(()),
        }
    }
}

/// A deadline as a ledger writes it, with 暂定 where it is.
pub fn shown(at: NaiveDateTime, provisional: bool, date_only: bool) -> String {
    let text = if date_only {
        at.date().to_string()
    } else {
        at.format("%Y-%m-%d %H:%M").to_string()
    };
    if provisional {
        format!("{text}（暂定）")
    } else {
        text
    }
}
