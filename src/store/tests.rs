//! Store tests: migrations, audited upserts, voiding, derived deadlines, indexed reads.

use chrono::NaiveDateTime;

use super::record::{upsert, void};
use super::*;
use crate::domain::*;

fn actor() -> Actor {
    Actor {
        operator: "W001".into(),
        now: NaiveDateTime::parse_from_str("2026-11-23 08:30", "%Y-%m-%d %H:%M").unwrap(),
    }
}

fn with_ctx<T>(store: &mut Store, f: impl FnOnce(&Transaction, &Ctx) -> Result<T>) -> Result<T> {
    let (cal, settings, actor) = (store.calendar()?, store.settings()?, actor());
    store.write(|tx| {
        let ctx = Ctx {
            actor: &actor,
            calendar: &cal,
            settings: &settings,
        };
        f(tx, &ctx)
    })
}

fn officer(id: &str, expiry: &str) -> Officer {
    Officer {
        id: id.into(),
        name: format!("队员{id}"),
        squad: "一中队".into(),
        role: Role::Officer,
        cert_no: Some(format!("C{id}")),
        cert_expiry: Some(expiry.parse().unwrap()),
        phone: String::new(),
        status: OfficerStatus::OnDuty,
    }
}

fn complaint(id: &str, received: &str) -> Complaint {
    Complaint {
        id: id.into(),
        received_at: NaiveDateTime::parse_from_str(received, "%Y-%m-%d %H:%M").unwrap(),
        channel: Channel::Hotline,
        reporter: "李四".into(),
        phone: "13800001111".into(),
        area: None,
        matter: None,
        description: "噪音扰民".into(),
        complexity: Complexity::Simple,
        state: ComplaintState::Received,
        verified_at: None,
        result: String::new(),
        fed_back_at: None,
        closed_at: None,
        void_reason: String::new(),
        work: Default::default(),
    }
}

fn audit_count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_fresh_file_is_migrated_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/desk.sqlite");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    drop(store);
    assert!(Store::open(&path).is_ok());
}

#[test]
fn a_file_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    let store = Store::open(&path).unwrap();
    store
        .conn()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(store);
    let err = Store::open(&path).err().expect("refused").to_string();
    assert!(err.contains("更新版本") && err.contains("升级"), "{err}");
}

#[test]
fn upsert_reports_new_updated_unchanged_and_audits_only_changes() {
    let mut store = Store::open_in_memory().unwrap();
    let mut o = officer("W001", "2030-01-01");
    let c = with_ctx(&mut store, |tx, ctx| upsert(tx, ctx, &o)).unwrap();
    assert_eq!(c, Change::New);
    assert_eq!(
        with_ctx(&mut store, |tx, ctx| upsert(tx, ctx, &o)).unwrap(),
        Change::Unchanged
    );
    o.status = OfficerStatus::OnLeave;
    assert_eq!(
        with_ctx(&mut store, |tx, ctx| upsert(tx, ctx, &o)).unwrap(),
        Change::Updated
    );
    let history = audit::history(store.conn(), "officers", "W001").unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].action, "修改");
    assert_eq!(history[1].operator, "W001");
    assert!(history[1].before.as_ref().unwrap().contains("在岗"));
    assert!(history[1].after.as_ref().unwrap().contains("请假"));
}

#[test]
fn voiding_keeps_the_record_needs_a_reason_and_blocks_later_edits() {
    let mut store = Store::open_in_memory().unwrap();
    let o = officer("W002", "2030-01-01");
    with_ctx(&mut store, |tx, ctx| upsert(tx, ctx, &o)).unwrap();
    assert!(with_ctx(&mut store, |tx, ctx| void::<Officer>(tx, ctx, "W002", " ")).is_err());
    with_ctx(&mut store, |tx, ctx| {
        void::<Officer>(tx, ctx, "W002", "重复录入")
    })
    .unwrap();
    assert!(people::officers(store.conn()).unwrap().is_empty());
    assert!(
        Officer::load(store.conn(), "W002").unwrap().is_some(),
        "still stored"
    );
    // The same row again is harmless; a changed one may not revive the voided record.
    assert_eq!(
        with_ctx(&mut store, |tx, ctx| upsert(tx, ctx, &o)).unwrap(),
        Change::Unchanged
    );
    let changed = Officer {
        phone: "13900000000".into(),
        ..o
    };
    let err = with_ctx(&mut store, |tx, ctx| upsert(tx, ctx, &changed))
        .unwrap_err()
        .to_string();
    assert!(err.contains("已作废"), "{err}");
    assert_eq!(audit_count(&store), 2);
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let mut store = Store::open_in_memory().unwrap();
    let result: Result<()> = with_ctx(&mut store, |tx, ctx| {
        upsert(tx, ctx, &officer("W003", "2030-01-01"))?;
        Err(Error::invalid("stop"))
    });
    assert!(result.is_err());
    assert!(people::officers(store.conn()).unwrap().is_empty());
    assert_eq!(audit_count(&store), 0);
}

#[test]
fn open_complaints_come_nearest_deadline_first_with_stored_dues() {
    let mut store = Store::open_in_memory().unwrap();
    let late = complaint("B", "2026-11-20 09:00");
    let soon = complaint("A", "2026-11-22 15:00");
    let mut closed = complaint("C", "2026-11-19 09:00");
    closed.state = ComplaintState::Transferred;
    closed.result = "移送县住建局".into();
    closed.closed_at = Some(closed.received_at);
    for c in [&soon, &late, &closed] {
        with_ctx(&mut store, |tx, ctx| upsert(tx, ctx, c)).unwrap();
    }
    let open = complaints::open_by_due(store.conn()).unwrap();
    let ids: Vec<&str> = open.iter().map(|t| t.complaint.id.as_str()).collect();
    assert_eq!(ids, ["B", "A"]);
    assert_eq!(open[0].due.verify_due.to_string(), "2026-11-21 09:00:00");
}

#[test]
fn settings_change_derives_deadlines_again() {
    let mut store = Store::open_in_memory().unwrap();
    let c = complaint("A", "2026-11-23 09:00");
    with_ctx(&mut store, |tx, ctx| upsert(tx, ctx, &c)).unwrap();
    let mut s = store.settings().unwrap();
    s.per_channel.insert(
        "12345热线".into(),
        DeadlineRules {
            verify_hours_simple: 4,
            ..Default::default()
        },
    );
    let a = actor();
    store.write(|tx| super::settings::save(tx, &a, &s)).unwrap();
    let t = complaints::get(store.conn(), "A").unwrap().unwrap();
    assert_eq!(t.due.verify_due.to_string(), "2026-11-23 13:00:00");
    assert_eq!(store.settings().unwrap(), s);
}

#[test]
fn reinspection_needs_two_certified_officers_and_is_logged() {
    let mut store = Store::open_in_memory().unwrap();
    for o in [officer("A", "2030-01-01"), officer("B", "2026-01-01")] {
        with_ctx(&mut store, |tx, ctx| upsert(tx, ctx, &o)).unwrap();
    }
    let n = Notice {
        id: "卧执整〔2026〕第1号".into(),
        party: "某店".into(),
        address: String::new(),
        area: None,
        matter: None,
        problem: "占道".into(),
        legal_basis: String::new(),
        issued_on: "2026-11-02".parse().unwrap(),
        deadline: "2026-11-12".parse().unwrap(),
        state: NoticeState::Pending,
        reinspected_on: None,
        reinspect_result: String::new(),
        complaint: None,
        extension_reason: String::new(),
        void_reason: String::new(),
        late: false,
        issuing: Default::default(),
    };
    with_ctx(&mut store, |tx, ctx| upsert(tx, ctx, &n)).unwrap();
    let go = |store: &mut Store, officers: Vec<String>| {
        with_ctx(store, |tx, ctx| {
            super::reinspections::reinspect(
                tx,
                ctx,
                super::reinspections::Reinspection {
                    notice_id: &n.id,
                    date: "2026-11-20".parse().unwrap(),
                    result: "已清理",
                    outcome: Outcome::CloseOut,
                    officers: &officers,
                },
            )
        })
    };
    let err = go(&mut store, vec!["A".into(), "B".into()])
        .unwrap_err()
        .to_string();
    assert!(err.contains("2 名"), "{err}");
    let done = go(&mut store, vec!["A".into(), "A2".into()]);
    assert!(done.is_err());
    with_ctx(&mut store, |tx, ctx| {
        upsert(tx, ctx, &officer("C", "2030-01-01"))
    })
    .unwrap();
    let done = go(&mut store, vec!["A".into(), "C".into()]).unwrap();
    assert_eq!(done.state, NoticeState::ClosedOut);
    // Due 11-17 (3 working days after 11-12): a re-inspection on 11-20 is late, and says so.
    assert!(done.late);
    let logged: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM reinspections WHERE late = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 1);
}

#[test]
fn the_desk_reads_go_through_indexes() {
    let store = Store::open_in_memory().unwrap();
    let plan = |sql: &str| -> String {
        let mut stmt = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.map(|r| r.unwrap()).collect::<Vec<_>>().join(" | ")
    };
    let open = plan(
        "SELECT id FROM complaints WHERE state IN ('已受理', '核查中', '处置中', '已反馈') ORDER BY next_due",
    );
    assert!(open.contains("complaints_open_by_due"), "{open}");
    let notices = plan(
        "SELECT id FROM notices WHERE state IN ('待整改', '待复查', '已延期') ORDER BY reinspect_due",
    );
    assert!(notices.contains("notices_open_by_due"), "{notices}");
    let last = plan(
        "SELECT date FROM patrol_areas WHERE area_id = 'Q1' AND date <= '2026-11-23' ORDER BY date DESC LIMIT 1",
    );
    assert!(last.contains("patrol_areas_by_area"), "{last}");
    // Date ranges are bound on both ends (open ends become year 1 and 9999), never
    // `?1 IS NULL OR …`, which would scan the whole table.
    let between = plan(
        "SELECT id FROM patrols WHERE void_reason = '' AND date >= '2026-11-23' AND date <= '2026-11-23'",
    );
    assert!(between.contains("patrols_by_date"), "{between}");
    let received = plan(
        "SELECT id FROM complaints WHERE received_at >= '2026-11-01' AND received_at < '2026-12-01'",
    );
    assert!(received.contains("complaints_by_received"), "{received}");
    let rest = plan(
        "SELECT id FROM complaints WHERE NOT state IN ('已受理', '核查中', '处置中', '已反馈')
         ORDER BY received_at DESC, id DESC LIMIT 500",
    );
    assert!(rest.contains("complaints_by_received"), "{rest}");
    let roster = plan("SELECT team FROM roster WHERE date = '2026-11-23'");
    assert!(
        roster.contains("INDEX sqlite_autoindex_roster_1 (date=?)"),
        "{roster}"
    );
}

#[test]
fn duty_sign_in_and_handover_are_logged_and_audited() {
    use crate::domain::duty::{DutyEntry, DutyKind};
    let mut store = Store::open_in_memory().unwrap();
    with_ctx(&mut store, |tx, ctx| {
        upsert(tx, ctx, &officer("W001", "2030-01-01"))
    })
    .unwrap();
    let a = actor();
    let entry = |officer: &str, kind, note: &str| DutyEntry {
        at: a.now,
        officer: officer.into(),
        kind,
        note: note.into(),
    };
    let unknown = entry("W999", DutyKind::SignIn, "");
    assert!(
        store
            .write(|tx| super::duty::append(tx, &a, &unknown))
            .is_err()
    );
    store
        .write(|tx| super::duty::append(tx, &a, &entry("W001", DutyKind::SignIn, "")))
        .unwrap();
    let handover = entry("W001", DutyKind::Handover, "第6号整改通知今日应复查");
    store
        .write(|tx| super::duty::append(tx, &a, &handover))
        .unwrap();
    let recent = super::duty::recent(store.conn(), 5).unwrap();
    assert_eq!(recent.len(), 2);
    assert_eq!(recent[0].note, "第6号整改通知今日应复查");
    let audited: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit WHERE kind = 'duty_log'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 2);
}
