//! Tests of complaint deadlines and of every state transition, legal and illegal.

use super::*;
use chrono::NaiveDate;

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn complaint(received: &str, complexity: Complexity) -> Complaint {
    Complaint {
        id: "TS-001".into(),
        received_at: t(received),
        channel: Channel::Hotline,
        reporter: "张三".into(),
        phone: "13912345678".into(),
        area: None,
        matter: Some("M01".into()),
        description: "占道经营".into(),
        complexity,
        state: ComplaintState::Received,
        verified_at: None,
        result: String::new(),
        fed_back_at: None,
        closed_at: None,
        void_reason: String::new(),
        work: Default::default(),
    }
}

fn deadlines(c: &Complaint) -> Deadlines {
    c.deadlines(&Calendar::builtin(), &DeadlineRules::default())
}

#[test]
fn simple_lead_is_verified_within_24_clock_hours_even_over_a_holiday() {
    let c = complaint("2026-09-30 16:20", Complexity::Simple);
    let d = deadlines(&c);
    assert_eq!(d.verify_due, t("2026-10-01 16:20"));
    // Feedback: 7 working days after 09-30: 10-08, 09, 10, 12, 13, 14, 15.
    assert_eq!(d.feedback_due, t("2026-10-15 23:59"));
}

#[test]
fn complex_lead_starts_verification_within_3_working_days_ending_at_2359() {
    let c = complaint("2026-09-30 16:20", Complexity::Complex);
    let d = deadlines(&c);
    assert_eq!(d.verify_due, t("2026-10-10 23:59"));
    assert!(d.missing_years.is_empty());
}

#[test]
fn deadlines_follow_per_channel_rules() {
    let c = complaint("2026-11-23 09:00", Complexity::Simple);
    let rules = DeadlineRules {
        verify_hours_simple: 2,
        feedback_workdays: 5,
        ..Default::default()
    };
    let d = c.deadlines(&Calendar::builtin(), &rules);
    assert_eq!(d.verify_due, t("2026-11-23 11:00"));
    assert_eq!(d.feedback_due, t("2026-11-30 23:59"));
}

#[test]
fn deadline_into_a_year_without_data_is_flagged() {
    let c = complaint("2026-12-28 10:00", Complexity::Complex);
    let d = deadlines(&c);
    assert_eq!(d.missing_years, vec![2027]);
    // 2027 by law and weekends: 12-29, 30, 31, (01-01 元旦), 01-04, 05, 06, 07.
    assert_eq!(d.feedback_due, t("2027-01-07 23:59"));
}

#[test]
fn countdown_and_overdue_follow_the_nearest_unmet_deadline() {
    let mut c = complaint("2026-11-23 09:00", Complexity::Simple);
    let d = deadlines(&c);
    assert_eq!(
        c.remaining_minutes(&d, t("2026-11-23 10:00")),
        Some(23 * 60)
    );
    assert!(!c.overdue(&d, t("2026-11-24 09:00")));
    assert!(c.overdue(&d, t("2026-11-24 09:01")));
    assert_eq!(c.remaining_minutes(&d, t("2026-11-24 10:00")), Some(-60));
    // Verified late: stays late after the step is done, countdown moves to feedback.
    c.verify(t("2026-11-24 10:00")).unwrap();
    assert!(c.overdue(&d, t("2026-11-24 10:00")));
    assert_eq!(c.next_due(&d), Some(t("2026-12-02 23:59")));
}

#[test]
fn a_step_done_on_time_is_not_overdue_and_closed_ones_have_no_countdown() {
    let mut c = complaint("2026-11-23 09:00", Complexity::Simple);
    let d = deadlines(&c);
    c.verify(t("2026-11-23 15:00")).unwrap();
    c.handle("责令当事人清理", true).unwrap();
    c.feed_back(t("2026-11-25 09:00"), "").unwrap();
    c.close(t("2026-11-25 10:00")).unwrap();
    assert!(!c.overdue(&d, t("2027-01-01 00:00")));
    assert_eq!(c.remaining_minutes(&d, t("2026-11-25 11:00")), None);
}

#[test]
fn transferred_unverified_lead_is_not_counted_overdue() {
    let mut c = complaint("2026-11-23 09:00", Complexity::Simple);
    let d = deadlines(&c);
    c.transfer(t("2026-11-23 11:00"), "县自然资源局").unwrap();
    assert!(!c.overdue(&d, t("2026-12-30 00:00")));
    assert_eq!(c.result, "移送县自然资源局");
}

/// Puts a complaint into `state` through legal steps.
fn in_state(state: ComplaintState) -> Complaint {
    use ComplaintState::*;
    let mut c = complaint("2026-11-23 09:00", Complexity::Simple);
    let at = t("2026-11-23 12:00");
    match state {
        Received => {}
        Verifying => c.verify(at).unwrap(),
        Handling => {
            c.verify(at).unwrap();
            c.handle("已制止", true).unwrap();
        }
        FedBack => {
            c.verify(at).unwrap();
            c.handle("已制止", true).unwrap();
            c.feed_back(at, "").unwrap();
        }
        Closed => {
            c = in_state(FedBack);
            c.close(at).unwrap();
        }
        Transferred => c.transfer(at, "县市场监管局").unwrap(),
        Voided => c.void("重复登记").unwrap(),
    }
    assert_eq!(c.state, state);
    c
}

fn attempt(c: &mut Complaint, to: ComplaintState) -> Result<(), Refusal> {
    use ComplaintState::*;
    let at = t("2026-11-24 12:00");
    match to {
        Received => refuse("no step leads back to 已受理"),
        Verifying => c.verify(at),
        Handling => c.handle("已制止", true),
        FedBack => c.feed_back(at, "已告知"),
        Closed => c.close(at),
        Transferred => c.transfer(at, "县住建局"),
        Voided => c.void("误登记"),
    }
}

#[test]
fn every_transition_legal_and_illegal() {
    use ComplaintState::*;
    let legal = [
        (Received, Verifying),
        (Received, Transferred),
        (Received, Voided),
        (Verifying, Handling),
        (Verifying, FedBack),
        (Verifying, Transferred),
        (Verifying, Voided),
        (Handling, FedBack),
        (Handling, Voided),
        (FedBack, Closed),
        (FedBack, Voided),
        (Closed, Voided),
        (Transferred, Voided),
    ];
    for &from in ComplaintState::ALL {
        for &to in ComplaintState::ALL {
            let mut c = in_state(from);
            let got = attempt(&mut c, to);
            if legal.contains(&(from, to)) {
                assert_eq!(got, Ok(()), "{from} → {to}");
                assert_eq!(c.state, to);
            } else {
                assert!(got.is_err(), "{from} → {to} should be refused");
                assert_eq!(c.state, from, "a refused step changes nothing");
            }
        }
    }
}

#[test]
fn refusals_say_why_in_chinese() {
    let mut c = in_state(ComplaintState::Received);
    let why = c.close(t("2026-11-24 12:00")).unwrap_err().0;
    assert!(
        why.contains("已受理") && why.contains("已结案") && why.contains("核查中"),
        "{why}"
    );
    assert!(c.void("  ").unwrap_err().0.contains("原因"));
    assert!(
        c.verify(t("2026-11-22 12:00"))
            .unwrap_err()
            .0
            .contains("早于受理时间")
    );
}

#[test]
fn a_matter_off_the_list_must_be_transferred_not_handled() {
    let mut c = in_state(ComplaintState::Verifying);
    let why = c.handle("罚款", false).unwrap_err().0;
    assert!(why.contains("移送"), "{why}");
    assert_eq!(c.state, ComplaintState::Verifying);
    assert!(c.transfer(t("2026-11-24 12:00"), "县林草局").is_ok());
}

#[test]
fn reachability_used_by_imports() {
    use ComplaintState::*;
    assert!(Received.can_reach(Closed));
    assert!(!Closed.can_reach(Received));
    assert!(!Transferred.can_reach(Closed));
    assert!(!Voided.can_reach(Received));
}

#[test]
fn fields_must_agree_with_the_state() {
    let mut c = complaint("2026-11-23 09:00", Complexity::Simple);
    c.state = ComplaintState::FedBack;
    let cols: Vec<&str> = c.problems().iter().map(|p| p.0).collect();
    assert_eq!(cols, ["核查时间", "处置结果", "反馈时间"]);
    let mut c = in_state(ComplaintState::Closed);
    assert!(c.problems().is_empty());
    c.closed_at = Some(
        NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
    );
    assert!(c.problems().iter().any(|p| p.0 == "办结时间"));
}

#[test]
fn a_complex_lead_is_extended_at_most_twice_and_a_late_extension_stays_late() {
    use crate::domain::work::Extension;
    let cal = Calendar::builtin();
    let rules = crate::domain::DeadlineRules::default();
    let mut c = complaint("2026-11-02 09:00", Complexity::Complex);
    c.verify(t("2026-11-04 10:00")).unwrap();
    let due = c.deadlines(&cal, &rules).feedback_due;
    let ext = |from, until: &str, at: &str, was_late| Extension {
        from,
        until: until.parse().unwrap(),
        reason: "需勘测".into(),
        approved_by: "W001".into(),
        at: t(at),
        was_late,
    };
    c.extend(ext(due, "2026-11-20", "2026-11-05 09:00", false))
        .unwrap();
    let d = c.deadlines(&cal, &rules);
    assert_eq!(
        d.feedback_due,
        t("2026-11-20 23:59"),
        "the countdown follows the extension"
    );
    assert_eq!(
        c.work.extensions[0].from, due,
        "the original stays in the record"
    );
    assert!(!c.overdue(&d, t("2026-11-18 09:00")));
    // The second comes after the extended deadline has passed: the lead stays late.
    c.extend(ext(d.feedback_due, "2026-11-30", "2026-11-21 09:00", true))
        .unwrap();
    let d = c.deadlines(&cal, &rules);
    assert!(
        c.overdue(&d, t("2026-11-22 09:00")),
        "a late extension never hides lateness"
    );
    let third = c.extend(ext(d.feedback_due, "2026-12-10", "2026-11-25 09:00", false));
    assert!(third.unwrap_err().0.contains("最多 2 次"));
    let mut simple = complaint("2026-11-02 09:00", Complexity::Simple);
    assert!(
        simple
            .extend(ext(due, "2026-11-20", "2026-11-05 09:00", false))
            .is_err()
    );
}
