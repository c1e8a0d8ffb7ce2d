//! The year's inspection plan and its campaigns through the command line: imported with
//! their checks, and the month report's coverage held against a count made here.

mod util;

use rusqlite::Connection;
use util::Desk;

#[test]
fn the_month_report_gives_plan_coverage_as_counted_from_the_inspections() {
    let d = Desk::demo();
    // One more inspection of M15 this month, by a pair on duty.
    d.ok(&[
        "inspection",
        "record",
        "--subject",
        "DX014",
        "--officers",
        "W001、W002",
        "--matter",
        "M15",
        "--finding",
        "合格",
        "--at",
        "2026-11-23 08:00",
    ]);
    let out = d.ok(&["report", "month", "--month", "2026-11"]);
    let conn = Connection::open(&d.db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let matters = count("SELECT count(*) FROM matters WHERE void_reason = ''");
    let planned = count("SELECT count(DISTINCT matter) FROM plan_items WHERE year = 2026");
    assert!(
        out.contains(&format!("执法事项 {matters} 项，已列入计划 {planned} 项")),
        "{out}"
    );
    // Each item: the year's inspections of its matter, and what its months ask by November.
    let items: Vec<(String, String, String, i64)> = conn
        .prepare("SELECT id, matter, months, per_month FROM plan_items ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut behind = 0;
    for (id, matter, months, per) in &items {
        let months: Vec<i64> = serde_json::from_str(months).unwrap();
        let done = count(&format!(
            "SELECT count(*) FROM inspections WHERE matter = '{matter}' AND void_reason = ''
               AND at >= '2026-01-01' AND at < '2027-01-01'"
        ));
        let due = months.iter().filter(|m| **m <= 11).count() as i64 * per;
        let due_before = months.iter().filter(|m| **m <= 10).count() as i64 * per;
        let line = out.lines().find(|l| l.contains(id.as_str())).unwrap();
        assert!(
            line.contains(&format!("已查 {done} 次，截至本月应查 {due} 次")),
            "{line}"
        );
        assert_eq!(line.contains("落后"), done < due_before, "{line}");
        behind += usize::from(done < due_before);
    }
    assert!(
        out.contains(&format!("计划 {} 项，落后 {behind} 项", items.len())),
        "{out}"
    );
    // 首违不罚 is counted apart: the demo's one, on 11-20.
    assert!(out.contains("首违不罚 1"), "{out}");
    assert!(out.contains("现场检查 6 次"), "{out}");
}

#[test]
fn a_plan_line_with_a_wrong_month_is_refused_naming_row_and_column() {
    let d = Desk::demo();
    let csv = "计划编号,年度,事项编号,检查方式,月份,每月次数,责任中队\n\
               JH2027-01,2027,M10,双随机抽查,3、6,2,二中队\n\
               JH2027-02,2027,M15,重点检查,13,1,四中队\n\
               JH2027-03,2027,M99,抽签,全年,1,一中队\n";
    let f = d.file("计划.csv", csv.as_bytes());
    let err = d.fails(&["import", "plan", &f]);
    assert!(err.contains("第3行") && err.contains("月份"), "{err}");
    assert!(err.contains("第4行") && err.contains("检查方式"), "{err}");
    assert_eq!(d.count("plan_items"), 6, "all or nothing");
    // The campaigns running today and the items behind are on `today`.
    let today = d.ok(&["today"]);
    assert!(
        today.contains("【检查计划】") && today.contains("[落后]"),
        "{today}"
    );
    assert!(
        today.contains("专项：岁末年初烟花爆竹安全专项检查"),
        "{today}"
    );
}
