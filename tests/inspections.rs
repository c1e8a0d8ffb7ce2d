//! On-site inspections through the command line: a 责令整改 that issues its notice, the
//! 首违不罚 proposal, and the subject list's checks.

mod util;

use rusqlite::Connection;
use util::Desk;

#[test]
fn an_order_to_rectify_issues_its_notice_prefilled_from_the_subject_in_one_act() {
    let d = Desk::demo();
    let notices = d.count("notices");
    let out = d.ok(&[
        "inspection",
        "record",
        "--subject",
        "DX009",
        "--officers",
        "孙丽华、李明",
        "--matter",
        "M15",
        "--checked",
        "消防通道",
        "--finding",
        "责令整改",
        "--problem",
        "维修车间后门消防通道堆放轮胎",
        "--deadline",
        "2026-11-30",
        "--requirement",
        "清理通道内轮胎，保持畅通",
        "--at",
        "2026-11-23 08:10",
    ]);
    assert!(out.contains("已下达整改通知"), "{out}");
    assert_eq!(d.count("notices"), notices + 1);
    let conn = Connection::open(&d.db).unwrap();
    let (notice, subject): (String, String) = conn
        .query_row(
            "SELECT notice, subject FROM inspections ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(subject, "DX009");
    let n: (
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
    ) = conn
        .query_row(
            "SELECT party, address, area, matter, problem, legal_basis, officers, deadline
             FROM notices WHERE id = ?1",
            [&notice],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            },
        )
        .unwrap();
    assert_eq!(n.0, "卧牛河镇顺达汽修部");
    assert_eq!(n.1, "站前路40号");
    assert_eq!((n.2.as_str(), n.3.as_str()), ("Q02", "M15"));
    assert_eq!(n.4, "维修车间后门消防通道堆放轮胎");
    assert_eq!(n.5, "《消防法》第六十条", "the matter's legal basis");
    assert_eq!(n.6, r#"["W003","W004"]"#);
    assert_eq!(n.7, "2026-11-30");
    // The paper prints from it, and the ledger still verifies.
    let paper = d.path("通知.docx");
    d.ok(&["document", "notice", &notice, "--out", &paper]);
    assert!(d.ok(&["verify"]).contains("均与审计记录一致"));

    // Without a deadline there is nothing to issue: nothing is written.
    let before = (d.count("inspections"), d.count("notices"));
    let err = d.fails(&[
        "inspection",
        "record",
        "--subject",
        "DX009",
        "--officers",
        "W003、W004",
        "--matter",
        "M15",
        "--finding",
        "责令整改",
        "--problem",
        "又堵了",
        "--at",
        "2026-11-23 08:20",
    ]);
    assert!(err.contains("整改期限"), "{err}");
    assert_eq!((d.count("inspections"), d.count("notices")), before);
}

#[test]
fn a_first_violation_of_a_listed_matter_is_proposed_and_a_second_is_refused() {
    let d = Desk::demo();
    // DX002 has no violation on record; M01 is on the list (12 months).
    let out = d.ok(&["inspection", "lenient", "DX002", "--matter", "M01"]);
    assert!(out.starts_with("可以首违不罚"), "{out}");
    let out = d.ok(&["inspection", "lenient", "DX002", "--matter", "M10"]);
    assert!(out.contains("不在本镇首违不罚清单中"), "{out}");
    // An order to rectify a listed first violation is recorded, with the proposal said.
    let out = d.ok(&[
        "inspection",
        "record",
        "--subject",
        "DX011",
        "--officers",
        "W001、W002",
        "--matter",
        "M01",
        "--finding",
        "责令整改",
        "--problem",
        "门前占道摆放桌椅",
        "--deadline",
        "2026-11-24",
        "--at",
        "2026-11-23 07:30",
    ]);
    assert!(out.contains("本可首违不罚"), "{out}");

    let lenient = [
        "inspection",
        "record",
        "--subject",
        "DX002",
        "--officers",
        "W001、W002",
        "--matter",
        "M01",
        "--finding",
        "首违不罚",
        "--problem",
        "店外占道烧烤",
        "--guidance",
        "告知规定，当场收回店内",
        "--at",
        "2026-11-23 08:00",
    ];
    d.ok(&lenient);
    let out = d.ok(&["inspection", "lenient", "DX002", "--matter", "M01"]);
    assert!(
        out.contains("不是首次违法") && out.contains("2026-11-23"),
        "{out}"
    );
    let mut again = lenient;
    again[15] = "2026-11-23 08:20";
    let err = d.fails(&again);
    assert!(err.contains("不是首次违法"), "{err}");
    // The demo's own: 刘某某 let off on 11-20 for M30 (a six-month list line).
    let out = d.ok(&["inspection", "lenient", "DX013", "--matter", "M30"]);
    assert!(
        out.contains("2026-11-20") && out.contains("6 个月"),
        "{out}"
    );
}

#[test]
fn a_subject_list_with_a_wrong_code_is_refused_whole_naming_row_and_column() {
    let d = Desk::demo();
    let before = d.count("subjects");
    let csv = "对象编号,名称,类型,统一社会信用代码或身份证号,地址,区域编号,适用事项,风险等级\n\
               DX101,新开饭店,个体工商户,92150783MA0N3K2P1R,集镇中心街2号,Q01,M10,中\n\
               DX102,错码超市,个体工商户,92150783MA0N3K2P1S,集镇中心街4号,Q01,M19,低\n\
               DX103,张三,个人,110105194912310021,集镇,Q01,M30,低\n";
    let f = d.file("对象.csv", csv.as_bytes());
    let err = d.fails(&["import", "subjects", &f]);
    assert!(
        err.contains("第3行") && err.contains("统一社会信用代码"),
        "{err}"
    );
    assert!(err.contains("第4行") && err.contains("身份证号"), "{err}");
    assert_eq!(d.count("subjects"), before, "all or nothing");
}
