//! Nothing lost, nothing forged: the audit chain, migrations from older files, a busy or
//! read-only database; and the helpers `disk_tests` (backups, a full disk) shares.

use std::path::Path;

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::*;
use crate::exchange::KindName;

pub(super) fn actor() -> Actor {
    Actor {
        operator: "W001".into(),
        now: NaiveDateTime::parse_from_str("2026-11-23 08:30", "%Y-%m-%d %H:%M").unwrap(),
    }
}

pub(super) fn demo_file(dir: &Path) -> (Store, std::path::PathBuf) {
    let path = dir.join("desk.sqlite");
    let mut store = Store::open(&path).unwrap();
    crate::demo::load(&mut store, &actor()).unwrap();
    (store, path)
}

pub(super) fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Opens the file as an attacker would: straight SQL, triggers dropped.
pub(super) fn tamper(path: &Path, sql: &str) {
    let c = Connection::open(path).unwrap();
    c.execute_batch(
        "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;",
    )
    .unwrap();
    c.execute_batch(sql).unwrap();
}

pub(super) fn problem(path: &Path) -> Option<String> {
    let c = Connection::open(path).unwrap();
    verify::check(&c).unwrap().problem()
}

pub(super) fn complaints_csv(from: usize, n: usize) -> String {
    let mut s = String::from(
        "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\n",
    );
    for i in from..from + n {
        s.push_str(&format!(
            "TS-2025-{i:05},2025-03-01 09:00,12345热线,王某,13900000000,Q01,M01,占道经营{i},一般,已受理,,,,\n"
        ));
    }
    s
}

#[test]
fn the_audit_table_refuses_update_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_file(dir.path());
    let before = count(store.conn(), "audit");
    let upd = store
        .conn()
        .execute("UPDATE audit SET operator = 'X' WHERE id = 3", []);
    assert!(upd.unwrap_err().to_string().contains("只能追加"));
    let del = store.conn().execute("DELETE FROM audit WHERE id = 3", []);
    assert!(del.unwrap_err().to_string().contains("只能追加"));
    assert_eq!(count(store.conn(), "audit"), before);
}

#[test]
fn verify_passes_a_clean_file_and_names_the_first_forged_row() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = demo_file(dir.path());
    let report = verify::check(store.conn()).unwrap();
    assert_eq!(report.problem(), None);
    let chain = report.chain.unwrap();
    assert_eq!(chain.rows, count(store.conn(), "audit"));
    assert_eq!(chain.head.len(), 64);
    drop(store);

    let copy = |name: &str| {
        let p = dir.path().join(name);
        std::fs::copy(&path, &p).unwrap();
        p
    };
    let edited = copy("edited.sqlite");
    tamper(&edited, "UPDATE audit SET operator = 'W999' WHERE id = 40");
    let p = problem(&edited).unwrap();
    assert!(p.contains("第 40 条") && p.contains("改动"), "{p}");

    let gap = copy("gap.sqlite");
    tamper(&gap, "DELETE FROM audit WHERE id = 17");
    let p = problem(&gap).unwrap();
    assert!(p.contains("第 18 条") && p.contains("17"), "{p}");

    let cut = copy("cut.sqlite");
    tamper(&cut, "DELETE FROM audit WHERE id > 100");
    let p = problem(&cut).unwrap();
    assert!(p.contains("末尾") && p.contains("101"), "{p}");

    // Rewriting a row and its hash still breaks the link to the next row.
    let rehashed = copy("rehashed.sqlite");
    let c = Connection::open(&rehashed).unwrap();
    let row: AuditRow = c
        .query_row(
            &format!("SELECT {} FROM audit WHERE id = 5", audit::COLS),
            [],
            |r| {
                let mut row = audit::row(r)?;
                row.operator = "W999".into();
                Ok(row)
            },
        )
        .unwrap();
    let prev: String = c
        .query_row("SELECT hash FROM audit WHERE id = 4", [], |r| r.get(0))
        .unwrap();
    let forged = chain::hash(&prev, &row);
    drop(c);
    tamper(
        &rehashed,
        &format!("UPDATE audit SET operator = 'W999', hash = '{forged}' WHERE id = 5"),
    );
    let p = problem(&rehashed).unwrap();
    assert!(p.contains("第 6 条") && p.contains("链接"), "{p}");
}

#[test]
fn a_version_1_file_migrates_with_its_rows_chained_and_nothing_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    {
        let mut c = Connection::open(&path).unwrap();
        migrate::migrate_to(&mut c, "v1", 1).unwrap();
        assert_eq!(migrate::user_version(&c).unwrap(), 1);
        c.execute_batch(
            "INSERT INTO officers (id, name, role, status) VALUES ('W001', '赵建国', '队长', '在岗');
             INSERT INTO audit (at, operator, action, kind, key, before, after)
               VALUES ('2026-11-01 09:00', 'W001', '新增', 'officers', 'W001', NULL, '{}');
             INSERT INTO audit (at, operator, action, kind, key, before, after)
               VALUES ('2026-11-02 09:00', 'W001', '修改', 'officers', 'W001', '{}', '{\"a\":1}');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(count(store.conn(), "officers"), 1);
    let report = verify::check(store.conn()).unwrap();
    assert_eq!(report.problem(), None);
    // The two old rows, then the baselines that versions 4 and 10 write for the officer.
    assert_eq!(report.chain.as_ref().unwrap().rows, 4);
    let (action, digest): (String, Option<String>) = store
        .conn()
        .query_row("SELECT action, digest FROM audit WHERE id = 3", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(action, "校验基线");
    assert!(digest.is_some());
    // New rows continue the chain.
    crate::demo::load(&mut store, &actor()).unwrap();
    assert_eq!(verify::check(store.conn()).unwrap().problem(), None);
    let at: String = store
        .conn()
        .query_row("SELECT at FROM audit WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(at, "2026-11-01 09:00");
}

#[test]
fn every_earlier_version_migrates_to_the_current_one() {
    for v in 0..SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        {
            let mut c = Connection::open(&path).unwrap();
            migrate::migrate_to(&mut c, "old", v).unwrap();
            assert_eq!(migrate::user_version(&c).unwrap(), v);
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        crate::demo::load(&mut store, &actor()).unwrap();
        assert_eq!(
            verify::check(store.conn()).unwrap().problem(),
            None,
            "from {v}"
        );
    }
}

#[test]
fn a_database_busy_past_the_timeout_says_so_and_a_read_only_one_too() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = demo_file(dir.path());
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    store
        .conn()
        .busy_timeout(std::time::Duration::from_millis(50))
        .unwrap();
    let csv = complaints_csv(1, 3);
    let err = KindName::Complaints
        .import(&mut store, &actor(), "a.csv", csv.as_bytes(), false)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("占用") && err.contains("未作任何修改"),
        "{err}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    drop(store);

    let ro =
        Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut ro = Store::setup(ro, "ro").unwrap();
    let err = KindName::Complaints
        .import(&mut ro, &actor(), "a.csv", csv.as_bytes(), false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("只读"), "{err}");
}

#[test]
fn version_3_drops_the_visits_of_patrols_voided_before_it_and_keeps_the_patrols() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.sqlite");
    {
        let mut c = Connection::open(&path).unwrap();
        migrate::migrate_to(&mut c, "v2", 2).unwrap();
        c.execute_batch(
            "INSERT INTO areas (id, name, kind, interval_days) VALUES ('A1', '大街', '集镇主干道', 1);
             INSERT INTO patrols (id, date, start_time, end_time, team, officers, areas, notes, found_problem, void_reason)
               VALUES ('P1', '2026-11-20', '09:00', '10:00', '一组', '[]', '[\"A1\"]', '', 0, ''),
                      ('P2', '2026-11-22', '09:00', '10:00', '一组', '[]', '[\"A1\"]', '', 0, '误录');
             INSERT INTO patrol_areas (patrol_id, area_id, date)
               VALUES ('P1', 'A1', '2026-11-20'), ('P2', 'A1', '2026-11-22');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(count(store.conn(), "patrols"), 2);
    assert_eq!(count(store.conn(), "patrol_areas"), 1);
    let last = roster::last_patrols(store.conn(), "2026-11-23".parse().unwrap()).unwrap();
    assert_eq!(
        last.get("A1").map(|d| d.to_string()).as_deref(),
        Some("2026-11-20")
    );
}

#[test]
fn a_read_only_file_of_the_current_version_opens_and_reads() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = demo_file(dir.path());
    drop(store);
    let ro =
        Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let ro = Store::setup(ro, "ro").unwrap();
    let day = crate::report::today(ro.conn(), actor().now).unwrap();
    assert!(!day.complaints.is_empty());
    assert_eq!(verify::check(ro.conn()).unwrap().problem(), None);
}
