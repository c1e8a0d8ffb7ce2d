//! Stops and appeals in the store: each its own audited action, verify green after them, a
//! stop changed behind the audit or by another action named, and a file from before the
//! columns existed still verified after the upgrade.

use rusqlite::Connection;

use super::*;

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn actor(now: &str) -> Actor {
    Actor {
        operator: "W002".into(),
        now: at(now),
    }
}

fn demo(path: &std::path::Path) -> Store {
    let mut store = Store::open(path).unwrap();
    crate::demo::load(&mut store, &actor("2026-11-23 08:30")).unwrap();
    store
}

fn problems(store: &Store) -> Vec<String> {
    verify::check(store.conn()).unwrap().problems()
}

/// TS-2026-0028 (received 11-20 15:00, complex, not yet verified) stopped on 11-23 and
/// restarted on 11-25.
fn stop_and_resume(store: &mut Store) {
    let a = actor("2026-11-23 08:30");
    pause::stop(
        store,
        &a,
        "TS-2026-0028",
        (a.now, "当事人无法联系", "电话停机"),
        "W001",
    )
    .unwrap();
    pause::resume(
        store,
        &actor("2026-11-25 10:00"),
        "TS-2026-0028",
        at("2026-11-25 10:00"),
    )
    .unwrap();
}

#[test]
fn stops_and_appeals_are_audited_as_their_own_actions_and_verify_holds() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(&dir.path().join("d.sqlite"));
    let a = actor("2026-11-23 08:30");
    let why = pause::stop(
        &mut store,
        &a,
        "TS-2026-0028",
        (a.now, "当事人无法联系", ""),
        "W002",
    );
    assert!(why.unwrap_err().to_string().contains("须由队长批准"));
    stop_and_resume(&mut store);
    let t = complaints::get(store.conn(), "TS-2026-0028")
        .unwrap()
        .unwrap();
    // 11-23 and 11-24 stood stopped: two working days later than 11-25 and 12-01.
    assert_eq!(t.due.verify_due, at("2026-11-27 23:59"));
    assert_eq!(t.due.feedback_due, at("2026-12-03 23:59"));
    // The demo's TS-2026-0026 waits with its appeal; TS-2026-0030 is late too.
    pause::decide(&mut store, &a, "TS-2026-0026", (true, "W001", "")).unwrap();
    pause::appeal(&mut store, &a, "TS-2026-0030", "河道涨水，无法到达现场").unwrap();
    let actions: Vec<String> = store
        .conn()
        .prepare(
            "SELECT action FROM audit WHERE kind = 'complaints'
             AND key IN ('TS-2026-0028', 'TS-2026-0026', 'TS-2026-0030')
             AND at >= '2026-11-23' AND action <> '新增' ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    // The demo's own appeal of TS-2026-0026 comes first, at the load.
    assert_eq!(
        actions,
        ["超时申诉", "中止", "恢复计时", "申诉审批", "超时申诉"]
    );
    assert_eq!(problems(&store), Vec::<String>::new());
}

#[test]
fn a_stop_changed_behind_the_audit_or_by_an_edit_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo(&dir.path().join("d.sqlite"));
    stop_and_resume(&mut store);
    store
        .conn()
        .execute(
            "UPDATE complaints SET stops = replace(stops, '2026-11-25', '2026-11-30') WHERE id = 'TS-2026-0028'",
            [],
        )
        .unwrap();
    let p = problems(&store);
    assert!(
        p.iter()
            .any(|l| l.contains("TS-2026-0028") && l.contains("中止记录")),
        "{p:?}"
    );

    let mut store = demo(&dir.path().join("e.sqlite"));
    stop_and_resume(&mut store);
    // An audited step that is not a stop's own: well chained, digested, and still named.
    store
        .write_with_rules(&actor("2026-11-25 11:00"), |tx, ctx| {
            record::step::<crate::domain::Complaint>(tx, ctx, "TS-2026-0028", "修改", |c| {
                c.work.stops.clear();
                Ok(())
            })
        })
        .unwrap();
    let p = problems(&store);
    assert!(
        p.iter()
            .any(|l| l.contains("（修改）改动了中止记录，只有「中止」「恢复计时」会改动它")),
        "{p:?}"
    );
}

#[test]
fn a_file_from_before_stops_verifies_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v10.sqlite");
    {
        // The demo as version 10 stored it: without the two columns, every complaint's last
        // audit row digested as version 10 read it.
        let store = demo(&path);
        drop(store);
        let c = Connection::open(&path).unwrap();
        // Version 10 knew no stop: the demo's stopped lead has its next deadline running.
        c.execute_batch(
            "DROP INDEX complaints_follow_of;
             DROP INDEX complaints_called_back;
             DROP INDEX audit_corrections;
             ALTER TABLE complaints DROP COLUMN callbacks;
             ALTER TABLE complaints DROP COLUMN follow_of;
             ALTER TABLE complaints DROP COLUMN stops;
             ALTER TABLE complaints DROP COLUMN appeal;
             DROP INDEX notices_case_no;
             DROP INDEX notices_cases_by_reinspected;
             ALTER TABLE notices DROP COLUMN servers;
             ALTER TABLE notices DROP COLUMN witness;
             ALTER TABLE notices DROP COLUMN case_no;
             UPDATE complaints SET next_due = feedback_due WHERE id = 'TS-2026-0029';
             PRAGMA user_version = 10;",
        )
        .unwrap();
        // The demo's notices name who served them; version 10 did not: their last audit
        // rows digested as version 10 read them too.
        let notices: Vec<String> = c
            .prepare("SELECT id FROM notices")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for id in &notices {
            audit::record::<()>(
                &c,
                &actor("2026-11-23 08:30"),
                "校验基线",
                "notices",
                id,
                None,
                None,
            )
            .unwrap();
        }
        let ids: Vec<String> = c
            .prepare("SELECT id FROM complaints")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for id in &ids {
            audit::record::<()>(
                &c,
                &actor("2026-11-23 08:30"),
                "校验基线",
                "complaints",
                id,
                None,
                None,
            )
            .unwrap();
        }
        let d: String = c
            .query_row(
                "SELECT digest FROM audit ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let n = digest::Digest::parse(&d).unwrap().cols.len();
        assert_eq!(n, 24, "version 10 digests a complaint's 24 columns");
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(problems(&store), Vec::<String>::new());
    // The first stop after the upgrade is held against the full digest.
    stop_and_resume(&mut store);
    assert_eq!(problems(&store), Vec::<String>::new());
    store
        .conn()
        .execute(
            "UPDATE complaints SET description = '改' WHERE id = 'TS-2026-0027'",
            [],
        )
        .unwrap();
    let p = problems(&store);
    assert!(
        p.iter()
            .any(|l| l.contains("TS-2026-0027") && l.contains("问题描述")),
        "{p:?}"
    );
}
