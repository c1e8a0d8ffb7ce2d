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
        // Not characters at all; XML 1.0 cannot hold them, so a paper with one is broken.
        '\u{FFFE}' | '\u{FFFF}' => Some("非字符（文书无法容纳）"),
        _ => None,
    }
}

/// Whether any character of `text` is a `hazard`, read a byte at a time: a hazard is an ASCII
/// control or starts with one of four lead bytes (C1 controls, U+061C, U+2xxx, U+FExx-U+FFxx),
/// so nearly all of a Chinese text is passed over without decoding it (`today --json` screens
/// megabytes of it).
pub fn has_hazard(text: &str) -> bool {
    let suspect = |b: u8| {
        (b < 0x20 && b != b'\n' && b != b'\t') | matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF)
    };
    // A chunk is passed whole when none of its bytes is suspect (a loop the compiler
    // vectorises); only a suspect chunk is read a character at a time.
    const CHUNK: usize = 64;
    let bytes = text.as_bytes();
    (0..bytes.len()).step_by(CHUNK).any(|start| {
        let chunk = &bytes[start..(start + CHUNK).min(bytes.len())];
        chunk.iter().fold(false, |any, &b| any | suspect(b))
            && chunk.iter().enumerate().any(|(i, &b)| {
                suspect(b)
                    && (b < 0x80 || text[start + i..].chars().next().and_then(hazard).is_some())
            })
    })
}

/// A path as people read it and type it into an open dialog: Windows' `\\?\` prefix left
/// off, and nothing in it that acts on a terminal.
pub fn path(p: &std::path::Path) -> String {
    let shown = p.display().to_string();
    let shown = shown.strip_prefix(r"\\?\").unwrap_or(&shown);
    printable(shown).into_owned()
}

/// A path as the audit stores it: one form on every platform (forward slashes), so the same
/// day's work chains to the same hashes on Windows and Linux.
pub fn audit_path(p: &std::path::Path) -> String {
    p.display().to_string().replace('\\', "/")
}

/// `text` with every hazardous character written as `\u{..}`; line breaks (LF and CRLF)
/// and tabs stay.
pub fn printable(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars().peekable();
    let mut first_bad = None;
    let mut at = 0;
    while let Some(c) = chars.next() {
        let crlf = c == '\r' && chars.peek() == Some(&'\n');
        if hazard(c).is_some() && !crlf {
            first_bad = Some(at);
            break;
        }
        at += c.len_utf8();
    }
    let Some(start) = first_bad else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..start]);
    let mut chars = text[start..].chars().peekable();
    while let Some(c) = chars.next() {
        let crlf = c == '\r' && chars.peek() == Some(&'\n');
        if hazard(c).is_some() && !crlf {
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

/// Pretty JSON made safe to print: serde_json escapes C0 controls itself; DEL, C1 controls,
/// direction overrides and zero-width characters become `\uXXXX` escapes, still valid JSON.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    if !has_hazard(json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if hazard(c).is_some() {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", u));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value that may be a phone number, whatever column it came from: a run of seven or more
/// digits, a mobile or landline written in groups (139 1234 5678, (0470)332-1234), or a number
/// Excel turned into 1.39047E+10. Dates and ledger keys (2026-11-24, TS-2026-0041) are not.
pub fn looks_like_phone(value: &str) -> bool {
    let is_part = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '（' | '）');
    let grouped = value.split(|c: char| !is_part(c)).any(|token| {
        let token = token.trim_matches(|c: char| matches!(c, ' ' | '-'));
        let digits = token.chars().filter(char::is_ascii_digit).count();
        let longest = token
            .split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .max()
            .unwrap_or(0);
        longest >= 7 || ((10..=13).contains(&digits) && token.starts_with(['1', '0', '(', '（']))
    });
    let v = value.trim().to_ascii_uppercase();
    let exponent = v.split_once("E+").is_some_and(|(m, e)| {
        !m.is_empty()
            && m.chars().all(|c| c.is_ascii_digit() || c == '.')
            && !e.is_empty()
            && e.chars().all(|c| c.is_ascii_digit())
    });
    grouped || exponent
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_byte_screen_finds_every_hazard_and_nothing_else() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("执法{c}队");
            assert_eq!(has_hazard(&text), hazard(c).is_some(), "{:04X}", c as u32);
        }
        assert!(!has_hazard("行\n政\t执法，（ａ）"));
    }

    #[test]
    fn a_path_is_shown_plain_and_audited_in_one_form() {
        let p = format!(r"\\?\C:\文书\a{}[2J.docx", '\u{1b}');
        assert_eq!(path(std::path::Path::new(&p)), r"C:\文书\a\u{1B}[2J.docx");
        let w = std::path::Path::new(r"文书\移送函.docx");
        assert_eq!(audit_path(w), "文书/移送函.docx");
    }

    use super::*;

    #[test]
    fn phone_like_values_are_recognised_whatever_their_column() {
        for v in [
            "13912345678",
            "0470-3321234",
            "139 1234 5678",
            "1.39047E+10",
            "(0470)3321234",
        ] {
            assert!(looks_like_phone(v), "{v}");
        }
        for v in [
            "TS-2026-0041",
            "2026-11-24 08:30",
            "卧执整〔2026〕第16号",
            "W001",
            "123456",
        ] {
            assert!(!looks_like_phone(v), "{v}");
        }
    }

    #[test]
    fn json_stays_valid_with_hazards_escaped() {
        let raw = serde_json::to_string(&"a\u{202E}b\u{9b}c\u{1b}").unwrap();
        let safe = json_safe(&raw);
        assert!(!safe.chars().any(|c| hazard(c).is_some()), "{safe}");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{202E}b\u{9b}c\u{1b}");
    }

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
        assert_eq!(printable("行\r\n行\r"), "行\r\n行\\u{D}");
    }
}
