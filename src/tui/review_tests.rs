//! The desk shows a file's 案卷自查 in its detail: the score, the points missed, and the
//! point gone once the record has it (a site photo registered).

use crossterm::event::KeyCode;
use zhifa_desk::domain::evidence::LinkKind;
use zhifa_desk::store::{Actor, evidence};

use super::tests::{key, press, reload, screen, signed_in};

#[test]
fn a_notices_detail_shows_its_review_and_the_point_met_once_evidence_is_in() {
    let (mut store, mut app) = signed_in();
    press(&mut store, &mut app, &[key(KeyCode::Char('4'))]);
    app.notices.detail = Some("卧执整〔2026〕第3号".into());
    reload(&store, &mut app);
    let shown = screen(&app, (120, 40));
    assert!(
        shown.contains("案卷自查：") && shown.contains("不合格"),
        "{shown}"
    );
    assert!(
        shown.contains("证据登记：认定违法，但没有登记现场证据"),
        "{shown}"
    );
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("现场.png");
    std::fs::write(&photo, b"a photo").unwrap();
    let officer = Actor {
        operator: "W003".into(),
        now: app.now,
    };
    let link = (LinkKind::Notice, "卧执整〔2026〕第3号");
    evidence::register(&mut store, &officer, &[photo], link, ("W003", "")).unwrap();
    reload(&store, &mut app);
    let shown = screen(&app, (120, 40));
    assert!(
        shown.contains("案卷自查：") && !shown.contains("证据登记："),
        "{shown}"
    );
}
