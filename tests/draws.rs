//! 双随机 draws through the command line: recomputed from their record, who may be drawn,
//! open redraws, and the 公示 list.

mod util;

use rusqlite::Connection;
use util::Desk;
use zhifa_desk::domain::draw::{self, Inputs, Pick};

fn row(d: &Desk, id: &str, col: &str) -> String {
    let conn = Connection::open(&d.db).unwrap();
    conn.query_row(
        &format!("SELECT {col} FROM draws WHERE id = ?1"),
        [id],
        |r| r.get::<_, rusqlite::types::Value>(0),
    )
    .map(|v| match v {
        rusqlite::types::Value::Text(t) => t,
        rusqlite::types::Value::Integer(i) => i.to_string(),
        other => panic!("{other:?}"),
    })
    .unwrap()
}

fn new_draw(d: &Desk, extra: &[&str]) -> String {
    let mut args = vec!["draw", "new", "--title", "测试抽查", "--date", "2026-11-27"];
    args.extend_from_slice(extra);
    drawn(&d.ok(&args))
}

/// The number of the draw `out` shows: "抽查 CQ2026-003：测试抽查".
fn drawn(out: &str) -> String {
    let line = out.lines().find(|l| l.starts_with("抽查 ")).unwrap();
    line["抽查 ".len()..]
        .split('：')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn a_draw_is_recomputed_byte_for_byte_from_its_record_and_a_changed_record_is_caught() {
    let d = Desk::demo();
    let id = new_draw(&d, &["--count", "5", "--seed", "公证处 2026-11-23"]);
    // Recompute from the stored columns alone, with the library's engine: the same bytes.
    let inputs = Inputs {
        subjects: serde_json::from_str(&row(&d, &id, "subjects")).unwrap(),
        officers: serde_json::from_str(&row(&d, &id, "officers")).unwrap(),
        count: row(&d, &id, "count").parse().unwrap(),
        seed: row(&d, &id, "seed"),
    };
    let again = draw::draw(&inputs).unwrap();
    assert_eq!(
        serde_json::to_string(&again.picks).unwrap(),
        row(&d, &id, "picks")
    );
    assert_eq!(again.snapshot, row(&d, &id, "snapshot"));
    assert!(d.ok(&["draw", "verify", &id]).contains("复核一致"));

    // Someone swaps a drawn subject in the file: the re-check and `verify` both say so.
    let picks: Vec<Pick> = serde_json::from_str(&row(&d, &id, "picks")).unwrap();
    let outside = inputs
        .subjects
        .iter()
        .find(|s| picks.iter().all(|p| p.subject != s.id))
        .unwrap();
    let mut bent = picks.clone();
    bent[0].subject = outside.id.clone();
    let conn = Connection::open(&d.db).unwrap();
    conn.execute(
        "UPDATE draws SET picks = ?1 WHERE id = ?2",
        [serde_json::to_string(&bent).unwrap(), id.clone()],
    )
    .unwrap();
    let err = d.fails(&["draw", "verify", &id]);
    assert!(
        err.contains("抽取结果不符") && err.contains(&outside.id),
        "{err}"
    );
    let out = d.run(&["verify"]);
    let said =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains(&id) && said.contains("抽取结果"), "{said}");
}

#[test]
fn leave_an_expired_certificate_and_last_inspectors_are_not_drawn() {
    let d = Desk::demo();
    // 11-25: 王海军 (W008) is on leave, 郑伟's (W007) certificate expired, 冯雪 (W009) is away,
    // the grid workers hold no certificate.
    let id = new_draw(&d, &["--count", "16", "--seed", "x"]);
    let officers: Vec<String> = serde_json::from_str(&row(&d, &id, "officers")).unwrap();
    assert_eq!(
        officers,
        ["W001", "W002", "W003", "W004", "W005", "W006", "W008"]
    );
    let mut on_leave = vec!["draw", "new", "--title", "周三抽查", "--date", "2026-11-25"];
    on_leave.extend(["--count", "2", "--risk", "低"]);
    let out = d.ok(&on_leave);
    let other = drawn(&out);
    let officers: Vec<String> = serde_json::from_str(&row(&d, &other, "officers")).unwrap();
    assert!(!officers.contains(&"W008".to_string()), "{officers:?}");
    assert_eq!(officers.len(), 6);

    // Last week's inspections: each subject's officers then are not drawn for it now.
    let conn = Connection::open(&d.db).unwrap();
    let last: Vec<(String, String)> = conn
        .prepare("SELECT subject, officers FROM inspections WHERE draw = 'CQ2026-001'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(last.len(), 3);
    let picks: Vec<Pick> = serde_json::from_str(&row(&d, &id, "picks")).unwrap();
    for (subject, was) in &last {
        let was: Vec<String> = serde_json::from_str(was).unwrap();
        let p = picks.iter().find(|p| &p.subject == subject).unwrap();
        assert!(
            p.officers.iter().all(|o| !was.contains(o)),
            "{subject}: drawn {:?}, inspected by {was:?}",
            p.officers
        );
    }
}

#[test]
fn a_second_draw_is_refused_unless_it_is_an_open_redraw_with_its_reason() {
    let d = Desk::demo();
    let first = new_draw(&d, &["--count", "2", "--matter", "M10"]);
    let err = d.fails(&[
        "draw",
        "new",
        "--title",
        "再抽",
        "--date",
        "2026-11-27",
        "--count",
        "2",
        "--matter",
        "M10",
    ]);
    assert!(err.contains(&first) && err.contains("--redraw"), "{err}");
    // A different list the same day is a draw of its own.
    new_draw(&d, &["--count", "1", "--matter", "M15"]);

    let out = d.ok(&[
        "draw",
        "new",
        "--title",
        "再抽",
        "--date",
        "2026-11-27",
        "--count",
        "2",
        "--matter",
        "M10",
        "--redraw",
        &first,
        "--reason",
        "抽中的对象当日停业装修",
    ]);
    assert!(out.contains(&format!("抽查 {first} 已作废")), "{out}");
    let conn = Connection::open(&d.db).unwrap();
    let (action, reason): (String, String) = conn
        .query_row(
            "SELECT action, reason FROM audit WHERE kind = 'draws' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (action.as_str(), reason.as_str()),
        ("重新抽取", "抽中的对象当日停业装修")
    );
    let void: String = conn
        .query_row(
            "SELECT void_reason FROM draws WHERE id = ?1",
            [&first],
            |r| r.get(0),
        )
        .unwrap();
    assert!(void.contains("停业装修"), "{void}");
    assert!(d.ok(&["draw", "list"]).contains("已作废"));
    assert!(d.ok(&["verify"]).contains("均与审计记录一致"));

    // A draw whose inspections are on record cannot be drawn again.
    let err = d.fails(&[
        "draw",
        "new",
        "--title",
        "再抽",
        "--date",
        "2026-11-18",
        "--count",
        "3",
        "--redraw",
        "CQ2026-001",
        "--reason",
        "想换",
    ]);
    assert!(err.contains("已有 3 次检查记录"), "{err}");
}

#[test]
fn a_drawn_subject_is_inspected_by_its_drawn_officers_once() {
    let d = Desk::demo();
    // CQ2026-002 drew DX011 for 周海涛 and 吴晓燕 on 11-25.
    let picks: Vec<Pick> = serde_json::from_str(&row(&d, "CQ2026-002", "picks")).unwrap();
    let p = &picks[0];
    let pair = p.officers.join("、");
    let base = |who: &str| {
        vec![
            "inspection".to_string(),
            "record".into(),
            "--subject".into(),
            p.subject.clone(),
            "--officers".into(),
            who.to_string(),
            "--source".into(),
            "双随机抽查".into(),
            "--draw".into(),
            "CQ2026-002".into(),
            "--finding".into(),
            "合格".into(),
            "--at".into(),
            "2026-11-23 08:00".into(),
        ]
    };
    let args = base("W001、W002");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let err = d.fails(&args);
    assert!(err.contains("不能换人检查") && err.contains(&pair), "{err}");
    let args = base(&pair);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    d.ok(&args);
    let err = d.fails(&args);
    assert!(err.contains("已记录为"), "{err}");
}

#[test]
fn the_publication_masks_a_persons_name_and_id_unless_asked_and_says_who_asked() {
    let d = Desk::demo();
    let id = new_draw(&d, &["--count", "1", "--matter", "M30"]);
    let out = d.ok(&["draw", "export", &id]);
    assert!(
        out.contains("刘********") && out.contains("150783********2130"),
        "{out}"
    );
    assert!(!out.contains("刘某某"));
    let before = d.count("audit");
    let out = d.ok(&["draw", "export", &id, "--include-personal"]);
    assert!(out.contains("刘某某（流动摊贩）") && out.contains("150783197805122130"));
    assert_eq!(
        d.count("audit"),
        before + 1,
        "the full names shown are on record"
    );
    // A unit's name and code are public.
    let out = d.ok(&["draw", "export", "CQ2026-001"]);
    assert!(out.contains("西沟村砂石料场,91150783MA0T2P8Q2J"), "{out}");
}
