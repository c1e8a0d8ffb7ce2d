//! Runs the real binary against a database in a temp dir and fails loudly with what it printed.
// Each test crate uses its own subset of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub const NOW: &str = "2026-11-23 08:30";

/// Every kind `import` and `export` take.
pub const KINDS: [&str; 13] = [
    "officers",
    "areas",
    "matters",
    "roster",
    "patrols",
    "complaints",
    "notices",
    "holidays",
    "leaves",
    "subjects",
    "lenient",
    "plan",
    "campaigns",
];

/// Runs the binary on the database `db` at `NOW`, with no operator (county commands and
/// generators, which act for nobody at a desk).
pub fn run_on(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(db)
        .args(["--now", NOW])
        .args(args)
        .env_remove("ZHIFA_DB")
        .output()
        .expect("binary runs")
}

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

/// A complaints ledger of `n` rows numbered from `from`, valid under every import check.
pub fn ledger(from: usize, n: usize) -> String {
    let mut s = String::from(
        "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\n",
    );
    for i in from..from + n {
        s.push_str(&format!(
            "TS-2025-{i:06},2025-03-01 09:00,12345热线,王某,13900000000,Q01,M01,占道经营,一般,已受理,,,,\n"
        ));
    }
    s
}

pub fn spawn(d: &Desk, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(&d.db)
        .args(["--now", NOW, "--operator", "W001"])
        .args(args)
        .env_remove("ZHIFA_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts")
}

/// A file's text for searching: a .docx or .xlsx (a zip) as all its XML parts, else its bytes.
pub fn readable(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read file");
    if !bytes.starts_with(b"PK") {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part");
        let mut text = String::new();
        if std::io::Read::read_to_string(&mut part, &mut text).is_ok() {
            out.push_str(&text);
        }
    }
    out
}
