//! 案卷自查 and the year's archive through the command line: points met as the record grows
//! (papers printed, evidence registered), a county's checklist in place of the built-in one,
//! the 合格率 and 满意度 of the month report and the county report against counts made here,
//! and an archive verified, then tampered with and refused.

mod util;

use std::path::Path;

use util::Desk;

const THIRD: &str = "卧执整〔2026〕第3号";

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

fn faults(d: &Desk, key: &str) -> Vec<String> {
    let r = json(&d.ok(&["review", key, "--json"]));
    r[0]["faults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["point"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_files_points_follow_its_record() {
    let d = Desk::demo();
    // The demo printed 第1号's papers and registered its photo: nothing missing.
    let first = d.ok(&["review", "卧执整〔2026〕第1号"]);
    assert!(first.contains("100分 合格"), "{first}");
    // 第3号 was escalated with neither paper printed nor evidence registered.
    assert_eq!(faults(&d, THIRD), ["证据登记", "文书制作"]);
    let said = d.ok(&["review", THIRD]);
    assert!(
        said.contains("未制作责令限期整改通知书、复查意见书"),
        "{said}"
    );
    d.ok(&["document", "notice", THIRD]);
    assert_eq!(
        faults(&d, THIRD),
        ["证据登记", "文书制作"],
        "one of two papers"
    );
    d.ok(&["document", "reinspection", THIRD]);
    assert_eq!(faults(&d, THIRD), ["证据登记"]);
    let photo = d.file("加盖现场.png", b"the second floor");
    d.ok(&[
        "evidence",
        "add",
        &photo,
        "--for",
        "整改通知",
        "--key",
        THIRD,
        "--by",
        "W003",
    ]);
    assert!(faults(&d, THIRD).is_empty());
    assert!(d.ok(&["review", THIRD]).contains("100分 合格"));
    // A notice issued six days ago and not served: 按期送达 (3 days) is missed.
    assert!(faults(&d, "卧执整〔2026〕第14号").contains(&"按期送达".to_string()));
    // A closed lead without its verifiers or feedback method: 要素齐全.
    let lead = d.ok(&["review", "TS-2026-0002"]);
    assert!(lead.contains("未填写核查人员、反馈方式"), "{lead}");
    let none = d.fails(&["review", "TS-2099-0001"]);
    assert!(none.contains("TS-2099-0001"), "{none}");
}

/// A checklist that judges papers only, passing at 100.
const PAPERS_ONLY: &str =
    "; 县局专项评查：只查文书\n【合格线】100\n| 文书制作 | 文书规范 | 文书齐全 | 10 | |\n";

fn use_checklist(d: &Desk, text: &str) {
    let dir = d.dir.path().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("checklist.txt"), text).unwrap();
}

#[test]
fn a_county_checklist_replaces_the_built_in_one() {
    let d = Desk::demo();
    // `document templates` writes the built-in checklist beside the papers' templates.
    let out = d.ok(&["document", "templates"]);
    assert!(out.contains("checklist.txt"), "{out}");
    let written = std::fs::read_to_string(d.dir.path().join("templates/checklist.txt")).unwrap();
    assert!(written.contains("| 两人持证 | 主体 |"));
    use_checklist(&d, PAPERS_ONLY);
    let r = json(&d.ok(&["review", THIRD, "--json"]));
    assert_eq!(r[0]["checked"], 1, "only the one point is checked");
    assert_eq!(r[0]["faults"][0]["category"], "文书规范");
    assert_eq!(
        (r[0]["score"].as_u64(), r[0]["passed"].as_bool()),
        (Some(0), Some(false))
    );
    use_checklist(&d, &PAPERS_ONLY.replace("文书制作", "现场勘验"));
    let bad = d.fails(&["review", THIRD]);
    assert!(
        bad.contains("checklist.txt") && bad.contains("第3行") && bad.contains("现场勘验"),
        "{bad}"
    );
}

#[test]
fn the_month_and_county_reports_give_the_rates_counted_here() {
    let d = Desk::demo();
    d.ok(&["settings", "code", "150783101"]);
    use_checklist(&d, PAPERS_ONLY);
    d.ok(&["document", "transfer", "TS-2026-0007"]);
    // Counted here: November's finished leads, each passing when its paper was printed.
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    let leads: Vec<(String, String)> = conn
        .prepare(
            "SELECT id, state FROM complaints WHERE received_at LIKE '2026-11%'
             AND state IN ('已结案', '已移送')",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let printed = |what: String| -> bool {
        conn.query_row(
            "SELECT count(*) FROM audit WHERE action = '打印文书' AND key = ?1",
            [what],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
            > 0
    };
    let passed = leads
        .iter()
        .filter(|(id, state)| {
            let title = if state == "已移送" {
                "移送函"
            } else {
                "投诉举报受理及处理反馈单"
            };
            printed(format!("{title} {id}"))
        })
        .count();
    assert!(
        passed >= 3 && passed < leads.len(),
        "{passed} of {}",
        leads.len()
    );
    let rate = passed as f64 / leads.len() as f64;
    // The satisfaction rate counted from the stored call-backs.
    let calls: Vec<String> = conn
        .prepare("SELECT callbacks FROM complaints WHERE callbacks != '[]'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let (mut answered, mut satisfied) = (0, 0);
    for c in calls
        .iter()
        .flat_map(|j| json(j).as_array().unwrap().clone())
    {
        let answer = c["answer"].as_str().unwrap().to_string();
        answered += usize::from(answer != "未联系上");
        satisfied += usize::from(answer == "满意" || answer == "基本满意");
    }
    let satisfaction = satisfied as f64 / answered as f64;

    let r = json(&d.ok(&["report", "month", "--month", "2026-11", "--json"]));
    assert_eq!(r["reviews"]["files"].as_u64(), Some(leads.len() as u64));
    assert_eq!(r["reviews"]["passed"].as_u64(), Some(passed as u64));
    assert!((r["reviews"]["rate"].as_f64().unwrap() - rate).abs() < 1e-9);
    assert!((r["callbacks"]["rate"].as_f64().unwrap() - satisfaction).abs() < 1e-9);
    let text = d.ok(&["report", "month", "--month", "2026-11"]);
    assert!(
        text.contains("【案卷自查】") && text.contains("案卷评查合格率"),
        "{text}"
    );

    let out = d.path("handoff");
    d.ok(&["export", "handoff", "--month", "2026-11", "--out", &out]);
    d.ok(&["verify-handoff", &out]);
    let county = Desk::new();
    county.ok(&["county", "import", &out]);
    let c = json(&county.ok(&["county", "report", "month", "--month", "2026-11", "--json"]));
    let row = &c["ranked"][0];
    assert!(
        (row["pass_rate"].as_f64().unwrap() - rate).abs() < 1e-9,
        "{row}"
    );
    assert!((row["satisfaction"].as_f64().unwrap() - satisfaction).abs() < 1e-9);
    assert_eq!(row["reopened"], 1);
    let shown = county.ok(&["county", "report", "month", "--month", "2026-11"]);
    let percent = |x: f64| format!("{:.1}%", x * 100.0);
    assert!(
        shown.contains("案卷合格率") && shown.contains(&percent(rate)),
        "{shown}"
    );
    assert!(shown.contains(&percent(satisfaction)), "{shown}");
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(files_under(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn a_years_archive_verifies_and_a_changed_paper_is_refused() {
    let d = Desk::demo();
    // A paper printed with the reporter in full, and one whose file went missing.
    d.ok(&[
        "document",
        "complaint",
        "TS-2026-0008",
        "--include-personal",
    ]);
    std::fs::remove_file(
        d.dir
            .path()
            .join("文书/复查意见书-卧执整〔2026〕第4号.docx"),
    )
    .unwrap();
    let dir = d.path("归档2026");
    let out = d.ok(&["archive", "2026", "--out", &dir]);
    assert!(d.ok(&["verify-handoff", &dir]).contains("一致"), "{out}");
    let names: Vec<String> = files_under(Path::new(&dir))
        .iter()
        .map(|p| {
            p.strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    for want in [
        "台账/投诉台账.csv",
        "现场检查.csv",
        "证据登记.csv",
        "案卷自查.csv",
        "年度统计.txt",
        "封面.txt",
        "文书/责令限期整改通知书-卧执整〔2026〕第1号.docx",
        "文书/复查意见书-卧执整〔2026〕第4号（重新生成）.docx",
        "文书/投诉举报受理及处理反馈单-TS-2026-0008（重新生成）.docx",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }
    let cover = std::fs::read_to_string(Path::new(&dir).join("封面.txt")).unwrap();
    assert!(
        cover.contains("不含举报人") && cover.contains("原文件已不在"),
        "{cover}"
    );
    // No reporter in any file of it (the papers are zipped: their XML is checked too).
    let reporters: Vec<String> = rusqlite::Connection::open(&d.db)
        .unwrap()
        .prepare("SELECT reporter FROM complaints WHERE length(reporter) > 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!reporters.is_empty());
    for path in files_under(Path::new(&dir)) {
        let text = util::readable(&path);
        for r in &reporters {
            assert!(!text.contains(r.as_str()), "{r} in {}", path.display());
        }
    }
    // One paper changed: refused, named.
    let paper = Path::new(&dir).join("文书/责令限期整改通知书-卧执整〔2026〕第1号.docx");
    let mut bytes = std::fs::read(&paper).unwrap();
    bytes.push(b' ');
    std::fs::write(&paper, bytes).unwrap();
    let refused = d.fails(&["verify-handoff", &dir]);
    assert!(
        refused.contains("责令限期整改通知书-卧执整〔2026〕第1号.docx"),
        "{refused}"
    );
    // A folder holding files already is not written into.
    let again = d.fails(&["archive", "2026", "--out", &dir]);
    assert!(again.contains("不是空文件夹"), "{again}");
    // Asked for, the reporters are in, the cover says so and the audit has it.
    let full = d.path("归档含个人");
    d.ok(&["archive", "2026", "--out", &full, "--include-personal"]);
    let cover = std::fs::read_to_string(Path::new(&full).join("封面.txt")).unwrap();
    assert!(cover.contains("本归档含举报人姓名和联系电话"), "{cover}");
    let ledger = std::fs::read_to_string(Path::new(&full).join("台账/投诉台账.csv")).unwrap();
    assert!(reporters.iter().any(|r| ledger.contains(r.as_str())));
    let audited: i64 = rusqlite::Connection::open(&d.db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = '年度归档' AND key LIKE '%（含举报人）%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 1);
}
