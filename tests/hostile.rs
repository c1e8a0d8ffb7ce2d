//! A corpus of hostile CSV files: each is refused with its line and column named, and the
//! database is left exactly as it was. No message carries a reporter's name or phone.

mod util;

use util::Desk;

const HEAD: &str = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间";

/// A good complaint row with a given number; the reporter is the one no message may show.
fn good(id: u32) -> String {
    format!(
        "TS-2025-{id:04},2025-03-01 09:00,12345热线,王小二,13812345678,Q01,M01,占道经营,一般,已受理,,,,"
    )
}

fn file(rows: &[String]) -> Vec<u8> {
    let mut s = String::from(HEAD);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s.into_bytes()
}

fn state(d: &Desk) -> (i64, i64) {
    let c = rusqlite::Connection::open(&d.db).unwrap();
    let n = |t: &str| -> i64 {
        c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .unwrap()
    };
    (n("complaints"), n("audit"))
}

/// Imports `bytes` as complaints and expects a refusal naming `line` (and `column` if given).
fn refused(d: &Desk, name: &str, bytes: &[u8], line: u64, column: Option<usize>, why: &str) {
    let before = state(d);
    let path = d.file(name, bytes);
    let err = d.fails(&["import", "complaints", &path]);
    assert!(
        err.contains(&format!("第{line}行")),
        "{name}: line {line} not named:\n{err}"
    );
    if let Some(c) = column {
        assert!(
            err.contains(&format!("第{c}列")),
            "{name}: column {c} not named:\n{err}"
        );
    }
    assert!(err.contains(why), "{name}: expected “{why}”:\n{err}");
    assert!(
        !err.contains("王小二") && !err.contains("13812345678"),
        "{name}: personal data in the message:\n{err}"
    );
    assert!(err.len() < 4000, "{name}: message is {} bytes", err.len());
    assert_eq!(state(d), before, "{name}: the database changed");
}

#[test]
fn every_hostile_file_is_refused_by_line_and_column_and_changes_nothing() {
    let d = Desk::demo();
    let g = |i| good(i);

    // Encodings.
    let mut mixed = file(&[g(1), g(2)]);
    let (gbk, _, _) = encoding_rs::GBK
        .encode("TS-2025-0003,2025-03-01 09:00,12345热线,,,Q01,M01,烧烤,一般,已受理,,,,");
    mixed.extend_from_slice(&gbk);
    refused(&d, "mixed.csv", &mixed, 4, Some(3), "编码");
    let mut cut = file(&[g(1)]);
    cut.extend_from_slice("TS-2025-0002,2025-03-01 09:00,12345热线,,,Q01,M01,占道".as_bytes());
    cut.extend_from_slice(&"经".as_bytes()[..2]);
    refused(&d, "truncated.csv", &cut, 3, Some(8), "截断");
    let mut latin = file(&[g(1)]);
    latin.extend_from_slice(
        b"TS-2025-0002,2025-03-01 09:00,\xff\xfe\xfd\xfc\x80\x80,,,Q01,M01,x,\xe9t\xe9,,,,,\n",
    );
    refused(&d, "garbage.csv", &latin, 3, Some(3), "编码");

    // Headers.
    let missing = HEAD.replace(",问题描述", "");
    refused(
        &d,
        "missing.csv",
        format!("{missing}\n").as_bytes(),
        1,
        None,
        "问题描述",
    );
    let dup = format!("{HEAD},状态\n{},已受理\n", g(1));
    refused(&d, "dup-header.csv", dup.as_bytes(), 1, Some(15), "重复");

    // Structure.
    let quotes = file(&[
        g(1),
        "TS-2025-0002,2025-03-01 09:00,12345热线,,,Q01,M01,\"占道经营,一般,已受理,,,,".into(),
        g(3),
    ]);
    refused(&d, "quotes.csv", &quotes, 3, Some(8), "引号");
    let huge = file(&[format!(
        "TS-2025-0001,2025-03-01 09:00,12345热线,,,Q01,M01,{},一般,已受理,,,,",
        "占".repeat(350_000)
    )]);
    refused(&d, "huge-cell.csv", &huge, 2, Some(8), "过长");
    let wide_head = format!(
        "{HEAD}{}",
        (0..10_000).map(|i| format!(",列{i}")).collect::<String>()
    );
    refused(
        &d,
        "wide.csv",
        format!("{wide_head}\n{}\n", g(1)).as_bytes(),
        1,
        Some(101),
        "最多 100 列",
    );
    let mut nul = file(&[g(1)]);
    nul.extend_from_slice(b"TS-2025-0002,2025-03-01 09:00,12345\0,,,Q01,M01,x,,,,,,\n");
    refused(&d, "nul.csv", &nul, 3, Some(3), "空字符");

    // Values.
    refused(
        &d,
        "dup-key.csv",
        &file(&[g(7), g(8), g(7)]),
        4,
        Some(1),
        "重复",
    );
    let bad_date = g(1).replace("2025-03-01 09:00", "2026-02-30 09:00");
    refused(
        &d,
        "feb-30.csv",
        &file(&[g(2), bad_date]),
        3,
        Some(2),
        "不存在的日期",
    );
    let bad_time = g(1).replace("2025-03-01 09:00", "2025-03-01 25:00");
    refused(&d, "25h.csv", &file(&[bad_time]), 2, Some(2), "时间");
    let state_row = g(1).replace("一般,已受理", "一般,已办完");
    refused(&d, "state.csv", &file(&[state_row]), 2, Some(10), "已办完");
    let channel = g(1).replace("12345热线", "微博");
    refused(&d, "channel.csv", &file(&[channel]), 2, Some(3), "微博");
    let formula = g(1).replace("占道经营", "\"=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"");
    refused(&d, "formula.csv", &file(&[formula]), 2, Some(8), "公式");
    let area = g(1).replace(",Q01,", ",Q99,");
    refused(&d, "area.csv", &file(&[g(2), area]), 3, Some(6), "Q99");
    let patrols = "记录编号,日期,开始时间,结束时间,巡查组,人员,区域,巡查情况,发现问题\n\
                   XC9001,2026-11-20,09:00,10:00,第一组,W001、W404,Q01,正常,否\n";
    let before = state(&d);
    let path = d.file("officer.csv", patrols.as_bytes());
    let err = d.fails(&["import", "patrols", &path]);
    assert!(
        err.contains("第2行") && err.contains("第6列") && err.contains("W404"),
        "{err}"
    );
    assert_eq!(state(&d), before);
}
