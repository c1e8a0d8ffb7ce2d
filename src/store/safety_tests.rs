//! Nothing lost, nothing forged: the audit chain, migrations from older files, backups and
//! restore, and the failures of the disk and of a busy database.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::*;
use crate::exchange::KindName;

fn actor() -> Actor {
    Actor {
        operator: "W001".into(),
        now: NaiveDateTime::parse_from_str("2026-11-23 08:30", "%Y-%m-%d %H:%M").unwrap(),
    }
}

fn demo_file(dir: &Path) -> (Store, std::path::PathBuf) {
    let path = dir.join("desk.sqlite");
    let mut store = Store::open(&path).unwrap();
    crate::demo::load(&mut store, &actor()).unwrap();
    (store, path)
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Opens the file as an attacker would: straight SQL, triggers dropped.
fn tamper(path: &Path, sql: &str) {
    let c = Connection::open(path).unwrap();
    c.execute_batch(
        "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;",
    )
    .unwrap();
    c.execute_batch(sql).unwrap();
}

fn problem(path: &Path) -> Option<String> {
    let c = Connection::open(path).unwrap();
    verify::check(&c).unwrap().problem()
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
fn pruning_keeps_thirty_days_and_the_first_of_twelve_months() {
    let dir = tempfile::tempdir().unwrap();
    let first: NaiveDate = "2025-06-10".parse().unwrap();
    for i in 0..400 {
        let d = first + chrono::Duration::days(i);
        std::fs::write(dir.path().join(format!("desk-{d}.sqlite")), b"x").unwrap();
    }
    std::fs::write(dir.path().join("desk-2026-01-01T0900.sqlite"), b"manual").unwrap();
    backup::prune(dir.path(), "desk").unwrap();
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    let last = first + chrono::Duration::days(399);
    let daily: Vec<String> = (0..30)
        .map(|i| format!("desk-{}.sqlite", last - chrono::Duration::days(i)))
        .collect();
    for d in &daily {
        assert!(left.contains(d), "{d} kept");
    }
    // The twelve newest months are 2025-08 .. 2026-07; each keeps its first day.
    for m in ["2025-08", "2025-09", "2025-12", "2026-07"] {
        assert!(left.contains(&format!("desk-{m}-01.sqlite")), "{m}");
    }
    assert!(!left.contains(&"desk-2025-07-01.sqlite".to_string()));
    assert!(!left.contains(&"desk-2025-06-10.sqlite".to_string()));
    assert!(
        left.contains(&"desk-2026-01-01T0900.sqlite".to_string()),
        "manual kept"
    );
    // 30 recent days (2026-06-15 .. 07-14) include 07-01; 11 other months; one manual.
    assert_eq!(left.len(), 30 + 11 + 1, "{left:?}");
}

#[test]
fn a_daily_backup_is_made_once_and_restore_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = demo_file(dir.path());
    let today = actor().now.date();
    let made = backup::daily(&store, today)
        .unwrap()
        .expect("first start of the day");
    assert!(made.ends_with("backups/desk-2026-11-23.sqlite"), "{made:?}");
    assert_eq!(backup::daily(&store, today).unwrap(), None);

    let (cal, settings) = (store.calendar().unwrap(), store.settings().unwrap());
    store
        .write(|tx| {
            let ctx = Ctx {
                actor: &actor(),
                calendar: &cal,
                settings: &settings,
            };
            record::void_by_state::<crate::domain::Complaint>(
                tx,
                &ctx,
                "TS-2026-0036",
                "误录",
                |c, r| c.void(r).map_err(|e| e.0),
            )
        })
        .unwrap();
    let audits = count(store.conn(), "audit");
    drop(store);

    let aside = backup::restore(&path, &made, &actor(), None)
        .unwrap()
        .unwrap();
    let store = Store::open(&path).unwrap();
    let state: String = store
        .conn()
        .query_row(
            "SELECT state FROM complaints WHERE id = 'TS-2026-0036'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(state, "已受理");
    assert_eq!(verify::check(store.conn()).unwrap().problem(), None);
    let last: String = store
        .conn()
        .query_row(
            "SELECT action FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(last, "恢复");
    // The replaced database is kept whole beside it.
    let old = Connection::open(&aside).unwrap();
    assert_eq!(count(&old, "audit"), audits);
}

#[test]
fn a_forged_backup_is_refused_and_the_current_database_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = demo_file(dir.path());
    let bad = dir.path().join("bad.sqlite");
    backup::copy_to(store.conn(), &bad).unwrap();
    let audits = count(store.conn(), "audit");
    drop(store);
    tamper(&bad, "UPDATE audit SET key = 'X' WHERE id = 9");
    let err = backup::restore(&path, &bad, &actor(), None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("第 9 条") && err.contains("未作任何改动"),
        "{err}"
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(count(store.conn(), "audit"), audits);
    assert!(!dir.path().read_dir().unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .contains("before-restore")
    }));
}

fn complaints_csv(from: usize, n: usize) -> String {
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
fn a_full_disk_refuses_the_import_plainly_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = demo_file(dir.path());
    let before = (
        count(store.conn(), "complaints"),
        count(store.conn(), "audit"),
    );
    let pages: i64 = store
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .conn()
        .pragma_update(None, "max_page_count", pages + 2)
        .unwrap();
    let csv = complaints_csv(1, 2000);
    let err = KindName::Complaints
        .import(&mut store, &actor(), "big.csv", csv.as_bytes(), false)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("磁盘已满") && err.contains("未作任何修改"),
        "{err}"
    );
    assert!(
        !err.contains("13900000000") && !err.contains("王某"),
        "{err}"
    );
    let after = (
        count(store.conn(), "complaints"),
        count(store.conn(), "audit"),
    );
    assert_eq!(after, before);
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

#[test]
fn a_full_disk_is_said_as_such_on_the_file_path_too() {
    let e = Error::io(
        "/data/x.csv",
        std::io::Error::from(std::io::ErrorKind::StorageFull),
    );
    assert!(e.to_string().contains("磁盘已满"), "{e}");
    let e = Error::Db(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR_WRITE),
        None,
    ));
    let msg = e.to_string();
    assert!(
        msg.contains("磁盘可能已满") && !msg.contains("disk I/O"),
        "{msg}"
    );
}
