//! Reports and the handoff bundle through the binary (the figures are checked by hand in
//! src/report/figures_tests.rs).

mod util;

use util::Desk;

#[test]
fn the_json_report_keeps_its_names_and_rates_are_fractions() {
    let d = Desk::demo();
    let out = d.ok(&["report", "week", "--week", "2026-W47", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["period"], "2026-W47");
    assert!(v["complaints"]["received"].as_u64().unwrap() > 0);
    for rate in [
        &v["complaints"]["on_time_rate"],
        &v["patrols"]["coverage_rate"],
    ] {
        let r = rate.as_f64().expect("a rate");
        assert!((0.0..=1.0).contains(&r), "{rate}");
    }
    assert!(v["notices"]["issued"].is_u64() && v["notices"]["closed"].is_u64());
    assert_eq!(v["target"], 0.9);
    // Text and CSV say the same figures, each rate beside its target.
    let text = d.ok(&["report", "week", "--week", "2026-W47"]);
    assert!(
        text.contains("按时办理率") && text.contains("（目标 90.0%）"),
        "{text}"
    );
    let csv = d.ok(&["report", "week", "--week", "2026-W47", "--csv"]);
    assert!(
        csv.starts_with('\u{feff}') && csv.contains("\r\n投诉,受理,"),
        "{csv}"
    );
    assert!(
        d.fails(&["report", "week", "--week", "2026-W99"])
            .contains("ISO 周")
    );
}

#[test]
fn a_handoff_bundle_verifies_and_any_change_is_named() {
    let d = Desk::demo();
    let dir = d.path("2026-11");
    let out = d.ok(&["export", "handoff", "--month", "2026-11", "--out", &dir]);
    // The files say whose bundle it is and for which month.
    let prefix = "卧牛河镇综合行政执法队-2026年11月";
    let (complaints, notices) = (
        format!("{prefix}-投诉台账.csv"),
        format!("{prefix}-整改通知台账.csv"),
    );
    assert!(
        out.contains(&complaints) && out.contains(&format!("{prefix}-通报.csv")),
        "{out}"
    );
    assert!(d.ok(&["verify-handoff", &dir]).contains("一致"));
    let ledger = std::fs::read_to_string(format!("{dir}/{complaints}")).unwrap();
    assert!(
        ledger.contains("王**") && !ledger.contains("王国华"),
        "masked by default"
    );
    let manifest = std::fs::read_to_string(format!("{dir}/manifest.csv")).unwrap();
    assert!(
        manifest.contains(&format!("{complaints},41,")),
        "{manifest}"
    );

    std::fs::write(
        format!("{dir}/{notices}"),
        std::fs::read_to_string(format!("{dir}/{notices}"))
            .unwrap()
            .replacen("待整改", "已销号", 1),
    )
    .unwrap();
    std::fs::write(format!("{dir}/note.txt"), "x").unwrap();
    let err = d.fails(&["verify-handoff", &dir]);
    assert!(err.contains(&format!("{notices}：内容与清单不符")), "{err}");
    assert!(err.contains("note.txt：不在清单中"), "{err}");
    assert!(!err.contains(&complaints), "{err}");

    let personal = d.path("personal");
    d.ok(&[
        "export",
        "handoff",
        "--month",
        "2026-11",
        "--out",
        &personal,
        "--include-personal",
    ]);
    let full = std::fs::read_to_string(format!("{personal}/{complaints}")).unwrap();
    assert!(full.contains("王国华"));
}

#[test]
fn the_week_report_carries_the_duty_log() {
    let d = Desk::demo();
    let json = d.ok(&["report", "week", "--week", "2026-W47", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let duty = v["duty"].as_array().unwrap();
    let kinds: Vec<&str> = duty.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["签到", "交接班", "签到", "接班确认", "交接班"]);
    assert!(duty[4]["note"].as_str().unwrap().contains("周末值守"));
    let text = d.ok(&["report", "week", "--week", "2026-W47"]);
    assert!(
        text.contains("【值班记录】") && text.contains("W005 交接班"),
        "{text}"
    );
}
