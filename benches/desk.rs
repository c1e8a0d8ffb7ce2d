//! `cargo bench`: the desk at county scale, each figure beside an anchor measured in the same
//! run on the same file. ZHIFA_BENCH_SCALE (default 50, about a million complaints) picks the
//! size; the generated data is kept in target/ and reused (or ZHIFA_BENCH_DIR names a
//! directory `zhifa-desk gen-demo` filled).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-23 08:30";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhifa-desk"));
    c.args(["--now", NOW]).env_remove("ZHIFA_DB");
    c
}

fn run(cmd: &mut Command) -> (Duration, String) {
    let t = Instant::now();
    let out = cmd.output().expect("runs");
    let took = t.elapsed();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (took, String::from_utf8_lossy(&out.stdout).into_owned())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn rows_of(path: &Path) -> usize {
    std::fs::read_to_string(path).unwrap().lines().count() - 1
}

fn have_sqlite3() -> bool {
    Command::new("sqlite3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn sqlite3(db: &Path, script: &str) -> Duration {
    let t = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("sqlite3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    t.elapsed()
}

struct Report(Vec<String>);

impl Report {
    fn line(&mut self, s: String) {
        println!("{s}");
        self.0.push(s);
    }
}

fn main() {
    let scale: u32 = std::env::var("ZHIFA_BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    // ZHIFA_BENCH_DIR reuses a directory `gen-demo` already filled.
    let root = std::env::var_os("ZHIFA_BENCH_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-scale-{scale}")),
        PathBuf::from,
    );
    let db = root.join("zhifa-desk.sqlite");
    if !db.exists() {
        let _ = std::fs::remove_dir_all(&root);
        println!(
            "generating 10 years at scale {scale} into {} ...",
            root.display()
        );
        let (took, _) = run(bin()
            .args([
                "gen-demo",
                "--years",
                "10",
                "--scale",
                &scale.to_string(),
                "--out",
            ])
            .arg(&root));
        println!("  generated in {:.0} s", took.as_secs_f64());
    }
    // The first start of the day makes the daily backup; do it before timing anything.
    run(bin().arg("--db").arg(&db).arg("today"));
    let complaints: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM complaints", [], |r| r.get(0))
        .unwrap();
    let mut rep = Report(Vec::new());
    rep.line(format!(
        "# zhifa-desk benchmarks (scale {scale}: {complaints} complaints)\n"
    ));
    rep.line("| measure | zhifa-desk | anchor | ratio | target |".into());
    rep.line("|---|---|---|---|---|".into());
    let anchors = have_sqlite3();

    // Import: one year's complaints into a database holding only the people and places.
    let file = root.join("complaints-10.csv");
    let n = rows_of(&file);
    let work = root.join("import-run");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let fresh = work.join("fresh.sqlite");
    for kind in ["officers", "areas", "matters"] {
        run(bin()
            .arg("--db")
            .arg(&fresh)
            .args(["import", kind])
            .arg(root.join(format!("{kind}.csv"))));
    }
    let (ours, _) = run(bin()
        .arg("--db")
        .arg(&fresh)
        .args(["import", "complaints"])
        .arg(&file));
    let ours_rate = n as f64 / ours.as_secs_f64();
    if anchors {
        let plain = work.join("sqlite3.sqlite");
        let took = sqlite3(
            &plain,
            &format!(
                "CREATE TABLE complaints (id TEXT PRIMARY KEY, received_at, channel, reporter, phone,
                 area, matter, description, complexity, state, verified_at, result, fed_back_at,
                 closed_at, void_reason);\n.import --csv --skip 1 {} complaints\n",
                file.display()
            ),
        );
        let anchor_rate = n as f64 / took.as_secs_f64();
        rep.line(format!(
            "| import {n} complaints (rows/s, whole process) | {ours_rate:.0} | sqlite3 .import {anchor_rate:.0} | {:.2} | ≥ 0.3 |",
            ours_rate / anchor_rate
        ));
    } else {
        rep.line(format!(
            "| import {n} complaints (rows/s) | {ours_rate:.0} | sqlite3 not installed | | |"
        ));
    }

    // Export: every complaint, masked, to a file; sqlite3 -csv of the same rows.
    let out = work.join("export.csv");
    // Median of three each: a single run of either moved by half on this machine.
    let ours = median(
        (0..3)
            .map(|_| {
                run(bin()
                    .arg("--db")
                    .arg(&db)
                    .args(["export", "complaints", "--out"])
                    .arg(&out))
                .0
            })
            .collect(),
    );
    let ours_rate = complaints as f64 / ours.as_secs_f64();
    if anchors {
        let once = || {
            let t = Instant::now();
            let dump = std::fs::File::create(work.join("sqlite3.csv")).unwrap();
            let status = Command::new("sqlite3")
                .args(["-csv", "-header"])
                .arg(&db)
                .arg("SELECT id, received_at, channel, reporter, phone, area, matter, description, complexity, state, verified_at, result, fed_back_at, closed_at, void_reason, verify_due, feedback_due FROM complaints ORDER BY received_at, id")
                .stdout(dump)
                .status()
                .unwrap();
            assert!(status.success());
            t.elapsed()
        };
        let anchor = median((0..3).map(|_| once()).collect());
        let anchor_rate = complaints as f64 / anchor.as_secs_f64();
        rep.line(format!(
            "| export {complaints} complaints (rows/s, whole process, median of 3) | {ours_rate:.0} | sqlite3 -csv {anchor_rate:.0} | {:.2} | ≥ 1 |",
            ours_rate / anchor_rate
        ));
    } else {
        rep.line(format!(
            "| export (rows/s) | {ours_rate:.0} | sqlite3 not installed | | |"
        ));
    }

    // today: the whole process, median of 11.
    let today = median(
        (0..11)
            .map(|_| run(bin().arg("--db").arg(&db).arg("today")).0)
            .collect(),
    );
    let version = median((0..11).map(|_| run(bin().arg("--version")).0).collect());
    rep.line(format!(
        "| `today`, whole process (ms) | {:.1} | `--version` {:.1} | {:.1} | < 20 ms |",
        ms(today),
        ms(version),
        ms(today) / ms(version)
    ));

    // Drawing the dashboard at 120×40 on a TestBackend.
    let (_, json) = run(bin()
        .arg("--db")
        .arg(&db)
        .args(["bench-frames", "--frames", "300"]));
    let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    rep.line(format!(
        "| dashboard frame at 120×40 (ms, median / max of 300) | {:.2} / {:.2} | | | < 5 ms |",
        v["frame_ms_median"].as_f64().unwrap(),
        v["frame_ms_max"].as_f64().unwrap()
    ));
    rep.line(format!(
        "| reading the desk's data (ms) | {:.1} | | | |",
        v["load_ms"].as_f64().unwrap()
    ));

    #[cfg(unix)]
    live_desk(&db, &mut rep);

    let path = root.join("results.md");
    std::fs::write(&path, rep.0.join("\n") + "\n").unwrap();
    println!("\nwritten to {}", path.display());
}

/// Start-up to the first frame, peak memory and the CPU of an idle open desk, in a real pty.
#[cfg(unix)]
fn live_desk(db: &Path, rep: &mut Report) {
    use expectrl::Session;

    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_zhifa-desk"));
    cmd.arg("--db")
        .arg(db)
        .args(["--now", NOW])
        .env("TERM", "xterm-256color");
    let started = Instant::now();
    let mut s = Session::spawn(cmd).expect("desk starts");
    s.get_process_mut().set_window_size(120, 40).unwrap();
    let mut parser = vt100::Parser::new(40.try_into().unwrap(), 120.try_into().unwrap(), 0);
    let mut wait_for = |s: &mut expectrl::session::OsSession, what: &str| {
        let mut buf = [0u8; 65536];
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            while let Ok(n) = s.try_read(&mut buf) {
                if n == 0 {
                    break;
                }
                parser.process(&buf[..n]);
            }
            if parser.screen().contents().contains(what) {
                return;
            }
            assert!(Instant::now() < deadline, "the desk never showed {what}");
            std::thread::sleep(Duration::from_millis(2));
        }
    };
    wait_for(&mut s, "请选择值班人员签到");
    let first = started.elapsed();
    s.write_all(b"G00001\r").unwrap();
    wait_for(&mut s, "投诉计时");
    let pid = s.get_process().pid().to_string();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let peak_kb: u64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let ticks = || -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let fields: Vec<&str> = stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        fields
            .get(11)
            .and_then(|u| u.parse::<u64>().ok())
            .unwrap_or(0)
            + fields
                .get(12)
                .and_then(|u| u.parse::<u64>().ok())
                .unwrap_or(0)
    };
    let (t0, c0) = (Instant::now(), ticks());
    std::thread::sleep(Duration::from_secs(10));
    let cpu = (ticks() - c0) as f64 / 100.0 / t0.elapsed().as_secs_f64() * 100.0;
    s.write_all(b"q").unwrap();
    let _ = s.get_process_mut().wait();
    rep.line(format!(
        "| start-up to first frame (ms) | {:.0} | | | < 100 ms |",
        ms(first)
    ));
    rep.line(format!(
        "| peak memory, desk open on the dashboard (MB) | {:.1} | | | < 50 MB |",
        peak_kb as f64 / 1024.0
    ));
    rep.line(format!(
        "| CPU of the idle open desk over 10 s (%) | {cpu:.2} | | | near 0 |"
    ));
}
