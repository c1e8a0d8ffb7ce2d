//! Column specs and a row reader that turns cells into values or located Chinese problems.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::parse;
use super::read::{RawRow, Table};
use crate::error::Problem;

/// One column of a kind's CSV: its Chinese header and accepted English aliases.
pub struct Col {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    /// Must be present in the header row (cells may still be empty unless the kind says).
    pub required: bool,
}

pub const fn col(name: &'static str, aliases: &'static [&'static str]) -> Col {
    Col {
        name,
        aliases,
        required: true,
    }
}

pub const fn extra(name: &'static str, aliases: &'static [&'static str]) -> Col {
    Col {
        name,
        aliases,
        required: false,
    }
}

/// Where each known column sits in a file: resolved once from the header row.
pub struct Layout {
    positions: HashMap<&'static str, usize>,
}

impl Layout {
    pub fn resolve(
        table: &Table,
        cols: &[Col],
        computed: &[&str],
        problems: &mut Vec<Problem>,
    ) -> Layout {
        let mut positions = HashMap::new();
        let problem = |column: usize, header: &str, reason: String| Problem {
            file: table.file.clone(),
            line: 1,
            column,
            header: header.to_string(),
            value: String::new(),
            reason,
        };
        for (i, h) in table.headers.iter().enumerate() {
            let name = h.trim_start_matches('\u{feff}').trim();
            let known = cols
                .iter()
                .find(|c| c.name == name || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(name)));
            match known {
                Some(c) if positions.contains_key(c.name) => {
                    problems.push(problem(i + 1, h, format!("表头「{}」重复出现", c.name)));
                }
                Some(c) => {
                    positions.insert(c.name, i);
                }
                None if computed.contains(&name) => {}
                None => {
                    let all: Vec<&str> = cols.iter().map(|c| c.name).collect();
                    let reason = format!("不认识的表头，可用的表头为：{}", all.join("、"));
                    problems.push(problem(i + 1, h, reason));
                }
            }
        }
        for c in cols
            .iter()
            .filter(|c| c.required && !positions.contains_key(c.name))
        {
            problems.push(problem(0, "", format!("缺少必需的列「{}」", c.name)));
        }
        Layout { positions }
    }
}

/// Reads one row's cells by column name, collecting problems instead of stopping at the first.
pub struct Cells<'a> {
    pub file: &'a str,
    pub row: &'a RawRow,
    pub layout: &'a Layout,
    pub headers: &'a [String],
    pub problems: Vec<Problem>,
}

impl<'a> Cells<'a> {
    pub fn new(table: &'a Table, row: &'a RawRow, layout: &'a Layout) -> Self {
        Cells {
            file: &table.file,
            row,
            layout,
            headers: &table.headers,
            problems: Vec::new(),
        }
    }

    pub fn line(&self) -> u64 {
        self.row.line
    }

    fn raw(&self, col: &str) -> &'a str {
        self.layout
            .positions
            .get(col)
            .and_then(|&i| self.row.cells.get(i))
            .map_or("", |s| s.as_str())
    }

    /// Records a problem at this row and column.
    pub fn fail(&mut self, col: &str, reason: impl Into<String>) {
        let column = self.layout.positions.get(col).map_or(0, |i| i + 1);
        let header = if column > 0 {
            self.headers[column - 1].clone()
        } else {
            col.to_string()
        };
        self.problems.push(Problem {
            file: self.file.to_string(),
            line: self.row.line,
            column,
            header,
            value: if PERSONAL.contains(&col) {
                String::from("（已隐去）")
            } else {
                preview(self.raw(col))
            },
            reason: reason.into(),
        });
    }

    pub fn text(&mut self, col: &str) -> String {
        self.raw(col).trim().to_string()
    }

    pub fn required(&mut self, col: &str) -> String {
        let t = self.text(col);
        if t.is_empty() {
            self.fail(col, "不能为空");
        }
        t
    }

    /// A key: required, and free of the characters that separate list items.
    pub fn key(&mut self, col: &str) -> String {
        let t = self.required(col);
        if t.contains(['、', ';', '；', ',', '，']) {
            self.fail(col, "编号中不能含有 、 ; , 等分隔符");
        }
        self.plain_code(col, &t);
        t
    }

    /// An optional reference to another record's key.
    pub fn opt(&mut self, col: &str) -> Option<String> {
        let t = self.text(col);
        self.plain_code(col, &t);
        Some(t).filter(|t| !t.is_empty())
    }

    /// Keys and codes hold no invisible characters: "Q01" and "Q01" with a zero-width space
    /// would look the same and be two records.
    fn plain_code(&mut self, col: &str, t: &str) {
        if let Some(c) = t
            .chars()
            .find(|c| super::read::is_zero_width(*c) || matches!(c, '\t' | '\n'))
        {
            self.fail(
                col,
                format!("编号中含有不可见字符（U+{:04X}），请删去后再导入", c as u32),
            );
        }
    }

    fn parsed<T>(
        &mut self,
        col: &str,
        required: bool,
        f: fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        let t = self.text(col);
        if t.is_empty() {
            if required {
                self.fail(col, "不能为空");
            }
            return None;
        }
        f(&t).map_err(|why| self.fail(col, why)).ok()
    }

    pub fn date(&mut self, col: &str) -> Option<NaiveDate> {
        self.parsed(col, true, parse::date)
    }
    pub fn opt_date(&mut self, col: &str) -> Option<NaiveDate> {
        self.parsed(col, false, parse::date)
    }
    pub fn datetime(&mut self, col: &str) -> Option<NaiveDateTime> {
        self.parsed(col, true, parse::datetime)
    }
    pub fn opt_datetime(&mut self, col: &str) -> Option<NaiveDateTime> {
        self.parsed(col, false, parse::datetime)
    }
    pub fn time(&mut self, col: &str) -> Option<NaiveTime> {
        self.parsed(col, true, parse::time)
    }
    pub fn yes_no(&mut self, col: &str) -> Option<bool> {
        self.parsed(col, true, parse::yes_no)
    }

    /// One of a fixed set of labels; the message lists the accepted ones.
    pub fn choice<E>(
        &mut self,
        col: &str,
        parse: fn(&str) -> Option<E>,
        choices: &str,
    ) -> Option<E> {
        let t = self.text(col);
        if t.is_empty() {
            self.fail(col, format!("不能为空，应为 {choices}"));
            return None;
        }
        let v = parse(&t);
        if v.is_none() {
            self.fail(col, format!("无效，应为 {choices}"));
        }
        v
    }

    pub fn list(&mut self, col: &str) -> Vec<String> {
        parse::list(self.raw(col))
    }
}

/// Columns whose values never appear in a message: reporters' identities are confidential.
const PERSONAL: &[&str] = &["举报人", "联系电话"];

/// A cell shown in a message: long cells are cut so one bad 1 MB cell does not flood the screen.
fn preview(cell: &str) -> String {
    const MAX: usize = 40;
    let t = cell.trim();
    if t.chars().count() <= MAX {
        t.to_string()
    } else {
        format!(
            "{}…（共 {} 字）",
            t.chars().take(MAX).collect::<String>(),
            t.chars().count()
        )
    }
}
