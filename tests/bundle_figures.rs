//! A handoff bundle whose 通报 figures were changed, or whose ledger lost rows, with the
//! manifest recomputed to match: `verify-handoff` and `county import` recount 通报 from the
//! bundle's own ledgers and refuse it, naming the figure, the stated and the recomputed value.

mod util;

use std::path::{Path, PathBuf};

use util::Desk;

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The demo's November bundle, as the township hands it over.
fn bundle(d: &Desk) -> PathBuf {
    d.ok(&["settings", "code", "150783101"]);
    let dir = d.dir.path().join("11月");
    let out = dir.display().to_string();
    d.ok(&["export", "handoff", "--month", "2026-11", "--out", &out]);
    dir
}

fn file(dir: &Path, suffix: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.display().to_string().ends_with(suffix))
        .unwrap()
}

/// Rewrites `suffix`'s file with `edit` and makes the manifest agree (rows and SHA-256), as a
/// forger who knows the format would.
fn forge(dir: &Path, suffix: &str, edit: impl Fn(&str) -> String) {
    let path = file(dir, suffix);
    let text = std::fs::read_to_string(&path).unwrap();
    let forged = edit(&text);
    assert_ne!(forged, text, "the edit changed nothing");
    std::fs::write(&path, &forged).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let manifest = dir.join("manifest.csv");
    let rows = forged.lines().count() - 1;
    let m = std::fs::read_to_string(&manifest).unwrap();
    let m: String = m
        .split_inclusive("\r\n")
        .map(|l| match l.strip_prefix(&format!("{name},")) {
            Some(_) => format!("{name},{rows},{}\r\n", sha256_hex(forged.as_bytes())),
            None => l.to_string(),
        })
        .collect();
    std::fs::write(&manifest, m).unwrap();
}

#[test]
fn a_genuine_bundle_recounts_to_its_own_bulletin() {
    let d = Desk::demo();
    let dir = bundle(&d);
    let out = d.ok(&["verify-handoff", &dir.display().to_string()]);
    assert!(out.contains("所有文件与清单一致"), "{out}");
}

#[test]
fn a_bulletin_figure_raised_with_its_manifest_recomputed_is_refused_and_named() {
    let d = Desk::demo();
    let dir = bundle(&d);
    let stated = std::fs::read_to_string(file(&dir, "-通报.csv")).unwrap();
    let line = stated
        .lines()
        .find(|l| l.starts_with("投诉,按时办理,"))
        .unwrap();
    let n: i64 = line.split(',').nth(2).unwrap().parse().unwrap();
    forge(&dir, "-通报.csv", |t| {
        t.replacen(line, &format!("投诉,按时办理,{},,,,", n + 30), 1)
    });
    let err = d.fails(&["verify-handoff", &dir.display().to_string()]);
    assert!(
        err.contains(&format!(
            "「投诉 按时办理」：通报为 {}，按台账重算为 {n}",
            n + 30
        )),
        "{err}"
    );
    // The county refuses it the same way, and takes nothing from it.
    let county = d.dir.path().join("县.sqlite");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(&county)
        .args(["--now", util::NOW, "county", "import"])
        .arg(&dir)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && said.contains("「投诉 按时办理」"),
        "{said}"
    );
}

#[test]
fn overdue_rows_dropped_from_the_ledger_are_found_by_the_recount() {
    let d = Desk::demo();
    let dir = bundle(&d);
    let stated = std::fs::read_to_string(file(&dir, "-通报.csv")).unwrap();
    let received: i64 = stated
        .lines()
        .find_map(|l| l.strip_prefix("投诉,受理,"))
        .and_then(|r| r.split(',').next()?.parse().ok())
        .unwrap();
    // Two complaints the bulletin lists as overdue, taken out of the ledger.
    forge(&dir, "-投诉台账.csv", |t| {
        t.split_inclusive("\r\n")
            .filter(|l| !l.starts_with("TS-2026-0026,") && !l.starts_with("TS-2026-0030,"))
            .collect()
    });
    let err = d.fails(&["verify-handoff", &dir.display().to_string()]);
    let said = format!(
        "「投诉 受理」：通报为 {received}，按台账重算为 {}",
        received - 2
    );
    assert!(err.contains(&said), "{err}");
    assert!(
        err.contains("「超期投诉 TS-2026-0026 核查」") && err.contains("台账中没有依据"),
        "{err}"
    );
}

fn county_run(db: &Path, args: &[&str]) -> (bool, String) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(db)
        .args(["--now", util::NOW])
        .args(args)
        .env_remove("ZHIFA_DB")
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.success(), said)
}

#[test]
fn a_county_database_edited_by_sql_is_named_by_its_verify_and_put_right_by_a_reimport() {
    let d = Desk::demo();
    let dir = bundle(&d);
    let county = d.dir.path().join("县.sqlite");
    let dir = dir.display().to_string();
    let (ok, said) = county_run(&county, &["county", "import", &dir]);
    assert!(ok, "{said}");
    let (ok, said) = county_run(&county, &["county", "verify"]);
    assert!(ok && said.contains("均无问题"), "{said}");
    let c = rusqlite::Connection::open(&county).unwrap();
    c.execute("UPDATE figures SET on_time = measured", [])
        .unwrap();
    drop(c);
    let (ok, said) = county_run(&county, &["county", "verify"]);
    assert!(
        !ok && said.contains("（150783101）2026-11：库中的通报数字或台账行与导入时不符"),
        "{said}"
    );
    // The genuine bundle again is compared by what it holds, not skipped by its manifest.
    let (ok, said) = county_run(&county, &["county", "import", &dir]);
    assert!(ok && said.contains("已按移交包重新导入"), "{said}");
    let (ok, said) = county_run(&county, &["county", "verify"]);
    assert!(ok, "{said}");
    let (ok, said) = county_run(&county, &["county", "import", &dir]);
    assert!(ok && said.contains("相同，未改动"), "{said}");
    // A township command on the county file says which file it is, in one line.
    let (ok, said) = county_run(&county, &["verify"]);
    assert!(
        !ok && said.contains("是县级汇总库，不是乡镇值班台的数据库"),
        "{said}"
    );
    assert_eq!(said.trim().lines().count(), 1, "{said}");
}

#[test]
fn an_appeal_approved_in_the_ledger_alone_is_named_by_the_rate_after_appeals() {
    let d = Desk::demo();
    let dir = bundle(&d);
    // The demo's TS-2026-0026 waits for its review; the forger writes it approved.
    forge(&dir, "-投诉台账.csv", |t| {
        t.replacen("待审批：", "已批准：", 1)
    });
    let why = d.fails(&["verify-handoff", &dir.display().to_string()]);
    assert!(
        why.contains("超时申诉获批（仍计超期）") && why.contains("剔除申诉后按时办理率"),
        "{why}"
    );
}
