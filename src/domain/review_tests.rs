use chrono::NaiveDate;

use super::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A finished notice that meets every point.
fn good_notice() -> Facts {
    Facts {
        kind: Some(FileKind::Notice),
        key: "卧执整〔2026〕第1号".into(),
        finished: true,
        acting: vec![("周海涛".into(), true), ("赵建国".into(), true)],
        legal_basis: Some("《城市市容和环境卫生管理条例》第十四条".into()),
        issued_on: Some(day("2026-11-02")),
        served_on: Some(day("2026-11-03")),
        service_complete: true,
        today: Some(day("2026-11-23")),
        needs_evidence: true,
        evidence: 2,
        papers: vec![("责令限期整改通知书", true), ("复查意见书", true)],
        ..Facts::default()
    }
}

fn faults(f: &Facts) -> Vec<String> {
    review(&Checklist::builtin(), f)
        .faults
        .into_iter()
        .map(|x| x.point)
        .collect()
}

#[test]
fn a_file_meeting_every_point_scores_full_and_passes() {
    let r = review(&Checklist::builtin(), &good_notice());
    assert_eq!((r.score, r.passed), (100, true), "{r:?}");
    // 延期有据 and 中止有据 do not apply: no extension, no stop.
    assert_eq!(r.checked, 7);
}

#[test]
fn each_point_fails_on_a_file_that_misses_it() {
    type Spoil = fn(&mut Facts);
    let cases: [(&str, Spoil); 9] = [
        ("两人持证", |f| f.acting[1].1 = false),
        ("法律依据", |f| f.legal_basis = Some(" ".into())),
        ("按期送达", |f| f.served_on = Some(day("2026-11-06"))),
        ("延期有据", |f| f.extensions = vec![("".into(), None)]),
        ("中止有据", |f| {
            f.stops = vec![("等待鉴定".into(), "".into())]
        }),
        ("证据登记", |f| f.evidence = 0),
        ("文书制作", |f| f.papers[1].1 = false),
        ("要素齐全", |f| f.missing = vec!["整改要求"]),
        ("按时办理", |f| f.late = vec!["复查超期 2天".into()]),
    ];
    for (point, spoil) in cases {
        let mut f = good_notice();
        spoil(&mut f);
        assert_eq!(faults(&f), vec![point.to_string()], "{point}");
    }
    // Met when it applies in the passing form too.
    let mut f = good_notice();
    f.extensions = vec![("雨季施工".into(), Some("W001".into()))];
    f.stops = vec![("等待鉴定".into(), "W001".into())];
    assert!(faults(&f).is_empty());
}

#[test]
fn service_is_judged_only_once_its_time_has_come() {
    let mut f = good_notice();
    f.served_on = None;
    f.today = Some(day("2026-11-04"));
    assert!(judge(Point::ServedInTime, &f, 3).is_none(), "not yet due");
    f.today = Some(day("2026-11-06"));
    assert!(judge(Point::ServedInTime, &f, 3).unwrap().is_err());
    f.served_on = Some(day("2026-11-05"));
    f.service_complete = false;
    let why = judge(Point::ServedInTime, &f, 3).unwrap().unwrap_err();
    assert!(why.contains("送达人"), "{why}");
}

#[test]
fn a_veto_point_fails_the_file_whatever_its_score() {
    let mut f = good_notice();
    f.acting = vec![("周海涛".into(), true), ("网格员 李四".into(), false)];
    let r = review(&Checklist::builtin(), &f);
    // 85 points apply (no extension, no stop); 20 of them lost.
    assert_eq!(r.score, 65 * 100 / 85);
    assert!(r.score >= 70 && !r.passed, "{r:?}");
    assert!(r.verdict().contains("否决：两人持证"), "{}", r.verdict());
}

#[test]
fn a_replaced_checklist_sets_the_points_weights_and_pass_mark() {
    let text = "; 县局 2027 版\n【合格线】80\n| 文书制作 | 文书规范 | 文书齐全 | 50 | |\n| 按时办理 | 时限 | 按时 | 50 | 否决 |\n";
    let list = Checklist::parse("checklist.txt", text).unwrap();
    assert_eq!(list.pass_mark, 80);
    let mut f = good_notice();
    f.acting.clear();
    f.papers[0].1 = false;
    let r = review(&list, &f);
    // Only two points are checked; the missing paper costs half.
    assert_eq!((r.checked, r.score, r.passed), (2, 50, false));
    assert_eq!(r.faults[0].category, "文书规范");
    f.papers[0].1 = true;
    f.late = vec!["复查超期 1天".into()];
    let r = review(&list, &f);
    assert_eq!((r.score, r.passed), (50, false));
    assert!(r.faults[0].veto);
}

#[test]
fn a_checklist_it_cannot_use_is_refused_naming_the_line() {
    let bad = [
        (
            "| 现场勘验 | 证据 | x | 10 | |",
            "第2行",
            "不是本程序认识的检查点",
        ),
        ("| 按时办理 | 时限 | x | 十 | |", "第2行", "分值"),
        ("| 按时办理 | 时限 | x | 10 | 一票否决 |", "第2行", "否决"),
        ("【合格线】120", "第2行", "合格线"),
    ];
    for (line, at, what) in bad {
        let text = format!("; 说明\n{line}\n| 文书制作 | 文书 | x | 10 | |\n");
        let e = Checklist::parse("checklist.txt", &text).unwrap_err();
        assert!(
            e.contains("checklist.txt") && e.contains(at) && e.contains(what),
            "{e}"
        );
    }
    let e = Checklist::parse("checklist.txt", "; 空\n").unwrap_err();
    assert!(e.contains("没有检查项"), "{e}");
}

#[test]
fn an_appeal_waiting_for_the_captain_counts_only_once_the_file_is_closed() {
    let mut f = good_notice();
    f.appeal_undecided = true;
    f.finished = false;
    assert!(judge(Point::StopsApproved, &f, 3).is_none());
    f.finished = true;
    assert!(judge(Point::StopsApproved, &f, 3).unwrap().is_err());
}
