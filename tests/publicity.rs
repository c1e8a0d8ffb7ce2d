//! 公示 through the command line: the decisions due and late on the working-day calendar,
//! recording one published (audited, checked), and the list the portal clerk enters.

mod util;

use util::Desk;

#[test]
fn decisions_due_are_listed_late_first_and_one_published_leaves_the_list() {
    let d = Desk::demo();
    let out = d.ok(&["publicity", "list"]);
    // The demo published most on time; three notices are late, one due tomorrow.
    assert!(out.contains("8 项（逾期 3；公示时限 7 个工作日）"), "{out}");
    let lines: Vec<&str> = out.lines().skip(1).collect();
    assert!(
        lines[0].contains("逾期 7 天") && lines[0].contains("第8号"),
        "{out}"
    );
    // 11-13 (Friday) + 7 working days = 11-24 (Tuesday).
    assert!(
        out.contains("第11号  永安农资店  决定 2026-11-13，期限 2026-11-24"),
        "{out}"
    );
    assert!(out.contains("抽查结果 CQ2026-001"), "{out}");

    let audit = d.count("audit");
    let said = d.ok(&[
        "publicity",
        "done",
        "整改通知",
        "卧执整〔2026〕第8号",
        "--place",
        "政府门户网站",
    ]);
    assert!(said.contains("已逾期"), "{said}");
    assert_eq!(d.count("audit"), audit + 1);
    let out = d.ok(&["publicity", "list"]);
    assert!(
        out.contains("7 项（逾期 2；") && !out.contains("第8号"),
        "{out}"
    );
    assert!(
        d.ok(&["publicity", "list", "--all"])
            .contains("2026-11-23 公示（逾期）")
    );
    assert!(d.ok(&["verify"]).contains("均与审计记录一致"));

    // What is not there, or not yet, is refused.
    let err = d.fails(&[
        "publicity",
        "done",
        "整改通知",
        "卧执整〔2026〕第99号",
        "--place",
        "网站",
    ]);
    assert!(err.contains("没有可公示的整改通知"), "{err}");
    let err = d.fails(&[
        "publicity",
        "done",
        "立案",
        "卧执立〔2026〕第1号",
        "--place",
        "网站",
        "--on",
        "2026-11-30",
    ]);
    assert!(err.contains("公示日期"), "{err}");
    let err = d.fails(&["publicity", "done", "决定书", "X", "--place", "网站"]);
    assert!(err.contains("整改通知 / 立案 / 抽查结果"), "{err}");
}

#[test]
fn the_list_for_the_portal_masks_a_person_and_says_what_was_decided() {
    let d = Desk::demo();
    let out = d.ok(&["publicity", "export"]);
    let rows: Vec<&str> = out.lines().collect();
    assert!(
        rows[0].ends_with("序号,类别,文书编号,当事人或抽查任务,主要内容,依据,决定日期,公示期限")
    );
    let li = rows.iter().find(|r| r.contains("第9号")).unwrap();
    assert!(li.contains(",李*,") && !li.contains("李某"), "{li}");
    assert!(li.contains("《土地管理法》第七十八条"), "{li}");
    let book = d.path("待公示.xlsx");
    d.ok(&["publicity", "export", "--out", &book]);
    assert!(std::fs::metadata(&book).unwrap().len() > 1000);
}
