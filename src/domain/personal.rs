//! Which values are personal (a reporter's name and phone), how they are shown masked, and how a
//! masked value that comes back keeps the stored one: the one place that decides all three.

use super::Complaint;

/// What kind of personal value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personal {
    Name,
    Phone,
}

/// The personal fields: stored column, the ledgers' header, and the kind.
pub const FIELDS: [(&str, &str, Personal); 2] = [
    ("reporter", "举报人", Personal::Name),
    ("phone", "联系电话", Personal::Phone),
];

/// The kind of personal value a stored column or a ledger header holds, if any.
pub fn kind(field: &str) -> Option<Personal> {
    FIELDS
        .iter()
        .find(|(col, header, _)| *col == field || *header == field)
        .map(|f| f.2)
}

/// Whether a stored column or a ledger header holds someone's name or phone.
pub fn is_personal(field: &str) -> bool {
    kind(field).is_some()
}

/// `value` as lists, exports, messages and the audit trail show it: masked unless `reveal`.
pub fn shown(kind: Personal, value: &str, reveal: bool) -> String {
    match (reveal, kind) {
        (true, _) => value.to_string(),
        (false, Personal::Name) => name(value),
        (false, Personal::Phone) => phone(value),
    }
}

impl Complaint {
    /// The reporter and phone as shown: masked unless `reveal` (which the caller audits).
    pub fn reporter_shown(&self, reveal: bool) -> (String, String) {
        (
            shown(Personal::Name, &self.reporter, reveal),
            shown(Personal::Phone, &self.phone, reveal),
        )
    }

    /// The lead with its reporter and phone masked (for the audit trail).
    pub fn masked(&self) -> Complaint {
        let (reporter, phone) = self.reporter_shown(false);
        Complaint {
            reporter,
            phone,
            ..self.clone()
        }
    }

    /// A masked reporter or phone that came back (from a masked export or a masked form field)
    /// never replaces what `old` holds.
    pub fn keep_personal_from(&mut self, old: &Complaint) {
        if is_masked(&self.reporter) {
            self.reporter = old.reporter.clone();
        }
        if is_masked(&self.phone) {
            self.phone = old.phone.clone();
        }
    }
}

/// 张三 → 张*, 欧阳小明 → 欧***; an empty name stays empty.
pub fn name(full: &str) -> String {
    let mut chars = full.trim().chars();
    match chars.next() {
        None => String::new(),
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
    }
}

/// 13912345678 → 139****5678; short numbers keep only their last two digits.
pub fn phone(full: &str) -> String {
    let chars: Vec<char> = full.trim().chars().collect();
    let n = chars.len();
    let (head, tail) = match n {
        0 => return String::new(),
        11.. => (3, 4),
        7..=10 => (2, 3),
        _ => (0, 2.min(n.saturating_sub(1))),
    };
    chars[..head]
        .iter()
        .chain(std::iter::repeat_n(&'*', n - head - tail))
        .chain(&chars[n - tail..])
        .collect()
}

/// A value that came back from a masked export.
pub fn is_masked(value: &str) -> bool {
    value.contains('*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_the_surname_only() {
        assert_eq!(name("张三"), "张*");
        assert_eq!(name("欧阳小明"), "欧***");
        assert_eq!(name(""), "");
    }

    #[test]
    fn phones_keep_prefix_and_last_four() {
        assert_eq!(phone("13912345678"), "139****5678");
        assert_eq!(phone("0470-3321234"), "047*****1234");
        assert_eq!(phone("3321234"), "33**234");
        assert_eq!(phone("5678"), "**78");
        assert!(is_masked(&phone("13912345678")));
        assert!(!phone("13912345678").contains("1234567"));
    }

    #[test]
    fn the_personal_fields_are_known_by_column_and_by_header() {
        assert_eq!(kind("reporter"), Some(Personal::Name));
        assert_eq!(kind("联系电话"), Some(Personal::Phone));
        assert!(!is_personal("description") && !is_personal("问题描述"));
        assert_eq!(shown(Personal::Phone, "13912345678", true), "13912345678");
        assert_eq!(shown(Personal::Name, "张三", false), "张*");
    }

    #[test]
    fn a_masked_value_that_comes_back_keeps_the_stored_one() {
        let old = Complaint {
            id: "TS-001".into(),
            received_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(8, 30, 0)
                .unwrap(),
            channel: crate::domain::Channel::Hotline,
            reporter: "张三".into(),
            phone: "13912345678".into(),
            area: None,
            matter: None,
            description: String::new(),
            complexity: crate::domain::Complexity::Simple,
            state: crate::domain::ComplaintState::Received,
            verified_at: None,
            result: String::new(),
            fed_back_at: None,
            closed_at: None,
            void_reason: String::new(),
            work: Default::default(),
        };
        let mut back = old.masked();
        assert_eq!(
            back.reporter_shown(true),
            ("张*".into(), "139****5678".into())
        );
        back.keep_personal_from(&old);
        assert_eq!(
            back.reporter_shown(true),
            ("张三".into(), "13912345678".into())
        );
        // A real new value is kept.
        let mut changed = Complaint {
            phone: "13800001111".into(),
            ..old.masked()
        };
        changed.keep_personal_from(&old);
        assert_eq!(
            (changed.reporter.as_str(), changed.phone.as_str()),
            ("张三", "13800001111")
        );
    }
}
