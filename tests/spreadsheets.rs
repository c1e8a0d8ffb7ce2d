//! What a spreadsheet does to a CSV file on its way back, through the real binary: each change
//! refused by line and column with what Excel did, the ledger untouched; and the dry run
//! that shows each change before it lands.

mod util;

use util::{Desk, text};

const OFFICER_HEADER: &str = "工号,姓名,中队,角色,执法证号,证件有效期至,联系电话,状态";
const COMPLAINT_HEADER: &str = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间";

fn csv(d: &Desk, name: &str, header: &str, rows: &[&str]) -> String {
    let mut body = format!("{header}\r\n");
    for r in rows {
        body.push_str(r);
        body.push_str("\r\n");
    }
    d.file(name, body.as_bytes())
}

#[test]
fn numbers_excel_wrote_in_exponent_form_are_refused_in_codes_and_phones() {
    let d = Desk::demo();
    let audit = d.count("audit");
    let f = csv(
        &d,
        "o.csv",
        OFFICER_HEADER,
        &[
            "W001,赵建国,一中队,队长,15070001,2028-06-30,1.39047E+10,在岗",
            "W002,钱志强,一中队,执法队员,1.50700E+15,2027-12-31,13904701002,在岗",
            "W003,孙丽华,二中队,执法队员,15070003,2028-03-31,1390470100,在岗",
        ],
    );
    let err = d.fails(&["import", "officers", &f]);
    assert!(
        err.contains("第2行 第7列「联系电话」") && err.contains("科学计数法"),
        "{err}"
    );
    assert!(err.contains("第3行 第5列「执法证号」"), "{err}");
    assert!(err.contains(".xlsx"), "says how to avoid it: {err}");
    assert!(
        err.contains("第4行 第7列「联系电话」") && err.contains("不是有效的电话号码"),
        "a lost digit: {err}"
    );
    assert_eq!(d.count("audit"), audit, "nothing written");
}

#[test]
fn a_key_or_reference_that_lost_its_leading_zeros_is_refused() {
    let d = Desk::demo();
    let f = csv(
        &d,
        "o1.csv",
        OFFICER_HEADER,
        &["0012,冯立,一中队,执法队员,15070012,2028-06-30,13904701012,在岗"],
    );
    d.ok(&["import", "officers", &f]);
    let area = d.file(
        "a.csv",
        "区域编号,区域名称,类型,巡查频次,所属村\r\n007,新村,行政村,每周,新村\r\n".as_bytes(),
    );
    d.ok(&["import", "areas", &area]);

    let f = csv(
        &d,
        "o2.csv",
        OFFICER_HEADER,
        &["12,冯立,一中队,执法队员,15070012,2028-06-30,13904701012,在岗"],
    );
    let err = d.fails(&["import", "officers", &f]);
    assert!(
        err.contains("第2行 第1列「工号」") && err.contains("已有编号「0012」"),
        "{err}"
    );
    let c = csv(
        &d,
        "c.csv",
        COMPLAINT_HEADER,
        &["TS-2026-0900,2026-11-20 09:00,信访,,,7,M01,占道,一般,已受理,,,,"],
    );
    let err = d.fails(&["import", "complaints", &c]);
    assert!(
        err.contains("第6列「所属区域」") && err.contains("已有编号「007」"),
        "{err}"
    );
    assert!(err.contains("开头的 0"), "{err}");
}

#[test]
fn a_masked_value_is_refused_where_there_is_nothing_stored_to_keep() {
    let d = Desk::demo();
    let f = csv(
        &d,
        "c.csv",
        COMPLAINT_HEADER,
        &[
            "TS-2026-0900,2026-11-20 09:00,信访,李*,139****1234,Q01,M01,占道,一般,已受理,,,,",
            "TS-2026-0001,2026-11-02 09:00,信访,王**,139****6633,Q02,M12,夜间烧烤店噪声扰民,一般,已结案,2026-11-02 14:00,已责令当事人限期改正，现场已整改,2026-11-06 11:00,2026-11-07 11:00",
        ],
    );
    let err = d.fails(&["import", "complaints", &f]);
    assert!(
        err.contains("第2行 第4列「举报人」") && err.contains("打码"),
        "{err}"
    );
    assert!(err.contains("第2行 第5列「联系电话」"), "{err}");
    assert!(
        !err.contains("第3行"),
        "an existing record keeps its stored values: {err}"
    );
}

/// Excel's plain "CSV" on a Chinese system: code page 936, with `?` for what it lacks.
fn as_excel_gbk(text: &str) -> Vec<u8> {
    let replaced: String = text
        .chars()
        .map(|c| if c == '䶮' { '?' } else { c })
        .collect();
    let (bytes, _, lossy) = encoding_rs::GBK.encode(&replaced);
    assert!(!lossy);
    bytes.into_owned()
}

#[test]
fn a_gbk_file_that_turned_a_rare_character_into_a_question_mark_is_refused() {
    let d = Desk::demo();
    let exported = text(d.ok(&["export", "officers"]).as_bytes());
    assert!(
        exported.contains("W011,刘䶮"),
        "the demo has a name outside GBK"
    );
    let f = d.file("o-gbk.csv", &as_excel_gbk(&exported));
    let err = d.fails(&["import", "officers", &f]);
    assert!(
        err.contains("第12行 第2列「姓名」") && err.contains("「䶮」"),
        "{err}"
    );
    assert!(err.contains("CSV UTF-8"), "{err}");
    let after = text(d.ok(&["export", "officers"]).as_bytes());
    assert!(after.contains("W011,刘䶮"), "the stored name is kept");

    let key = as_excel_gbk(&format!(
        "{OFFICER_HEADER}\r\nW?1,王强,一中队,执法队员,,,,在岗\r\n"
    ));
    let err = d.fails(&["import", "officers", &d.file("k.csv", &key)]);
    assert!(
        err.contains("第1列「工号」") && err.contains("编号中含有 ?"),
        "{err}"
    );
}

#[test]
fn a_guard_apostrophe_excel_dropped_is_accepted_when_the_cell_is_unchanged() {
    let d = Desk::demo();
    let f = csv(
        &d,
        "c.csv",
        COMPLAINT_HEADER,
        &["TS-2026-0900,2026-11-20 09:00,信访,,,Q01,M01,'=上级转办：占道经营,一般,已受理,,,,"],
    );
    assert!(d.ok(&["import", "complaints", &f]).contains("新增 1"));
    let exported = text(d.ok(&["export", "complaints"]).as_bytes());
    assert!(
        exported.contains(",'=上级转办：占道经营,"),
        "export guards the cell"
    );
    // Excel shows the cell as text and saves it without the apostrophe.
    let saved = exported.replace(",'=上级转办", ",=上级转办");
    let f = d.file("saved.csv", saved.as_bytes());
    let out = d.ok(&["import", "complaints", &f]);
    assert!(out.contains("新增 0，更新 0"), "{out}");

    let edited = saved.replace(",=上级转办：占道经营,", ",=HYPERLINK(\"x\"),");
    let err = d.fails(&["import", "complaints", &d.file("e.csv", edited.as_bytes())]);
    assert!(
        err.contains("第8列「问题描述」") && err.contains("公式"),
        "{err}"
    );
}

#[test]
fn a_dry_run_lists_new_keys_and_each_changed_field_with_phones_masked() {
    let d = Desk::demo();
    let exported = text(
        d.ok(&["export", "complaints", "--include-personal"])
            .as_bytes(),
    );
    let edited = exported
        .replacen("夜间烧烤店噪声扰民", "夜间烧烤店油烟扰民", 1)
        .replace("13930246633", "13930246634");
    let mut rows: Vec<&str> = edited.lines().collect();
    let new = "TS-2026-0900,2026-11-20 09:00,信访,,,Q01,M01,占道,一般,已受理,,,,,,,,,,,,,,";
    rows.push(new);
    let f = d.file("c.csv", rows.join("\r\n").as_bytes());
    let audit = d.count("audit");
    let out = d.ok(&["import", "complaints", &f, "--dry-run"]);
    assert!(out.contains("新增 1，更新 1"), "{out}");
    assert!(out.contains("将新增：TS-2026-0900"), "{out}");
    assert!(
        out.contains("TS-2026-0001")
            && out.contains("问题描述：夜间烧烤店噪声扰民 → 夜间烧烤店油烟扰民"),
        "{out}"
    );
    assert!(out.contains("联系电话：139****6633 → 139****6634"), "{out}");
    assert!(!out.contains("13930246634"), "phones stay masked: {out}");
    assert_eq!(d.count("audit"), audit);
}

#[test]
fn a_phone_stored_before_the_check_may_stay_but_a_new_one_must_be_a_phone() {
    let d = Desk::new();
    // As an older ledger holds it: a 7-digit local number, written to the store directly.
    let f = csv(
        &d,
        "o.csv",
        OFFICER_HEADER,
        &["W1,王强,一中队,执法队员,,,13904701001,在岗"],
    );
    d.ok(&["import", "officers", &f]);
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    conn.execute("UPDATE officers SET phone = '3321234'", [])
        .unwrap();
    drop(conn);
    let same = csv(
        &d,
        "o2.csv",
        OFFICER_HEADER,
        &["W1,王强,一中队,执法队员,,,3321234,在岗"],
    );
    assert!(d.ok(&["import", "officers", &same]).contains("未变 1"));
    let other = csv(
        &d,
        "o3.csv",
        OFFICER_HEADER,
        &["W1,王强,一中队,执法队员,,,3321235,在岗"],
    );
    assert!(
        d.fails(&["import", "officers", &other])
            .contains("不是有效的电话号码")
    );
}

/// A yes/no column holds 是 and 否: nothing to warn of. Free text that reads 是 may be a
/// spreadsheet's TRUE turned into text, and is still named.
#[test]
fn yes_and_no_in_a_yes_no_column_are_not_taken_for_a_conversion() {
    let d = Desk::demo();
    let csv = "记录编号,日期,开始时间,结束时间,巡查组,人员,区域,巡查情况,发现问题\n\
               XC9001,2026-11-22,08:30,10:00,第一组,W001、W002,Q01,未发现违法行为,否\n\
               XC9002,2026-11-22,10:30,11:00,第一组,W001、W002,Q02,是,是\n";
    let f = d.file("巡查.csv", csv.as_bytes());
    let out = d.ok(&["import", "patrols", &f]);
    assert!(!out.contains("「发现问题」"), "{out}");
    assert!(out.contains("第3行「巡查情况」“是”（像逻辑值）"), "{out}");
}
