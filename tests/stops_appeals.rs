//! Stopped clocks and timeout appeals through the real binary: refused where the rules say,
//! stopped days left out of the deadline and named by `explain`, both on-time rates in the
//! month report, the ledger, the handoff and the county report.

mod util;

use util::Desk;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn stops_and_appeals_from_the_command_line_reach_every_report() {
    let d = Desk::demo();
    // The demo waits with TS-2026-0026's appeal; one appeal per lead.
    d.ok(&[
        "complaint",
        "review",
        "TS-2026-0026",
        "--approve",
        "--by",
        "W001",
    ]);
    let again = d.fails(&["complaint", "appeal", "TS-2026-0026", "--reason", "再申诉"]);
    assert!(again.contains("只能申诉一次"), "{again}");
    let late = d.fails(&[
        "complaint",
        "stop",
        "TS-2026-0030",
        "--reason",
        "不可抗力",
        "--approver",
        "W001",
    ]);
    assert!(late.contains("已超期的线索不能中止计时"), "{late}");
    let not_captain = d.fails(&[
        "complaint",
        "stop",
        "TS-2026-0016",
        "--reason",
        "不可抗力",
        "--approver",
        "W002",
    ]);
    assert!(not_captain.contains("须由队长批准"), "{not_captain}");

    // TS-2026-0016 (complex, feedback due 11-24) stopped Tuesday 09:00 to Thursday 09:00.
    let row = |d: &Desk| {
        d.ok(&["export", "complaints"])
            .lines()
            .find(|l| l.starts_with("TS-2026-0016"))
            .unwrap()
            .to_string()
    };
    assert!(row(&d).contains(",2026-11-24 23:59,"), "{}", row(&d));
    d.ok(&[
        "complaint",
        "stop",
        "TS-2026-0016",
        "--reason",
        "等待其他部门答复",
        "--note",
        "待住建部门认定",
        "--approver",
        "W001",
        "--at",
        "2026-11-17 09:00",
    ]);
    let out = d.ok(&[
        "complaint",
        "resume",
        "TS-2026-0016",
        "--at",
        "2026-11-19 09:00",
    ]);
    assert!(out.contains("反馈期限 2026-11-26 23:59"), "{out}");
    assert!(row(&d).contains(",2026-11-26 23:59,"), "{}", row(&d));
    assert!(
        row(&d).contains(
            "2026-11-17 09:00 至 2026-11-19 09:00 等待其他部门答复（待住建部门认定）（W001 批准）"
        ),
        "{}",
        row(&d)
    );
    let why = d.ok(&["explain", "TS-2026-0016"]);
    for line in [
        "11-17 星期二 工作日  中止计时，不计",
        "11-18 星期三 工作日  中止计时，不计",
        "反馈期限：2026-11-26 23:59",
        "中止计时 2026-11-17 09:00 至 2026-11-19 09:00（等待其他部门答复（待住建部门认定），W001 批准）",
    ] {
        assert!(why.contains(line), "{line}\n{why}");
    }

    // Two approved appeals (the demo's TS-2026-0010 and TS-2026-0026): still late in the
    // ledger, left out of the second rate only.
    let r = json(&d.ok(&["report", "month", "--month", "2026-11", "--json"]));
    let c = &r["complaints"];
    let (measured, on_time) = (
        c["measured"].as_f64().unwrap(),
        c["on_time"].as_f64().unwrap(),
    );
    assert_eq!(c["appealed"], 2);
    assert_eq!(
        c["stopped"], 3,
        "TS-2026-0016, and the demo's 0025 and 0029"
    );
    assert!((c["on_time_rate"].as_f64().unwrap() - on_time / measured).abs() < 1e-9);
    assert!(
        (c["on_time_rate_appealed"].as_f64().unwrap() - on_time / (measured - 2.0)).abs() < 1e-9
    );
    let text = d.ok(&["report", "month", "--month", "2026-11"]);
    assert!(text.contains("超时申诉获批（仍计超期）    2"), "{text}");
    assert!(text.contains("剔除申诉后按时办理率"), "{text}");
    let ledger = d.ok(&["export", "complaints"]);
    let appealed = ledger
        .lines()
        .find(|l| l.starts_with("TS-2026-0026"))
        .unwrap();
    assert!(
        appealed.contains(",是,") && appealed.contains("已批准：网格员上报的地址有误"),
        "{appealed}"
    );

    // The handoff is recomputed from its ledgers, stops and appeals included, and the county
    // shows both rates with the count.
    d.ok(&["settings", "code", "150783101"]);
    let out = d.path("handoff");
    d.ok(&["export", "handoff", "--month", "2026-11", "--out", &out]);
    d.ok(&["verify-handoff", &out]);
    let county = Desk::new();
    county.ok(&["county", "import", &out]);
    let r = json(&county.ok(&["county", "report", "month", "--month", "2026-11", "--json"]));
    let row = &r["ranked"][0];
    assert_eq!(row["appealed"], 2);
    assert!(
        (row["on_time_rate_appealed"].as_f64().unwrap() - on_time / (measured - 2.0)).abs() < 1e-9
    );
    let text = county.ok(&["county", "report", "month", "--month", "2026-11"]);
    assert!(
        text.contains("剔除申诉后") && text.contains("（申诉2）"),
        "{text}"
    );
}
