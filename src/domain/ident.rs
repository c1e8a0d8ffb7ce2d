//! What a 统一社会信用代码 and a 居民身份证号 are: their check digits, the one check every
//! form and importer makes, so a mistyped code is caught where it is typed.

/// The characters of a 统一社会信用代码 (GB 32100-2015), in value order: no I, O, S, V, Z.
const CREDIT_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECKS: &[u8; 11] = b"10X98765432";

/// An 18-character 统一社会信用代码 whose last character is its check character.
pub fn is_credit_code(code: &str) -> bool {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return false;
    }
    let value = |c: char| CREDIT_CHARS.find(c).map(|i| i as u32);
    let mut sum = 0;
    for (c, w) in chars[..17].iter().zip(CREDIT_WEIGHTS) {
        match value(*c) {
            Some(v) => sum += v * w,
            None => return false,
        }
    }
    let check = (31 - sum % 31) % 31;
    value(chars[17]) == Some(check)
}

/// An 18-digit 居民身份证号 whose last character (a digit or X) is its check character.
pub fn is_id_number(code: &str) -> bool {
    let b = code.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(ID_WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    b[17].to_ascii_uppercase() == ID_CHECKS[(sum % 11) as usize]
}

/// The refusal for `code` as the code of a subject that `is_person`, or None: a person is
/// identified by a 身份证号, a unit or business by its 统一社会信用代码. An empty code is
/// allowed (a stall keeper with no licence); a written one must be right.
pub fn problem(code: &str, is_person: bool) -> Option<&'static str> {
    let code = code.trim();
    if code.is_empty() {
        None
    } else if is_person {
        (!is_id_number(code)).then_some("不是有效的身份证号：应为 18 位，末位校验码须相符")
    } else {
        (!is_credit_code(code)).then_some(
            "不是有效的统一社会信用代码：应为 18 位数字或大写字母（不含 I、O、S、V、Z），末位校验码须相符",
        )
    }
}

/// A 身份证号 as a 公示 may show it: the first 6 and last 4 characters.
pub fn masked_id(code: &str) -> String {
    let chars: Vec<char> = code.trim().chars().collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len());
    }
    let (head, tail) = (&chars[..6], &chars[chars.len() - 4..]);
    let mut out: String = head.iter().collect();
    out.push_str(&"*".repeat(chars.len() - 10));
    out.extend(tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_credit_codes_hold_and_a_changed_character_does_not() {
        // Codes printed on public licences (a ministry and a listed company).
        for good in ["11100000000013127D", "91350100M000100Y43"] {
            assert!(is_credit_code(good), "{good}");
        }
        assert!(!is_credit_code("91350100M000100Y44"));
        assert!(
            !is_credit_code("91350100M000I00Y43"),
            "I is not a code character"
        );
        assert!(!is_credit_code("91350100M000100Y4"));
    }

    #[test]
    fn id_numbers_check_their_last_character() {
        // The example of GB 11643-1999.
        assert!(is_id_number("11010519491231002X"));
        assert!(is_id_number("11010519491231002x"));
        assert!(!is_id_number("110105194912310021"));
        assert_eq!(problem("11010519491231002X", true), None);
        assert!(problem("11010519491231002X", false).is_some());
        assert_eq!(masked_id("11010519491231002X"), "110105********002X");
    }
}
