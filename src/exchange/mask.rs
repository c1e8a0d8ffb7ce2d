//! Masking reporters' names and phones for lists and exports that leave the team.

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
}
