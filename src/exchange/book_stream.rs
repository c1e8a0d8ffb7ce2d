//! A one-sheet workbook written as its rows arrive, in bounded memory: the first rows set the
//! column widths (a sample, as a clerk would size them), then every row goes to the sheet's
//! temporary file (rust_xlsxwriter's constant-memory mode) rather than staying in memory.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::book_write::{Formats, widths, write_head, write_row, write_tail};
use super::sheet::Sheet;
use crate::error::{Error, Result};

/// Rows that decide the column widths before the first is written.
pub const SAMPLE: usize = 2_000;

fn fail(e: XlsxError) -> Error {
    Error::invalid(format!("写入工作簿失败：{e}"))
}

pub struct BookStream {
    book: Workbook,
    formats: Formats,
    /// The sheet's name, title and columns; its rows are the sample until the head is out.
    sheet: Sheet,
    /// Column widths, the header's row and the rows written, once the head is out.
    started: Option<(Vec<usize>, u32)>,
    rows: u32,
}

impl BookStream {
    /// A workbook of one sheet laid out as `sheet` (whose rows, if any, come first).
    pub fn new(sheet: Sheet) -> Result<BookStream> {
        let mut book = Workbook::new();
        book.set_zip_compression_level(1);
        book.add_worksheet_with_constant_memory().map_err(fail)?;
        Ok(BookStream {
            book,
            formats: Formats::new(),
            sheet,
            started: None,
            rows: 0,
        })
    }

    pub fn row(&mut self, row: Vec<String>) -> Result<()> {
        if self.started.is_none() {
            self.sheet.rows.push(row);
            if self.sheet.rows.len() >= SAMPLE {
                self.start()?;
            }
            return Ok(());
        }
        self.write(&row)
    }

    fn write(&mut self, row: &[String]) -> Result<()> {
        let (widths, head) = self.started.as_ref().expect("the head is out");
        let ws = self.book.worksheet_from_index(0).map_err(fail)?;
        let r = head + 1 + self.rows;
        write_row(ws, r, row, &self.sheet.columns, widths, &self.formats).map_err(fail)?;
        self.rows += 1;
        Ok(())
    }

    /// Sizes the columns by the sample, writes the head, then the sample's rows.
    fn start(&mut self) -> Result<()> {
        let widths = widths(&self.sheet);
        let ws = self.book.worksheet_from_index(0).map_err(fail)?;
        let head = write_head(ws, &self.sheet, &widths, &self.formats).map_err(fail)?;
        self.started = Some((widths, head));
        for row in std::mem::take(&mut self.sheet.rows) {
            self.write(&row)?;
        }
        Ok(())
    }

    /// Finishes the sheet and writes the workbook into `w`; returns the rows written.
    pub fn finish(mut self, w: &mut (dyn std::io::Write + Send)) -> Result<usize> {
        if self.started.is_none() {
            self.start()?;
        }
        let (widths, head) = self.started.take().expect("started");
        let ws = self.book.worksheet_from_index(0).map_err(fail)?;
        write_tail(ws, &self.sheet, (head, head + self.rows), &widths).map_err(fail)?;
        self.book.save_to_writer(w).map_err(fail)?;
        Ok(self.rows as usize)
    }
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::exchange::value::Ty;

    #[test]
    fn rows_past_the_sample_are_written_whole_and_typed() {
        let n = SAMPLE + 700;
        let sheet = Sheet {
            name: "投诉台账".into(),
            title: vec!["卧牛河镇　投诉台账".into()],
            columns: vec![("编号".into(), Ty::Code), ("件数".into(), Ty::Number)],
            rows: Vec::new(),
            heat: None,
        };
        let mut book = BookStream::new(sheet).unwrap();
        for i in 0..n {
            book.row(vec![format!("TS-{i:06}"), i.to_string()]).unwrap();
        }
        let mut bytes = Vec::new();
        assert_eq!(book.finish(&mut bytes).unwrap(), n);
        let mut read = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = read.worksheet_range("投诉台账").unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        // The title, the header, then every row in order, numbers as numbers.
        assert_eq!(rows.len(), n + 2);
        assert_eq!(rows[1][0], Data::String("编号".into()));
        let last = rows[n + 1];
        assert_eq!(last[0], Data::String(format!("TS-{:06}", n - 1)));
        assert_eq!(last[1], Data::Float((n - 1) as f64));
        assert_eq!(rows[SAMPLE + 2][0], Data::String(format!("TS-{SAMPLE:06}")));
    }
}
