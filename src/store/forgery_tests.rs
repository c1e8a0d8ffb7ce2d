//! An insider who appends well-chained audit rows: the chain holds, every digest matches, and
//! `verify` still names what the rows mean, unless the change is a declared 更正 that the
//! month's 更正 list shows.

use rusqlite::Connection;

use super::*;

fn actor() -> Actor {
    Actor {
        operator: "W001".into(),
        now: chrono::NaiveDateTime::parse_from_str("2026-11-23 08:30", "%Y-%m-%d %H:%M").unwrap(),
    }
}

/// A demo store with complaint `id`'s 核查时间 moved by SQL and one audit row appended for it,
/// chained and digested as the program would: `action`, `reason`, and its "before" taken from
/// the last row (or `before` given).
fn forged(action: &str, reason: Option<&str>, before: Option<&str>) -> (Store, String) {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store, &actor()).unwrap();
    let c: &Connection = store.conn();
    let (id, after): (String, String) = c
        .query_row(
            "SELECT a.key, a.after FROM audit a JOIN complaints c ON c.id = a.key
             WHERE a.kind = 'complaints' AND c.verified_at IS NOT NULL AND a.after IS NOT NULL
             ORDER BY a.id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let last_after: String = c
        .query_row(
            "SELECT after FROM audit WHERE kind = 'complaints' AND key = ?1 AND after IS NOT NULL
             ORDER BY id DESC LIMIT 1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    drop(after);
    c.execute(
        "UPDATE complaints SET verified_at = '2026-11-01 08:00' WHERE id = ?1",
        [&id],
    )
    .unwrap();
    let mut moved: serde_json::Value = serde_json::from_str(&last_after).unwrap();
    moved["verified_at"] = "2026-11-01T08:00:00".into();
    let (n, prev) = audit::next_link(c).unwrap();
    let row = AuditRow {
        id: n,
        at: "2026-11-23 08:30".into(),
        operator: "W001".into(),
        action: action.into(),
        kind: "complaints".into(),
        key: id.clone(),
        before: Some(before.map_or(last_after, str::to_string)),
        after: Some(moved.to_string()),
        digest: digest::of(c, "complaints", &id)
            .unwrap()
            .map(|d| d.to_text()),
        reason: reason.map(str::to_string),
    };
    audit::insert(c, &row, &prev, &chain::hash(&prev, &row)).unwrap();
    (store, id)
}

fn problems(store: &Store) -> Vec<String> {
    let v = verify::check(store.conn()).unwrap();
    assert!(
        v.chain.as_ref().unwrap().broken.is_none(),
        "the chain itself holds"
    );
    v.problems()
}

#[test]
fn an_appended_row_that_moves_a_recorded_time_outside_a_correction_is_named() {
    let (store, id) = forged("修改", None, None);
    let p = problems(&store);
    assert!(
        p.iter().any(|l| l.contains(&id)
            && l.contains("（修改）改动了已登记的核查时间，却不是写明原因的更正")),
        "{p:?}"
    );
}

#[test]
fn an_appended_correction_with_its_reason_passes_and_is_listed_as_one() {
    let (store, id) = forged("更正", Some("核查时间登记错误"), None);
    // (The forger left the derived next deadline as it was; that is named on its own.)
    let p = problems(&store);
    assert!(!p.iter().any(|l| l.contains("条审计记录")), "{p:?}");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let listed = correction::between(store.conn(), day, day).unwrap();
    assert!(
        listed.iter().any(|c| c.key == id && c.field == "核查时间"),
        "{listed:?}"
    );
}

#[test]
fn an_appended_row_with_a_made_up_before_or_action_is_named() {
    let (store, id) = forged("修改", None, Some("{\"id\":\"x\",\"state\":\"已受理\"}"));
    let p = problems(&store);
    assert!(
        p.iter()
            .any(|l| l.contains(&id) && l.contains("“改前”与这条记录上一条审计记录的“改后”不一致")),
        "{p:?}"
    );
    let (store, id) = forged("篡改", Some("理由"), None);
    let p = problems(&store);
    assert!(
        p.iter()
            .any(|l| l.contains(&id) && l.contains("的操作「篡改」不是本程序对投诉所做的操作")),
        "{p:?}"
    );
}
