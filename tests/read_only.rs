//! A database on a read-only file system (a write-protected stick, a read-only share): every
//! command that only reads works, and a write says 只读 in Chinese. The mount needs root; on a
//! machine where mounting is not allowed the test says so and checks nothing else.

mod util;

use std::process::Command;

use util::{Desk, NOW};

#[test]
fn a_read_only_mount_opens_for_reading_and_refuses_writes_as_read_only() {
    let d = Desk::demo();
    let mnt = d.dir.path().join("stick");
    std::fs::create_dir_all(&mnt).unwrap();
    let mount = |args: &[&str]| Command::new("mount").args(args).arg(&mnt).status();
    if !mount(&["-t", "tmpfs", "tmpfs"]).is_ok_and(|s| s.success()) {
        eprintln!("mounting is not allowed here: the read-only mount is not tried");
        return;
    }
    let db = mnt.join("desk.sqlite");
    std::fs::copy(&d.db, &db).unwrap();
    assert!(mount(&["-o", "remount,ro"]).unwrap().success());
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
            .arg("--db")
            .arg(&db)
            .args(["--now", NOW])
            .args(args)
            .output()
            .unwrap();
        let said =
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
        (o.status.success(), said)
    };
    let out = d.path("导出.csv");
    let results = [
        run(&["today", "--json"]),
        run(&["report", "month", "--month", "2026-11"]),
        run(&["verify"]),
        run(&["export", "complaints", "--out", &out]),
    ];
    let write = run(&["void", "complaints", "TS-2026-0036", "--reason", "重复"]);
    let _ = Command::new("umount").arg(&mnt).status();
    for (ok, said) in &results {
        assert!(ok, "{said}");
        assert!(said.contains("已只读打开"), "{said}");
    }
    assert!(std::path::Path::new(&out).exists());
    assert!(!write.0 && write.1.contains("只读"), "{}", write.1);
}
