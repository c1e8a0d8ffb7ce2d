//! December: a lead whose deadlines run into a year whose arrangement is not yet published is
//! counted on that year's statutory days, and says 暂定 in the ledger, the report and the
//! handoff until the year is imported whole.

mod util;

use util::Desk;

const HEAD: &str = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\n";

/// Runs at `2027-01-06 09:00`, after the deadlines; stdout.
fn later(d: &Desk, args: &[&str]) -> String {
    at(d, "2027-01-06 09:00", args)
}

fn at(d: &Desk, now: &str, args: &[&str]) -> String {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(&d.db)
        .args(["--now", now, "--operator", "W001"])
        .args(args)
        .env_remove("ZHIFA_DB")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

fn row_of<'a>(csv: &'a str, id: &str) -> Vec<&'a str> {
    csv.lines()
        .find(|l| l.starts_with(id))
        .unwrap()
        .split(',')
        .collect()
}

#[test]
fn a_lead_across_the_year_end_is_provisional_until_the_year_is_imported() {
    let d = Desk::demo();
    let lead =
        "TS-2026-0900,2026-12-29 10:00,信访,王某,13900000000,Q01,M01,占道经营,复杂,已受理,,,,\n";
    let f = d.file("dec.csv", format!("{HEAD}{lead}").as_bytes());
    later(&d, &["import", "complaints", &f]);
    let ledger = later(&d, &["export", "complaints"]);
    let header: Vec<&str> = ledger.lines().next().unwrap().split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .unwrap()
    };
    let row = row_of(&ledger, "TS-2026-0900");
    // Three working days after 12-29: 12-30, 12-31, (元旦 01-01 by law, a weekend), 01-04.
    assert_eq!(row[col("核查期限")], "2027-01-04 23:59");
    assert_eq!(row[col("期限说明")], "暂定：2027年放假安排未公布");

    let json = later(&d, &["report", "month", "--month", "2026-12", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["complaints"]["provisional"], 1, "{json}");
    let late = v["complaints"]["overdue"].as_array().unwrap();
    assert!(
        late.iter()
            .any(|l| l["id"] == "TS-2026-0900" && l["due"] == "2027-01-04 23:59（暂定）"),
        "{json}"
    );
    // The December handoff says so too, and its figures recount from its own ledgers.
    d.ok(&["settings", "code", "150783101"]);
    let dir = d.path("12月");
    later(
        &d,
        &["export", "handoff", "--month", "2026-12", "--out", &dir],
    );
    let bulletin = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.display().to_string().ends_with("-通报.csv"))
        .unwrap();
    let text = std::fs::read_to_string(bulletin).unwrap();
    assert!(text.contains("投诉,其中期限为暂定,1,"), "{text}");
    d.ok(&["verify-handoff", &dir]);

    // The arrangement, whole: the deadline is official and no longer provisional.
    let template = d.ok(&["calendar", "template", "2027"]);
    let f = d.file("2027.csv", template.as_bytes());
    let out = later(&d, &["import", "holidays", &f]);
    assert!(
        out.contains("投诉 TS-2026-0900 核查期限 2027-01-04 23:59（暂定） → 2027-01-04 23:59"),
        "{out}"
    );
    let ledger = later(&d, &["export", "complaints"]);
    let row = row_of(&ledger, "TS-2026-0900");
    assert_eq!(row[col("期限说明")], "");
    assert_eq!(row[col("核查期限")], "2027-01-04 23:59");
}

#[test]
fn an_arrangement_that_moves_a_deadline_lists_it_with_its_changed_verdict() {
    let d = Desk::demo();
    let lead =
        "TS-2026-0901,2026-12-29 10:00,信访,王某,13900000000,Q01,M01,占道经营,复杂,已受理,,,,\n";
    let f = d.file("dec.csv", format!("{HEAD}{lead}").as_bytes());
    let now = "2027-01-03 09:00";
    at(&d, now, &["import", "complaints", &f]);
    // December is handed off with the lead on time by the provisional count.
    d.ok(&["settings", "code", "150783101"]);
    let dir = d.path("12月");
    at(
        &d,
        now,
        &["export", "handoff", "--month", "2026-12", "--out", &dir],
    );
    // The notice makes Saturday 01-02 a working day: the third working day is now 01-02, and
    // on 01-03 the lead is overdue where it was not.
    let template = d.ok(&["calendar", "template", "2027"]);
    let notice = format!("{template}2027-01-02,班,元旦调休\r\n");
    let f = d.file("2027.csv", notice.as_bytes());
    let out = at(&d, now, &["import", "holidays", &f]);
    assert!(
        out.contains(
            "投诉 TS-2026-0901 核查期限 2027-01-04 23:59（暂定） → 2027-01-02 23:59，由未超期变为超期（2026-12 的移交包已交出，已记为更正）"
        ),
        "{out}"
    );
    // The changed verdict of a month already handed off is a 更正 of the lead, with the
    // calendar as its reason, in the next month's report; verify still holds.
    let report = at(
        &d,
        now,
        &["report", "month", "--month", "2027-01", "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    let fixes = v["corrections"].as_array().unwrap();
    let listed = |field: &str, old: &str, new: &str| {
        fixes.iter().any(|c| {
            c["key"] == "TS-2026-0901"
                && c["field"] == field
                && c["old"] == old
                && c["new"] == new
                && c["reason"]
                    .as_str()
                    .unwrap()
                    .starts_with("日历：导入2027年放假安排")
        })
    };
    assert!(
        listed("核查期限", "2027-01-04 23:59（暂定）", "2027-01-02 23:59"),
        "{report}"
    );
    assert!(listed("是否超期", "否", "是"), "{report}");
    let text = at(&d, now, &["report", "month", "--month", "2027-01"]);
    assert!(text.contains("2026-12 的移交包已交出"), "{text}");
    let v = std::process::Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .args(["--db", d.db.to_str().unwrap(), "--now", now, "verify"])
        .output()
        .unwrap();
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
    // A lead of a month not yet handed off moves without a 更正.
    let fixes_before = fixes.len();
    let lead =
        "TS-2027-0001,2027-01-02 10:00,信访,王某,13900000000,Q01,M01,占道经营,复杂,已受理,,,,\n";
    let f = d.file("jan.csv", format!("{HEAD}{lead}").as_bytes());
    at(&d, now, &["import", "complaints", &f]);
    let report = at(
        &d,
        now,
        &["report", "month", "--month", "2027-01", "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(v["corrections"].as_array().unwrap().len(), fixes_before);
}
