//! What a phone number is: the one check the desk, the importer and the store all make.

pub const NOT_A_PHONE: &str = "不是有效的电话号码：应为 11 位手机号，或带区号的固定电话\
     （如 0470-3321234，分机写在后面：0470-3321234-801）";

/// A mainland mobile (optionally +86), or a landline with its area code and an optional
/// extension.
pub fn is_phone(t: &str) -> bool {
    let t = t.trim();
    let t = t
        .strip_prefix("+86")
        .or_else(|| t.strip_prefix("86 "))
        .map_or(t, str::trim_start);
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '转'))
    {
        return false;
    }
    // 13904701234, 139 0470 1234, 139-0470-1234.
    let digits: String = t.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let mobile = digits.len() == 11 && digits.bytes().all(|b| b.is_ascii_digit());
    if mobile && digits.starts_with('1') && digits.as_bytes()[1] >= b'3' {
        return true;
    }
    // 0470-3321234, (0470)3321234, 010 12345678, 0470-3321234-801, 0470-3321234转801.
    let main = t.split('转').next().unwrap_or(t);
    let groups: Vec<String> = main
        .split(['-', ' ', '(', ')'])
        .filter(|g| !g.is_empty())
        .map(str::to_string)
        .collect();
    let landline = |area: &str, number: &str| {
        area.starts_with('0') && (3..=4).contains(&area.len()) && (7..=8).contains(&number.len())
    };
    match groups.as_slice() {
        [one] => (11..=12).contains(&one.len()) && one.starts_with('0'),
        [area, number] | [area, number, _] => landline(area, number),
        _ => false,
    }
}

/// The refusal for phone `t` replacing `stored`, or None: a phone is not required, and one
/// stored before this check may stay as it is, but a new or changed one must be a phone.
pub fn problem(t: &str, stored: Option<&str>) -> Option<&'static str> {
    let unchanged = stored.is_some_and(|s| s.trim() == t.trim());
    (!t.trim().is_empty() && !unchanged && !is_phone(t)).then_some(NOT_A_PHONE)
}
