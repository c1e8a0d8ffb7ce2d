//! Roster and patrol tests: each area's last patrol, as the day's checks read it.

use chrono::NaiveDate;

use crate::domain::*;
use crate::store::record::{upsert, void};
use crate::store::{Actor, Store};

fn actor() -> Actor {
    Actor {
        operator: "W001".into(),
        now: "2026-11-23T08:30:00".parse().unwrap(),
    }
}

#[test]
fn last_patrol_of_each_area_ignores_later_and_voided_patrols() {
    let mut store = Store::open_in_memory().unwrap();
    let area = Area {
        id: "Q1".into(),
        name: "主街".into(),
        kind: AreaKind::MainStreet,
        interval: PatrolInterval(1),
        village: String::new(),
    };
    store
        .write_with_rules(&actor(), |tx, ctx| upsert(tx, ctx, &area))
        .unwrap();
    let patrol = |id: &str, date: &str| Patrol {
        id: id.into(),
        date: date.parse().unwrap(),
        start: "09:00:00".parse().unwrap(),
        end: "10:00:00".parse().unwrap(),
        team: "一组".into(),
        officers: vec![],
        areas: vec!["Q1".into()],
        notes: String::new(),
        found_problem: false,
    };
    for p in [
        patrol("P1", "2026-11-20"),
        patrol("P2", "2026-11-22"),
        patrol("P3", "2026-11-24"),
    ] {
        store
            .write_with_rules(&actor(), |tx, ctx| upsert(tx, ctx, &p))
            .unwrap();
    }
    let day: NaiveDate = "2026-11-23".parse().unwrap();
    assert_eq!(
        super::last_patrols(store.conn(), day).unwrap()["Q1"].to_string(),
        "2026-11-22"
    );
    // A day after every patrol reads the kept latest visit, which follows voids too.
    let later: NaiveDate = "2026-11-25".parse().unwrap();
    let last = |store: &Store, day| super::last_patrols(store.conn(), day).unwrap();
    assert_eq!(last(&store, later)["Q1"].to_string(), "2026-11-24");
    store
        .write_with_rules(&actor(), |tx, ctx| void::<Patrol>(tx, ctx, "P2", "误录"))
        .unwrap();
    assert_eq!(last(&store, day)["Q1"].to_string(), "2026-11-20");
    store
        .write_with_rules(&actor(), |tx, ctx| void::<Patrol>(tx, ctx, "P3", "误录"))
        .unwrap();
    assert_eq!(last(&store, later)["Q1"].to_string(), "2026-11-20");
    store
        .write_with_rules(&actor(), |tx, ctx| void::<Patrol>(tx, ctx, "P1", "误录"))
        .unwrap();
    assert!(last(&store, later).is_empty());
}
