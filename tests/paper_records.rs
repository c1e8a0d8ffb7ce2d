//! Through the real binary: a paper with the reporter in full never exists without its audit
//! row, whether the audit cannot be written (another program holds the write lock) or the
//! process is killed at any moment while it prints.

mod util;

use std::time::Duration;

use util::{Desk, spawn};

/// The 打印文书 rows that name `file`.
fn printed_rows(d: &Desk, file: &str) -> i64 {
    let c = rusqlite::Connection::open(&d.db).unwrap();
    c.query_row(
        "SELECT count(*) FROM audit WHERE action = '打印文书' AND instr(after, ?1) > 0",
        [file],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_paper_whose_audit_cannot_be_written_is_not_left_on_disk() {
    let d = Desk::demo();
    let out = d.path("移送函.docx");
    // Another program holds the write lock past the busy timeout.
    let holder = rusqlite::Connection::open(&d.db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = d.fails(&[
        "document",
        "transfer",
        "TS-2026-0007",
        "--include-personal",
        "--out",
        &out,
    ]);
    assert!(
        err.contains("未作任何修改") || err.contains("占用"),
        "{err}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    assert!(
        !std::path::Path::new(&out).exists(),
        "the paper was left without its record"
    );
    assert!(!std::path::Path::new(&format!("{out}.part")).exists());
    assert_eq!(printed_rows(&d, "移送函.docx"), 0);
}

#[test]
fn a_paper_killed_at_any_moment_is_on_disk_only_with_its_audit_row() {
    let d = Desk::demo();
    let mut seed = 0x2545_f491_u64;
    let (mut killed, mut whole) = (0, 0);
    for i in 0..12 {
        let name = format!("函-{i}.docx");
        let out = d.path(&name);
        let mut child = spawn(
            &d,
            &[
                "document",
                "transfer",
                "TS-2026-0007",
                "--include-personal",
                "--out",
                &out,
            ],
        );
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(20 + seed % 200));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        let on_disk = std::path::Path::new(&out).exists();
        let rows = printed_rows(&d, &name);
        assert!(
            !on_disk || rows == 1,
            "{name}: on disk with {rows} audit rows"
        );
        whole += usize::from(on_disk);
    }
    eprintln!("{killed} killed, {whole} papers written");
    d.ok(&["verify"]);
}
