//! Runs the real binary against a database in a temp dir and fails loudly with what it printed.
// Each test crate uses its own subset of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const NOW: &str = "2026-11-23 08:30";

/// Every kind `import` and `export` take.
pub const KINDS: [&str; 9] = [
    "officers",
    "areas",
    "matters",
    "roster",
    "patrols",
    "complaints",
    "notices",
    "holidays",
    "leaves",
];

pub struct Desk {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Desk {
    pub fn new() -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("desk.sqlite");
        Desk { dir, db }
    }

    /// A desk with the demo township loaded at the anchor week (no shift).
    pub fn demo() -> Desk {
        let d = Desk::new();
        d.ok(&["demo", "--load-only"]);
        d
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
            .arg("--db")
            .arg(&self.db)
            .args(["--now", NOW, "--operator", "W001"])
            .args(args)
            .env_remove("ZHIFA_DB")
            .output()
            .expect("binary runs")
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(
            out.status.success(),
            "zhifa-desk {args:?} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        stdout.into_owned()
    }

    /// Runs and expects failure; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(
            !out.status.success(),
            "zhifa-desk {args:?} should fail\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        stderr.into_owned()
    }

    /// Runs with stderr returned too (import summaries print to stdout, demo notes to stderr).
    pub fn both(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    pub fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).expect("write input");
        p.display().to_string()
    }

    pub fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    pub fn count(&self, table: &str) -> i64 {
        let conn = rusqlite::Connection::open(&self.db).expect("open db");
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    }
}

pub fn seed(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
        .display()
        .to_string()
}

/// A file's text without the BOM export writes.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(
        bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .expect("export starts with a BOM")
            .to_vec(),
    )
    .expect("utf-8")
}
