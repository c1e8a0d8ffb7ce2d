//! Text on its way to a terminal: control characters, bidirectional overrides and zero-width
//! characters are shown escaped (`\u{1B}`), never sent raw.

use std::borrow::Cow;

/// What kind of character must never reach a terminal raw, if `c` is one.
pub fn hazard(c: char) -> Option<&'static str> {
    match c {
        '\n' | '\t' => None,
        c if c.is_control() => Some("控制字符"),
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Some("文字方向控制字符"),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some("零宽字符"),
        _ => None,
    }
}

/// `text` with every hazardous character written as `\u{..}`; line breaks and tabs stay.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| hazard(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hazard(c).is_some() {
            out.push_str(&format!("\\u{{{:X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// As `printable`, on one line: line breaks and tabs are escaped too.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\r', '\t']) {
        return printable(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push_str(&printable(c.encode_utf8(&mut [0; 4]))),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_act_on_and_keeps_chinese() {
        assert_eq!(printable("王强"), "王强");
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1B}[2Jb");
        assert_eq!(
            printable("\u{1b}]52;c;aGk=\u{7}"),
            "\\u{1B}]52;c;aGk=\\u{7}"
        );
        assert_eq!(
            printable("x\u{202E}y\u{200B}z\u{9b}"),
            "x\\u{202E}y\\u{200B}z\\u{9B}"
        );
        assert_eq!(printable("两行\n文字\t"), "两行\n文字\t");
        assert_eq!(one_line("两行\n文字\r"), "两行\\n文字\\u{D}");
    }
}
