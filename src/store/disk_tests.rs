//! Backups and restore, and a full disk: the day's copy made once and brought back, a forged
//! copy refused, and an import on a full disk refused plainly with nothing lost.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::safety_tests::{actor, complaints_csv, count, demo_file, tamper};
use super::*;
use crate::exchange::KindName;

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
