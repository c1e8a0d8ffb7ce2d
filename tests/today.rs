//! `today`, `calendar` and `demo` through the real binary with a fixed clock.

mod util;

use serde_json::Value;
use util::Desk;

fn today_json(d: &Desk, extra: &[&str]) -> Value {
    let mut args = vec!["today", "--json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&d.ok(&args)).expect("today --json is JSON")
}

fn codes(v: &Value) -> Vec<String> {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_demo_morning_shows_every_roster_and_area_check() {
    let d = Desk::demo();
    let t = today_json(&d, &[]);
    assert_eq!(t["now"], "2026-11-23 08:30");
    assert_eq!(t["date"], "2026-11-23");
    assert_eq!(t["day_kind"], "工作日");
    let roster = t["roster"].as_array().unwrap();
    let teams: Vec<&str> = roster.iter().map(|r| r["team"].as_str().unwrap()).collect();
    assert_eq!(teams, ["第一组", "第二组", "第三组"]);
    assert!(codes(&roster[0]).is_empty());
    assert_eq!(
        codes(&roster[1]),
        ["too_few_certified", "grid_worker_as_officer"]
    );
    assert_eq!(codes(&roster[2]), ["too_few_certified", "cert_expired"]);
    let area = |id: &str| {
        t["areas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["area"] == id)
            .cloned()
    };
    assert_eq!(
        codes(&area("Q05").unwrap()),
        ["area_not_covered", "patrol_overdue"]
    );
    assert_eq!(area("Q12").unwrap()["last_patrol"], "2026-11-12");
    assert_eq!(area("Q15").unwrap()["last_patrol"], Value::Null);
    assert!(
        area("Q01").is_none(),
        "covered today and patrolled yesterday"
    );
}

#[test]
fn leave_and_double_booking_on_the_following_days() {
    let d = Desk::demo();
    let tue = today_json(&d, &["--now", "2026-11-24 08:00"]);
    assert_eq!(
        codes(&tue["roster"][0]),
        ["too_few_certified", "officer_on_leave"]
    );
    let wed = today_json(&d, &["--now", "2026-11-25 08:00"]);
    let all: Vec<String> = wed["roster"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(codes)
        .collect();
    assert_eq!(
        all.iter().filter(|c| *c == "officer_double_booked").count(),
        2,
        "{all:?}"
    );
}

#[test]
fn complaint_timers_come_nearest_deadline_first_overdue_on_top() {
    let d = Desk::demo();
    let t = today_json(&d, &[]);
    let timers = t["complaints"].as_array().unwrap();
    assert_eq!(
        timers.len(),
        23,
        "open complaints: the seeds' and the one taken up again"
    );
    let mins: Vec<Option<i64>> = timers
        .iter()
        .map(|c| c["remaining_minutes"].as_i64())
        .collect();
    let known: Vec<i64> = mins.iter().flatten().copied().collect();
    assert!(known.windows(2).all(|w| w[0] <= w[1]), "{known:?}");
    assert!(known[0] < 0 && timers[0]["overdue"] == true);
    // Nothing left to meet (fed back, awaiting closure) comes last.
    let first_none = mins.iter().position(Option::is_none).unwrap();
    assert!(mins[first_none..].iter().all(Option::is_none));
    // TS-2026-0036: simple lead received Sunday 20:00, due Monday 20:00: 11h30m from 08:30.
    let c = timers.iter().find(|c| c["id"] == "TS-2026-0036").unwrap();
    assert_eq!(c["verify_due"], "2026-11-23 20:00");
    assert_eq!(c["remaining_minutes"], 690);
    assert_eq!(c["overdue"], false);
}

#[test]
fn open_notices_with_reinspection_due() {
    let d = Desk::demo();
    let t = today_json(&d, &[]);
    let notices = t["notices"].as_array().unwrap();
    assert_eq!(notices.len(), 10);
    let n = notices
        .iter()
        .find(|n| n["id"] == "卧执整〔2026〕第6号")
        .unwrap();
    // Deadline Mon 11-09; three working days later is Thu 11-12; overdue on 11-23.
    assert_eq!(n["reinspect_due"], "2026-11-12");
    assert_eq!(n["overdue"], true);
}

#[test]
fn the_missing_year_is_provisional_until_it_is_imported_whole() {
    let d = Desk::demo();
    let t = today_json(&d, &["--now", "2026-12-28 09:00"]);
    let warnings = t["calendar_warnings"].to_string();
    assert!(warnings.contains("2027年"), "{warnings}");
    // 2027-01-01 is 元旦 by law, whatever the notice will say: the third working day after
    // 2026-12-30 is 01-05, and it is provisional.
    let out = d.ok(&["calendar", "add", "2026-12-30", "3"]);
    assert!(
        out.starts_with("2027-01-05")
            && out.contains("2027年放假安排尚未导入")
            && out.contains("暂定"),
        "{out}"
    );
    // One row is not a year's arrangement: refused, naming what is missing.
    let f = d.file(
        "h2027.csv",
        "日期,类型,名称\n2027-01-01,休,元旦\n".as_bytes(),
    );
    let err = d.fails(&["import", "holidays", &f]);
    assert!(
        err.contains("2027 年的放假安排不完整") && err.contains("2027-02-05 春节"),
        "{err}"
    );
    // The template holds every statutory day; completed (here: as it is), it is taken.
    let template = d.ok(&["calendar", "template", "2027"]);
    assert_eq!(template.matches(",休,").count(), 13, "{template}");
    let f = d.file("t2027.csv", template.as_bytes());
    d.ok(&["import", "holidays", &f]);
    let out = d.ok(&["calendar", "add", "2026-12-30", "3"]);
    assert_eq!(out.trim(), "2027-01-05（星期二，工作日）");
    let t = today_json(&d, &["--now", "2026-12-28 09:00"]);
    assert_eq!(
        t["calendar_warnings"].as_array().unwrap().len(),
        0,
        "{}",
        t["calendar_warnings"]
    );
}

#[test]
fn calendar_month_and_add() {
    let d = Desk::new();
    let out = d.ok(&["calendar", "add", "2026-09-30", "3"]);
    assert_eq!(out.trim(), "2026-10-10（星期六，调休上班）");
    let month = d.ok(&["calendar", "2026-10"]);
    assert!(
        month.contains(" 1休") && month.contains("10班") && month.contains("10-10 班 国庆节"),
        "{month}"
    );
    assert!(d.fails(&["calendar", "2026-13"]).contains("月份"));
}

#[test]
fn demo_is_moved_by_whole_weeks_to_the_current_week() {
    let d = Desk::new();
    // A Wednesday two weeks after the anchor week: every seed date moves 14 days.
    let out = d.run(&["demo", "--load-only", "--now", "2026-12-09 10:00"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = today_json(&d, &["--now", "2026-12-09 10:00"]);
    assert_eq!(
        t["roster"].as_array().unwrap().len(),
        3,
        "the week's roster moved with it"
    );
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    let first: String = conn
        .query_row("SELECT min(received_at) FROM complaints", [], |r| r.get(0))
        .unwrap();
    assert!(first.starts_with("2026-11-16 09:00"), "{first}");
}

#[test]
fn every_change_is_audited_under_the_operator() {
    let d = Desk::demo();
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    let (rows, ops): (i64, String) = conn
        .query_row(
            "SELECT count(*), group_concat(DISTINCT operator) FROM audit
             WHERE kind NOT IN ('duty_log', 'draws', 'inspections', 'publications', 'evidence',
                                'documents')
             AND action NOT IN ('中止', '恢复计时', '超时申诉', '申诉审批', '回访')
             -- The lead a dissatisfied call-back opened again, by the officer who called.
             AND key != 'TS-2026-0041'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // The team name setting, then every seed row; the demo's duty log is written under the
    // officers who sat at the desk.
    assert_eq!(
        rows,
        1 + 12 + 15 + 30 + 1 + 51 + 34 + 40 + 15 + 16 + 5 + 6 + 2
    );
    assert_eq!(ops, "W001");
    // The draws under the captain who drew them, each inspection under an officer who made it.
    let acts: Vec<(String, String, String)> = conn
        .prepare(
            "SELECT kind, action, operator FROM audit WHERE kind IN ('draws', 'inspections')
             ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(acts.len(), 7, "{acts:?}");
    assert_eq!(acts[0], ("draws".into(), "抽取".into(), "W001".into()));
    assert_eq!(acts[6], ("draws".into(), "抽取".into(), "W001".into()));
    assert!(
        acts[4..6]
            .iter()
            .all(|(k, a, _)| k == "inspections" && a == "新增")
    );
    assert_eq!(
        acts[5].2, "W003",
        "the 首违不罚 under 孙丽华, who recorded it"
    );
    // The demo's stopped clocks and appeals, each under the officer who acted.
    let pauses: Vec<(String, String)> = conn
        .prepare(
            "SELECT action, operator FROM audit
             WHERE action IN ('中止', '恢复计时', '超时申诉', '申诉审批') ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let pauses: Vec<(&str, &str)> = pauses
        .iter()
        .map(|(a, o)| (a.as_str(), o.as_str()))
        .collect();
    assert_eq!(
        pauses,
        [
            ("中止", "W002"),
            ("恢复计时", "W002"),
            ("中止", "W004"),
            ("超时申诉", "W005"),
            ("申诉审批", "W001"),
            ("超时申诉", "W003"),
        ]
    );
    let duty: String = conn
        .query_row(
            "SELECT group_concat(DISTINCT operator) FROM audit WHERE kind = 'duty_log'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(duty, "W003,W005");
    drop(conn);
    d.ok(&["void", "complaints", "TS-2026-0036", "--reason", "重复登记"]);
    assert!(
        d.fails(&["void", "complaints", "TS-2026-0036", "--reason", "再次"])
            .contains("已作废")
    );
    assert!(
        d.fails(&["void", "patrols", "XC0001", "--reason", " "])
            .contains("原因")
    );
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    let action: String = conn
        .query_row(
            "SELECT action FROM audit WHERE key = 'TS-2026-0036' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(action, "作废");
    let state: String = conn
        .query_row(
            "SELECT state FROM complaints WHERE id = 'TS-2026-0036'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(state, "已作废");
}

#[test]
fn a_bad_now_is_a_clear_message() {
    let d = Desk::new();
    let err = d.fails(&["today", "--now", "2026-11-23"]);
    assert!(
        err.contains("--now 的值“2026-11-23”无效") && err.contains("2026-03-05 09:30"),
        "{err}"
    );
    assert_eq!(err.matches("应为").count(), 1, "said once: {err}");
}

#[test]
fn import_export_and_void_help_name_every_kind_they_take() {
    let d = Desk::new();
    let kinds = [
        "officers",
        "areas",
        "matters",
        "roster",
        "patrols",
        "complaints",
        "notices",
        "leaves",
    ];
    for command in ["import", "export", "void"] {
        let help = d.ok(&[command, "--help"]);
        for kind in kinds {
            assert!(help.contains(kind), "{command} --help lacks {kind}: {help}");
        }
    }
}

#[test]
fn clap_speaks_chinese_in_help_and_in_errors() {
    let d = Desk::new();
    let out = d.run(&["frobnicate"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("不认识的命令「frobnicate」"), "{err}");
    let help = d.ok(&["void", "--help"]);
    for english in [
        "Usage",
        "Options",
        "Arguments",
        "Print help",
        "error",
        "tip:",
    ] {
        assert!(
            !help.contains(english) && !err.contains(english),
            "{english}: {help}{err}"
        );
    }
    assert!(
        help.contains("用法：") && help.contains("作废原因"),
        "{help}"
    );
    let err = d.fails(&["import", "areas", &d.path("没有这个文件.csv")]);
    assert!(
        err.contains("找不到文件") && !err.contains("os error"),
        "{err}"
    );
}

#[test]
fn demo_on_a_database_with_data_says_so_and_how_to_start_fresh() {
    let d = Desk::demo();
    let err = d.fails(&["demo", "--now", "2026-12-21 08:00", "--load-only"]);
    assert!(
        err.contains("已经有数据") && err.contains("zhifa-desk demo"),
        "{err}"
    );
}

#[test]
fn the_roster_is_set_and_taken_off_from_the_command_line_and_the_past_only_corrected() {
    let d = Desk::demo();
    let out = d.ok(&[
        "roster",
        "set",
        "2026-11-30",
        "第一组",
        "--officers",
        "赵建国、钱志强",
        "--areas",
        "集镇中心街、Q02",
        "--shift",
        "全天",
    ]);
    assert!(
        out.contains("已设置 2026-11-30 第一组") && !out.contains("[注意]"),
        "{out}"
    );
    let out = d.ok(&[
        "roster",
        "set",
        "2026-11-30",
        "第二组",
        "--officers",
        "W003、W010",
        "--areas",
        "Q04",
    ]);
    assert!(out.contains("网格员"), "the checks are printed: {out}");
    let shown = d.ok(&["roster", "show", "2026-11-30"]);
    assert!(
        shown.contains("第一组（全天）  人员 W001 赵建国、W002 钱志强  区域 Q01、Q02"),
        "{shown}"
    );
    d.ok(&[
        "roster",
        "remove",
        "2026-11-30",
        "第二组",
        "--reason",
        "排错了",
    ]);
    assert!(!d.ok(&["roster", "show", "2026-11-30"]).contains("第二组"));
    let err = d.fails(&[
        "roster",
        "set",
        "2026-11-20",
        "第一组",
        "--officers",
        "W001、W002",
        "--areas",
        "Q01",
    ]);
    assert!(
        err.contains("历史记录") && err.contains("更正原因"),
        "{err}"
    );
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
    let c = rusqlite::Connection::open(&d.db).unwrap();
    let reason: String = c
        .query_row(
            "SELECT reason FROM audit WHERE kind = 'roster' AND action = '更正'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason, "当天实际只巡了集镇中心街");
    assert!(d.ok(&["verify"]).contains("均与审计记录一致"));
}

#[test]
fn the_demo_starts_on_a_fresh_machine_with_no_data_folder_yet() {
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .args(["demo", "--load-only"])
        .env_remove("ZHIFA_DB")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .expect("binary runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("演示数据库"), "{err}");
    assert!(
        home.path().join("data/zhifa-desk/demo.sqlite").exists(),
        "{err}"
    );
}

/// Made on any day, the demo is the Monday morning its story tells: its records are written
/// at this week's Monday 08:30, so it opens with the four overdue leads of that morning, not
/// with a week's worth.
#[test]
fn a_demo_made_on_any_day_starts_on_this_weeks_monday_morning() {
    use chrono::Datelike;
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .args(["--operator", "W001", "demo", "--load-only"])
        .env("ZHIFA_DB", dir.path().join("z.sqlite"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && said.contains("演示从本周一早上开始"),
        "{said}"
    );
    let conn = rusqlite::Connection::open(dir.path().join("demo.sqlite")).unwrap();
    let at: String = conn
        .query_row(
            "SELECT max(at) FROM audit WHERE kind = 'complaints'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let at = chrono::NaiveDateTime::parse_from_str(&at, "%Y-%m-%d %H:%M").unwrap();
    assert_eq!(at.weekday(), chrono::Weekday::Mon, "{at}");
    assert_eq!(at.format("%H:%M").to_string(), "08:30");
    let today = std::process::Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(dir.path().join("demo.sqlite"))
        .args([
            "--now",
            &at.format("%Y-%m-%d %H:%M").to_string(),
            "today",
            "--json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&today.stdout).unwrap();
    let overdue = v["complaints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["marker"] == "超期")
        .count();
    assert_eq!(overdue, 4);
}
