//! Column specs and a row reader that turns cells into values or located Chinese problems.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::read::{RawRow, Table};
use super::value::{Ty, Value};
use crate::error::Problem;
use crate::written;

/// One column of a kind's ledger: its Chinese header, accepted English aliases and type.
pub struct Col {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    /// Must be present in the header row (cells may still be empty unless the kind says).
    pub required: bool,
    pub ty: Ty,
    /// Holds 是 / 否: a spreadsheet's TRUE/FALSE is what it means, not a conversion to warn of.
    pub yes_no: bool,
}

pub const fn col(name: &'static str, aliases: &'static [&'static str]) -> Col {
    Col {
        name,
        aliases,
        required: true,
        ty: Ty::Text,
        yes_no: false,
    }
}

pub const fn extra(name: &'static str, aliases: &'static [&'static str]) -> Col {
    Col {
        name,
        aliases,
        required: false,
        ty: Ty::Text,
        yes_no: false,
    }
}

/// A column an export adds (deadlines, flags); accepted and ignored on import.
pub const fn computed(name: &'static str, ty: Ty) -> Col {
    Col {
        name,
        aliases: &[],
        required: false,
        ty,
        yes_no: false,
    }
}

impl Col {
    const fn typed(self, ty: Ty) -> Col {
        Col { ty, ..self }
    }
    /// Keys, references and certificate numbers.
    pub const fn code(self) -> Col {
        self.typed(Ty::Code)
    }
    pub const fn phone(self) -> Col {
        self.typed(Ty::Phone)
    }
    pub const fn date(self) -> Col {
        self.typed(Ty::Date)
    }
    pub const fn datetime(self) -> Col {
        self.typed(Ty::DateTime)
    }
    pub const fn time(self) -> Col {
        self.typed(Ty::Time)
    }
    /// 是 / 否.
    pub const fn yes_no(self) -> Col {
        Col {
            yes_no: true,
            ..self
        }
    }
    /// A whole number (a count of months): a number cell in a workbook.
    pub const fn number(self) -> Col {
        self.typed(Ty::Number)
    }
}

/// Where each known column sits in a file: resolved once from the header row.
pub struct Layout {
    positions: HashMap<&'static str, usize>,
    /// By position: the known column's name and type (None for computed or unknown ones).
    known: Vec<Option<(&'static str, Ty)>>,
}

impl Layout {
    pub fn resolve(
        table: &Table,
        cols: &[Col],
        computed: &[Col],
        problems: &mut Vec<Problem>,
    ) -> Layout {
        let mut positions = HashMap::new();
        let mut typed = vec![None; table.headers.len()];
        let problem = |column: usize, header: &str, reason: String| Problem {
            file: table.file.clone(),
            sheet: table.sheet.clone(),
            line: table.header_line.max(1),
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
                    typed[i] = Some((c.name, c.ty));
                }
                None if computed.iter().any(|c| c.name == name) => {}
                None if super::handoff_book::is_added(name) => {}
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
        Layout {
            positions,
            known: typed,
        }
    }

    /// The known column at a 0-based position, with its type.
    pub fn at(&self, i: usize) -> Option<(&'static str, Ty)> {
        self.known.get(i).copied().flatten()
    }

    fn ty(&self, col: &str) -> Ty {
        self.positions
            .get(col)
            .and_then(|&i| self.at(i))
            .map_or(Ty::Text, |(_, ty)| ty)
    }
}

/// Reads one row's cells by column name, collecting problems instead of stopping at the first.
pub struct Cells<'a> {
    pub file: &'a str,
    pub sheet: &'a str,
    pub row: &'a RawRow,
    pub layout: &'a Layout,
    pub headers: &'a [String],
    pub problems: Vec<Problem>,
}

impl<'a> Cells<'a> {
    pub fn new(table: &'a Table, row: &'a RawRow, layout: &'a Layout) -> Self {
        Cells {
            file: &table.file,
            sheet: &table.sheet,
            row,
            layout,
            headers: &table.headers,
            problems: Vec::new(),
        }
    }

    pub fn line(&self) -> u64 {
        self.row.line
    }

    fn value(&self, col: &str) -> Option<&'a Value> {
        self.layout
            .positions
            .get(col)
            .and_then(|&i| self.row.cells.get(i))
    }

    /// The cell as text for its column's type; a cell the type cannot take is a problem.
    fn raw(&mut self, col: &str) -> Cow<'a, str> {
        let Some(v) = self.value(col) else {
            return Cow::Borrowed("");
        };
        match v.as_text(self.layout.ty(col)) {
            Ok(t) => t,
            Err(why) => {
                self.fail(col, why);
                Cow::Borrowed("")
            }
        }
    }

    /// Records a problem at a 0-based position, for a column the kind does not read.
    pub fn fail_at(&mut self, i: usize, reason: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_string(),
            sheet: self.sheet.to_string(),
            line: self.row.line,
            column: i + 1,
            header: self.headers.get(i).cloned().unwrap_or_default(),
            value: self
                .row
                .cells
                .get(i)
                .map_or_else(String::new, |v| preview(&v.shown())),
            reason: reason.into(),
        });
    }

    /// Records a problem at this row and column.
    pub fn fail(&mut self, col: &str, reason: impl Into<String>) {
        let reason = reason.into();
        let column = self.layout.positions.get(col).map_or(0, |i| i + 1);
        // A cell that could not be read is not also said to be empty: one message a cell.
        let said = |p: &Problem| p.line == self.row.line && p.column == column && column > 0;
        if reason.starts_with("不能为空") && self.problems.iter().any(said) {
            return;
        }
        let header = if column > 0 {
            self.headers[column - 1].clone()
        } else {
            col.to_string()
        };
        self.problems.push(Problem {
            file: self.file.to_string(),
            sheet: self.sheet.to_string(),
            line: self.row.line,
            column,
            header,
            value: if crate::domain::personal::is_personal(col) {
                String::from("（已隐去）")
            } else {
                self.value(col)
                    .map_or_else(String::new, |v| preview(&v.shown()))
            },
            reason,
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
        let t = self.raw(col).trim().to_string();
        if t.is_empty() {
            if required {
                self.fail(col, "不能为空");
            }
            return None;
        }
        f(&t).map_err(|why| self.fail(col, why)).ok()
    }

    /// A workbook's date cell is taken as it is; text is parsed.
    fn date_cell(&mut self, col: &str, required: bool) -> Option<NaiveDate> {
        match self.value(col).and_then(Value::as_date) {
            Some(d) => d.map_err(|why| self.fail(col, why)).ok(),
            None => self.parsed(col, required, written::date),
        }
    }
    fn datetime_cell(&mut self, col: &str, required: bool) -> Option<NaiveDateTime> {
        match self.value(col).and_then(Value::as_datetime) {
            Some(t) => Some(t),
            None => self.parsed(col, required, written::datetime),
        }
    }

    pub fn date(&mut self, col: &str) -> Option<NaiveDate> {
        self.date_cell(col, true)
    }
    pub fn opt_date(&mut self, col: &str) -> Option<NaiveDate> {
        self.date_cell(col, false)
    }
    pub fn datetime(&mut self, col: &str) -> Option<NaiveDateTime> {
        self.datetime_cell(col, true)
    }
    pub fn opt_datetime(&mut self, col: &str) -> Option<NaiveDateTime> {
        self.datetime_cell(col, false)
    }
    pub fn time(&mut self, col: &str) -> Option<NaiveTime> {
        self.parsed(col, true, written::time)
    }
    pub fn yes_no(&mut self, col: &str) -> Option<bool> {
        self.parsed(col, true, written::yes_no)
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
        written::list(&self.raw(col))
    }
}

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
