//! Workbooks through the real binary: .xlsx out with typed cells and a printable sheet, .xlsx
//! in by content with Excel's numbers, dates and formulas, round trips that change nothing,
//! and the handoff workbook a city clerk files.

mod util;

use std::io::Read;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook};
use util::{Desk, KINDS};

/// A cell as text (empty when there is none).
fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(|v| v.to_string())
        .unwrap_or_default()
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn sheet(path: &str, name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).expect("a workbook");
    book.worksheet_range(name).expect("the sheet")
}

/// One part of an .xlsx package as text.
fn part(path: &str, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn every_kind_round_trips_through_a_workbook_unchanged() {
    let d = Desk::demo();
    for kind in KINDS {
        let file = d.path(&format!("{kind}.xlsx"));
        d.ok(&["export", kind, "--out", &file, "--include-personal"]);
    }
    let masked = d.path("masked.xlsx");
    d.ok(&["export", "complaints", "--out", &masked]);
    // (Exporting reporters in full was audited; importing writes nothing.)
    let audit = d.count("audit");
    for kind in KINDS {
        let out = d.ok(&["import", kind, &d.path(&format!("{kind}.xlsx"))]);
        assert!(out.contains("新增 0，更新 0，未变"), "{kind}: {out}");
    }
    // Masked reporters keep what is stored.
    assert!(
        d.ok(&["import", "complaints", &masked])
            .contains("新增 0，更新 0")
    );
    assert_eq!(d.count("audit"), audit, "nothing was written");
    d.ok(&["verify"]);
}

#[test]
fn the_workbook_types_its_cells_and_prints_on_a4_landscape() {
    let d = Desk::demo();
    let file = d.path("complaints.xlsx");
    let out = d.both(&["export", "complaints", "--out", &file, "--include-personal"]);
    assert!(out.1.contains("已导出 41 行"), "{out:?}");
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    assert_eq!(book.sheet_names(), ["投诉台账"]);
    let range = book.worksheet_range("投诉台账").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        &header[..5],
        ["编号", "受理时间", "来源渠道", "举报人", "联系电话"]
    );
    let first = range.rows().nth(1).unwrap();
    assert_eq!(first[0], Data::String("TS-2026-0001".into()));
    assert!(
        matches!(first[1], Data::DateTime(_)),
        "受理时间 is a date cell: {:?}",
        first[1]
    );
    let received = first[1].as_datetime().unwrap();
    assert_eq!(
        received.format("%Y-%m-%d %H:%M").to_string(),
        "2026-11-02 09:00"
    );
    assert!(
        matches!(&first[4], Data::String(p) if p.len() == 11),
        "a phone is a text cell: {:?}",
        first[4]
    );

    let xml = part(&file, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains(r#"state="frozen""#) && xml.contains(r#"topLeftCell="A2""#),
        "{xml:.600}"
    );
    // The last column's letters: Z, then AA, AB...
    let n = header.len() - 1;
    let letter = |i: usize| char::from(b'A' + i as u8);
    let last = if n < 26 {
        letter(n).to_string()
    } else {
        format!("{}{}", letter(n / 26 - 1), letter(n % 26))
    };
    assert!(
        xml.contains(&format!(r#"<autoFilter ref="A1:{last}42""#)),
        "filter over the header and rows"
    );
    assert!(xml.contains(r#"paperSize="9""#) && xml.contains(r#"orientation="landscape""#));
    assert!(part(&file, "xl/workbook.xml").contains("_xlnm.Print_Titles"));
    assert!(part(&file, "xl/styles.xml").contains("yyyy-mm-dd hh:mm"));
    // 问题描述 (column H) is as wide as its longest text, two units a Chinese character, up
    // to the widest column a workbook gets (48, then the text wraps).
    let widest = range
        .rows()
        .skip(1)
        .map(|r| {
            let text = r[7].to_string();
            text.chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum::<usize>()
        })
        .max()
        .unwrap()
        .min(46);
    let col = xml
        .split("<col ")
        .find(|c| c.starts_with(r#"min="8""#))
        .expect("a width for column H");
    let width: f64 = col
        .split(r#"width=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        width >= widest as f64,
        "width {width} for a text {widest} cells wide"
    );
}

fn officers_book(path: &str, rows: &[[Cell; 8]]) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let headers = [
        "工号",
        "姓名",
        "中队",
        "角色",
        "执法证号",
        "证件有效期至",
        "联系电话",
        "状态",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy/m/d");
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::S(s) => ws.write_string(r, c, *s).map(|_| ()),
                Cell::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                Cell::D(d) => ws.write_datetime_with_format(r, c, d, &date).map(|_| ()),
                Cell::F(f) => ws.write_formula(r, c, *f).map(|_| ()),
                Cell::E => Ok(()),
            }
            .unwrap();
        }
    }
    book.save(path).unwrap();
}

#[derive(Clone, Copy)]
enum Cell {
    S(&'static str),
    N(f64),
    D(NaiveDate),
    F(&'static str),
    E,
}
use Cell::{D, E, F, N, S};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_workbook_from_excel_is_read_by_content_with_its_numbers_and_dates() {
    let d = Desk::new();
    // Saved under a name that says nothing: the content decides.
    let file = d.path("名册.dat");
    officers_book(
        &file,
        &[
            [
                S("W020"),
                S("王强"),
                S("一中队"),
                S("执法队员"),
                N(15070020.0),
                D(day(2028, 6, 30)),
                N(13904701020.0),
                S("在岗"),
            ],
            [
                N(21.0),
                S("刘䶮"),
                E,
                S("网格员"),
                E,
                E,
                S("0470-3321234"),
                S("在岗"),
            ],
        ],
    );
    assert!(d.ok(&["import", "officers", &file]).contains("新增 2"));
    let csv = util::text(d.ok(&["export", "officers"]).as_bytes());
    assert!(
        csv.contains("W020,王强,一中队,执法队员,15070020,2028-06-30,13904701020,在岗"),
        "{csv}"
    );
    assert!(csv.contains("21,刘䶮,,网格员,,,0470-3321234,在岗"), "{csv}");
}

#[test]
fn formulas_lost_digits_and_dates_in_code_columns_are_refused_by_sheet_row_and_letter() {
    let d = Desk::new();
    let file = d.path("o.xlsx");
    officers_book(
        &file,
        &[
            [
                S("W1"),
                S("王强"),
                E,
                S("执法队员"),
                N(1507123456789012.0),
                E,
                F("=13904701000+1"),
                S("在岗"),
            ],
            [
                S("W2"),
                S("刘芳"),
                E,
                S("执法队员"),
                S("15070002"),
                E,
                D(day(2026, 1, 2)),
                S("在岗"),
            ],
            [
                S("W3"),
                S("陈春"),
                E,
                S("执法队员"),
                S("15070003"),
                N(46000.0),
                S("1.39047E+10"),
                S("在岗"),
            ],
        ],
    );
    let err = d.fails(&["import", "officers", &file]);
    for want in [
        "o.xlsx 工作表「Sheet1」第2行 E列「执法证号」",
        "15 位",
        "第2行 G列「联系电话」",
        "公式",
        "第3行 G列「联系电话」",
        "当成了日期",
        "第4行 F列「证件有效期至」",
        "是数值而不是日期",
        "第4行 G列「联系电话」",
        "科学计数法",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert_eq!(d.count("officers"), 0, "all or nothing");
}

#[test]
fn the_format_follows_the_name_or_the_flag_and_never_writes_csv_into_xlsx() {
    let d = Desk::demo();
    let file = d.path("o.xlsx");
    d.ok(&["export", "officers", "--out", &file]);
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK\x03\x04"));
    let named = d.path("o.bin");
    d.ok(&["export", "officers", "--out", &named, "--format", "xlsx"]);
    assert_eq!(sheet(&named, "人员名册").height(), 13);
    assert!(
        d.fails(&["export", "officers", "--format", "xlsx"])
            .contains("--out")
    );
    assert!(
        d.fails(&["export", "officers", "--out", &d.path("o.xls")])
            .contains(".xlsx")
    );
}

#[test]
fn the_handoff_workbook_is_named_titled_and_holds_numbers() {
    let d = Desk::demo();
    d.ok(&["settings", "name", "卧牛河镇综合行政执法队"]);
    let dir = d.path("bundle");
    let out = d.ok(&["export", "handoff", "--month", "2026-11", "--out", &dir]);
    let prefix = "卧牛河镇综合行政执法队-2026年11月";
    let file = format!("{dir}/{prefix}-移交.xlsx");
    assert!(out.contains(&format!("{prefix}-移交.xlsx")), "{out}");
    assert!(std::path::Path::new(&format!("{dir}/{prefix}-投诉台账.csv")).exists());
    assert!(d.ok(&["verify-handoff", &dir]).contains("一致"));
    let manifest = std::fs::read_to_string(format!("{dir}/manifest.csv")).unwrap();
    assert!(
        manifest.contains("（执法队与月份）,卧牛河镇综合行政执法队,2026-11"),
        "{manifest}"
    );
    let head = manifest
        .lines()
        .find(|l| l.starts_with("（审计链"))
        .and_then(|l| l.split(',').nth(2))
        .unwrap()
        .to_string();

    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "说明",
            "通报",
            "超期明细",
            "投诉台账",
            "整改通知台账",
            "巡查记录",
            "区域",
            "事项",
            "人员"
        ]
    );
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        // A wide sheet's title starts after its key column, which repeats on every page.
        let title = format!("{}{}", cell(&range, 0, 0), cell(&range, 0, 1));
        assert!(
            title.contains("卧牛河镇综合行政执法队") && title.contains("2026年11月"),
            "{name}: {title}"
        );
    }
    let guide = book.worksheet_range("说明").unwrap();
    let said: Vec<String> = guide.rows().map(|r| format!("{} {}", r[0], r[1])).collect();
    assert!(said.iter().any(|l| l.contains(&head)), "{said:?}");
    let csv = format!("{prefix}-投诉台账.csv");
    let sha = sha256_hex(&std::fs::read(format!("{dir}/{csv}")).unwrap());
    assert!(
        said.iter().any(|l| l.starts_with(&csv) && l.contains(&sha)),
        "the guide lists each CSV file with its SHA-256: {said:?}"
    );
    assert!(
        said.iter().any(|l| l.contains("certutil -hashfile")),
        "{said:?}"
    );
    let bulletin = book.worksheet_range("通报").unwrap();
    assert_eq!(
        bulletin.rows().nth(2).unwrap()[..6],
        ["部分", "指标", "本月", "上月", "目标", "结论"].map(|h| Data::String(h.into()))
    );
    let row = bulletin
        .rows()
        .find(|r| r[1] == Data::String("按时办理率".into()))
        .expect("the on-time rate");
    let (Data::Float(rate), Data::Float(target)) = (&row[2], &row[4]) else {
        panic!("rates are numbers: {row:?}");
    };
    assert!(
        *rate > 0.0 && *rate < 1.0 && (*target - 0.9).abs() < 1e-9,
        "{rate} {target}"
    );
    let verdict = if rate + 1e-9 >= *target {
        "达标"
    } else {
        "未达标"
    };
    assert_eq!(row[5], Data::String(verdict.into()));
    let issued = bulletin
        .rows()
        .find(|r| r[0] == Data::String("整改通知".into()) && r[1] == Data::String("下达".into()))
        .unwrap();
    // Each month's figure as the report states it, independently of the workbook.
    let count = |section: &str, item: &str, month: &str| -> f64 {
        let csv = d.ok(&["report", "month", "--month", month, "--csv"]);
        let line = csv
            .lines()
            .find(|l| l.starts_with(&format!("{section},{item},")))
            .unwrap_or_else(|| panic!("{section} {item} in {csv}"));
        line.split(',').nth(2).unwrap().parse().unwrap()
    };
    assert_eq!(
        (issued[2].clone(), issued[3].clone()),
        (
            Data::Float(count("整改通知", "下达", "2026-11")),
            Data::Float(count("整改通知", "下达", "2026-10"))
        ),
        "this month beside last month, as numbers"
    );

    // The clerk's workbook also goes back in: the title block is skipped, nothing changes.
    assert!(
        d.ok(&["import", "complaints", &file])
            .contains("新增 0，更新 0")
    );
}

/// The guard apostrophe the CSV export puts before a formula-like value comes back from a
/// workbook as part of the text (Calc keeps it when it saves .xlsx, .xls or .ods): it is
/// removed there as from a CSV — one rule — and the round trip changes nothing.
#[test]
fn the_guard_apostrophe_is_removed_from_a_workbook_as_from_a_csv() {
    let d = Desk::demo();
    let head = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,\
                核查时间,处置结果,反馈时间,办结时间,作废原因";
    let row = "TS-2026-0042,2026-11-23 08:00,12345热线,,,Q01,M01,'=夜市摊点占道,一般,已受理,,,,,";
    let csv = d.file("g.csv", format!("{head}\n{row}\n").as_bytes());
    d.ok(&["import", "complaints", &csv]);
    let stored = || -> String {
        rusqlite::Connection::open(&d.db)
            .unwrap()
            .query_row(
                "SELECT description FROM complaints WHERE id = 'TS-2026-0042'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(stored(), "=夜市摊点占道");
    // The same row as Calc saves it in a workbook: the apostrophe is now text in the cell.
    let path = d.path("g.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (r, line) in [head, row].iter().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            ws.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    book.save(&path).unwrap();
    let audit = d.count("audit");
    let said = d.ok(&["import", "complaints", &path]);
    assert_eq!(stored(), "=夜市摊点占道", "{said}");
    assert_eq!(d.count("audit"), audit, "nothing changed: {said}");
}

/// Free text a spreadsheet turned into a date, a number or a yes/no is refused on its way
/// back, from a CSV and a workbook alike, naming what was stored and what came; a genuine
/// edit that looks so goes in with --accept-converted; a new record's text that looks made
/// is imported and named in the summary.
#[test]
fn free_text_a_spreadsheet_converted_is_caught() {
    let d = Desk::demo();
    let head = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,\
                核查时间,处置结果,反馈时间,办结时间,作废原因";
    let row = |id: &str, what: &str| {
        format!("{id},2026-11-23 08:00,12345热线,,,Q01,M01,{what},一般,已受理,,,,,")
    };
    let csv = d.file(
        "new.csv",
        format!(
            "{head}\n{}\n{}\n",
            row("TS-2026-0042", "3-12"),
            row("TS-2026-0043", "2026-03-12")
        )
        .as_bytes(),
    );
    let said = d.ok(&["import", "complaints", &csv]);
    assert!(
        said.contains("第3行「问题描述」“2026-03-12”（像日期）") && !said.contains("“3-12”"),
        "{said}"
    );
    // Through Excel's CSV: "3-12" came back as 3/12/26.
    let back = d.file(
        "back.csv",
        format!("{head}\n{}\n", row("TS-2026-0042", "3/12/26")).as_bytes(),
    );
    let err = d.fails(&["import", "complaints", &back]);
    assert!(
        err.contains("第2行")
            && err.contains("原为“3-12”，文件中是“3/12/26”")
            && err.contains("当成日期")
            && err.contains("--accept-converted"),
        "{err}"
    );
    // Through a workbook: a date cell where the text was.
    let path = d.path("back.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in head.split(',').enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (c, cell) in row("TS-2026-0042", "").split(',').enumerate() {
        ws.write_string(1, c as u16, cell).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(1, 7, day(2026, 3, 12), &date)
        .unwrap();
    book.save(&path).unwrap();
    let err = d.fails(&["import", "complaints", &path]);
    assert!(err.contains("原为“3-12”，文件中是“2026-03-12”"), "{err}");
    // Meant: the officer says so.
    d.ok(&["import", "complaints", &back, "--accept-converted"]);
    let csv = d.ok(&["export", "complaints"]);
    assert!(csv.contains(",3/12/26,"), "{csv}");
}

/// A minimal .ods of one sheet, as Calc writes it: time cells typed as time, text as text.
fn ods(path: &str, rows: &[Vec<(&str, &str)>]) {
    use std::io::Write;
    let mut cells = String::new();
    for row in rows {
        cells.push_str("<table:table-row>");
        for (ty, v) in row {
            cells.push_str(&match *ty {
                "time" => format!(
                    r#"<table:table-cell office:value-type="time" office:time-value="{v}"><text:p>{v}</text:p></table:table-cell>"#
                ),
                _ => format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
                ),
            });
        }
        cells.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="巡查记录">{cells}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.finish().unwrap();
}

/// The patrol ledger's header as .ods text cells.
fn patrol_head() -> Vec<(&'static str, &'static str)> {
    [
        "记录编号",
        "日期",
        "开始时间",
        "结束时间",
        "巡查组",
        "人员",
        "区域",
        "巡查情况",
        "发现问题",
    ]
    .iter()
    .map(|h| ("string", *h))
    .collect()
}

/// A patrol ledger saved as .ods holds its times as time cells: read as times of day; a cell
/// that is a duration of more than a day is refused once, not also said to be empty.
#[test]
fn an_ods_patrol_ledger_is_read_with_its_times() {
    let d = Desk::demo();
    let head = patrol_head();
    let row = |id: &'static str, end: &'static str| -> Vec<(&'static str, &'static str)> {
        vec![
            ("string", id),
            ("string", "2026-11-20"),
            ("time", "PT08H30M00S"),
            ("time", end),
            ("string", "第一组"),
            ("string", "W001、W002"),
            ("string", "Q01"),
            ("string", "未发现违法行为"),
            ("string", "否"),
        ]
    };
    let path = d.path("p.ods");
    ods(&path, &[head.clone(), row("XC0100", "PT10H15M00S")]);
    d.ok(&["import", "patrols", &path]);
    let csv = d.ok(&["export", "patrols"]);
    assert!(csv.contains("XC0100,2026-11-20,08:30,10:15,"), "{csv}");
    let bad = d.path("bad.ods");
    ods(&bad, &[head, row("XC0101", "PT30H00M00S")]);
    let err = d.fails(&["import", "patrols", &bad]);
    assert!(err.contains("是时长，不是日期或时间"), "{err}");
    assert!(!err.contains("不能为空"), "one message for the cell: {err}");
}

/// An .ods a clerk titled: the header is found below the title, as in .xlsx and CSV.
#[test]
fn an_ods_with_a_title_above_its_header_is_read() {
    let d = Desk::demo();
    let head = patrol_head();
    // Two cells: a row a first-row-is-the-header reader would take for the header.
    let title = vec![
        ("string", "卧牛河镇巡查记录"),
        ("string", "制表时间：2026-12-01"),
    ];
    let row = vec![
        ("string", "XC0200"),
        ("string", "2026-11-20"),
        ("time", "PT08H30M00S"),
        ("time", "PT09H45M00S"),
        ("string", "第一组"),
        ("string", "W001、W002"),
        ("string", "Q01"),
        ("string", "未发现违法行为"),
        ("string", "否"),
    ];
    let path = d.path("titled.ods");
    ods(&path, &[title, vec![], head, row]);
    assert!(d.ok(&["import", "patrols", &path]).contains("新增 1"));
    let csv = d.ok(&["export", "patrols"]);
    assert!(csv.contains("XC0200,2026-11-20,08:30,09:45,"), "{csv}");
}
