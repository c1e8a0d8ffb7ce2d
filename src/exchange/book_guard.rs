//! What an .xlsx package must be before calamine reads it: sheets of no more rows than Excel
//! allows, a shared-string table no larger than its sheets can use, and every shared-string
//! reference an exact index into that table. Both are streamed in bounded memory, so a small
//! file made to expand into gigabytes or millions of rows is refused in seconds, and a
//! reference that points nowhere is never read as some other string.

use std::io::{BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// Excel's own limit: a sheet with more rows was not saved by Excel or WPS.
const MAX_ROWS: u64 = 1_048_576;
/// Shared strings beyond what the sheets' string cells could use: a table this much larger
/// is padding.
const SPARE_STRINGS: u64 = 100_000;
/// Bytes of the shared-string table allowed per string cell (a cell holds at most 4,000
/// characters), with a floor for small files.
const BYTES_PER_STRING: u64 = 16_384;
const MIN_TABLE_BYTES: u64 = 64 << 20;

/// What the sheets ask of the shared-string table.
#[derive(Default)]
struct Uses {
    cells: u64,
    /// The largest index referenced, with the sheet and cell that does.
    highest: Option<(u64, String)>,
}

/// Checks the package in `bytes`; the reason in Chinese when it must be refused.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let sheets: Vec<String> = zip
        .file_names()
        .flatten()
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
        .map(|n| n.into_owned())
        .collect();
    let mut uses = Uses::default();
    for name in &sheets {
        let part = zip.by_name(name).map_err(|e| e.to_string())?;
        sheet(BufReader::new(part), name, &mut uses)?;
    }
    let strings = match zip.by_name("xl/sharedStrings.xml") {
        Ok(part) => table(BufReader::new(part), &uses)?,
        Err(_) => 0,
    };
    match uses.highest {
        Some((i, at)) if i >= strings => Err(format!(
            "{at} 引用了第 {} 个共享字符串，但共享字符串表只有 {strings} 个：文件已损坏，请用 Excel 或 WPS 另存后再导入",
            i + 1
        )),
        _ => Ok(()),
    }
}

/// Streams one sheet: counts its rows and string cells and reads each string cell's index.
fn sheet(input: impl std::io::BufRead, name: &str, uses: &mut Uses) -> Result<(), String> {
    let short = name.trim_start_matches("xl/worksheets/");
    let mut xml = Reader::from_reader(input);
    let (mut buf, mut rows) = (Vec::new(), 0u64);
    // The cell being read: its reference ("B7") when it holds a shared string.
    let (mut shared, mut in_value) = (None::<String>, false);
    loop {
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                rows += 1;
                if rows > MAX_ROWS {
                    return Err(format!(
                        "工作表 {short} 超过 {MAX_ROWS} 行（Excel 的上限），不是 Excel 或 WPS 保存的台账"
                    ));
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "c" => {
                let attr = |key: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| a.value.to_string())
                };
                shared = (attr("t").as_deref() == Some("s"))
                    .then(|| attr("r").unwrap_or_else(|| format!("第 {rows} 行")));
            }
            Event::Start(e) if e.local_name().as_ref() == "v" => in_value = shared.is_some(),
            Event::Text(t) if in_value => {
                let at = shared.clone().unwrap_or_default();
                let text = t.to_string();
                let index = exact_index(&text).ok_or_else(|| {
                    format!(
                        "工作表 {short} 的单元格 {at} 引用共享字符串的序号「{}」不是整数：文件已损坏，请用 Excel 或 WPS 另存后再导入",
                        crate::text::printable(text.trim())
                    )
                })?;
                uses.cells += 1;
                if uses.highest.as_ref().is_none_or(|(h, _)| index > *h) {
                    uses.highest = Some((index, format!("工作表 {short} 的单元格 {at}")));
                }
                in_value = false;
            }
            Event::End(e) if e.local_name().as_ref() == "c" => (shared, in_value) = (None, false),
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// "12" as 12; a sign, a fraction, spaces inside or anything else is not an index.
fn exact_index(text: &str) -> Option<u64> {
    let t = text.trim();
    (!t.is_empty() && t.len() <= 10 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// Streams the shared-string table: its strings counted and its bytes bounded by what the
/// sheets use. Returns how many strings it holds.
fn table(input: impl Read, uses: &Uses) -> Result<u64, String> {
    let most_strings = uses.cells.saturating_mul(2).max(SPARE_STRINGS);
    let most_bytes = uses
        .cells
        .saturating_mul(BYTES_PER_STRING)
        .max(MIN_TABLE_BYTES);
    let mut counted = Counted {
        inner: input,
        bytes: 0,
    };
    let mut xml = Reader::from_reader(BufReader::new(&mut counted));
    let (mut buf, mut strings) = (Vec::new(), 0u64);
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "si" => {
                strings += 1;
                if strings > most_strings {
                    return Err(format!(
                        "共享字符串表有 {strings} 个以上的字符串，而各工作表只用到 {} 个：不像是 Excel 或 WPS 保存的台账，未读取",
                        uses.cells
                    ));
                }
            }
            Event::Eof => return Ok(strings),
            _ => {}
        }
        buf.clear();
        if xml.get_ref().get_ref().bytes > most_bytes {
            return Err(format!(
                "共享字符串表解压后超过 {} MB，而各工作表只用到 {} 个字符串：不像是 Excel 或 WPS 保存的台账，未读取",
                most_bytes >> 20,
                uses.cells
            ));
        }
    }
}

/// A reader that counts what passes through it.
struct Counted<R> {
    inner: R,
    bytes: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_exact_whole_number_is_an_index() {
        assert_eq!(exact_index("12"), Some(12));
        assert_eq!(exact_index(" 0 "), Some(0));
        for bad in ["-1", "abc", "1.5", "", "1e3", "+2", "99999999999"] {
            assert_eq!(exact_index(bad), None, "{bad}");
        }
    }
}
