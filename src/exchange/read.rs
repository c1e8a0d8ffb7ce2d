//! Reading a CSV file as Excel or WPS saved it, one row at a time: header first, then each
//! non-blank row with its physical line number; a row that cannot be a ledger row stops it.

use std::io::Read;

use super::header::{self, TITLE_ROWS, Wanted};
use super::stream::{Decoded, stop_of};
use super::value::Value;
use crate::error::Problem;

/// A file's name and header cells (the rows stream from `Rows`).
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub file: String,
    /// The worksheet read, for a workbook; empty for CSV.
    pub sheet: String,
    pub headers: Vec<String>,
    /// The row the header is on: 1 unless title rows sit above it.
    pub header_line: u64,
    pub rows: Vec<RawRow>,
    /// Read as GBK: characters GBK lacks came back as `?` if the file passed through Excel.
    pub gbk: bool,
}

#[derive(Debug, Clone)]
pub struct RawRow {
    /// The physical line of a CSV file, or the sheet row of a workbook.
    pub line: u64,
    pub cells: Vec<Value>,
}

/// No ledger cell needs more; a longer one is a broken file (or an attack), not a record.
pub const MAX_CELL_CHARS: usize = 4000;
/// Far more than any ledger has; a wider header is not a ledger.
pub const MAX_COLUMNS: usize = 100;

/// The rows of a CSV file, read as they are needed.
pub struct Rows<R: Read> {
    file: String,
    headers: Vec<String>,
    header_line: u64,
    reader: csv::Reader<Decoded<R>>,
    record: csv::StringRecord,
    /// Rows read while looking for the header, still to hand out.
    pending: std::collections::VecDeque<(u64, csv::StringRecord)>,
}

impl<R: Read> Rows<R> {
    /// Reads the header row of `input` (its first row); `file` names it in problems.
    pub fn open(file: &str, input: R) -> Result<Rows<R>, Problem> {
        Self::open_as(file, input, None)
    }

    /// As `open`, for a ledger a clerk may have titled: the header is the first row that
    /// names the ledger's columns, below up to `TITLE_ROWS` title rows.
    pub fn open_ledger(file: &str, input: R, wanted: &Wanted) -> Result<Rows<R>, Problem> {
        Self::open_as(file, input, Some(wanted))
    }

    fn open_as(file: &str, input: R, wanted: Option<&Wanted>) -> Result<Rows<R>, Problem> {
        let decoded = Decoded::new(input).map_err(|e| io_problem(file, &[], &e, 1))?;
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(decoded.delimiter())
            .from_reader(decoded);
        let mut rows = Rows {
            file: file.to_string(),
            headers: Vec::new(),
            header_line: 1,
            reader,
            record: csv::StringRecord::new(),
            pending: Default::default(),
        };
        let looked = if wanted.is_some() { TITLE_ROWS + 1 } else { 1 };
        while rows.pending.len() < looked {
            match rows.next_record()? {
                Some(line) => rows.pending.push_back((line, rows.record.clone())),
                None => break,
            }
        }
        let at = wanted
            .and_then(|w| rows.pending.iter().position(|(_, r)| w.is_header(r)))
            .or_else(|| rows.pending.iter().position(|(_, r)| header::fallback(r)))
            .unwrap_or(0);
        if rows.pending.is_empty() {
            return Err(rows.problem(1, 0, "文件是空的，没有表头".into()));
        }
        rows.pending.drain(..at);
        let (line, header) = rows.pending.pop_front().expect("a row at `at`");
        if header.len() > MAX_COLUMNS {
            let reason = format!(
                "表头有 {} 列，台账最多 {MAX_COLUMNS} 列；这不是本程序导出的台账",
                header.len()
            );
            return Err(rows.problem(line, MAX_COLUMNS + 1, reason));
        }
        rows.headers = header.iter().map(|c| c.trim().to_string()).collect();
        rows.header_line = line;
        Ok(rows)
    }

    /// The file's name and header cells, for column lookups and messages.
    pub fn table(&self) -> Table {
        Table {
            file: self.file.clone(),
            headers: self.headers.clone(),
            header_line: self.header_line,
            gbk: self.reader.get_ref().is_gbk(),
            ..Table::default()
        }
    }

    /// The next non-blank row; None at the end; a problem ends the file.
    pub fn data_row(&mut self) -> Result<Option<RawRow>, Problem> {
        let line = match self.pending.pop_front() {
            Some((line, record)) => {
                self.record = record;
                line
            }
            None => match self.next_record()? {
                Some(line) => line,
                None => return Ok(None),
            },
        };
        // A cell a spreadsheet would run as a formula is marked; the import accepts it only
        // where it equals what is stored (Excel drops the guard apostrophe on save).
        let cells = self.record.iter().map(guarded).collect();
        Ok(Some(RawRow { line, cells }))
    }

    fn problem(&self, line: u64, column: usize, reason: String) -> Problem {
        Problem {
            file: self.file.clone(),
            sheet: String::new(),
            line,
            column,
            header: header(&self.headers, column),
            value: String::new(),
            reason,
        }
    }

    /// Reads the next non-blank record into `self.record`: its first line, or None at the end.
    fn next_record(&mut self) -> Result<Option<u64>, Problem> {
        loop {
            let end = match self.reader.read_record(&mut self.record) {
                Ok(false) => return Ok(None),
                Ok(true) => self.reader.position().line(),
                Err(e) => return Err(self.csv_problem(e)),
            };
            // Every record ends with a line break (the stream adds one at the end), so its
            // first line is the one after it, less the breaks inside its quoted cells.
            let inner: u64 = self
                .record
                .iter()
                .map(|c| c.bytes().filter(|b| *b == b'\n').count() as u64)
                .sum();
            let line = end - 1 - inner;
            if let Some((i, why)) = self.refusal() {
                return Err(self.problem(line, i + 1, why));
            }
            if self.record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            return Ok(Some(line));
        }
    }

    /// Why the current record cannot be a ledger row, and at which cell.
    fn refusal(&self) -> Option<(usize, String)> {
        for (i, c) in self.record.iter().enumerate() {
            if c.contains('\0') {
                return Some((i, "含有空字符（NUL），这不是正常的 CSV 文本文件".into()));
            }
            if let Some(why) = hidden(c) {
                return Some((i, why));
            }
            let n = unguard(c).chars().count();
            if n > MAX_CELL_CHARS {
                return Some((
                    i,
                    format!("内容过长（{n} 字），一个单元格最多 {MAX_CELL_CHARS} 字"),
                ));
            }
        }
        None
    }

    fn csv_problem(&self, e: csv::Error) -> Problem {
        let line = e.position().map_or(0, |p| p.line());
        match e.into_kind() {
            csv::ErrorKind::Io(io) => io_problem(&self.file, &self.headers, &io, line),
            _ => self.problem(line, 0, "CSV 格式错误（引号不成对或行被截断）".into()),
        }
    }
}

fn header(headers: &[String], column: usize) -> String {
    headers
        .get(column.wrapping_sub(1))
        .map_or_else(String::new, |h| h.trim().to_string())
}

/// A problem from reading the file itself: bad bytes or an open quote where the stream
/// stopped, or the operating system's failure.
fn io_problem(file: &str, headers: &[String], e: &std::io::Error, line: u64) -> Problem {
    match stop_of(e) {
        Some(s) => Problem {
            file: file.to_string(),
            sheet: String::new(),
            line: s.line,
            column: s.column,
            header: header(headers, s.column),
            value: String::new(),
            reason: s.reason.clone(),
        },
        None => Problem {
            file: file.to_string(),
            sheet: String::new(),
            line,
            column: 0,
            header: String::new(),
            value: String::new(),
            reason: crate::Error::io(file, std::io::Error::new(e.kind(), e.to_string()))
                .to_string(),
        },
    }
}

/// A whole small file as a table (tests and fuzzing); the importer streams with `Rows`.
pub fn parse(file: &str, text: &str) -> Result<Table, Vec<Problem>> {
    let mut rows = Rows::open(file, text.as_bytes()).map_err(|p| vec![p])?;
    let mut table = rows.table();
    while let Some(row) = rows.data_row().map_err(|p| vec![p])? {
        table.rows.push(row);
    }
    Ok(table)
}

/// Why a cell may not be imported as it is: a character that would act on a terminal or hide
/// itself (controls other than tab and line break, direction overrides). Zero-width characters
/// are refused in keys and codes (`Cells::key`), where they make two equal-looking keys differ.
pub fn hidden(cell: &str) -> Option<String> {
    let c = cell
        .chars()
        .find(|c| *c != '\0' && crate::text::hazard(*c).is_some() && !is_zero_width(*c))?;
    Some(format!(
        "含有不可见的{}（U+{:04X}），多半是从网页或聊天软件复制来的；请删去后再导入",
        crate::text::hazard(c).unwrap_or("控制字符"),
        c as u32
    ))
}

pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
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

/// A text cell as the import takes it, from a CSV or a workbook alike: the guard apostrophe
/// the export put before a formula-like value is removed (Excel drops it on save; Calc keeps
/// it as text in .xlsx, .xls and .ods); an unguarded formula-like value is marked, accepted
/// only where it equals what is stored.
pub fn guarded(cell: &str) -> Value {
    match unguard(cell) {
        g if g.len() == cell.len() && looks_like_formula(cell) => {
            Value::FormulaLike(cell.to_string())
        }
        g => Value::Text(g.to_string()),
    }
}

/// Removes the leading ' that export puts before cells Excel would read as formulas.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_physical_and_blank_rows_skipped() {
        let t = parse("a.csv", "工号,备注\n\nW1,\"两行\n文字\"\n,\nW2,x\n").unwrap();
        assert_eq!(t.headers, ["工号", "备注"]);
        let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 6]);
        let t = parse("a.csv", "工号,备注\nW1,a\nW2,\"b\nc\"").unwrap();
        let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3], "no line break at the end");
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
        let t = parse("m.csv", "工号,备注\rW1,a\rW2,=1+1\r").unwrap();
        assert_eq!(t.rows[1].line, 3);
        assert_eq!(t.rows[1].cells[1], Value::FormulaLike("=1+1".into()));
        assert_eq!(t.rows[0].cells[1], Value::Text("a".into()));
    }

    #[test]
    fn formula_guard_is_stripped_only_before_formula_characters() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'-5"), "-5");
        assert_eq!(unguard("'普通"), "'普通");
    }

    #[test]
    fn unbalanced_quotes_and_nul_bytes_name_a_line() {
        let err = parse("b.csv", "a,b\n1,2\n3,\"4\n").err().unwrap();
        assert_eq!((err[0].line, err[0].column), (3, 2));
        let err = parse("c.csv", "a,b\n1,2\n3,\0\n").err().unwrap();
        assert_eq!((err[0].line, err[0].column), (3, 2));
    }
}
