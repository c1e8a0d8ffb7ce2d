//! A ledger nobody can quietly rewrite, through the binary: tampering found by `verify`, a
//! rewritten chain found against a handed-over bundle, forged files refused by handoff and
//! restore.

mod util;

use rusqlite::Connection;
use util::Desk;
use zhifa_desk::store::{audit, chain};

fn sql(d: &Desk, sql: &str) {
    Connection::open(&d.db).unwrap().execute_batch(sql).unwrap();
}

#[test]
fn a_late_step_made_on_time_by_sql_fails_verify_and_the_handoff() {
    let d = Desk::demo();
    assert!(d.ok(&["verify"]).contains("均与审计记录一致"));
    let before = d.ok(&["report", "month", "--month", "2026-11", "--json"]);
    sql(
        &d,
        "UPDATE complaints SET verified_at = received_at WHERE verified_at > verify_due",
    );
    let after = d.ok(&["report", "month", "--month", "2026-11", "--json"]);
    assert_ne!(before, after, "the edit moves the on-time rate");
    let out = d.run(&["verify"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(stdout.contains("核查时间"), "{stdout}");
    let err = d.fails(&[
        "export",
        "handoff",
        "--month",
        "2026-11",
        "--out",
        &d.path("h"),
    ]);
    assert!(err.contains("不能导出移交包"), "{err}");
    assert!(!std::path::Path::new(&d.path("h")).exists());
}

/// Rewrites the audit row `id` and re-hashes every row after it, as an attacker who knows the
/// scheme would: the chain is consistent again, and only an anchor kept elsewhere shows it.
fn rewrite_chain_from(d: &Desk, id: i64) {
    let c = Connection::open(&d.db).unwrap();
    c.execute_batch(
        "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;",
    )
    .unwrap();
    let mut prev: String = c
        .query_row("SELECT hash FROM audit WHERE id = ?1", [id - 1], |r| {
            r.get(0)
        })
        .unwrap();
    let rows: Vec<audit::AuditRow> = {
        let sql = format!(
            "SELECT {} FROM audit WHERE id >= ?1 ORDER BY id",
            audit::COLS
        );
        let mut stmt = c.prepare(&sql).unwrap();
        stmt.query_map([id], audit::row)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    for mut row in rows {
        if row.id == id {
            row.operator = "W009".into();
        }
        let h = chain::hash(&prev, &row);
        c.execute(
            "UPDATE audit SET operator = ?2, prev_hash = ?3, hash = ?4 WHERE id = ?1",
            rusqlite::params![row.id, row.operator, prev, h],
        )
        .unwrap();
        prev = h;
    }
    c.execute_batch(
        "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
         BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END;
         CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
         BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能删除'); END;",
    )
    .unwrap();
}

#[test]
fn a_chain_rewritten_or_cut_after_the_handoff_is_found_against_the_bundle() {
    let d = Desk::demo();
    let bundle = d.path("2026-11");
    let out = d.ok(&["export", "handoff", "--month", "2026-11", "--out", &bundle]);
    assert!(out.contains("审计链锚点"), "{out}");
    let manifest = std::fs::read_to_string(format!("{bundle}/manifest.csv")).unwrap();
    assert!(manifest.contains("（审计链：条数与链头）,"), "{manifest}");
    assert!(d.ok(&["verify-handoff", &bundle]).contains("一致"));
    // Work goes on after the handoff: the chain grows past the anchor and still holds.
    d.ok(&["void", "areas", "Q15", "--reason", "撤并"]);
    assert!(d.ok(&["verify", "--against", &bundle]).contains("链头一致"));

    rewrite_chain_from(&d, 10);
    assert!(
        d.ok(&["verify"]).contains("完整"),
        "the rewrite is consistent"
    );
    let err = d.fails(&["verify", "--against", &bundle]);
    assert!(err.contains("移交之后审计链被改写"), "{err}");
}

#[test]
fn an_edited_backup_is_refused_by_restore() {
    let d = Desk::demo();
    let backup = d.path("b.sqlite");
    d.ok(&["backup", "--to", &backup]);
    Connection::open(&backup)
        .unwrap()
        .execute_batch("UPDATE notices SET deadline = '2027-03-01' WHERE rowid = 1")
        .unwrap();
    let err = d.fails(&["restore", &backup]);
    assert!(
        err.contains("未通过检查") && err.contains("整改期限"),
        "{err}"
    );
}

#[test]
fn a_recorded_time_changes_only_as_a_correction_that_the_report_lists() {
    let d = Desk::demo();
    let exported = d.ok(&["export", "complaints"]);
    let line = exported
        .lines()
        .find(|l| l.starts_with("TS-2026-0003,"))
        .expect("TS-2026-0003 exported");
    let verified = line.split(',').nth(10).unwrap().to_string();
    assert!(!verified.is_empty(), "{line}");
    let header = exported
        .lines()
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}');
    let edited = line.replacen(&verified, "2026-11-04 09:30", 1);
    let file = d.file("c.csv", format!("{header}\r\n{edited}\r\n").as_bytes());

    let before = d.count("audit");
    let err = d.fails(&["import", "complaints", &file]);
    assert!(
        err.contains("第2行 第11列「核查时间」") && err.contains("--correct"),
        "{err}"
    );
    assert_eq!(d.count("audit"), before, "nothing written");

    let out = d.ok(&[
        "import",
        "complaints",
        &file,
        "--correct",
        "核查时间录入错误，以现场记录为准",
    ]);
    assert!(out.contains("更正已登记时间 1 条"), "{out}");
    assert!(d.ok(&["verify"]).contains("均与审计记录一致"));
    let json = d.ok(&["report", "month", "--month", "2026-11", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let c = &v["corrections"][0];
    assert_eq!(c["key"], "TS-2026-0003");
    assert_eq!(c["field"], "核查时间");
    assert_eq!(c["old"].as_str().unwrap(), verified);
    assert_eq!(c["new"], "2026-11-04 09:30");
    assert_eq!(c["operator"], "W001");
    assert_eq!(c["reason"], "核查时间录入错误，以现场记录为准");
    assert_eq!(v["complaints"]["corrected"], 1);
    let text = d.ok(&["report", "month", "--month", "2026-11"]);
    assert!(
        text.contains("【更正记录】") && text.contains("投诉 TS-2026-0003 核查时间"),
        "{text}"
    );
    let csv = d.ok(&["report", "month", "--month", "2026-11", "--csv"]);
    assert!(
        csv.contains("更正记录,投诉 TS-2026-0003 核查时间,"),
        "{csv}"
    );
}

/// Bytes that act on a terminal, or hide text, raw.
fn raw_hazards(bytes: &[u8]) -> Vec<char> {
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| zhifa_desk::text::hazard(*c).is_some())
        .collect()
}

#[test]
fn import_refuses_hidden_characters_by_line_and_column() {
    let d = Desk::demo();
    let header = "区域编号,区域名称,类型,巡查频次,所属村";
    for (cell, col, what) in [
        ("学校\u{1b}[2J门口", 2, "控制字符"),
        ("学校\u{1b}]52;c;aGk=\u{7}", 2, "控制字符"),
        ("学校\u{202E}口门", 2, "文字方向控制字符"),
    ] {
        let f = d.file(
            "a.csv",
            format!("{header}\nQ90,{cell},一般区域,每周,\n").as_bytes(),
        );
        let out = d.run(&["import", "areas", &f]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(
            err.contains(&format!("第2行 第{col}列")) && err.contains(what),
            "{err}"
        );
        assert!(raw_hazards(&out.stderr).is_empty(), "{err:?}");
    }
    let f = d.file(
        "z.csv",
        format!("{header}\nQ9\u{200B}1,新区域,一般区域,每周,\n").as_bytes(),
    );
    let err = d.fails(&["import", "areas", &f]);
    assert!(
        err.contains("第2行 第1列") && err.contains("U+200B"),
        "{err}"
    );
    // A tab inside free text is text.
    let f = d.file(
        "t.csv",
        "区域编号,区域名称,类型,巡查频次,所属村\nQ91,\"东街\t北段\",一般区域,每周,\n".as_bytes(),
    );
    d.ok(&["import", "areas", &f]);
}

#[test]
fn stored_escape_sequences_are_printed_escaped_on_every_path() {
    let d = Desk::demo();
    let evil = "摊贩\u{1b}[2J\u{1b}]0;标题\u{7}\u{1b}]52;c;aGk=\u{7}\u{202E}\u{9b}";
    let c = Connection::open(&d.db).unwrap();
    for sql in [
        "UPDATE complaints SET description = ?1 WHERE state = '已受理'",
        "UPDATE areas SET name = name || ?1",
        "UPDATE notices SET party = party || ?1",
    ] {
        c.execute(sql, [evil]).unwrap();
    }
    drop(c);
    let runs: Vec<Vec<&str>> = vec![
        vec!["today"],
        vec!["today", "--json"],
        vec!["report", "month", "--month", "2026-11"],
        vec!["report", "month", "--month", "2026-11", "--json"],
        vec!["report", "month", "--month", "2026-11", "--csv"],
        vec!["export", "complaints"],
        vec!["export", "areas"],
        vec!["export", "notices"],
        vec!["verify"],
        vec!["void", "areas", "Q01\u{1b}[2J", "--reason", "测试\u{1b}[2J"],
    ];
    for args in runs {
        let out = d.run(&args);
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                raw_hazards(bytes).is_empty(),
                "{args:?} {stream}: {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if args[0] != "void" && args[0] != "verify" {
            assert!(
                all.contains("\\u{1B}[2J") || all.contains("\\u001b[2J"),
                "{args:?}: {all}"
            );
        }
    }
}

#[test]
fn a_refusal_never_quotes_what_looks_like_a_phone() {
    let d = Desk::demo();
    let f = d.file(
        "p.csv",
        "区域编号,区域名称,类型,巡查频次,所属村\n13912345678,新区域,不存在的类型,每周,\n"
            .as_bytes(),
    );
    let err = d.fails(&["import", "areas", &f]);
    assert!(err.contains("第2行"), "{err}");
    assert!(
        !err.contains("13912345678") && !err.contains("1234567"),
        "{err}"
    );
}

#[test]
fn an_import_refuses_a_time_later_today() {
    let d = Desk::demo();
    let f = d.file(
        "later.csv",
        "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\n\
         TS-2026-0090,2026-11-23 23:00,12345热线,,,Q01,M01,夜间施工扰民,一般,已受理,,,,\n"
            .as_bytes(),
    );
    let err = d.fails(&["import", "complaints", &f]);
    assert!(
        err.contains("第2行 第2列「受理时间」") && err.contains("晚于现在（2026-11-23 08:30）"),
        "{err}"
    );
}

#[test]
fn a_patrol_moved_to_another_day_or_a_past_roster_changed_is_a_listed_correction() {
    let d = Desk::demo();
    let exported = d.ok(&["export", "patrols"]);
    let header = exported
        .lines()
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}');
    let line = exported.lines().find(|l| l.starts_with("XC0001,")).unwrap();
    let moved = line.replacen("2026-11-09", "2026-11-10", 1);
    let file = d.file("p.csv", format!("{header}\r\n{moved}\r\n").as_bytes());
    let err = d.fails(&["import", "patrols", &file]);
    assert!(
        err.contains("「日期」已登记为 2026-11-09") && err.contains("--correct"),
        "{err}"
    );
    d.ok(&["import", "patrols", &file, "--correct", "巡查日期录入错误"]);
    // A past day's roster changed: a correction too, listed by the field it changed.
    d.ok(&[
        "roster",
        "set",
        "2026-11-20",
        "第一组",
        "--officers",
        "W001、W002",
        "--areas",
        "Q01",
        "--correct",
        "当天实际只巡了集镇中心街",
    ]);
    d.ok(&["verify"]);
    let json = d.ok(&["report", "month", "--month", "2026-11", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let listed: Vec<(String, String)> = v["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["key"].as_str().unwrap().into(),
                c["field"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        listed.contains(&("XC0001".into(), "日期".into())),
        "{listed:?}"
    );
    assert!(
        listed.contains(&("2026-11-20 第一组".into(), "区域".into())),
        "{listed:?}"
    );
}
