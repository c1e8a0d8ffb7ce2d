//! A command whose reader stops early (`zhifa-desk today --json | head`) stops quietly.

use std::io::Read;
use std::process::{Command, Stdio};

mod util;

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    let d = util::Desk::demo();
    let full = d.ok(&["today", "--json"]);
    assert!(full.len() > 1000, "{full}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(&d.db)
        .args(["--now", util::NOW, "today", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read nothing: the pipe is closed before the command writes its first line.
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
