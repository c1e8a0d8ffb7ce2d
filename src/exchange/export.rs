//! Export: UTF-8 with BOM, CRLF, the import headers, and a guard against formula cells.

use super::kind::{Env, ExportQuery, Kind};
use super::sheet::Sheet;
use crate::error::Result;

/// A cell Excel or WPS would run as a formula gets a leading ' (stripped again on import).
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A CSV file as Excel opens it correctly, written row by row into `W`: a BOM, the header,
/// CRLF line ends, formula-like cells guarded.
struct CsvOut<W: std::io::Write> {
    out: csv::Writer<W>,
}

fn io(e: std::io::Error) -> crate::error::Error {
    crate::error::Error::io("<导出>", e)
}

fn csv_err(e: csv::Error) -> crate::error::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => io(e),
        other => crate::error::Error::invalid(format!("写出 CSV 失败：{other:?}")),
    }
}

impl<W: std::io::Write> CsvOut<W> {
    fn new<'h>(mut w: W, headers: impl IntoIterator<Item = &'h str>) -> Result<Self> {
        w.write_all(b"\xEF\xBB\xBF").map_err(io)?;
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(w);
        out.write_record(headers).map_err(csv_err)?;
        Ok(CsvOut { out })
    }

    fn row(&mut self, cells: &[String]) -> Result<()> {
        for cell in cells {
            self.out
                .write_field(guard(cell).as_bytes())
                .map_err(csv_err)?;
        }
        self.out.write_record(None::<&[u8]>).map_err(csv_err)
    }

    fn finish(mut self) -> Result<()> {
        self.out.flush().map_err(io)
    }
}

/// Writes a header and rows as the bytes of a CSV file Excel opens correctly.
pub fn to_csv(headers: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut out = CsvOut::new(&mut bytes, headers.iter().copied()).expect("writing to memory");
    for row in rows {
        out.row(row).expect("writing to memory");
    }
    out.finish().expect("writing to memory");
    bytes
}

/// Streams the rows of kind `K` as a CSV file into `w`, as `to_csv` writes them; returns the
/// number of rows. Memory stays one row, whatever the size of the ledger.
pub fn write_csv<K: Kind>(
    env: &Env,
    q: &ExportQuery,
    w: &mut (dyn std::io::Write + Send),
    tick: Option<crate::progress::Tick>,
) -> Result<usize> {
    let mut out = CsvOut::new(w, K::COLS.iter().chain(K::COMPUTED).map(|c| c.name))?;
    let mut rows = 0;
    K::export_each(env, q, &mut |row| {
        rows += 1;
        crate::progress::every(tick, rows as u64, 4096);
        out.row(&row)
    })?;
    out.finish()?;
    Ok(rows)
}

/// Streams the rows of kind `K` into `w` as a workbook of one sheet laid out as `export`'s:
/// memory holds the widths' sample and one row, whatever the size of the ledger.
pub fn write_book<K: Kind>(
    env: &Env,
    q: &ExportQuery,
    w: &mut (dyn std::io::Write + Send),
    tick: Option<crate::progress::Tick>,
) -> Result<usize> {
    let mut book = super::book_stream::BookStream::new(Sheet::of::<K>(Vec::new()))?;
    let mut rows = 0;
    K::export_each(env, q, &mut |row| {
        rows += 1;
        crate::progress::every(tick, rows as u64, 4096);
        book.row(row)
    })?;
    book.finish(w)
}

/// The rows of kind `K` as a sheet, with the computed columns after the importable ones.
pub fn export<K: Kind>(env: &Env, q: &ExportQuery) -> Result<Sheet> {
    Ok(Sheet::of::<K>(K::export(env, q)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_guarded_cells() {
        let bytes = to_csv(
            &["甲", "乙"],
            &[
                vec!["=1+1".into(), "@x".into()],
                vec!["普通".into(), "-3".into()],
            ],
        );
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}甲,乙\r\n'=1+1,'@x\r\n普通,'-3\r\n");
    }
}
