//! Reading a CSV file as Excel or WPS saved it: detect the encoding, split rows, keep line numbers.

use crate::error::Problem;

/// A parsed file: its header cells and its non-blank rows with their physical line numbers.
pub struct Table {
    pub file: String,
    pub headers: Vec<String>,
    pub rows: Vec<RawRow>,
}

pub struct RawRow {
    pub line: u64,
    pub cells: Vec<String>,
}

/// Bytes that do not decode: where they start, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBytes {
    pub at: usize,
    pub reason: String,
}

impl BadBytes {
    /// The physical line and the column (cells counted by `,` or tab) of the bad bytes.
    pub fn place(&self, bytes: &[u8]) -> (u64, usize) {
        let before = &bytes[..self.at.min(bytes.len())];
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n' || *b == b'\r')
            .map_or(0, |i| i + 1);
        let line = line_breaks(before) + 1;
        let column = before[line_start..]
            .iter()
            .filter(|b| **b == b',' || **b == b'\t')
            .count()
            + 1;
        (line, column)
    }
}

const SAVE_AS_UTF8: &str = "请在 Excel / WPS 中另存为“CSV UTF-8”后再导入";

/// Decodes UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK. A file that is UTF-8
/// up to some line and something else after it is refused there, not read as GBK mojibake.
pub fn decode(bytes: &[u8]) -> Result<String, BadBytes> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, 3, true);
    }
    for (bom, enc) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = enc.decode_with_bom_removal(bytes);
            if had_errors {
                return Err(BadBytes {
                    at: 0,
                    reason: "文件是 UTF-16 编码，但内容不完整或已损坏".into(),
                });
            }
            return Ok(text.into_owned());
        }
    }
    match utf8(bytes, 0, false) {
        Ok(text) => Ok(text),
        Err(bad) if !bad.reason.is_empty() => Err(bad),
        Err(_) => gb18030(bytes),
    }
}

/// UTF-8 from `offset`; an error with an empty reason means "try GBK instead".
fn utf8(bytes: &[u8], offset: usize, sure: bool) -> Result<String, BadBytes> {
    let e = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_string()),
        Err(e) => e,
    };
    let at = e.valid_up_to();
    let valid = std::str::from_utf8(&bytes[..at]).unwrap_or("");
    // Headers are Chinese: a UTF-8 file shows many CJK characters before any stray byte.
    let cjk = valid
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let reason = if e.error_len().is_none() && (sure || cjk >= 4) {
        "文件末尾的字符不完整，文件可能被截断（未保存完或复制时中断）".to_string()
    } else if sure || cjk >= 4 {
        format!("这里的文字不是 UTF-8 编码，而文件前面是 UTF-8：文件混用了编码，{SAVE_AS_UTF8}")
    } else {
        String::new()
    };
    Err(BadBytes {
        at: offset + at,
        reason,
    })
}

fn gb18030(bytes: &[u8]) -> Result<String, BadBytes> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 3 / 2);
    let mut read = 0;
    loop {
        let need = decoder
            .max_utf8_buffer_length_without_replacement(bytes.len() - read)
            .unwrap_or(bytes.len() * 3);
        text.reserve(need);
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Ok(text),
            encoding_rs::DecoderResult::OutputFull => continue,
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                return Err(BadBytes {
                    at: read.saturating_sub(usize::from(bad)),
                    reason: format!(
                        "无法识别文件编码：既不是 UTF-8 也不是 GBK/GB18030，{SAVE_AS_UTF8}"
                    ),
                });
            }
        }
    }
}

/// A cell Excel or WPS would run as a formula. A sign before a number (+86 139…, -5) is text.
pub fn looks_like_formula(cell: &str) -> bool {
    let c = cell.trim_start();
    match c.chars().next() {
        Some('=' | '@') => true,
        Some('+' | '-') => !c[1..]
            .chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, ' ' | '-' | '.')),
        _ => false,
    }
}

/// Removes the leading ' that export puts before cells Excel would read as formulas.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Line breaks in `bytes` as people count them: LF, CRLF, and a CR alone (old Mac files).
fn line_breaks(bytes: &[u8]) -> u64 {
    let mut n = 0;
    for (i, b) in bytes.iter().enumerate() {
        n += u64::from(*b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')));
    }
    n
}

/// Every line break written as LF, so lines count the same whatever saved the file.
fn one_newline(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Splits decoded text into a table; a file-level problem (no header, broken quoting) is returned.
pub fn parse(file: &str, text: &str) -> Result<Table, Vec<Problem>> {
    let text = &*one_newline(text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let headers_line: Vec<&str> = first_line.split(delimiter as char).collect();
    let problem = |line: u64, column: usize, reason: String| Problem {
        file: file.to_string(),
        line,
        column,
        header: headers_line
            .get(column.wrapping_sub(1))
            .map_or_else(String::new, |h| h.trim().to_string()),
        value: String::new(),
        reason,
    };
    if headers_line.len() > MAX_COLUMNS {
        return Err(vec![problem(
            1,
            MAX_COLUMNS + 1,
            format!(
                "表头有 {} 列，台账最多 {MAX_COLUMNS} 列；这不是本程序导出的台账",
                headers_line.len()
            ),
        )]);
    }
    if let Some(at) = text.find('\0') {
        let (line, column) = place(text, at, delimiter);
        return Err(vec![problem(
            line,
            column,
            "含有空字符（NUL），这不是正常的 CSV 文本文件".into(),
        )]);
    }
    if let Some((line, column)) = unclosed_quote(text, delimiter) {
        return Err(vec![problem(
            line,
            column,
            "引号不成对：这里开始的引号直到文件末尾都没有结束".into(),
        )]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut headers = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
                return Err(vec![problem(
                    line,
                    0,
                    format!("CSV 格式错误（引号不成对或行被截断）：{e}"),
                )]);
            }
        }
        let line = record
            .position()
            .map_or(line, |p| first_content_line(text, p));
        let cells: Vec<String> = record.iter().map(|c| unguard(c).to_string()).collect();
        // A guarded cell (' before it, as export writes) is text and was unguarded above.
        if headers.is_some()
            && let Some(i) = record.iter().position(looks_like_formula)
        {
            return Err(vec![problem(
                line,
                i + 1,
                "以 = + - @ 开头，像是电子表格公式，不能作为台账内容导入；\
                 如确是文字，请在开头加英文单引号 '"
                    .into(),
            )]);
        }
        if let Some((i, why)) = cells
            .iter()
            .enumerate()
            .find_map(|(i, c)| hidden(c).map(|w| (i, w)))
        {
            return Err(vec![problem(line, i + 1, why)]);
        }
        if let Some(i) = cells
            .iter()
            .position(|c| c.chars().count() > MAX_CELL_CHARS)
        {
            let n = cells[i].chars().count();
            return Err(vec![problem(
                line,
                i + 1,
                format!("内容过长（{n} 字），一个单元格最多 {MAX_CELL_CHARS} 字"),
            )]);
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if headers.is_none() {
            headers = Some(cells.iter().map(|h| h.trim().to_string()).collect());
        } else {
            rows.push(RawRow { line, cells });
        }
    }
    let headers = headers.ok_or_else(|| vec![problem(1, 0, "文件是空的，没有表头".into())])?;
    Ok(Table {
        file: file.to_string(),
        headers,
        rows,
    })
}

/// Why a cell may not be imported as it is: a character that would act on a terminal or hide
/// itself (controls other than tab and line break, direction overrides). Zero-width characters
/// are refused in keys and codes (`Cells::key`), where they make two equal-looking keys differ.
fn hidden(cell: &str) -> Option<String> {
    let c = cell
        .chars()
        .find(|c| *c == '\r' || (crate::text::hazard(*c).is_some() && !is_zero_width(*c)))?;
    Some(format!(
        "含有不可见的{}（U+{:04X}），多半是从网页或聊天软件复制来的；请删去后再导入",
        crate::text::hazard(c).unwrap_or("控制字符"),
        c as u32
    ))
}

pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// No ledger cell needs more; a longer one is a broken file (or an attack), not a record.
pub const MAX_CELL_CHARS: usize = 4000;
/// Far more than any ledger has; a wider header is not a ledger.
pub const MAX_COLUMNS: usize = 100;

/// The physical line and the column of byte `at` (cells counted by the delimiter).
fn place(text: &str, at: usize, delimiter: u8) -> (u64, usize) {
    let before = &text.as_bytes()[..at];
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let column = before[start..].iter().filter(|b| **b == delimiter).count() + 1;
    (line, column)
}

/// Where a quoted cell opens that never closes, if one does (csv would read it to the end).
fn unclosed_quote(text: &str, delimiter: u8) -> Option<(u64, usize)> {
    let b = text.as_bytes();
    let (mut line, mut column, mut at_start) = (1u64, 1usize, true);
    let mut open: Option<(u64, usize)> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if open.is_some() {
            match c {
                b'"' if b.get(i + 1) == Some(&b'"') => i += 1,
                b'"' => open = None,
                b'\n' => line += 1,
                _ => {}
            }
        } else if c == b'"' && at_start {
            open = Some((line, column));
        } else if c == delimiter {
            column += 1;
            at_start = true;
            i += 1;
            continue;
        } else if c == b'\n' {
            line += 1;
            column = 1;
            at_start = true;
            i += 1;
            continue;
        }
        at_start = false;
        i += 1;
    }
    open
}

/// csv reports where it started reading, before any blank lines it skipped; people want the
/// line the row is actually on.
fn first_content_line(text: &str, pos: &csv::Position) -> u64 {
    let bytes = text.as_bytes();
    let (mut line, mut at) = (pos.line(), pos.byte() as usize);
    while let Some(&b) = bytes.get(at) {
        match b {
            b'\n' => line += 1,
            b'\r' => {}
            _ => break,
        }
        at += 1;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_plain_utf8_and_gbk() {
        let text = "工号,姓名\r\nW1,王强\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        for bytes in [text.as_bytes().to_vec(), bom, gbk.into_owned()] {
            assert_eq!(decode(&bytes).unwrap(), text);
        }
    }

    #[test]
    fn truncated_utf8_after_a_bom_is_refused() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(&"王".as_bytes()[..2]);
        assert!(decode(&bytes).is_err());
    }

    #[test]
    fn lines_are_physical_and_blank_rows_skipped() {
        let t = parse("a.csv", "工号,备注\n\nW1,\"两行\n文字\"\n,\nW2,x\n").unwrap();
        assert_eq!(t.headers, ["工号", "备注"]);
        let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 6]);
    }

    #[test]
    fn lines_count_the_same_in_cr_only_and_mixed_files() {
        for text in [
            "工号,备注\rW1,a\rW2,b\r",
            "工号,备注\r\nW1,a\nW2,b\r",
            "工号,备注\nW1,a\r\nW2,b\n",
        ] {
            let t = parse("m.csv", text).unwrap();
            let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
            assert_eq!(lines, [2, 3], "{text:?}");
        }
        let bad = BadBytes {
            at: 20,
            reason: String::new(),
        };
        assert_eq!(bad.place("工号,备注\rW1,a\rW2".as_bytes()).0, 3);
    }

    #[test]
    fn formula_guard_is_stripped_only_before_formula_characters() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'-5"), "-5");
        assert_eq!(unguard("'普通"), "'普通");
    }

    #[test]
    fn unbalanced_quotes_and_nul_bytes_name_a_line() {
        let err = parse("b.csv", "a,b\n1,2\n3,\"4\n").err();
        // csv treats an unclosed quote at EOF as the rest of the file; a NUL is refused outright.
        assert!(err.is_none() || err.unwrap()[0].line >= 3);
        let err = parse("c.csv", "a,b\n1,2\n3,\0\n").err().unwrap();
        assert_eq!(err[0].line, 3);
    }
}
