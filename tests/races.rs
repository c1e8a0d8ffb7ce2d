//! Through the real binary: whole-file operations racing writers. A restore started while an
//! import is still reading a slow file (a network share, a pipe) waits for it or refuses,
//! naming it; the database is whole afterwards, every time.

mod util;

use std::io::Write;
use std::time::Duration;

use util::{Desk, ledger, spawn};

fn integrity(d: &Desk) -> String {
    let c = rusqlite::Connection::open(&d.db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_restore_racing_a_slow_import_waits_for_it_or_refuses_and_the_file_stays_whole() {
    let d = Desk::demo();
    let backup = d.path("backup.sqlite");
    d.ok(&["backup", "--to", &backup]);
    // (pause in the middle of the file, then the restore's outcome): a pause longer than the
    // restore's patience makes it refuse; a short one lets it wait and go ahead.
    for (round, pause) in [(0, 7_000), (1, 1_000), (2, 7_000)] {
        let fifo = d.path(&format!("slow-{round}.csv"));
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let import = spawn(&d, &["import", "complaints", &fifo]);
        // Opening the pipe waits for the import to open it for reading.
        let mut pipe = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        let rows = ledger(round * 1000 + 1, 600);
        let (head, tail) = rows.split_at(rows.len() / 2);
        pipe.write_all(head.as_bytes()).unwrap();
        pipe.flush().unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let restore = spawn(&d, &["restore", &backup]);
        std::thread::sleep(Duration::from_millis(pause));
        pipe.write_all(tail.as_bytes()).unwrap();
        drop(pipe);
        let imported = import.wait_with_output().unwrap();
        assert!(
            imported.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&imported.stderr)
        );
        let restored = restore.wait_with_output().unwrap();
        let said = String::from_utf8_lossy(&restored.stderr);
        if pause > 5_000 {
            assert!(!restored.status.success(), "round {round}: restore ran");
            assert!(said.contains("正被使用"), "{said}");
            assert!(
                said.contains("import complaints"),
                "names the import: {said}"
            );
        } else {
            assert!(restored.status.success(), "round {round}: {said}");
        }
        assert_eq!(integrity(&d), "ok", "round {round}");
        let verified = d.ok(&["verify"]);
        assert!(verified.contains("完整"), "{verified}");
        let has_import = d
            .ok(&["export", "complaints"])
            .contains(&format!("TS-2025-{:06}", round * 1000 + 1));
        // A refused restore leaves the import in place; one that waited replaced it.
        assert_eq!(has_import, pause > 5_000, "round {round}");
    }
}
