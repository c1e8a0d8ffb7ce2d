//! Tests of the notice loop: re-inspection due dates, every transition, lateness that sticks.

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn notice(state: NoticeState) -> Notice {
    let mut n = Notice {
        id: "卧执整〔2026〕第12号".into(),
        party: "某某商店".into(),
        address: "卧牛河镇中心街8号".into(),
        area: None,
        matter: None,
        problem: "店外占道堆放".into(),
        legal_basis: "《城市市容和环境卫生管理条例》第十四条".into(),
        issued_on: d("2026-09-20"),
        deadline: d("2026-09-30"),
        state: NoticeState::Pending,
        reinspected_on: None,
        reinspect_result: String::new(),
        complaint: None,
        extension_reason: String::new(),
        void_reason: String::new(),
        late: false,
        issuing: Default::default(),
    };
    let due = d("2026-10-10");
    match state {
        NoticeState::Pending => {}
        NoticeState::AwaitingReinspection => n.await_reinspection().unwrap(),
        NoticeState::ClosedOut => n
            .reinspect(d("2026-10-08"), "已整改", Outcome::CloseOut, due)
            .unwrap(),
        NoticeState::Escalated => n
            .reinspect(
                d("2026-10-08"),
                "未整改",
                Outcome::Escalate {
                    case_no: "执立〔2026〕第1号".into(),
                },
                due,
            )
            .unwrap(),
        NoticeState::Extended => n
            .reinspect(d("2026-10-08"), "部分整改", extend("2026-10-20"), due)
            .unwrap(),
        NoticeState::Voided => n.void("文书号重复").unwrap(),
    }
    assert_eq!(n.state, state);
    n
}

fn extend(new: &str) -> Outcome {
    Outcome::Extend {
        new_deadline: d(new),
        reason: "材料未到货".into(),
    }
}

#[test]
fn reinspection_is_due_three_working_days_after_the_deadline() {
    let n = notice(NoticeState::Pending);
    let due = n.reinspect_due(&Calendar::builtin(), &DeadlineRules::default());
    assert_eq!(due.date, d("2026-10-10"));
    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    assert!(!n.overdue(due.end_of_day(), at("2026-10-10 23:59")));
    assert!(n.overdue(due.end_of_day(), at("2026-10-11 00:00")));
}

#[test]
fn every_transition_legal_and_illegal() {
    use NoticeState::*;
    let legal = [
        (Pending, AwaitingReinspection),
        (Pending, ClosedOut),
        (Pending, Extended),
        (Pending, Escalated),
        (Pending, Voided),
        (AwaitingReinspection, ClosedOut),
        (AwaitingReinspection, Extended),
        (AwaitingReinspection, Escalated),
        (AwaitingReinspection, Voided),
        (Extended, AwaitingReinspection),
        (Extended, ClosedOut),
        (Extended, Extended),
        (Extended, Escalated),
        (Extended, Voided),
        (ClosedOut, Voided),
        (Escalated, Voided),
    ];
    for &from in NoticeState::ALL {
        for &to in NoticeState::ALL {
            let mut n = notice(from);
            let due = d("2026-11-30");
            let got = match to {
                Pending => refuse("no step leads back to 待整改"),
                AwaitingReinspection => n.await_reinspection(),
                ClosedOut => n.reinspect(d("2026-11-01"), "已整改", Outcome::CloseOut, due),
                Extended => n.reinspect(d("2026-11-01"), "未完成", extend("2026-11-30"), due),
                Escalated => n.reinspect(
                    d("2026-11-01"),
                    "拒不整改",
                    Outcome::Escalate {
                        case_no: "执立〔2026〕第1号".into(),
                    },
                    due,
                ),
                Voided => n.void("误登记"),
            };
            if legal.contains(&(from, to)) {
                assert_eq!(got, Ok(()), "{from} → {to}");
                assert_eq!(n.state, to);
            } else {
                assert!(got.is_err(), "{from} → {to} should be refused");
                assert_eq!(n.state, from);
            }
        }
    }
}

#[test]
fn extension_moves_the_deadline_and_needs_a_reason_and_a_later_date() {
    let mut n = notice(NoticeState::AwaitingReinspection);
    let due = d("2026-10-10");
    let no_reason = Outcome::Extend {
        new_deadline: d("2026-10-20"),
        reason: " ".into(),
    };
    assert!(
        n.reinspect(d("2026-10-08"), "未完成", no_reason, due)
            .is_err()
    );
    assert!(
        n.reinspect(d("2026-10-08"), "未完成", extend("2026-09-29"), due)
            .is_err()
    );
    n.reinspect(d("2026-10-08"), "未完成", extend("2026-10-20"), due)
        .unwrap();
    assert_eq!(n.deadline, d("2026-10-20"));
    assert_eq!(n.extension_reason, "材料未到货");
    assert!(!n.late);
}

#[test]
fn a_late_reinspection_stays_late_after_an_extension() {
    let mut n = notice(NoticeState::Pending);
    n.reinspect(
        d("2026-10-12"),
        "未完成",
        extend("2026-10-30"),
        d("2026-10-10"),
    )
    .unwrap();
    assert!(n.late);
    let due = n.reinspect_due(&Calendar::builtin(), &DeadlineRules::default());
    let early = due.end_of_day() - chrono::Duration::days(10);
    assert!(n.overdue(due.end_of_day(), early), "lateness is kept");
}

#[test]
fn can_reach_handles_the_extension_cycle() {
    use NoticeState::*;
    assert!(Extended.can_reach(AwaitingReinspection));
    assert!(AwaitingReinspection.can_reach(Extended));
    assert!(!ClosedOut.can_reach(Pending));
    assert!(!Voided.can_reach(ClosedOut));
}

#[test]
fn fields_must_agree_with_the_state() {
    let mut n = notice(NoticeState::Pending);
    n.state = NoticeState::Extended;
    let cols: Vec<&str> = n.problems().iter().map(|p| p.0).collect();
    assert_eq!(cols, ["复查日期", "复查结果", "延期原因"]);
    let mut n = notice(NoticeState::Pending);
    n.deadline = d("2026-09-01");
    assert_eq!(n.problems()[0].0, "整改期限");
}

#[test]
fn a_notice_without_a_legal_basis_is_refused_unless_voided() {
    let mut n = notice(NoticeState::Pending);
    n.legal_basis = " ".into();
    let p = n.problems();
    assert!(
        p.iter()
            .any(|(col, why)| *col == "法律依据" && why.contains("须写明法律依据")),
        "{p:?}"
    );
    n.state = NoticeState::Voided;
    n.void_reason = "重复下达".into();
    assert!(n.problems().is_empty());
}
