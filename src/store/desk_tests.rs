//! Tests of the desk's writes on the demo township at its anchor Monday.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::desk::*;
use super::{Actor, Store, complaints, roster};
use crate::domain::*;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn demo() -> (Store, Actor) {
    let mut store = Store::open_in_memory().unwrap();
    let actor = Actor {
        operator: "W003".into(),
        now: at("2026-11-23 08:30"),
    };
    crate::demo::load(&mut store, &actor).unwrap();
    (store, actor)
}

fn audit_rows(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap()
}

fn lead(matter: Option<&str>) -> Complaint {
    Complaint {
        id: String::new(),
        received_at: at("2026-11-23 08:10"),
        channel: Channel::Hotline,
        reporter: "王某".into(),
        phone: "13900001111".into(),
        area: Some("Q01".into()),
        matter: matter.map(str::to_string),
        description: "店外占道堆放货物".into(),
        complexity: Complexity::Simple,
        state: ComplaintState::Closed,
        verified_at: None,
        result: String::new(),
        fed_back_at: None,
        closed_at: None,
        void_reason: String::new(),
        work: Default::default(),
    }
}

#[test]
fn a_received_complaint_gets_the_next_number_and_walks_its_loop() {
    let (mut store, actor) = demo();
    let before = audit_rows(&store);
    let id = receive_complaint(&mut store, &actor, lead(Some("M01"))).unwrap();
    assert_eq!(id, "TS-2026-0042");
    let t = complaints::get(store.conn(), &id).unwrap().unwrap();
    assert_eq!(t.complaint.state, ComplaintState::Received);
    assert_eq!(t.due.verify_due, at("2026-11-24 08:10"));

    let steps = [
        ComplaintStep::Verify {
            at: at("2026-11-23 08:20"),
            by: vec![],
            finding: String::new(),
        },
        ComplaintStep::Handle {
            at: None,
            result: "责令当事人清理".into(),
        },
        ComplaintStep::FeedBack {
            at: at("2026-11-23 08:25"),
            method: String::new(),
            result: String::new(),
        },
        ComplaintStep::Close {
            at: at("2026-11-23 08:30"),
        },
    ];
    for step in steps {
        complaint_step(&mut store, &actor, &id, step).unwrap();
    }
    let c = complaints::get(store.conn(), &id)
        .unwrap()
        .unwrap()
        .complaint;
    assert_eq!(c.state, ComplaintState::Closed);
    assert_eq!(c.result, "责令当事人清理");
    assert_eq!(audit_rows(&store), before + 5);
    let ops: Vec<String> = super::audit::history(store.conn(), "complaints", &id)
        .unwrap()
        .into_iter()
        .map(|r| format!("{} {}", r.operator, r.action))
        .collect();
    assert_eq!(
        ops,
        [
            "W003 新增",
            "W003 核查",
            "W003 处置",
            "W003 反馈",
            "W003 结案"
        ]
    );
}

#[test]
fn a_matter_off_the_list_is_transferred_not_handled_and_a_refusal_writes_nothing() {
    let (mut store, actor) = demo();
    let id = receive_complaint(&mut store, &actor, lead(None)).unwrap();
    let verify = ComplaintStep::Verify {
        at: at("2026-11-23 08:20"),
        by: vec![],
        finding: String::new(),
    };
    complaint_step(&mut store, &actor, &id, verify).unwrap();
    let before = audit_rows(&store);
    let handle = ComplaintStep::Handle {
        at: None,
        result: "已处理".into(),
    };
    let err = complaint_step(&mut store, &actor, &id, handle).unwrap_err();
    assert!(err.to_string().contains("应移送"), "{err}");
    assert_eq!(audit_rows(&store), before);
    let transfer = ComplaintStep::Transfer {
        at: at("2026-11-23 08:25"),
        to: "县自然资源局".into(),
    };
    let c = complaint_step(&mut store, &actor, &id, transfer).unwrap();
    assert_eq!(c.state, ComplaintState::Transferred);
    assert_eq!(c.result, "移送县自然资源局");
}

#[test]
fn steps_and_records_dated_after_now_are_refused() {
    let (mut store, actor) = demo();
    let mut later = lead(Some("M01"));
    later.received_at = at("2026-11-24 09:00");
    let err = receive_complaint(&mut store, &actor, later).unwrap_err();
    assert!(err.to_string().contains("晚于现在"), "{err}");
    let step = ComplaintStep::Verify {
        at: at("2026-11-25 09:00"),
        by: vec![],
        finding: String::new(),
    };
    assert!(complaint_step(&mut store, &actor, "TS-2026-0035", step).is_err());
}

fn notice() -> Notice {
    Notice {
        id: String::new(),
        party: "兴盛超市".into(),
        address: "集镇中心街12号".into(),
        area: Some("Q01".into()),
        matter: Some("M01".into()),
        problem: "店外占道堆放货物".into(),
        legal_basis: "《城市市容和环境卫生管理条例》第三十六条".into(),
        issued_on: "2026-11-23".parse().unwrap(),
        deadline: "2026-11-30".parse().unwrap(),
        state: NoticeState::ClosedOut,
        reinspected_on: None,
        reinspect_result: String::new(),
        complaint: None,
        extension_reason: String::new(),
        void_reason: String::new(),
        late: false,
        issuing: crate::domain::Issuing {
            officers: vec!["W001".into(), "W002".into()],
            requirement: "立即清理店外货物".into(),
            ..Default::default()
        },
    }
}

#[test]
fn a_notice_is_numbered_in_the_teams_style_and_reinspected_by_two() {
    let (mut store, actor) = demo();
    let id = issue_notice(&mut store, &actor, notice()).unwrap();
    assert_eq!(id, "卧执整〔2026〕第16号");
    let one = NoticeStep::Reinspect {
        date: actor.now.date(),
        result: "已清理".into(),
        outcome: Outcome::CloseOut,
        officers: vec!["W001".into()],
    };
    assert!(notice_step(&mut store, &actor, &id, one).is_err());
    let two = NoticeStep::Reinspect {
        date: actor.now.date(),
        result: "已清理".into(),
        outcome: Outcome::CloseOut,
        officers: vec!["W001".into(), "W002".into()],
    };
    let n = notice_step(&mut store, &actor, &id, two).unwrap();
    assert_eq!(n.state, NoticeState::ClosedOut);
    assert_eq!(
        super::reinspections::reinspections(store.conn(), &id)
            .unwrap()
            .len(),
        1
    );
    let mut unknown = notice();
    unknown.complaint = Some("TS-1999-0001".into());
    assert!(issue_notice(&mut store, &actor, unknown).is_err());
}

#[test]
fn patrols_are_numbered_and_checked_and_last_weeks_roster_copies_once() {
    let (mut store, actor) = demo();
    let t = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").unwrap();
    let mut p = Patrol {
        id: String::new(),
        date: actor.now.date(),
        start: t("08:00"),
        end: t("08:20"),
        team: "第一组".into(),
        officers: vec!["W001".into(), "W002".into()],
        areas: vec!["Q01".into()],
        notes: "未发现违法行为".into(),
        found_problem: false,
    };
    assert_eq!(log_patrol(&mut store, &actor, p.clone()).unwrap(), "XC0035");
    p.areas = vec!["Q99".into()];
    assert!(log_patrol(&mut store, &actor, p.clone()).is_err());
    p.areas = vec!["Q01".into()];
    p.end = t("07:00");
    assert!(log_patrol(&mut store, &actor, p).is_err());

    let monday: NaiveDate = "2026-11-30".parse().unwrap();
    assert!(roster::teams_on(store.conn(), monday).unwrap().is_empty());
    assert_eq!(copy_last_week(&mut store, &actor, monday).unwrap(), 3);
    assert_eq!(copy_last_week(&mut store, &actor, monday).unwrap(), 0);
    let teams = roster::teams_on(store.conn(), monday).unwrap();
    let last = roster::teams_on(store.conn(), monday - chrono::Duration::days(7)).unwrap();
    assert_eq!(
        teams.iter().map(|t| &t.officers).collect::<Vec<_>>(),
        last.iter().map(|t| &t.officers).collect::<Vec<_>>()
    );
}

#[test]
fn a_time_later_today_is_refused_like_a_later_day() {
    let (mut store, actor) = demo();
    let before = audit_rows(&store);
    let mut later = lead(Some("M01"));
    later.received_at = at("2026-11-23 23:00");
    let err = receive_complaint(&mut store, &actor, later)
        .unwrap_err()
        .to_string();
    assert!(err.contains("晚于现在（2026-11-23 08:30）"), "{err}");
    let id = receive_complaint(&mut store, &actor, lead(Some("M01"))).unwrap();
    let err = complaint_step(
        &mut store,
        &actor,
        &id,
        ComplaintStep::Verify {
            at: at("2026-11-23 20:00"),
            by: vec![],
            finding: String::new(),
        },
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("核查时间 2026-11-23 20:00 晚于现在"), "{err}");
    let team = roster::teams_on(store.conn(), actor.now.date()).unwrap()[0].clone();
    let patrol = Patrol {
        id: String::new(),
        date: actor.now.date(),
        start: NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
        end: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
        team: team.team,
        officers: team.officers,
        areas: team.areas,
        notes: "正常".into(),
        found_problem: false,
    };
    let err = log_patrol(&mut store, &actor, patrol)
        .unwrap_err()
        .to_string();
    assert!(err.contains("巡查结束时间"), "{err}");
    assert_eq!(audit_rows(&store), before + 1, "only the good complaint");
}

/// 立案 takes the next case number in the team's style, one case to one notice; 留置送达 is
/// recorded with who served it and who witnessed it.
#[test]
fn escalation_takes_its_own_case_number_and_service_names_its_people() {
    let (mut store, actor) = demo();
    // The demo's 第3号 was escalated as 卧执立〔2026〕第1号: the next one is 第2号.
    let next = super::notices::next_case_no(store.conn(), 2026).unwrap();
    assert_eq!(next, "卧执立〔2026〕第2号");
    let id = issue_notice(&mut store, &actor, notice()).unwrap();
    let escalate = |case_no: &str| NoticeStep::Reinspect {
        date: actor.now.date(),
        result: "拒不整改".into(),
        outcome: Outcome::Escalate {
            case_no: case_no.into(),
        },
        officers: vec!["W001".into(), "W002".into()],
    };
    let taken = notice_step(&mut store, &actor, &id, escalate("卧执立〔2026〕第1号"))
        .unwrap_err()
        .to_string();
    assert!(
        taken.contains("已用于整改通知 卧执整〔2026〕第3号"),
        "{taken}"
    );
    let empty = notice_step(&mut store, &actor, &id, escalate(" ")).unwrap_err();
    assert!(empty.to_string().contains("立案须写明立案编号"), "{empty}");
    let n = notice_step(&mut store, &actor, &id, escalate(&next)).unwrap();
    assert_eq!(
        (n.state, n.issuing.case_no.as_str()),
        (NoticeState::Escalated, "卧执立〔2026〕第2号")
    );

    let id = issue_notice(&mut store, &actor, notice()).unwrap();
    let serve = |method: &str, servers: &[&str], witness: &str| {
        NoticeStep::Serve(crate::domain::notice::Service {
            on: actor.now.date(),
            method: method.into(),
            servers: servers.iter().map(|s| s.to_string()).collect(),
            witness: witness.into(),
        })
    };
    let no_witness = notice_step(&mut store, &actor, &id, serve("留置送达", &["W001"], ""));
    assert!(no_witness.unwrap_err().to_string().contains("见证人"));
    let nobody = notice_step(&mut store, &actor, &id, serve("直接送达", &[], ""));
    assert!(nobody.unwrap_err().to_string().contains("须写明送达人"));
    let stranger = notice_step(&mut store, &actor, &id, serve("直接送达", &["W999"], ""));
    assert!(stranger.unwrap_err().to_string().contains("W999"));
    let n = notice_step(
        &mut store,
        &actor,
        &id,
        serve("留置送达", &["W001", "W002"], "村委会主任王某"),
    )
    .unwrap();
    assert_eq!(n.issuing.servers, ["W001", "W002"]);
    assert_eq!(n.issuing.witness, "村委会主任王某");
    // By post, nobody stands at the door.
    let id = issue_notice(&mut store, &actor, notice()).unwrap();
    assert!(notice_step(&mut store, &actor, &id, serve("邮寄送达", &[], "")).is_ok());
}

/// A past day's team changed, renamed or not, is a correction: it needs a reason, and it is
/// listed among the period's corrections with what changed.
#[test]
fn a_past_days_roster_change_is_listed_as_a_correction() {
    let (mut store, actor) = demo();
    let friday: NaiveDate = "2026-11-20".parse().unwrap();
    let mut team = roster::teams_on(store.conn(), friday).unwrap().remove(0);
    let name = team.team.clone();
    team.officers.reverse();
    assert!(set_team(&mut store, &actor, team.clone(), Some(&name), None).is_err());
    set_team(
        &mut store,
        &actor,
        team.clone(),
        Some(&name),
        Some("排班表录入顺序有误"),
    )
    .unwrap();
    team.team = "集镇组".into();
    set_team(
        &mut store,
        &actor,
        team,
        Some(&name),
        Some("按镇里通知改名"),
    )
    .unwrap();
    let today = actor.now.date();
    let listed = super::correction::between(store.conn(), today, today).unwrap();
    let reasons: Vec<&str> = listed.iter().map(|c| c.reason.as_str()).collect();
    assert!(reasons.contains(&"排班表录入顺序有误"), "{listed:?}");
    assert!(
        listed
            .iter()
            .any(|c| c.reason == "按镇里通知改名" && c.key.ends_with("集镇组")),
        "{listed:?}"
    );
}
