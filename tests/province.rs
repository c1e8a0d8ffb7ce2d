//! The province's engine on `county export`: generated townships merged by a county, exported
//! as Hive partitions with a manifest, and the ranking SQL of docs/scale.md run in DuckDB (its
//! Python package, installed into target/ when missing) against `county report`.

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(db: &Path, args: &[&str]) -> String {
    let o = util::run_on(db, args);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    );
    assert!(o.status.success(), "{args:?}\n{out}\n{err}");
    out
}

/// Where DuckDB's Python package is, installing it there first if Python lacks it.
fn duckdb_path() -> PathBuf {
    let deps = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pydeps");
    let has = |path: &Path| {
        Command::new("python3")
            .args(["-c", "import duckdb"])
            .env("PYTHONPATH", path)
            .status()
            .is_ok_and(|s| s.success())
    };
    if !has(&deps) {
        let status = Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "--target"])
            .arg(&deps)
            .arg("duckdb")
            .status()
            .expect("python3 runs");
        assert!(
            status.success() && has(&deps),
            "pip could not install duckdb"
        );
    }
    deps
}

/// The SQL block of docs/scale.md marked `-- county ranking`.
fn ranking_sql() -> String {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scale.md"))
        .unwrap();
    let start = doc
        .find("```sql\n-- county ranking")
        .expect("the ranking SQL")
        + 7;
    let len = doc[start..].find("```").unwrap();
    doc[start..start + len].to_string()
}

#[test]
fn duckdb_ranks_the_exported_county_as_county_report_does() {
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("gen");
    run(
        &dir.path().join("unused.sqlite"),
        &[
            "gen-demo",
            "--townships",
            "4",
            "--years",
            "1",
            "--months",
            "2",
            "--out",
            generated.to_str().unwrap(),
        ],
    );
    let county = dir.path().join("县.sqlite");
    let mut bundles = Vec::new();
    for town in std::fs::read_dir(&generated).unwrap().flatten() {
        for month in std::fs::read_dir(town.path()).unwrap().flatten() {
            if month.path().join("manifest.csv").exists() {
                bundles.push(month.path().display().to_string());
            }
        }
    }
    assert_eq!(bundles.len(), 8);
    let args: Vec<&str> = ["county", "import"]
        .into_iter()
        .chain(bundles.iter().map(String::as_str))
        .collect();
    run(&county, &args);
    let prov = dir.path().join("prov");
    run(
        &county,
        &["county", "export", "--out", prov.to_str().unwrap()],
    );

    // Every file listed with its hash; no partition key repeated as a column.
    let manifest = std::fs::read_to_string(prov.join("manifest.csv")).unwrap();
    let listed: Vec<&str> = manifest.lines().skip(1).collect();
    assert_eq!(listed.len(), 4 * 8, "four tables × eight bundles");
    for line in &listed {
        let cells: Vec<&str> = line.split(',').collect();
        let bytes = std::fs::read(prov.join(cells[0])).unwrap();
        use sha2::Digest;
        let sha: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(sha, cells[2], "{}", cells[0]);
        let text = String::from_utf8(bytes).unwrap();
        let header = text.lines().next().unwrap();
        assert_eq!(text.lines().count() - 1, cells[1].parse::<usize>().unwrap());
        for key in ["乡镇代码", "月份", "code", "month", "town", "county"] {
            assert!(
                !header.split(',').any(|h| h == key),
                "{key} in {}",
                cells[0]
            );
        }
        assert!(!text.starts_with('\u{feff}'));
    }

    // The documented SQL, in DuckDB, against the county's own ranking.
    let month = "2026-10";
    let sql = ranking_sql()
        .replace("'prov/", &format!("'{}/", prov.display()))
        .replace("('2026-10')", &format!("('{month}')"));
    let script = "import duckdb, json, sys\nrows = duckdb.sql(sys.stdin.read()).fetchall()\n\
                  print(json.dumps([[r[1], r[3], r[4], r[5]] for r in rows]))";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .env("PYTHONPATH", duckdb_path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sql.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "duckdb failed");
    let engine: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ours: serde_json::Value = serde_json::from_str(&run(
        &county,
        &["county", "report", "month", "--month", month, "--json"],
    ))
    .unwrap();
    let ranked = ours["ranked"].as_array().unwrap();
    let engine = engine.as_array().unwrap();
    assert_eq!(engine.len(), ranked.len());
    assert_eq!(ranked.len(), 4);
    for (e, o) in engine.iter().zip(ranked) {
        assert_eq!(e[0].as_str(), o["code"].as_str(), "{engine:?}");
        for (i, field) in [
            (1, "on_time_rate"),
            (2, "closure_rate"),
            (3, "coverage_rate"),
        ] {
            let (a, b) = (e[i].as_f64(), o[field].as_f64());
            assert!(
                a.zip(b).is_some_and(|(a, b)| (a - b).abs() < 1e-9) || a == b,
                "{field}: {a:?} vs {b:?}"
            );
        }
    }
}
