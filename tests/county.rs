//! The county through the real binary: five generated townships over three months merged
//! without key collisions, re-imported without change, a tampered bundle refused, a broken
//! chain between months reported, and the ranking and 约谈 checked against figures worked out
//! here from the bundles' own bulletins.

mod util;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const CODES: [&str; 5] = [
    "150783101",
    "150783102",
    "150783103",
    "150783104",
    "150783105",
];
const MONTHS: [&str; 3] = ["2026-08", "2026-09", "2026-10"];

/// The generated townships, made once for every test here.
fn generated() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let out = dir.join("gen");
        let args = [
            "gen-demo",
            "--townships",
            "5",
            "--years",
            "1",
            "--months",
            "3",
        ];
        let o = run(
            &dir.join("unused.sqlite"),
            &[&args[..], &["--out", out.to_str().unwrap()]].concat(),
        );
        assert!(o.0, "{}", o.2);
        out
    })
}

fn run(db: &Path, args: &[&str]) -> (bool, String, String) {
    let o = util::run_on(db, args);
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn bundle(code: &str, month: &str) -> String {
    generated().join(code).join(month).display().to_string()
}

fn all_bundles() -> Vec<String> {
    CODES
        .iter()
        .flat_map(|c| MONTHS.iter().map(move |m| bundle(c, m)))
        .collect()
}

fn county(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("county.sqlite")
}

fn import(db: &Path, bundles: &[String]) -> (bool, String, String) {
    let args: Vec<&str> = ["county", "import"]
        .into_iter()
        .chain(bundles.iter().map(String::as_str))
        .collect();
    run(db, &args)
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// A bundle's file whose name ends with `suffix`.
fn file(bundle: &str, suffix: &str) -> PathBuf {
    std::fs::read_dir(bundle)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.display().to_string().ends_with(suffix))
        .unwrap_or_else(|| panic!("{bundle} has no {suffix}"))
}

#[test]
fn bundles_merge_without_collisions_and_a_second_import_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let db = county(&tmp);
    let (ok, out, err) = import(&db, &all_bundles());
    assert!(ok, "{out}{err}");
    assert_eq!(out.matches("已导入").count(), 15, "{out}");
    // Every township numbers its leads the same way: GC-2026-… exists in all five.
    let rows: usize = all_bundles()
        .iter()
        .map(|b| {
            std::fs::read_to_string(file(b, "-投诉台账.csv"))
                .unwrap()
                .lines()
                .count()
                - 1
        })
        .sum();
    let stored = count(&db, "SELECT count(*) FROM complaints");
    assert_eq!(
        stored as usize, rows,
        "no lead overwrote another township's"
    );
    let shared = count(
        &db,
        "SELECT count(*) FROM (SELECT 编号 FROM complaints GROUP BY 编号 HAVING count(*) = 5)",
    );
    assert!(shared > 0, "the same numbers in every township");

    let before =
        count(&db, "SELECT count(*) FROM complaints") + count(&db, "SELECT count(*) FROM patrols");
    let (ok, out, _) = import(&db, &all_bundles());
    assert!(ok);
    assert_eq!(out.matches("未改动").count(), 15, "{out}");
    let after =
        count(&db, "SELECT count(*) FROM complaints") + count(&db, "SELECT count(*) FROM patrols");
    assert_eq!(before, after);
}

#[test]
fn a_tampered_bundle_is_refused_and_named() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("copy");
    std::fs::create_dir_all(&copy).unwrap();
    let src = bundle(CODES[0], MONTHS[2]);
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
    }
    let ledger = file(copy.to_str().unwrap(), "-投诉台账.csv");
    let text = std::fs::read_to_string(&ledger).unwrap();
    std::fs::write(&ledger, text.replacen(",否,", ",是,", 1)).unwrap();
    let db = county(&tmp);
    let (ok, _, err) = import(&db, &[copy.display().to_string()]);
    assert!(!ok);
    assert!(
        err.contains("与其清单不符") && err.contains("投诉台账.csv：内容与清单不符"),
        "{err}"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM bundles"), 0);
}

#[test]
fn a_chain_that_does_not_extend_last_month_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    // October's bundle of 东山镇, passed off as 卧牛河镇's: its chain is another township's.
    let fake = tmp.path().join("fake");
    std::fs::create_dir_all(&fake).unwrap();
    let src = bundle(CODES[1], MONTHS[2]);
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, fake.join(p.file_name().unwrap())).unwrap();
    }
    let manifest = fake.join("manifest.csv");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replace(CODES[1], CODES[0])).unwrap();

    let db = county(&tmp);
    let real = [bundle(CODES[0], MONTHS[0]), bundle(CODES[0], MONTHS[1])];
    let (ok, _, err) = import(&db, &real);
    assert!(ok && !err.contains("没有接上"), "{err}");
    let (ok, _, err) = import(&db, &[fake.display().to_string()]);
    assert!(ok, "the bundle is taken, its history flagged: {err}");
    assert!(
        err.contains("2026-09 → 2026-10") && err.contains("没有接上"),
        "{err}"
    );
    let (_, report, _) = run(&db, &["county", "report", "month", "--month", "2026-10"]);
    assert!(report.contains("审计链未接上的移交包"), "{report}");

    // The real October extends September.
    let tmp2 = tempfile::tempdir().unwrap();
    let db2 = county(&tmp2);
    let real: Vec<String> = MONTHS.iter().map(|m| bundle(CODES[0], m)).collect();
    let (ok, _, err) = import(&db2, &real);
    assert!(ok && !err.contains("没有接上"), "{err}");
}

/// Each township's month figures from its own bulletin: (on time, measured, closed, issued,
/// covered, required).
fn bulletin(code: &str, month: &str) -> [i64; 6] {
    let text = std::fs::read_to_string(file(&bundle(code, month), "-通报.csv")).unwrap();
    let mut f = [0; 6];
    for line in text.lines().skip(1) {
        let c: Vec<&str> = line.trim_start_matches('\u{feff}').split(',').collect();
        let n = c.get(2).and_then(|x| x.parse().ok()).unwrap_or(0);
        match (c[0], c[1]) {
            ("投诉", "按时办理") => f[0] = n,
            ("投诉", "计入按时率") => f[1] = n,
            ("整改通知", "已销号") => f[2] = n,
            ("整改通知", "下达") => f[3] = n,
            ("巡查", "已巡次数") => f[4] = n,
            ("巡查", "应巡次数") => f[5] = n,
            _ => {}
        }
    }
    f
}

/// Codes best first over `months`, by the mean of the measurable rates, then on-time rate,
/// then code; and the last three.
fn by_hand(months: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut scored: Vec<(f64, f64, String)> = CODES
        .iter()
        .map(|code| {
            let mut sum = [0i64; 6];
            for m in months {
                for (s, x) in sum.iter_mut().zip(bulletin(code, m)) {
                    *s += x;
                }
            }
            let rates: Vec<f64> = [(0, 1), (2, 3), (4, 5)]
                .iter()
                .filter(|(_, w)| sum[*w] > 0)
                .map(|(p, w)| sum[*p] as f64 / sum[*w] as f64)
                .collect();
            let on_time = if sum[1] > 0 {
                sum[0] as f64 / sum[1] as f64
            } else {
                -1.0
            };
            (
                rates.iter().sum::<f64>() / rates.len() as f64,
                on_time,
                code.to_string(),
            )
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
    });
    let order: Vec<String> = scored.into_iter().map(|s| s.2).collect();
    let bottom = order[2..].to_vec();
    (order, bottom)
}

#[test]
fn the_ranking_and_the_summons_match_the_figures_worked_out_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let db = county(&tmp);
    assert!(import(&db, &all_bundles()).0);
    let json = |args: &[&str]| -> serde_json::Value {
        let (ok, out, err) = run(&db, args);
        assert!(ok, "{err}");
        serde_json::from_str(&out).unwrap()
    };
    let codes = |v: &serde_json::Value| -> Vec<String> {
        v["ranked"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_string())
            .collect()
    };
    let mut bottoms = BTreeMap::new();
    for m in MONTHS {
        let v = json(&["county", "report", "month", "--month", m, "--json"]);
        let (order, bottom) = by_hand(&[m]);
        assert_eq!(codes(&v), order, "{m}");
        let marked: Vec<String> = v["ranked"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["bottom"].as_bool().unwrap())
            .map(|r| r["code"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(marked, bottom, "{m}");
        bottoms.insert(m, bottom);
    }
    // 约谈 in October: last three in both September and October.
    let v = json(&["county", "report", "month", "--month", "2026-10", "--json"]);
    let summoned: Vec<(String, String, String)> = v["summons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["code"].as_str().unwrap().to_string(),
                s["months"][0].as_str().unwrap().to_string(),
                s["months"][1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = bottoms["2026-10"]
        .iter()
        .filter(|c| bottoms["2026-09"].contains(c))
        .map(|c| (c.clone(), "2026-09".to_string(), "2026-10".to_string()))
        .collect();
    assert!(!want.is_empty(), "the generated months summon someone");
    assert_eq!(summoned, want);
    let text = run(&db, &["county", "report", "month", "--month", "2026-10"]).1;
    for (code, ..) in &want {
        assert!(
            text.contains(&format!("（{code}）：2026-09、2026-10 两个月均排名后三位")),
            "{text}"
        );
    }
    // The third quarter: August and September summed (July has no bundles).
    let v = json(&[
        "county", "report", "quarter", "--month", "2026-09", "--json",
    ]);
    assert_eq!(codes(&v), by_hand(&["2026-08", "2026-09"]).0);
    assert_eq!(v["heat_months"].as_array().unwrap().len(), 3);

    let book = tmp.path().join("r.xlsx");
    let (ok, _, err) = run(
        &db,
        &[
            "county",
            "report",
            "month",
            "--month",
            "2026-10",
            "--xlsx",
            book.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet3.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(xml.contains("colorScale"), "the heat map is coloured");
}

#[test]
fn a_township_database_is_not_a_county_database() {
    let d = util::Desk::demo();
    let (ok, _, err) = run(&d.db, &["county", "report", "month"]);
    assert!(!ok && err.contains("不是县级汇总库"), "{err}");
}
