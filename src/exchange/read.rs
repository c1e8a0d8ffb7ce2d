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

/// Decodes UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).map_err(|e| {
            format!(
                "文件以 UTF-8 标记开头，但第 {} 字节起不是有效的 UTF-8",
                e.utf8_error().valid_up_to() + 4
            )
        });
    }
    for (bom, enc) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = enc.decode_with_bom_removal(bytes);
            if had_errors {
                return Err("文件是 UTF-16 编码，但内容不完整或已损坏".into());
            }
            return Ok(text.into_owned());
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        return Err(
            "无法识别文件编码：既不是 UTF-8 也不是 GBK/GB18030（请在 Excel 中另存为“CSV UTF-8”）"
                .into(),
        );
    }
    Ok(text.into_owned())
}

/// Removes the leading ' that export puts before cells Excel would read as formulas.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Splits decoded text into a table; a file-level problem (no header, broken quoting) is returned.
pub fn parse(file: &str, text: &str) -> Result<Table, Vec<Problem>> {
    let problem = |line: u64, reason: String| Problem {
        file: file.to_string(),
        line,
        column: 0,
        header: String::new(),
        value: String::new(),
        reason,
    };
    if text.contains('\0') {
        let line = text[..text.find('\0').unwrap_or(0)].matches('\n').count() as u64 + 1;
        return Err(vec![problem(
            line,
            "文件中含有空字符（NUL），不是正常的 CSV 文本文件".into(),
        )]);
    }
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
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
                    format!("CSV 格式错误（引号不成对或行被截断）：{e}"),
                )]);
            }
        }
        let line = record
            .position()
            .map_or(line, |p| first_content_line(text, p));
        let cells: Vec<String> = record.iter().map(|c| unguard(c).to_string()).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if headers.is_none() {
            headers = Some(cells.iter().map(|h| h.trim().to_string()).collect());
        } else {
            rows.push(RawRow { line, cells });
        }
    }
    let headers = headers.ok_or_else(|| vec![problem(1, "文件是空的，没有表头".into())])?;
    Ok(Table {
        file: file.to_string(),
        headers,
        rows,
    })
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
