//! Reading a workbook (.xlsx streamed; .xls and .ods whole) into the same rows as a CSV file:
//! cells keep their type (number, date, truth value), formulas and error values are refused.

use std::io::Cursor;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{Ods, Reader, Xls, Xlsx};

use super::book_cells::{FORMULA, from_data, from_ref};
use super::header::{self, TITLE_ROWS, Wanted};
use super::read::{MAX_COLUMNS, RawRow, Table};
use super::value::Value;
use crate::error::Problem;

/// Rows a workbook reader may run ahead of the import.
const AHEAD: usize = 256;

enum Msg {
    /// The sheet read and its header row.
    Start(String, RawRow),
    Row(RawRow),
    Stop(Problem),
}

/// The rows of one worksheet, read on a thread of their own as they are needed.
pub struct BookRows {
    table: Table,
    rx: Receiver<Msg>,
}

/// Which workbook format the bytes are, by their content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A zip package: .xlsx or .ods.
    Zip,
    /// An OLE compound file: .xls.
    Ole,
}

impl Format {
    pub fn sniff(head: &[u8]) -> Option<Format> {
        if head.starts_with(b"PK\x03\x04") {
            Some(Format::Zip)
        } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            Some(Format::Ole)
        } else {
            None
        }
    }
}

impl BookRows {
    /// Opens the sheet of the workbook in `bytes` that holds the ledger: the one named for
    /// its kind, else the first whose header names the ledger's columns.
    pub fn open(
        file: &str,
        format: Format,
        bytes: Vec<u8>,
        wanted: &Wanted,
    ) -> Result<Self, Problem> {
        let (tx, rx) = sync_channel(AHEAD);
        let (file_name, wanted) = (file.to_string(), wanted.clone());
        std::thread::spawn(move || {
            let mut out = Out::new(&file_name, tx);
            if let Err(p) = read(&mut out, format, bytes, &wanted) {
                out.stop(p);
            } else {
                out.flush();
            }
        });
        match rx.recv() {
            Ok(Msg::Start(sheet, header)) => {
                let headers = header.cells.iter().map(|c| c.shown().trim().to_string());
                let table = Table {
                    file: file.to_string(),
                    sheet,
                    headers: headers.collect(),
                    header_line: header.line,
                    ..Table::default()
                };
                Ok(BookRows { table, rx })
            }
            Ok(Msg::Stop(p)) => Err(p),
            Ok(Msg::Row(_)) | Err(_) => Err(problem(file, "", 1, "工作表是空的，没有表头".into())),
        }
    }

    pub fn table(&self) -> Table {
        self.table.clone()
    }

    /// The next non-blank row; None at the end; a problem ends the sheet.
    pub fn data_row(&mut self) -> Result<Option<RawRow>, Problem> {
        match self.rx.recv() {
            Ok(Msg::Row(row)) => Ok(Some(row)),
            Ok(Msg::Stop(p)) => Err(p),
            Ok(Msg::Start(..)) | Err(_) => Ok(None),
        }
    }
}

fn problem(file: &str, sheet: &str, line: u64, reason: String) -> Problem {
    Problem {
        file: file.to_string(),
        sheet: sheet.to_string(),
        line,
        column: 0,
        header: String::new(),
        value: String::new(),
        reason,
    }
}

/// Gathers one sheet's cells into rows and hands them over once its header is found.
struct Out {
    file: String,
    sheet: String,
    tx: SyncSender<Msg>,
    row: Option<RawRow>,
    /// How the header is known: by the ledger's column names, or (None) as the first row
    /// with two or more filled cells.
    wanted: Option<Wanted>,
    started: bool,
    /// Non-blank rows of this sheet seen before its header.
    looked: usize,
    /// This sheet has no header in its first rows: stop reading it.
    not_here: bool,
    /// The import stopped listening (it found a problem): stop reading.
    gone: bool,
}

impl Out {
    fn new(file: &str, tx: SyncSender<Msg>) -> Out {
        Out {
            file: file.to_string(),
            sheet: String::new(),
            tx,
            row: None,
            wanted: None,
            started: false,
            looked: 0,
            not_here: false,
            gone: false,
        }
    }

    /// Starts on `sheet`, looking for its header as `wanted` says.
    fn begin(&mut self, sheet: &str, wanted: Option<&Wanted>) {
        self.sheet = sheet.to_string();
        self.wanted = wanted.cloned();
        (self.row, self.looked, self.not_here) = (None, 0, false);
    }

    /// Reading this sheet can stop.
    fn done(&self) -> bool {
        self.gone || self.not_here
    }

    fn cell(&mut self, row: u32, col: u32, value: Value) -> Result<(), Problem> {
        if col as usize >= MAX_COLUMNS {
            if matches!(&value, Value::Text(t) if t.trim().is_empty()) {
                return Ok(());
            }
            return Err(Problem {
                column: col as usize + 1,
                ..problem(
                    &self.file,
                    &self.sheet,
                    u64::from(row) + 1,
                    format!("台账最多 {MAX_COLUMNS} 列，这一格超出了；这不是本程序导出的台账"),
                )
            });
        }
        let line = u64::from(row) + 1;
        if self.row.as_ref().is_some_and(|r| r.line != line) {
            self.flush();
        }
        let r = self.row.get_or_insert_with(|| RawRow {
            line,
            cells: Vec::new(),
        });
        let col = col as usize;
        if r.cells.len() <= col {
            r.cells.resize(col + 1, Value::Text(String::new()));
        }
        r.cells[col] = value;
        Ok(())
    }

    fn flush(&mut self) {
        let Some(row) = self.row.take() else { return };
        if row
            .cells
            .iter()
            .all(|c| matches!(c, Value::Text(t) if t.trim().is_empty()))
        {
            return;
        }
        let msg = if self.started {
            Msg::Row(row)
        } else {
            self.looked += 1;
            let shown: Vec<_> = row.cells.iter().map(Value::shown).collect();
            let cells = shown.iter().map(|c| c.as_ref());
            let header = match &self.wanted {
                Some(w) => w.is_header(cells),
                None => header::fallback(cells),
            };
            if !header {
                self.not_here |= self.looked > TITLE_ROWS;
                return;
            }
            self.started = true;
            Msg::Start(self.sheet.clone(), row)
        };
        self.gone |= self.tx.send(msg).is_err();
    }

    fn stop(&mut self, p: Problem) {
        self.flush();
        let _ = self.tx.send(Msg::Stop(p));
    }
}

fn read(out: &mut Out, format: Format, bytes: Vec<u8>, wanted: &Wanted) -> Result<(), Problem> {
    let unreadable = |out: &Out, e: &dyn std::fmt::Display| {
        problem(
            &out.file,
            "",
            1,
            format!("无法读取这个工作簿（{e}）；请用 Excel 或 WPS 另存为 .xlsx 后再导入"),
        )
    };
    // An OpenDocument package names itself in its first, stored entry.
    let ods = bytes
        .get(30..)
        .is_some_and(|b| b.starts_with(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"));
    match format {
        Format::Zip if ods => {
            let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| unreadable(out, &e))?;
            let names = book.sheet_names();
            each_sheet(out, names, wanted, |out, sheet| {
                whole(out, &mut book, sheet)
            })
        }
        Format::Zip => {
            // Sized and checked streaming before calamine holds any of it in memory.
            super::book_guard::check(&bytes).map_err(|why| problem(&out.file, "", 1, why))?;
            let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(out, &e))?;
            let names = book.sheet_names();
            each_sheet(out, names, wanted, |out, sheet| xlsx(out, &mut book, sheet))
        }
        Format::Ole => {
            let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| unreadable(out, &e))?;
            let names = book.sheet_names();
            each_sheet(out, names, wanted, |out, sheet| {
                whole(out, &mut book, sheet)
            })
        }
    }
}

/// Reads the first sheet that holds the ledger: the one named for its kind, then each in
/// the workbook's order; where none names the ledger's columns, the first sheet with rows,
/// so the import can say which columns it does not know. A problem names the sheets looked at.
fn each_sheet(
    out: &mut Out,
    names: Vec<String>,
    wanted: &Wanted,
    mut sheet: impl FnMut(&mut Out, &str) -> Result<(), Problem>,
) -> Result<(), Problem> {
    let named = names.iter().filter(|n| **n == wanted.sheet);
    let order: Vec<&String> = named
        .chain(names.iter().filter(|n| **n != wanted.sheet))
        .collect();
    let mut with_rows = Vec::new();
    for name in &order {
        out.begin(name, Some(wanted));
        sheet(out, name)?;
        out.flush();
        if out.started || out.gone {
            return Ok(());
        }
        if out.looked > 0 {
            with_rows.push(*name);
        }
    }
    if let Some(first) = with_rows.first() {
        out.begin(first, None);
        sheet(out, first)?;
        out.flush();
        if out.started || out.gone {
            return Ok(());
        }
    }
    let looked: Vec<String> = order.iter().map(|n| format!("「{n}」")).collect();
    let reason = match (order.is_empty(), with_rows.is_empty()) {
        (true, _) => "工作簿中没有工作表".to_string(),
        (false, true) => format!("工作表都是空的（看过：{}）", looked.join("")),
        (false, false) => format!(
            "在工作表{}的前 {} 行中没有找到台账的表头",
            looked.join(""),
            TITLE_ROWS + 1
        ),
    };
    Err(problem(&out.file, "", 0, reason))
}

fn xlsx(out: &mut Out, book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Result<(), Problem> {
    let file = out.file.clone();
    let broken = |e: calamine::XlsxError| {
        problem(
            &file,
            sheet,
            1,
            format!("工作表无法读取（{e}），请用 Excel 或 WPS 另存后再导入"),
        )
    };
    let mut cells = book.worksheet_cells_reader(sheet).map_err(broken)?;
    while let Some(cell) = cells.next_cell_with_formula().map_err(broken)? {
        if out.done() {
            break;
        }
        let (row, col) = cell.pos;
        let value = match cell.formula.filter(|f| !f.is_empty()) {
            Some(f) => Value::Bad {
                shown: format!("={f}"),
                why: FORMULA.into(),
            },
            None => from_ref(cell.value),
        };
        out.cell(row, col, value)?;
    }
    Ok(())
}

/// .xls and .ods: calamine reads a whole sheet; these are small files from older offices.
fn whole<R: Reader<Cursor<Vec<u8>>>>(
    out: &mut Out,
    book: &mut R,
    sheet: &str,
) -> Result<(), Problem>
where
    R::Error: std::fmt::Display,
{
    let broken = |e: R::Error| {
        problem(
            &out.file,
            sheet,
            1,
            format!("工作表无法读取（{e}），请另存为 .xlsx 后再导入"),
        )
    };
    let range = book.worksheet_range(sheet).map_err(broken)?;
    let formulas = book.worksheet_formula(sheet).ok();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, data) in range.used_cells() {
        if out.done() {
            break;
        }
        let (row, col) = (r0 + r as u32, c0 + c as u32);
        let formula = formulas
            .as_ref()
            .and_then(|f| f.get_value((row, col)))
            .filter(|f| !f.is_empty());
        let value = match formula {
            Some(f) => Value::Bad {
                shown: format!("={f}"),
                why: FORMULA.into(),
            },
            None => from_data(data),
        };
        out.cell(row, col, value)?;
    }
    Ok(())
}
