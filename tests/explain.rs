//! `explain`: why each deadline is what it is, counted by the same count that set it — a lead
//! across 国庆 with its 调休 Saturday, and a notice into a year not yet published.

mod util;

use util::Desk;

const HEAD: &str = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\n";

#[test]
fn a_lead_across_national_day_names_each_holiday_and_the_swapped_saturday() {
    let d = Desk::demo();
    let lead = "TS-2026-0930,2026-09-30 10:00,信访,王某,13900000000,Q01,M01,占道经营,复杂,已受理,2026-10-09 09:00,,,\n";
    let f = d.file("oct.csv", format!("{HEAD}{lead}").as_bytes());
    d.ok(&["import", "complaints", &f]);
    let out = d.ok(&["explain", "TS-2026-0930"]);
    // 10-01..07 off by the notice; 10-08 (Thu) is the 1st working day, 10-09 the 2nd, and
    // Saturday 10-10 works by the 调休 and is the 3rd.
    for line in [
        "10-01 星期四 法定节假日（国庆节）  不计",
        "10-07 星期三 法定节假日（国庆节）  不计",
        "10-08 星期四 工作日  第 1 个工作日",
        "10-10 星期六 调休上班（国庆节）  第 3 个工作日",
        "核查期限：2026-10-10 23:59",
        "规则：复杂线索：受理后 3 个工作日内启动核查",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    // The explanation's result is the stored deadline.
    let ledger = d.ok(&["export", "complaints"]);
    let row = ledger
        .lines()
        .find(|l| l.starts_with("TS-2026-0930"))
        .unwrap();
    assert!(row.contains(",2026-10-10 23:59,"), "{row}");
}

#[test]
fn a_notice_into_next_year_is_explained_with_what_is_provisional() {
    let d = Desk::demo();
    // 老王烧烤's notice, extended to 2027-01-08: re-inspected within 3 working days after it.
    let out = d.ok(&["explain", "卧执整〔2026〕第2号"]);
    assert!(out.contains("01-09 星期六 休息日  不计"), "{out}");
    assert!(out.contains("注：暂定：2027年放假安排未公布"), "{out}");
    assert!(out.contains("复查期限：2027-01-13 23:59（暂定）"), "{out}");
    assert!(
        out.contains("整改期限 2027-01-08 之后 3 个工作日内复查"),
        "{out}"
    );
    let err = d.fails(&["explain", "TS-1999-0001"]);
    assert!(
        err.contains("找不到投诉或整改通知「TS-1999-0001」"),
        "{err}"
    );
}
