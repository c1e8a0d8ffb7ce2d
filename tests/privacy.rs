//! Reporters' names and phones: never in messages, the audit trail or ordinary exports.

mod util;

use util::{Desk, seed};

/// The reporters' full names and phones in the demo seeds.
fn reporters() -> Vec<String> {
    let text = std::fs::read_to_string(seed("complaints.csv")).unwrap();
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        for v in [cells[3], cells[4]] {
            if v.chars().count() >= 2 {
                out.push(v.to_string());
            }
        }
    }
    assert!(out.len() > 20, "the seeds have reporters");
    out
}

fn assert_clean(what: &str, text: &str) {
    for r in reporters() {
        assert!(!text.contains(&r), "{what} shows “{r}”:\n{text}");
    }
}

#[test]
fn no_output_message_or_audit_row_names_a_reporter() {
    let d = Desk::demo();
    for args in [
        vec!["today"],
        vec!["today", "--json"],
        vec!["export", "complaints"],
        vec!["export", "notices"],
        vec!["verify"],
    ] {
        let (out, err) = d.both(&args);
        assert_clean(&format!("{args:?}"), &format!("{out}{err}"));
    }
    // A ledger full of mistakes, carrying every reporter: the refusal names none of them.
    let ledger = std::fs::read_to_string(seed("complaints.csv"))
        .unwrap()
        .replace(",一般,", ",很难,")
        .replace("2026-11-", "2026-13-");
    let err = d.fails(&[
        "import",
        "complaints",
        &d.file("bad.csv", ledger.as_bytes()),
    ]);
    assert!(err.contains("第2行"), "{err}");
    assert_clean("the import refusal", &err);
    let err = d.fails(&["void", "complaints", "TS-2026-0001", "--reason", " "]);
    assert_clean("a void refusal", &err);

    let c = rusqlite::Connection::open(&d.db).unwrap();
    let trail: String = c
        .query_row(
            "SELECT group_concat(coalesce(before, '') || coalesce(after, ''), '\n') FROM audit",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(trail.contains("139****"), "the trail keeps masked phones");
    assert_clean("the audit trail", &trail);
    // Asked for, the ledger has them, and asking is on record.
    let full = d.ok(&["export", "complaints", "--include-personal"]);
    assert!(reporters().iter().any(|r| full.contains(r.as_str())));
    let asked: (String, String) = c
        .query_row(
            "SELECT operator, after FROM audit WHERE action = '导出举报人信息'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(asked.0, "W001");
    assert!(
        asked.1.contains("屏幕") && asked.1.contains("\"行数\":41"),
        "{}",
        asked.1
    );
    assert!(d.ok(&["verify"]).contains("均与审计记录一致"));
}
