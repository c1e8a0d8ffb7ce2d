//! Workbooks made to hurt, through the real binary: a shared-string reference that is not an
//! exact index in range, a shared-string table padded far past what the sheet uses, and a
//! sheet that expands past Excel's row limit are each refused with a Chinese message, fast,
//! and the database is not touched.

mod util;

use std::collections::BTreeMap;
use std::io::{Read, Write};

use rust_xlsxwriter::Workbook;
use util::Desk;

/// An officers workbook as Excel would save it, its parts by name.
fn parts() -> BTreeMap<String, Vec<u8>> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let rows = [
        [
            "工号",
            "姓名",
            "中队",
            "角色",
            "执法证号",
            "证件有效期至",
            "联系电话",
            "状态",
        ],
        [
            "W901",
            "韩梅",
            "一中队",
            "执法队员",
            "15079001",
            "2028-06-30",
            "13900001111",
            "在岗",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().into_owned(), data)
        })
        .collect()
}

fn package(parts: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        out.start_file(name.as_str(), deflated).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn edited(edit: impl Fn(&mut BTreeMap<String, Vec<u8>>)) -> Vec<u8> {
    let mut p = parts();
    edit(&mut p);
    package(&p)
}

fn text_of(p: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(p[name].clone()).unwrap()
}

fn refused(d: &Desk, name: &str, bytes: &[u8], why: &str) {
    let file = d.file(name, bytes);
    let before = d.count("officers");
    let start = std::time::Instant::now();
    let err = d.fails(&["import", "officers", &file]);
    assert!(err.contains(why), "{name}: {err}");
    assert_eq!(d.count("officers"), before, "{name}: nothing written");
    eprintln!("{name}: refused in {:?}", start.elapsed());
}

#[test]
fn the_untouched_workbook_imports() {
    let d = Desk::demo();
    let file = d.file("ok.xlsx", &package(&parts()));
    d.ok(&["import", "officers", &file]);
}

#[test]
fn a_shared_string_reference_that_is_not_an_exact_index_in_range_is_refused() {
    let d = Desk::demo();
    let sheet = "xl/worksheets/sheet1.xml";
    for (i, bad) in ["-1", "abc", "1.5", "999"].iter().enumerate() {
        let bytes = edited(|p| {
            // The first data cell (W901) refers to its string by index.
            let xml = text_of(p, sheet);
            let at = xml.find("<c r=\"A2\"").unwrap();
            let v = at + xml[at..].find("<v>").unwrap() + 3;
            let end = v + xml[v..].find("</v>").unwrap();
            let xml = format!("{}{bad}{}", &xml[..v], &xml[end..]);
            p.insert(sheet.into(), xml.into_bytes());
        });
        let why = if *bad == "999" {
            "工作表 sheet1.xml 的单元格 A2 引用了第 1000 个共享字符串".to_string()
        } else {
            format!("工作表 sheet1.xml 的单元格 A2 引用共享字符串的序号「{bad}」不是整数")
        };
        refused(&d, &format!("bad-index-{i}.xlsx"), &bytes, &why);
    }
}

#[test]
fn a_padded_shared_string_table_and_a_sheet_past_excel_s_row_limit_are_refused() {
    let d = Desk::demo();
    let strings = "xl/sharedStrings.xml";
    let padded = edited(|p| {
        let xml = text_of(p, strings);
        let pad = "<si><t></t></si>".repeat(200_000);
        let xml = xml.replacen("</sst>", &format!("{pad}</sst>"), 1);
        p.insert(strings.into(), xml.into_bytes());
    });
    assert!(
        padded.len() < 2 << 20,
        "a small file: {} bytes",
        padded.len()
    );
    refused(
        &d,
        "padded.xlsx",
        &padded,
        "共享字符串表有 100001 个以上的字符串，而各工作表只用到 16 个",
    );

    let sheet = "xl/worksheets/sheet1.xml";
    let long = edited(|p| {
        let xml = text_of(p, sheet);
        let rows: String = (3..=1_048_580)
            .map(|r| format!("<row r=\"{r}\"/>"))
            .collect();
        let xml = xml.replacen("</sheetData>", &format!("{rows}</sheetData>"), 1);
        p.insert(sheet.into(), xml.into_bytes());
    });
    refused(
        &d,
        "long.xlsx",
        &long,
        "工作表 sheet1.xml 超过 1048576 行（Excel 的上限）",
    );
}

#[test]
fn an_import_stops_reading_once_it_has_a_thousand_problems() {
    let d = Desk::demo();
    let mut csv = String::from("区域编号,区域名称,类型,巡查频次,所属村\n");
    for i in 0..50_000 {
        csv.push_str(&format!("Z{i:05},区域{i},不存在的类型,每日,\n"));
    }
    let file = d.file("many.csv", csv.as_bytes());
    let err = d.fails(&["import", "areas", &file]);
    assert!(
        err.contains("发现的问题已超过 1000 处，其余的行不再检查"),
        "{err}"
    );
    assert!(err.contains("另有 950 处以上问题未列出"), "{err}");
}
