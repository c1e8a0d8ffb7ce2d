//! Tests of the papers' fields: written dates, the dispatch from the audit, the built-in templates.

use chrono::{NaiveDate, NaiveDateTime};

use super::Paper;
use super::fill::*;
use super::fill_leads::complaint;

#[test]
fn the_feedback_form_says_when_and_by_whom_a_lead_was_dispatched() {
    use crate::store::desk::{ComplaintStep, complaint_step};
    let mut store = crate::store::Store::open_in_memory().unwrap();
    let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let actor = crate::store::Actor {
        operator: "W003".into(),
        now: at("2026-11-23 08:30"),
    };
    crate::demo::load(&mut store, &actor).unwrap();
    let dispatcher = crate::store::Actor {
        operator: "W001".into(),
        now: at("2026-11-23 09:15"),
    };
    let step = ComplaintStep::Dispatch {
        squad: "一中队".into(),
        handlers: vec!["W001".into(), "W002".into()],
    };
    complaint_step(&mut store, &dispatcher, "TS-2026-0036", step).unwrap();
    let src = Source {
        conn: store.conn(),
        team: "卧牛河镇综合行政执法队",
        now: at("2026-11-23 10:00"),
        operator: "W003",
        include_personal: false,
    };
    let f = complaint(&src, "TS-2026-0036").unwrap();
    assert_eq!(f.get("分派时间"), "2026-11-23 09:15");
    assert_eq!(f.get("分派人"), "赵建国");
    assert_eq!(f.get("承办人员"), "赵建国、钱志强");
    assert_eq!(f.get("填表人"), "孙丽华");
    let imported = complaint(&src, "TS-2026-0001").unwrap();
    assert_eq!(imported.get("分派时间"), "", "no dispatch step recorded");
}

#[test]
fn dates_are_written_the_chinese_way() {
    let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(written_date(d), "2026年12月1日");
    assert_eq!(
        written_time(d.and_hms_opt(9, 5, 0).unwrap()),
        "2026年12月1日9时05分"
    );
}

#[test]
fn every_builtin_template_uses_only_its_fields() {
    for p in Paper::ALL {
        let t = super::template::Template::parse("builtin", p.builtin(), p.fields());
        assert!(t.is_ok(), "{p:?}: {:?}", t.err());
    }
}
