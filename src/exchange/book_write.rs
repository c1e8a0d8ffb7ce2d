//! Sheets written as an .xlsx workbook: text cells for codes and phones, real date cells,
//! widths measured for Chinese, header frozen with a filter, printed on A4 landscape.

use rust_xlsxwriter::{
    ConditionalFormat3ColorScale, ConditionalFormatType, Format, FormatAlign, FormatBorder,
    Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::sheet::Sheet;
use super::value::Ty;
use crate::error::{Error, Result};
use crate::written;

/// The font of every cell: what a Chinese office PC has and WPS and Excel both know.
const FONT: &str = "宋体";
/// Column widths in Excel's units (about one Latin character; a Chinese one takes two).
const MIN_WIDTH: usize = 6;
/// Longer text wraps inside its cell.
const MAX_WIDTH: usize = 48;
/// About what one A4 landscape page holds at full size, in the same units.
const PAGE_WIDTH: usize = 150;
/// The height of one line of 11-point text, in points.
const LINE_HEIGHT: f64 = 15.0;
/// A4 in Excel's paper size codes.
const A4: u8 = 9;

pub(super) struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    date: Format,
    datetime: Format,
    time: Format,
    number: Format,
    percent: Format,
}

impl Formats {
    pub(super) fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(11);
        let cell = base.clone().set_border(FormatBorder::Thin);
        Formats {
            title: base
                .clone()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            subtitle: base
                .clone()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
            header: cell
                .clone()
                .set_bold()
                .set_background_color("#D9E1F2")
                .set_align(FormatAlign::Center),
            text: cell.clone().set_text_wrap().set_align(FormatAlign::Top),
            date: cell.clone().set_num_format("yyyy-mm-dd"),
            datetime: cell.clone().set_num_format("yyyy-mm-dd hh:mm"),
            time: cell.clone().set_num_format("hh:mm"),
            // General: 39 as 39, 6.5 hours as 6.5.
            number: cell.clone().set_num_format("General"),
            percent: cell.set_num_format("0.0%"),
        }
    }
}

/// The workbook of `sheets`, as bytes.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let fail = |e: XlsxError| Error::invalid(format!("写入工作簿失败：{e}"));
    let mut book = Workbook::new();
    // Level 1 deflate: a large ledger is written about twice as fast, for a slightly larger file.
    book.set_zip_compression_level(1);
    let formats = Formats::new();
    for sheet in sheets {
        let ws = book.add_worksheet_with_low_memory().map_err(fail)?;
        write_sheet(ws, sheet, &formats).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    let widths = widths(sheet);
    let head = write_head(ws, sheet, &widths, f)?;
    for (i, row) in sheet.rows.iter().enumerate() {
        write_row(ws, head + 1 + i as u32, row, &sheet.columns, &widths, f)?;
    }
    write_tail(ws, sheet, (head, head + sheet.rows.len() as u32), &widths)
}

/// How many pages wide a sheet of these column widths prints.
fn pages_wide(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>().div_ceil(PAGE_WIDTH).max(1)
}

/// The sheet's name, column widths, title rows and header row; returns the header's row.
pub(super) fn write_head(
    ws: &mut Worksheet,
    sheet: &Sheet,
    widths: &[usize],
    f: &Formats,
) -> std::result::Result<u32, XlsxError> {
    ws.set_name(&sheet.name)?;
    let last_col = sheet.columns.len().saturating_sub(1) as u16;
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w as f64)?;
    }
    let total: usize = widths.iter().sum();
    let pages_wide = pages_wide(widths);
    // The title spans what prints on the first page, so a wide sheet does not cut it in two.
    let per_page = total.div_ceil(pages_wide);
    let title_cols = widths
        .iter()
        .scan(0, |sum, w| {
            *sum += w;
            Some(*sum)
        })
        .take_while(|sum| *sum <= per_page)
        .count()
        .max(1);
    let title_last = (title_cols as u16 - 1).min(last_col);
    // A merged cell never grows to fit its text: each title row is made tall enough for its
    // lines, so no title is cut ("制表时间：2026-12-").
    // A sheet printed more than one page wide repeats its key column on every page; the
    // title starts after it, so a continuation page shows no cut piece of it (the page
    // header names the sheet there).
    let title_first = u16::from(pages_wide > 1 && title_last > 1);
    let title_width: usize = widths[usize::from(title_first)..=usize::from(title_last)]
        .iter()
        .sum();
    for (r, line) in sheet.title.iter().enumerate() {
        let (format, scale, height) = if r == 0 {
            (&f.title, 16.0 / 11.0, 22.0)
        } else {
            (&f.subtitle, 1.0, 15.0)
        };
        let needed = (line.width() as f64 * scale / title_width.max(1) as f64).ceil();
        ws.set_row_height(r as u32, height * needed.max(1.0))?;
        if title_last > title_first {
            ws.merge_range(r as u32, title_first, r as u32, title_last, line, format)?;
        } else {
            ws.write_string_with_format(r as u32, 0, line, format)?;
        }
    }
    let head = sheet.title.len() as u32;
    for (c, (name, _)) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(head, c as u16, name, &f.header)?;
    }
    Ok(head)
}

/// One data row at `r`, each cell by its column's type, as tall as its wrapped text.
pub(super) fn write_row(
    ws: &mut Worksheet,
    r: u32,
    row: &[String],
    columns: &[(String, Ty)],
    widths: &[usize],
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    for (c, cell) in row.iter().enumerate() {
        let ty = columns.get(c).map_or(Ty::Text, |(_, ty)| *ty);
        write_cell(ws, r, c as u16, ty, cell, f)?;
    }
    // Neither Excel nor WPS grows a row to its wrapped text on opening a file: a row
    // whose text wraps is given the height of its lines, so nothing prints cut.
    let lines = row
        .iter()
        .zip(widths)
        .map(|(cell, w)| wrapped_lines(cell, *w))
        .max()
        .unwrap_or(1);
    if lines > 1 {
        ws.set_row_height(r, LINE_HEIGHT * lines as f64)?;
    }
    Ok(())
}

/// What follows the rows: the heat map, frozen header, filter and print setup; `head` is the
/// header's row and `last_row` the last data row.
pub(super) fn write_tail(
    ws: &mut Worksheet,
    sheet: &Sheet,
    (head, last_row): (u32, u32),
    widths: &[usize],
) -> std::result::Result<(), XlsxError> {
    let last_col = sheet.columns.len().saturating_sub(1) as u16;
    if let Some(target) = sheet.heat {
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum(ConditionalFormatType::Number, 0.6)
            .set_midpoint(ConditionalFormatType::Number, target)
            .set_maximum(ConditionalFormatType::Number, 1.0);
        for (c, _) in sheet
            .columns
            .iter()
            .enumerate()
            .filter(|(_, (_, t))| *t == Ty::Percent)
        {
            let c = c as u16;
            ws.add_conditional_format(head + 1, c, last_row.max(head + 1), c, &scale)?;
        }
    }
    ws.set_freeze_panes(head + 1, 0)?;
    ws.autofilter(head, 0, last_row, last_col)?;
    ws.set_landscape();
    ws.set_paper_size(A4);
    // Every printed page says what it is and where it stands in the sheet.
    let heading = sheet
        .title
        .first()
        .unwrap_or(&sheet.name)
        .replace('&', "&&");
    ws.set_header(format!("&C&\"{FONT},Bold\"&12{heading}"));
    ws.set_footer(format!("&C&\"{FONT},Regular\"&10第 &P 页 共 &N 页"));
    ws.set_repeat_rows(head, head)?;
    // A wide ledger prints across pages at a readable size, each page with the key column.
    let pages_wide = pages_wide(widths);
    ws.set_print_fit_to_pages(pages_wide as u16, 0);
    if pages_wide > 1 {
        ws.set_repeat_columns(0, 0)?;
    }
    Ok(())
}

/// One cell by its column's type. Codes and phones are always text; a date that does not
/// parse (never from an export) stays text rather than being lost.
fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    ty: Ty,
    cell: &str,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    if cell.is_empty() {
        ws.write_blank(r, c, &f.text)?;
        return Ok(());
    }
    match ty {
        Ty::Date => {
            if let Ok(d) = written::date(cell) {
                ws.write_datetime_with_format(r, c, d, &f.date)?;
                return Ok(());
            }
        }
        Ty::DateTime => {
            if let Ok(t) = written::datetime(cell) {
                ws.write_datetime_with_format(r, c, t, &f.datetime)?;
                return Ok(());
            }
        }
        Ty::Time => {
            if let Ok(t) = written::time(cell) {
                ws.write_datetime_with_format(r, c, t, &f.time)?;
                return Ok(());
            }
        }
        Ty::Number | Ty::Percent => {
            // A number column may hold a rate, written "48.0%": a percentage number.
            if let Some(n) = cell.strip_suffix('%').and_then(|n| n.parse::<f64>().ok()) {
                ws.write_number_with_format(r, c, n / 100.0, &f.percent)?;
                return Ok(());
            }
            if let Ok(n) = cell.parse::<f64>() {
                let format = if ty == Ty::Percent {
                    &f.percent
                } else {
                    &f.number
                };
                ws.write_number_with_format(r, c, n, format)?;
                return Ok(());
            }
        }
        Ty::Text | Ty::Code | Ty::Phone => {}
    }
    ws.write_string_with_format(r, c, cell, &f.text)?;
    Ok(())
}

/// The lines `cell` takes in a column `width` wide (its own line breaks, then wrapping).
fn wrapped_lines(cell: &str, width: usize) -> usize {
    // A column is as wide as its widest cell plus 2 (see `widths`), up to MAX_WIDTH: what
    // fits that stays on one line; longer text wraps, and fonts on an office PC run about a
    // tenth wider than the width units count.
    let room = width.saturating_sub(2).max(1);
    cell.lines()
        .map(|l| match l.width() {
            w if w <= room => 1,
            w => (w * 11 / 10).div_ceil(room),
        })
        .sum::<usize>()
        .max(1)
}

/// Each column as wide as its widest cell in terminal cells (a Chinese character is two,
/// as in Excel), within bounds; a library's autofit measures CJK wrong.
pub fn widths(sheet: &Sheet) -> Vec<usize> {
    sheet
        .columns
        .iter()
        .enumerate()
        .map(|(c, (name, ty))| {
            let shown = |cell: &str| match ty {
                Ty::Percent => 7,
                _ => cell.lines().map(UnicodeWidthStr::width).max().unwrap_or(0),
            };
            let widest = sheet
                .rows
                .iter()
                .filter_map(|row| row.get(c))
                .map(|cell| shown(cell))
                .chain([name.width() + 2])
                .max()
                .unwrap_or(0);
            (widest + 2).clamp(MIN_WIDTH, MAX_WIDTH)
        })
        .collect()
}
