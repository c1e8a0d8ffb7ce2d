//! Ledgers as clerks make them: title rows (merged or not) above the header, the ledger on a
//! sheet other than the first, 合计 rows below the records; in .xlsx, .ods and CSV alike.

mod util;

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use util::Desk;

const HEAD: [&str; 8] = [
    "工号",
    "姓名",
    "中队",
    "角色",
    "执法证号",
    "证件有效期至",
    "联系电话",
    "状态",
];

fn officer(ws: &mut Worksheet, row: u32, id: &str, name: &str, phone: &str) {
    let cells = [
        id,
        name,
        "一中队",
        "执法队员",
        "15070099",
        "2028-06-30",
        phone,
        "在岗",
    ];
    for (c, v) in cells.iter().enumerate() {
        ws.write_string(row, c as u16, *v).unwrap();
    }
}

/// A roster as a clerk titles it: a merged title, a line of unit and date in two cells, a
/// blank row, the header on row 4, two officers, and a 合计 row counted by a formula.
fn titled_book(path: &str, second_phone: &str) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.merge_range(0, 0, 0, 7, "卧龙镇综合行政执法队人员名册", &Format::new())
        .unwrap();
    ws.write_string(1, 0, "制表单位：卧龙镇").unwrap();
    ws.write_string(1, 5, "制表时间：2026-12-01").unwrap();
    for (c, h) in HEAD.iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    officer(ws, 4, "W030", "赵敏", "13904701030");
    officer(ws, 5, "W031", "钱进", second_phone);
    ws.write_string(6, 0, "合 计").unwrap();
    ws.write_formula(6, 1, "=COUNTA(B5:B6)").unwrap();
    book.save(path).unwrap();
}

#[test]
fn the_header_is_found_below_titles_and_a_total_row_is_skipped_with_a_note() {
    let d = Desk::new();
    let file = d.path("名册.xlsx");
    titled_book(&file, "13904701031");
    let out = d.ok(&["import", "officers", &file]);
    assert!(out.contains("新增 2"), "{out}");
    assert!(
        out.contains("已跳过合计行") && out.contains("第 7 行"),
        "{out}"
    );
    let csv = d.ok(&["export", "officers"]);
    assert!(
        csv.contains("W030,赵敏") && csv.contains("W031,钱进"),
        "{csv}"
    );
    assert!(!csv.contains("合"), "{csv}");
}

#[test]
fn messages_name_the_true_sheet_row_below_titles() {
    let d = Desk::new();
    let file = d.path("名册.xlsx");
    titled_book(&file, "1390470");
    let err = d.fails(&["import", "officers", &file]);
    assert!(err.contains("第6行 G列「联系电话」"), "{err}");
    assert_eq!(err.matches("缺少必需的列").count(), 0, "{err}");
}

#[test]
fn the_sheet_is_chosen_by_its_header_and_a_refusal_names_the_sheets() {
    let d = Desk::new();
    let file = d.path("两页.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet(); // Sheet1, left empty
    let ws = book.add_worksheet(); // Sheet2
    for (c, h) in HEAD.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    officer(ws, 1, "W040", "孙立", "13904701040");
    book.save(&file).unwrap();
    assert!(d.ok(&["import", "officers", &file]).contains("新增 1"));

    let empty = d.path("空.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet();
    book.add_worksheet().set_name("说明").unwrap();
    book.save(&empty).unwrap();
    let err = d.fails(&["import", "officers", &empty]);
    assert!(
        err.contains("工作表都是空的（看过：「Sheet1」「说明」）"),
        "{err}"
    );

    let notes = d.path("无表头.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("说明").unwrap();
    for r in 0..12 {
        ws.write_string(r, 0, "本表由中队填写").unwrap();
    }
    book.save(&notes).unwrap();
    let err = d.fails(&["import", "officers", &notes]);
    assert!(
        err.contains("在工作表「说明」的前 11 行中没有找到台账的表头"),
        "{err}"
    );
}

#[test]
fn a_wrong_header_below_titles_is_named_at_its_own_row() {
    let d = Desk::new();
    let file = d.path("名册.csv");
    let text = "卧龙镇人员名册,,,\n制表单位：卧龙镇,,制表时间：2026-12-01\n\
                工号,姓名,中队,角色,执法证号,证件有效期至,电话,状态\nW050,周全,一中队,执法队员,1,2028-06-30,13904701050,在岗\n";
    std::fs::write(&file, text).unwrap();
    let err = d.fails(&["import", "officers", &file]);
    assert!(err.contains("第3行 第7列「电话」：不认识的表头"), "{err}");
}

#[test]
fn a_titled_csv_with_a_total_row_imports_like_the_workbook() {
    let d = Desk::new();
    let file = d.path("名册.csv");
    let text = format!(
        "卧龙镇人员名册\n\n{}\nW060,吴用,一中队,执法队员,15070060,2028-06-30,13904701060,在岗\n合计,1,,,,,,\n",
        HEAD.join(",")
    );
    std::fs::write(&file, text).unwrap();
    let out = d.ok(&["import", "officers", &file]);
    assert!(out.contains("新增 1") && out.contains("第 5 行"), "{out}");
}
