//! Through the real binary: verify, backups and restore; two processes at once; and an import
//! killed with SIGKILL at random moments, many times, never leaving half of itself behind.

mod util;

use std::process::{Child, Command};
use std::time::{Duration, Instant};

use util::{Desk, NOW, ledger, spawn};

fn count(d: &Desk, table: &str) -> i64 {
    let c = rusqlite::Connection::open(&d.db).unwrap();
    c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn verify_passes_then_names_the_forged_row_and_fails() {
    let d = Desk::demo();
    let out = d.ok(&["verify"]);
    assert!(
        out.contains("完整性检查：通过") && out.contains("审计链"),
        "{out}"
    );
    let c = rusqlite::Connection::open(&d.db).unwrap();
    c.execute_batch(
        "DROP TRIGGER audit_append_only_update;
         UPDATE audit SET after = '{\"状态\":\"已结案\"}' WHERE id = 150;",
    )
    .unwrap();
    drop(c);
    let err = d.fails(&["verify"]);
    assert!(err.contains("第 150 条"), "{err}");
}

#[test]
fn the_first_start_of_a_day_backs_up_and_restore_swaps_a_checked_backup_in() {
    let d = Desk::demo();
    let (_, first) = d.both(&["today"]);
    assert!(first.contains("已备份到"), "{first}");
    let (_, second) = d.both(&["today"]);
    assert!(!second.contains("已备份到"), "{second}");
    let daily = d.dir.path().join("backups/desk-2026-11-23.sqlite");
    assert!(daily.exists());

    let copy = d.path("copy.sqlite");
    d.ok(&["backup", "--to", &copy]);
    d.ok(&["void", "complaints", "TS-2026-0036", "--reason", "重复登记"]);
    let voided = count(&d, "audit");
    let out = d.ok(&["restore", &copy]);
    assert!(out.contains("原数据库另存为"), "{out}");
    let ledger = d.ok(&["export", "complaints"]);
    let row = ledger
        .lines()
        .find(|l| l.starts_with("TS-2026-0036"))
        .unwrap();
    assert!(row.contains("已受理"), "{row}");
    assert!(d.ok(&["verify"]).contains("完整"));
    assert_eq!(
        count(&d, "audit"),
        voided,
        "the backup's rows and one 恢复 row"
    );
}

#[test]
fn two_importers_at_once_both_land_whole() {
    let d = Desk::demo();
    let a = d.file("a.csv", ledger(1, 3000).as_bytes());
    let b = d.file("b.csv", ledger(5001, 3000).as_bytes());
    let (pa, pb) = (
        spawn(&d, &["import", "complaints", &a]),
        spawn(&d, &["import", "complaints", &b]),
    );
    for p in [pa, pb] {
        let out = p.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(count(&d, "complaints"), 41 + 6000);
    d.ok(&["verify"]);
}

#[test]
fn two_processes_stepping_one_complaint_never_lose_an_update() {
    let d = Desk::demo();
    let voids: Vec<Child> = (0..4)
        .map(|i| {
            let reason = format!("重复登记{i}");
            spawn(
                &d,
                &["void", "complaints", "TS-2026-0035", "--reason", &reason],
            )
        })
        .collect();
    let ok = voids
        .into_iter()
        .map(|p| p.wait_with_output().unwrap())
        .filter(|o| o.status.success())
        .count();
    assert_eq!(ok, 1, "exactly one void wins; the others see it voided");
    let c = rusqlite::Connection::open(&d.db).unwrap();
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM audit WHERE key = 'TS-2026-0035' AND action = '作废'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

/// A small deterministic generator: the delays differ run to run only through the seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

#[cfg(unix)]
#[test]
fn an_import_killed_at_random_moments_leaves_all_or_nothing_and_loses_nothing_earlier() {
    const ROWS: usize = 4000;
    let d = Desk::demo();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut rng = Lcg(seed);
    // How long one whole import takes here, so the kills spread over all of it.
    let probe = d.file("probe.csv", ledger(900_000, ROWS).as_bytes());
    let started = Instant::now();
    d.ok(&["import", "complaints", &probe]);
    let whole = started.elapsed().as_millis() as u64;
    let mut landed = 41 + ROWS as i64;
    let (officers, audits_floor) = (count(&d, "officers"), count(&d, "audit"));
    let (mut killed, mut finished) = (0, 0);
    for round in 0..12 {
        let file = d.file(
            &format!("r{round}.csv"),
            ledger(round * ROWS, ROWS).as_bytes(),
        );
        let mut child = spawn(&d, &["import", "complaints", &file]);
        let delay = rng.next(whole + whole / 4);
        std::thread::sleep(Duration::from_millis(delay));
        let was_running = child.try_wait().unwrap().is_none();
        child.kill().ok(); // SIGKILL
        let status = child.wait().unwrap();
        let now = count(&d, "complaints");
        let context = format!("seed {seed}, round {round}, after {delay} ms, {status:?}");
        if now == landed + ROWS as i64 {
            landed = now;
            finished += 1;
        } else {
            assert_eq!(now, landed, "half an import is stored: {context}");
            assert!(
                was_running,
                "the import ended but stored nothing: {context}"
            );
            killed += 1;
        }
        let out = d.run(&["verify"]);
        assert!(
            out.status.success(),
            "verify failed: {context}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(count(&d, "officers"), officers, "{context}");
        assert!(count(&d, "audit") >= audits_floor, "{context}");
        let seeds = rusqlite::Connection::open(&d.db)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM complaints WHERE id LIKE 'TS-2026-%'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap();
        assert_eq!(seeds, 41, "{context}");
    }
    eprintln!("seed {seed}: {killed} imports killed midway, {finished} finished");
    assert!(killed > 0, "no kill landed during an import (seed {seed})");
}

/// The audit row count and head of the database at `d`, read as a fresh process would.
fn state(d: &Desk) -> (i64, String) {
    let c = rusqlite::Connection::open(&d.db).unwrap();
    c.query_row(
        "SELECT count(*), COALESCE((SELECT hash FROM audit ORDER BY id DESC LIMIT 1), '') FROM audit",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[cfg(unix)]
#[test]
fn a_restore_killed_at_random_moments_leaves_the_old_database_or_the_new_one_whole() {
    let d = Desk::demo();
    let big = d.file("big.csv", ledger(1, 6000).as_bytes());
    d.ok(&["import", "complaints", &big]);
    let backup = d.path("b.sqlite");
    d.ok(&["backup", "--to", &backup]);
    let (backup_rows, _) = state(&d);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut rng = Lcg(seed);
    // Work after the backup, so the old database and the backup differ.
    let diverge = |round: usize| {
        let f = d.file(
            &format!("d{round}.csv"),
            ledger(100_000 + round * 10, 10).as_bytes(),
        );
        d.ok(&["import", "complaints", &f]);
    };
    diverge(0);
    let started = Instant::now();
    d.ok(&["restore", &backup]);
    let whole = started.elapsed().as_millis() as u64;
    let (mut killed, mut finished) = (0, 0);
    for round in 1..=14 {
        diverge(round);
        let before = state(&d);
        let mut child = spawn(&d, &["restore", &backup]);
        let delay = rng.next(whole + whole / 4);
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().ok();
        let status = child.wait().unwrap();
        let context = format!("seed {seed}, round {round}, after {delay} ms, {status:?}");
        assert!(d.db.exists(), "no database at the path: {context}");
        let after = state(&d);
        if after == before {
            killed += 1;
        } else {
            assert!(
                after.0 == backup_rows || after.0 == backup_rows + 1,
                "neither the old database nor the backup: {after:?} {context}"
            );
            finished += 1;
        }
        let out = d.run(&["verify"]);
        assert!(
            out.status.success(),
            "verify failed: {context}\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    eprintln!("seed {seed}: {killed} restores killed before the swap, {finished} swapped");
    d.ok(&["restore", &backup]);
    let names: Vec<String> = std::fs::read_dir(d.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let asides = names
        .iter()
        .filter(|n| n.contains("before-restore"))
        .count();
    assert!(
        asides >= finished + 2,
        "every set-aside copy kept under its own name: {names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains(".part")),
        "the copies of killed restores are cleared: {names:?}"
    );
}

#[test]
fn the_background_backup_takes_a_snapshot_while_a_writer_holds_the_file() {
    let d = Desk::demo();
    let _ = std::fs::remove_dir_all(d.dir.path().join("backups"));
    // A writer in the middle of a transaction, with a row not yet committed.
    let writer = rusqlite::Connection::open(&d.db).unwrap();
    writer
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO duty_log (at, officer, kind, note) VALUES ('2026-11-23 08:00', 'W001', '签到', '');",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let made = zhifa_desk::store::backup::daily_snapshot(&d.db, today)
        .unwrap()
        .expect("the day's first");
    assert!(made.ends_with("backups/desk-2026-11-23.sqlite"), "{made:?}");
    writer.execute_batch("COMMIT").unwrap();
    assert_eq!(
        zhifa_desk::store::backup::daily_snapshot(&d.db, today).unwrap(),
        None,
        "once a day"
    );
    // The snapshot is whole and holds what was committed before it, not the open write.
    let copy = rusqlite::Connection::open(&made).unwrap();
    let logged: i64 = copy
        .query_row("SELECT count(*) FROM duty_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(logged + 1, count(&d, "duty_log"));
    let out = Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(&made)
        .args(["--now", NOW, "verify"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
