//! Blocks written as a .docx in the proportions of a 公文 (GB/T 9704): A4, margins 37/35/28/26
//! mm, title in 黑体 二号, body in 仿宋_GB2312 三号 on a fixed 28-point line. Fonts are named,
//! not embedded: the office PC has them.

use docx_rs::{
    AlignmentType, BreakType, Docx, HeightRule, LineSpacing, LineSpacingType, PageMargin,
    Paragraph, Run, RunFonts, SpecialIndentType, Table, TableCell, TableRow, VAlignType, WidthType,
};

use super::template::{Align, Block};
use crate::error::{Error, Result};

/// Twentieths of a point per millimetre.
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
const TITLE_FONT: &str = "黑体";
const BODY_FONT: &str = "仿宋_GB2312";
/// 二号, 三号 and 小四 (for the cells of a form), in half-points.
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
const CELL_SIZE: usize = 24;
/// A form's row is at least this tall (about 1.1 cm), room to write or sign by hand.
const ROW_HEIGHT: f32 = 624.0;
/// A 公文 line: 28 points, in twentieths.
const LINE: i32 = 560;
/// The text width: A4 less 28 and 26 mm, in twentieths.
fn text_width() -> usize {
    (A4.0 as i32 - mm(28.0) - mm(26.0)) as usize
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name)
}

/// Every piece of text a paper holds passes here: a character XML 1.0 cannot hold (a control
/// character, U+FFFE, U+FFFF), stored before the importer refused it, is written as `\u{..}`,
/// so Word and WPS always open the file.
fn run(text: &str, font: &str, size: usize) -> Run {
    let text = crate::text::printable(text);
    // A line break typed into a record (a two-line description) stays a line break.
    let mut r = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line.trim_end_matches('\r'));
    }
    r.fonts(fonts(font)).size(size)
}

fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY_FONT, BODY_SIZE))
        .line_spacing(
            LineSpacing::new()
                .line(LINE)
                .line_rule(LineSpacingType::Exact),
        )
}

fn paragraph(block: &Block) -> Option<Paragraph> {
    Some(match block {
        Block::Title(t) => Paragraph::new()
            .add_run(run(t, TITLE_FONT, TITLE_SIZE))
            .align(AlignmentType::Center)
            .line_spacing(
                LineSpacing::new()
                    .line(LINE * 3 / 2)
                    .line_rule(LineSpacingType::AtLeast),
            ),
        Block::Line(Align::Indented, t) => body(t).indent(
            None,
            Some(SpecialIndentType::FirstLine((BODY_SIZE * 20) as i32)),
            None,
            None,
        ),
        Block::Line(Align::Flush, t) => body(t),
        Block::Line(Align::Center, t) => body(t).align(AlignmentType::Center),
        Block::Line(Align::Right, t) => body(t).align(AlignmentType::Right),
        Block::Blank => body(""),
        Block::PageBreak => Paragraph::new().add_run(Run::new().add_break(BreakType::Page)),
        Block::Row(_) => return None,
    })
}

/// Consecutive rows as one bordered table across the text width; a row with fewer cells
/// than the widest lets its last cell span the rest.
fn table(rows: &[&Vec<String>]) -> Table {
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(1).max(1);
    let width = text_width();
    // Label and value columns alternate; a value gets twice a label's width.
    let parts = |i: usize| if i.is_multiple_of(2) { 1 } else { 2 };
    let total: usize = (0..cols).map(parts).sum();
    let grid: Vec<usize> = (0..cols).map(|i| width * parts(i) / total).collect();
    let rows = rows
        .iter()
        .map(|cells| {
            let last = cells.len().saturating_sub(1);
            let cells = cells
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let span = if i == last { cols - last } else { 1 };
                    let w: usize = grid[i..i + span].iter().sum();
                    let p = Paragraph::new().add_run(run(text, BODY_FONT, CELL_SIZE));
                    let cell = TableCell::new()
                        .add_paragraph(p)
                        .width(w, WidthType::Dxa)
                        .vertical_align(VAlignType::Center);
                    if span > 1 { cell.grid_span(span) } else { cell }
                })
                .collect();
            TableRow::new(cells)
                .row_height(ROW_HEIGHT)
                .height_rule(HeightRule::AtLeast)
        })
        .collect();
    Table::new(rows).set_grid(grid).width(width, WidthType::Dxa)
}

/// The document of `blocks` as .docx bytes; `title` names it in the file's properties.
pub fn write(blocks: &[Block], title: &str) -> Result<Vec<u8>> {
    let margin = PageMargin::new()
        .top(mm(37.0))
        .bottom(mm(35.0))
        .left(mm(28.0))
        .right(mm(26.0));
    let mut doc = Docx::new().page_size(A4.0, A4.1).page_margin(margin);
    let mut rows: Vec<&Vec<String>> = Vec::new();
    for block in blocks {
        if let Block::Row(cells) = block {
            rows.push(cells);
            continue;
        }
        if !rows.is_empty() {
            doc = doc.add_table(table(&rows));
            rows.clear();
        }
        if let Some(p) = paragraph(block) {
            doc = doc.add_paragraph(p);
        }
    }
    if !rows.is_empty() {
        doc = doc.add_table(table(&rows));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    let failed =
        |e: &dyn std::fmt::Display| Error::invalid(format!("写出文书「{title}」失败：{e}"));
    doc.build().pack(&mut out).map_err(|e| failed(&e))?;
    in_schema_order(&out.into_inner()).map_err(|e| failed(&e))
}

/// The package with the properties of its document and styles in the schema's sequence
/// (`schema_order`), every other part copied as it is.
fn in_schema_order(package: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Read, Write};
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(package))?;
    let mut to = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..from.len() {
        let part = from.by_index(i)?;
        let name = part.name()?.to_string();
        if !matches!(name.as_str(), "word/document.xml" | "word/styles.xml") {
            to.raw_copy_file(part)?;
            continue;
        }
        let mut xml = String::new();
        { part }.read_to_string(&mut xml)?;
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        to.start_file(name, options)?;
        to.write_all(super::schema_order::reorder(&xml).as_bytes())?;
    }
    Ok(to.finish()?.into_inner())
}
