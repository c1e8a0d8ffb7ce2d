//! Readers are never blocked and a failing chore never blocks the day, through the binary:
//! read-only commands beside a writer, a backup that cannot be written, a newer file left
//! untouched, a mistyped --db said out loud.

mod util;

use rusqlite::Connection;
use util::Desk;

#[test]
fn read_only_commands_work_while_another_process_holds_the_write_lock() {
    let d = Desk::demo();
    let writer = Connection::open(&d.db).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    writer
        .execute("UPDATE settings SET value = value WHERE key = 'none'", [])
        .unwrap();
    let backup = d.path("copy.sqlite");
    for args in [
        vec!["today"],
        vec!["today", "--json"],
        vec!["report", "month", "--month", "2026-11"],
        vec!["export", "complaints"],
        vec!["verify"],
        vec!["backup", "--to", &backup],
        vec!["calendar", "2026-10"],
    ] {
        d.ok(&args);
    }
    // A write still waits for the lock and then says so plainly.
    writer.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_daily_backup_that_cannot_be_written_warns_and_the_command_goes_on() {
    let d = Desk::demo();
    // backups/ cannot be made: a file stands where the folder would go.
    let backups = d.dir.path().join("backups");
    if backups.exists() {
        std::fs::remove_dir_all(&backups).unwrap();
    }
    std::fs::write(&backups, b"not a folder").unwrap();
    let out = d.run(&["today"]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("投诉计时"), "{stdout}");
    assert!(stderr.contains("今日备份未能完成"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
    let leftovers: Vec<String> = std::fs::read_dir(d.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_file_from_a_newer_version_is_refused_without_a_byte_written() {
    let d = Desk::demo();
    {
        let c = Connection::open(&d.db).unwrap();
        c.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&d.db).unwrap();
    for args in [
        vec!["today"],
        vec!["verify"],
        vec!["import", "areas", "x.csv"],
    ] {
        let err = d.fails(&args);
        assert!(err.contains("更新版本") && err.contains("99"), "{err}");
    }
    assert!(
        std::fs::read(&d.db).unwrap() == before,
        "the file was written to"
    );
}

#[test]
fn a_database_path_that_does_not_exist_is_never_made_by_a_command_that_reads() {
    let d = Desk::new();
    // A mistyped path: verify, today, report and export say so and leave nothing behind.
    for args in [
        &["verify"][..],
        &["today"],
        &["report", "month"],
        &["export", "complaints"],
        &["explain", "TS-2026-0001"],
    ] {
        let err = d.fails(args);
        assert!(
            err.contains("不存在（路径写错了？），未新建任何文件"),
            "{args:?}: {err}"
        );
        assert!(!d.db.exists(), "{args:?} made a database");
    }
    // The calendar needs none: the built-in one answers.
    assert!(d.ok(&["calendar", "2026-10"]).contains("国庆"));
    assert!(!d.db.exists());
    // An import makes the database, and says so.
    let f = d.file(
        "areas.csv",
        "区域编号,区域名称,类型,巡查频次,所属村\nQ01,集镇中心街,集镇主干道,每日,\n".as_bytes(),
    );
    let (_, stderr) = d.both(&["import", "areas", &f]);
    assert!(stderr.contains("原来没有数据库，已新建"), "{stderr}");
    let (_, again) = d.both(&["today"]);
    assert!(!again.contains("已新建"), "{again}");
}

#[test]
fn a_missing_file_is_said_in_chinese() {
    let d = Desk::demo();
    let err = d.fails(&["import", "areas", &d.path("nope.csv")]);
    assert!(err.contains("找不到文件"), "{err}");
    assert!(!err.contains("No such file"), "{err}");
}
