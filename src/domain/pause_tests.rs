//! Tests of stopped clocks and appeals: what a stop moves, what it refuses, one appeal.

use super::*;
use crate::domain::complaint::Step;
use crate::domain::work::Extension;
use crate::domain::{Channel, ComplaintState, Complexity, DeadlineRules};

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn lead(received: &str, complexity: Complexity) -> Complaint {
    Complaint {
        id: "TS-2026-0001".into(),
        received_at: t(received),
        channel: Channel::Hotline,
        reporter: String::new(),
        phone: String::new(),
        area: None,
        matter: None,
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

fn due(c: &Complaint) -> Deadlines {
    c.deadlines(&Calendar::builtin(), &DeadlineRules::default())
}

fn stop(c: &mut Complaint, at: &str, max: u32) -> Result<(), Refusal> {
    let s = Stop::new(t(at), "当事人无法联系", "", "W001")?;
    let d = due(c);
    c.stop(s, &d, max)
}

#[test]
fn a_stop_moves_the_hour_deadline_by_its_length_and_the_day_deadline_by_its_working_days() {
    // Monday 09:00: verify by Tuesday 09:00, feedback by 12-02 (7 working days).
    let mut c = lead("2026-11-23 09:00", Complexity::Simple);
    assert_eq!(due(&c).verify_due, t("2026-11-24 09:00"));
    assert_eq!(due(&c).feedback_due, t("2026-12-02 23:59"));
    stop(&mut c, "2026-11-23 10:00", 1).unwrap();
    // Stopped: nothing moves yet, nothing runs out, and the time left waits.
    assert_eq!(due(&c).verify_due, t("2026-11-24 09:00"));
    let late = t("2026-11-24 12:00");
    let (v, f) = c.steps(&due(&c), late);
    assert_eq!(
        v,
        Step::Stopped {
            remaining_minutes: 23 * 60
        }
    );
    assert!(matches!(f, Step::Stopped { .. }));
    assert!(!c.overdue(&due(&c), late));
    assert_eq!(c.next_due(&due(&c)), None);
    // Restarted Wednesday 10:00: 48 hours later for the verify deadline. Monday and Tuesday
    // stood stopped at their end; Monday, the day of receipt, never counted, so feedback is
    // one working day later.
    c.resume(t("2026-11-25 10:00")).unwrap();
    let d = due(&c);
    assert_eq!(d.verify_due, t("2026-11-26 09:00"));
    assert_eq!(d.feedback_due, t("2026-12-03 23:59"));
    assert!(!c.overdue(&d, late));
    assert!(c.overdue(&d, t("2026-11-26 09:01")));
}

#[test]
fn a_step_done_before_the_stop_keeps_its_deadline() {
    let mut c = lead("2026-11-23 09:00", Complexity::Complex);
    c.verify(t("2026-11-23 15:00")).unwrap();
    let before = due(&c).verify_due;
    stop(&mut c, "2026-11-24 09:00", 1).unwrap();
    c.resume(t("2026-11-27 09:00")).unwrap();
    let d = due(&c);
    assert_eq!(d.verify_due, before);
    // 11-24, 25, 26 stopped: feedback 12-02 → 12-07 (12-05/06 is a weekend).
    assert_eq!(d.feedback_due, t("2026-12-07 23:59"));
}

#[test]
fn an_extended_deadline_is_pushed_back_by_a_later_stop_only() {
    let mut c = lead("2026-11-23 09:00", Complexity::Complex);
    c.verify(t("2026-11-24 09:00")).unwrap();
    c.extend(Extension {
        from: t("2026-12-02 23:59"),
        until: NaiveDate::from_ymd_opt(2026, 12, 9).unwrap(),
        reason: "需测绘".into(),
        approved_by: "W001".into(),
        at: t("2026-11-30 09:00"),
        was_late: false,
    })
    .unwrap();
    assert_eq!(due(&c).feedback_due, t("2026-12-09 23:59"));
    stop(&mut c, "2026-12-01 09:00", 1).unwrap();
    c.resume(t("2026-12-02 09:00")).unwrap();
    // 12-01 stopped: one working day more.
    assert_eq!(due(&c).feedback_due, t("2026-12-10 23:59"));
}

#[test]
fn stops_are_refused_when_late_already_stopped_over_the_limit_or_unexplained() {
    let mut c = lead("2026-11-23 09:00", Complexity::Simple);
    let why = stop(&mut c, "2026-11-24 09:30", 1).unwrap_err().0;
    assert!(why.contains("已超期的线索不能中止"), "{why}");
    assert!(Stop::new(t("2026-11-23 10:00"), "其他", " ", "W001").is_err());
    assert!(Stop::new(t("2026-11-23 10:00"), "出差", "", "W001").is_err());
    stop(&mut c, "2026-11-23 10:00", 2).unwrap();
    let why = stop(&mut c, "2026-11-23 11:00", 2).unwrap_err().0;
    assert!(why.contains("须先恢复计时"), "{why}");
    assert!(c.resume(t("2026-11-23 09:59")).is_err());
    c.resume(t("2026-11-23 12:00")).unwrap();
    assert!(c.resume(t("2026-11-23 13:00")).is_err());
    let why = stop(&mut c, "2026-11-23 11:00", 2).unwrap_err().0;
    assert!(why.contains("不能早于"), "{why}");
    stop(&mut c, "2026-11-23 13:00", 2).unwrap();
    c.resume(t("2026-11-23 14:00")).unwrap();
    let why = stop(&mut c, "2026-11-23 15:00", 2).unwrap_err().0;
    assert!(why.contains("最多 2 次"), "{why}");
    // Two stops of two and one hours: the verify deadline is three hours later.
    assert_eq!(due(&c).verify_due, t("2026-11-24 12:00"));
}

#[test]
fn one_appeal_for_a_late_lead_which_stays_late_when_approved() {
    let mut c = lead("2026-11-23 09:00", Complexity::Simple);
    let appeal = |at: &str| Appeal {
        reason: "暴雨封路，无法到场".into(),
        filed_by: "W002".into(),
        filed_at: t(at),
        decision: None,
    };
    let d = due(&c);
    let why = c.appeal(appeal("2026-11-23 12:00"), &d, t("2026-11-23 12:00"));
    assert!(why.unwrap_err().0.contains("没有超期"));
    c.appeal(appeal("2026-11-25 08:00"), &d, t("2026-11-25 08:00"))
        .unwrap();
    let again = c.appeal(appeal("2026-11-25 09:00"), &d, t("2026-11-25 09:00"));
    assert!(again.unwrap_err().0.contains("只能申诉一次"));
    let decide = |approved, opinion: &str| Decision {
        approved,
        by: "W001".into(),
        at: t("2026-11-25 10:00"),
        opinion: opinion.into(),
    };
    assert!(c.decide_appeal(decide(false, "")).is_err());
    assert!(!c.appeal_approved());
    c.decide_appeal(decide(true, "")).unwrap();
    assert!(c.appeal_approved());
    assert!(c.decide_appeal(decide(false, "重复")).is_err());
    assert!(c.overdue(&d, t("2026-11-25 10:00")), "the late fact stays");
    assert!(
        c.work
            .appeal
            .as_ref()
            .unwrap()
            .summary()
            .starts_with("已批准：暴雨封路")
    );
}
