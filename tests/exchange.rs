//! The CSV exchange through the real binary: encodings, all-or-nothing, idempotence, round trips.

mod util;

use util::{Desk, seed, text};

const OFFICERS: &str = "工号,姓名,中队,角色,执法证号,证件有效期至,联系电话,状态\r\n\
W1,王强,一中队,执法队员,15010001,2028/6/30,13900001111,在岗\r\n\
W2,刘芳,二中队,队长,15010002,2027年12月31日,13900002222,在岗\r\n\
G1,陈春生,,网格员,,,13900003333,在岗\r\n";

#[test]
fn gbk_input_from_excel_is_detected() {
    let d = Desk::new();
    let (gbk, _, lossy) = encoding_rs::GBK.encode(OFFICERS);
    assert!(!lossy);
    let f = d.file("officers-gbk.csv", &gbk);
    assert!(d.ok(&["import", "officers", &f]).contains("新增 3"));
    let out = text(d.ok(&["export", "officers"]).as_bytes());
    assert!(
        out.contains("W2,刘芳,二中队,队长,15010002,2027-12-31,13900002222,在岗\r\n"),
        "{out}"
    );
}

#[test]
fn utf8_with_bom_and_english_headers_in_any_order() {
    let d = Desk::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "status,name,id,squad,role,cert_no,cert_expiry,phone\nin_a,b,c,d,e,f,g,h\n".as_bytes(),
    );
    let f = d.file("en.csv", &bytes);
    // Wrong values, but the headers were all understood: the problems are about cells.
    let err = d.fails(&["import", "officers", &f]);
    assert!(
        err.contains("第2行 第1列「status」") && err.contains("在岗 / 请假 / 离岗"),
        "{err}"
    );
    assert!(
        err.contains("第2行 第5列「role」") && err.contains("第2行 第7列「cert_expiry」"),
        "{err}"
    );
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("状态,姓名,工号,中队,角色,执法证号,证件有效期至,联系电话\n在岗,王强,W1,一中队,执法队员,1501,2028.6.30,\n".as_bytes());
    let f = d.file("bom.csv", &bytes);
    assert!(d.ok(&["import", "officers", &f]).contains("新增 1"));
}

#[test]
fn a_bad_row_leaves_the_database_untouched_and_names_line_and_column() {
    let d = Desk::demo();
    let before = (d.count("complaints"), d.count("audit"));
    let csv = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\n\
N-1,2026-11-20 09:00,12345热线,,,Q01,M01,占道,一般,已受理,,,,\n\
N-2,2026-11-20 09:00,微博,张三,13911112222,Q01,M01,占道,一般,已受理,,,,\n\
N-3,2026-02-30 09:00,信访,,,Q99,M01,占道,一般,已受理,,,,\n\
N-4,2026-11-20 25:00,信访,,,Q01,M01,占道,一般,已结案,,,,\n";
    let f = d.file("bad.csv", csv.as_bytes());
    let err = d.fails(&["import", "complaints", &f]);
    assert!(
        err.contains("bad.csv 第3行 第3列「来源渠道」 值“微博”"),
        "{err}"
    );
    assert!(
        err.contains("第4行 第2列「受理时间」") && err.contains("不存在的日期"),
        "{err}"
    );
    assert!(err.contains("第5行 第2列「受理时间」"), "{err}");
    assert!(!err.contains("N-1"), "good rows are not reported: {err}");
    assert!(err.contains("数据库未作任何修改"), "{err}");
    assert_eq!((d.count("complaints"), d.count("audit")), before);
}

/// Rows cross from the reading thread to the writing one in batches of a few hundred: a
/// problem far into a file, and a file that breaks after many good rows, still undo all.
#[test]
fn problems_many_batches_in_are_found_and_undo_every_row_before_them() {
    let d = Desk::demo();
    let before = (d.count("complaints"), d.count("audit"));
    let head = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\n";
    let row = |i: usize, area: &str| {
        format!("P-{i:05},2026-11-20 09:00,12345热线,,,{area},M01,占道,一般,已受理,,,,\n")
    };
    let mut csv = String::from(head);
    for i in 0..3000 {
        let area = if i == 1700 { "Q99" } else { "Q01" };
        csv += &row(i, area);
    }
    csv += &row(5, "Q01"); // line 3002: the key of line 7 again
    let err = d.fails(&["import", "complaints", &d.file("many.csv", csv.as_bytes())]);
    assert!(err.contains("第1702行 第6列「所属区域」"), "{err}");
    assert!(
        err.contains("第3002行") && err.contains("与第 7 行重复"),
        "{err}"
    );
    assert!(err.contains("共发现 2 处问题"), "{err}");
    assert_eq!((d.count("complaints"), d.count("audit")), before);

    // Good rows, then a line whose quote never closes.
    let mut csv = String::from(head);
    (0..2000).for_each(|i| csv += &row(i, "Q01"));
    csv += "P-09999,2026-11-20 09:00,12345热线,,,Q01,M01,\"占道,一般,已受理,,,,\n";
    let err = d.fails(&["import", "complaints", &d.file("cut.csv", csv.as_bytes())]);
    assert!(err.contains("第2002行"), "{err}");
    assert_eq!((d.count("complaints"), d.count("audit")), before);

    // The same rows, whole, go in: each with its own audit row.
    let mut csv = String::from(head);
    (0..2000).for_each(|i| csv += &row(i, "Q01"));
    d.ok(&["import", "complaints", &d.file("good.csv", csv.as_bytes())]);
    assert_eq!(d.count("complaints"), before.0 + 2000);
    assert_eq!(d.count("audit"), before.1 + 2000);
    d.ok(&["verify"]);
}

#[test]
fn unknown_references_and_headers_are_refused() {
    let d = Desk::demo();
    let csv = "日期,巡查组,人员,区域,班次,备注\n2026-11-30,第一组,W001、W404,Q01,全天,x\n";
    let err = d.fails(&["import", "roster", &d.file("r.csv", csv.as_bytes())]);
    assert!(
        err.contains("第1行 第6列「备注」") && err.contains("不认识的表头"),
        "{err}"
    );
    let csv = "日期,巡查组,人员,区域,班次\n2026-11-30,第一组,W001、W404,Q01；Q77,全天\n";
    let err = d.fails(&["import", "roster", &d.file("r2.csv", csv.as_bytes())]);
    assert!(
        err.contains("人员「W404」不存在") && err.contains("区域「Q77」不存在"),
        "{err}"
    );
}

#[test]
fn importing_the_same_file_again_changes_nothing_and_says_so() {
    let d = Desk::demo();
    let audit = d.count("audit");
    let out = d.ok(&["import", "complaints", &seed("complaints.csv")]);
    assert!(
        out.contains("共 40 行，新增 0，更新 0，未变 40") && out.contains("没有改动"),
        "{out}"
    );
    assert_eq!(d.count("audit"), audit);
}

#[test]
fn dry_run_checks_but_writes_nothing() {
    let d = Desk::new();
    let f = d.file("o.csv", OFFICERS.as_bytes());
    let out = d.ok(&["import", "officers", &f, "--dry-run"]);
    assert!(out.contains("新增 3") && out.contains("试运行"), "{out}");
    assert_eq!(d.count("officers"), 0);
    assert_eq!(d.count("audit"), 0);
}

#[test]
fn every_export_reimports_unchanged() {
    let d = Desk::demo();
    for kind in util::KINDS {
        let out = d.path(&format!("{kind}.csv"));
        d.both(&["export", kind, "--out", &out]);
        let bytes = std::fs::read(&out).unwrap();
        let body = text(&bytes);
        assert!(
            body.contains("\r\n") && !body.replace("\r\n", "").contains('\n') || body.contains('"'),
            "{kind}: CRLF"
        );
        let summary = d.ok(&["import", kind, &out]);
        assert!(summary.contains("新增 0，更新 0"), "{kind}: {summary}");
    }
}

#[test]
fn masked_export_hides_reporters_and_never_overwrites_them_on_reimport() {
    let d = Desk::demo();
    let masked = text(d.ok(&["export", "complaints"]).as_bytes());
    let full = text(
        d.ok(&["export", "complaints", "--include-personal"])
            .as_bytes(),
    );
    // TS-2026-0001 was reported by 王国华, 13930246633 (seeds/complaints.csv).
    assert!(full.contains("王国华,13930246633"), "{full}");
    assert!(
        masked.contains("王**,139****6633")
            && !masked.contains("13930246633")
            && !masked.contains("王国华")
    );
    let out = d.path("masked.csv");
    d.both(&["export", "complaints", "--out", &out]);
    d.ok(&["import", "complaints", &out]);
    let again = text(
        d.ok(&["export", "complaints", "--include-personal"])
            .as_bytes(),
    );
    assert_eq!(again, full);
}

#[test]
fn formula_cells_are_refused_raw_accepted_guarded_and_guarded_again_on_export() {
    let d = Desk::demo();
    let head = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\n";
    let raw = format!(
        "{head}F-1,2026-11-20 09:00,12345热线,@张三,+8613912345678,Q01,M01,\"=HYPERLINK(\"\"http://x\"\")\",一般,已受理,,,,\n"
    );
    let err = d.fails(&["import", "complaints", &d.file("raw.csv", raw.as_bytes())]);
    assert!(err.contains("第2行 第4列") && err.contains("公式"), "{err}");
    // Text that only looks like a formula comes guarded with ', as export writes it.
    let csv = format!(
        "{head}F-1,2026-11-20 09:00,12345热线,'@张三,+8613912345678,Q01,M01,\"'=HYPERLINK(\"\"http://x\"\")\",一般,已受理,,,,\n"
    );
    d.ok(&["import", "complaints", &d.file("f.csv", csv.as_bytes())]);
    let out = text(
        d.ok(&[
            "export",
            "complaints",
            "--include-personal",
            "--from",
            "2026-11-20",
            "--to",
            "2026-11-20",
        ])
        .as_bytes(),
    );
    let line = out
        .lines()
        .find(|l| l.starts_with("F-1"))
        .expect("exported");
    assert!(
        line.contains("'@张三,'+8613912345678")
            && line.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{line}"
    );
    let f = d.path("g.csv");
    d.both(&["export", "complaints", "--include-personal", "--out", &f]);
    assert!(d.ok(&["import", "complaints", &f]).contains("更新 0"));
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    let desc: String = conn
        .query_row(
            "SELECT description FROM complaints WHERE id = 'F-1'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(desc, "=HYPERLINK(\"http://x\")");
}

#[test]
fn a_closed_complaint_cannot_be_reopened_by_import() {
    let d = Desk::demo();
    let csv = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\n\
TS-2026-0001,2026-11-02 09:00,信访,王**,139****6633,Q02,M12,夜间烧烤店噪声扰民,一般,已受理,,,,\n";
    let err = d.fails(&["import", "complaints", &d.file("re.csv", csv.as_bytes())]);
    assert!(
        err.contains("第2行 第10列「状态」") && err.contains("已结案") && err.contains("不能改回"),
        "{err}"
    );
}

#[test]
fn personal_data_never_appears_in_error_messages() {
    let d = Desk::demo();
    let csv = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\n\
S-1,2026-11-20 09:00,12345热线,张秘密,13987654321,Q01,M01,x,一般,已受理,,,,\n\
S-1,2026-11-20 09:00,12345热线,张秘密,13987654321,Q01,M01,x,一般,已受理,,,,\n\
S-2,2026-11-20 09:00,热线,李隐私,13911112222,Q01,M01,x,一般,已受理,,,,\n";
    let err = d.fails(&["import", "complaints", &d.file("s.csv", csv.as_bytes())]);
    assert!(
        err.contains("第3行") && err.contains("与第 2 行重复"),
        "{err}"
    );
    assert!(err.contains("第4行 第3列「来源渠道」"), "{err}");
    for secret in ["张秘密", "13987654321", "李隐私", "13911112222"] {
        assert!(!err.contains(secret), "{secret} leaked: {err}");
    }
}

#[test]
fn export_range_filters_by_the_kinds_date() {
    let d = Desk::demo();
    let out = text(
        d.ok(&[
            "export",
            "patrols",
            "--from",
            "2026-11-20",
            "--to",
            "2026-11-20",
        ])
        .as_bytes(),
    );
    let dates: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert!(
        !dates.is_empty() && dates.iter().all(|d| *d == "2026-11-20"),
        "{dates:?}"
    );
}

#[test]
fn a_leave_ledger_imports_flags_the_roster_and_an_older_complaints_file_keeps_the_dispatch() {
    let d = Desk::demo();
    let f = d.file(
        "leaves.csv",
        "工号,开始日期,结束日期,事由\nW001,2026-11-24,2026-11-24,外出开会\nW404,2026-11-24,2026-11-24,不存在\n"
            .as_bytes(),
    );
    let err = d.fails(&["import", "leaves", &f]);
    assert!(err.contains("第3行") && err.contains("W404"), "{err}");
    let f = d.file(
        "leaves.csv",
        "工号,开始日期,结束日期,事由\nW001,2026-11-24,2026-11-24,外出开会\n".as_bytes(),
    );
    d.ok(&["import", "leaves", &f]);
    assert!(
        d.ok(&["roster", "show", "2026-11-24"])
            .contains("赵建国 当前状态为请假")
    );
    // A complaints file without the dispatch columns (as older exports are) changes nothing.
    let old = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\n\
               TS-2026-0030,2026-11-21 09:00,现场举报,,,Q14,M07,河道内私自采砂,一般,已受理,,,,\n";
    let f = d.file("old.csv", old.as_bytes());
    let out = d.ok(&["import", "complaints", &f]);
    assert!(out.contains("未变 1"), "{out}");
    let row = d.ok(&["export", "complaints"]);
    let row = row.lines().find(|l| l.starts_with("TS-2026-0030")).unwrap();
    assert!(row.contains("一中队,W001、W002"), "{row}");
}

#[test]
fn a_streamed_export_to_a_file_holds_the_same_bytes_as_the_screen() {
    let d = Desk::demo();
    for kind in ["complaints", "notices", "patrols", "officers", "roster"] {
        let file = d.path(&format!("{kind}.csv"));
        d.ok(&["export", kind, "--out", &file, "--include-personal"]);
        let screen = d.ok(&["export", kind, "--include-personal"]);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), screen, "{kind}");
        assert!(!std::path::Path::new(&format!("{file}.part")).exists());
    }
}
