//! An attacker with the sqlite3 shell: every record edited, deleted or voided behind the
//! program's back is found by `verify`, by kind, key and field.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::*;

fn actor() -> Actor {
    Actor {
        operator: "W001".into(),
        now: NaiveDateTime::parse_from_str("2026-11-23 08:30", "%Y-%m-%d %H:%M").unwrap(),
    }
}

/// A demo file, and a fresh copy of it for each case.
struct Demo {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Demo {
    fn new() -> Demo {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite");
        let mut store = Store::open(&path).unwrap();
        crate::demo::load(&mut store, &actor()).unwrap();
        store
            .conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        Demo { dir, path }
    }

    /// A copy with `sql` run on it straight, as the sqlite3 shell would.
    fn edited(&self, name: &str, sql: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::copy(&self.path, &p).unwrap();
        Connection::open(&p).unwrap().execute_batch(sql).unwrap();
        p
    }
}

fn problems(path: &Path) -> Vec<String> {
    let c = Connection::open(path).unwrap();
    verify::check(&c).unwrap().problems()
}

fn assert_found(found: &[String], wanted: &str) {
    assert!(
        found.iter().any(|p| p.contains(wanted)),
        "wanted “{wanted}” among:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_demo_as_written_holds() {
    let demo = Demo::new();
    assert_eq!(problems(&demo.path), Vec::<String>::new());
}

#[test]
fn edits_deletes_and_voids_behind_the_audit_are_each_named() {
    let demo = Demo::new();
    let late_made_on_time = demo.edited(
        "a.sqlite",
        "UPDATE complaints SET verified_at = received_at WHERE id = 'TS-2026-0003'",
    );
    let p = problems(&late_made_on_time);
    assert_found(
        &p,
        "投诉「TS-2026-0003」：与最后一条审计记录不符（被直接改动）：核查时间",
    );

    let deleted = demo.edited(
        "b.sqlite",
        "DELETE FROM complaints WHERE id = 'TS-2026-0040'",
    );
    assert_found(
        &problems(&deleted),
        "投诉「TS-2026-0040」：审计记录表明它存在",
    );

    let voided = demo.edited(
        "c.sqlite",
        "UPDATE complaints SET state = '已作废', void_reason = 'x' WHERE id = 'TS-2026-0005'",
    );
    let p = problems(&voided);
    assert_found(&p, "投诉「TS-2026-0005」");
    assert_found(&p, "状态、");

    let moved = demo.edited(
        "d.sqlite",
        "UPDATE notices SET deadline = date(deadline, '+30 days') WHERE rowid = 2",
    );
    assert_found(&problems(&moved), "：整改期限");

    let inserted = demo.edited(
        "e.sqlite",
        "INSERT INTO areas (id, name, kind, interval_days) VALUES ('Z99', '假区域', '一般区域', 7)",
    );
    assert_found(&problems(&inserted), "区域「Z99」：没有任何审计记录");
}

#[test]
fn a_reporter_changed_is_named_without_showing_who() {
    let demo = Demo::new();
    let p = problems(&demo.edited(
        "r.sqlite",
        "UPDATE complaints SET reporter = '张秘密', phone = '13912345678' WHERE id = 'TS-2026-0006'",
    ));
    assert_found(
        &p,
        "投诉「TS-2026-0006」：与最后一条审计记录不符（被直接改动）：举报人、联系电话",
    );
    // Each personal column is its own hash: a phone changed alone is named alone.
    let p = problems(&demo.edited(
        "phone.sqlite",
        "UPDATE complaints SET phone = '13912345678' WHERE id = 'TS-2026-0006'",
    ));
    assert_found(
        &p,
        "投诉「TS-2026-0006」：与最后一条审计记录不符（被直接改动）：联系电话",
    );
    assert!(
        !p.iter()
            .any(|l| l.contains("张秘密") || l.contains("13912345678"))
    );
}

#[test]
fn derived_columns_and_logs_are_recomputed_and_compared() {
    let demo = Demo::new();
    let p = problems(&demo.edited(
        "f.sqlite",
        "UPDATE complaints SET next_due = '2030-01-01 00:00:00'
           WHERE state = '已受理' AND id = (SELECT min(id) FROM complaints WHERE state = '已受理')",
    ));
    assert_found(&p, "下一期限与按日历和设置算出的不符");

    let p = problems(&demo.edited(
        "g.sqlite",
        "INSERT INTO reinspections (notice_id, date, result, outcome, officers, late)
         VALUES ((SELECT min(id) FROM notices), '2026-11-20', '已整改', '销号', '[]', 0)",
    ));
    assert_found(&p, "：复查记录");

    let p = problems(&demo.edited(
        "h.sqlite",
        "DELETE FROM patrol_areas WHERE rowid = (SELECT min(rowid) FROM patrol_areas)",
    ));
    assert_found(&p, "巡查区域索引缺少它去过的区域");

    // The kept latest visit moved behind the triggers' back: the day's checks would trust it.
    let p = problems(&demo.edited(
        "i.sqlite",
        "UPDATE area_last_patrol SET date = '2026-11-23'
         WHERE area_id = (SELECT min(area_id) FROM area_last_patrol)",
    ));
    assert_found(&p, "记下的最近巡查日期与巡查记录不符");
}

#[test]
fn an_emptied_audit_over_a_full_ledger_is_a_failure_not_whole() {
    let demo = Demo::new();
    let p = problems(&demo.edited(
        "empty.sqlite",
        "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;
         DELETE FROM audit; DELETE FROM sqlite_sequence WHERE name = 'audit';",
    ));
    assert_found(&p, "只追加保护已被删除");
    assert_found(&p, "审计记录为空，但数据表中有");
    assert_found(&p, "没有任何审计记录");
}

#[test]
fn an_older_file_takes_a_baseline_and_holds_from_then_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    {
        let mut c = Connection::open(&path).unwrap();
        migrate::migrate_to(&mut c, "v1", 1).unwrap();
        c.execute_batch(
            "INSERT INTO officers (id, name, role, status) VALUES ('W001', '赵建国', '队长', '在岗');
             INSERT INTO areas (id, name, kind, interval_days) VALUES ('A01', '集镇', '主干道', 1);",
        )
        .unwrap();
    }
    drop(Store::open(&path).unwrap());
    // Records that predate digests are taken as they stand, once.
    assert_eq!(problems(&path), Vec::<String>::new());
    let edited = dir.path().join("v1-edited.sqlite");
    std::fs::copy(&path, &edited).unwrap();
    Connection::open(&edited)
        .unwrap()
        .execute_batch("UPDATE officers SET name = '冒名' WHERE id = 'W001'")
        .unwrap();
    assert_found(
        &problems(&edited),
        "人员「W001」：与最后一条审计记录不符（被直接改动）：名称",
    );
}

#[test]
fn an_anchor_finds_a_chain_cut_back_below_it() {
    let demo = Demo::new();
    let c = Connection::open(&demo.path).unwrap();
    let report = chain::check(&c).unwrap();
    assert_eq!(chain::holds(&c, report.rows, &report.head).unwrap(), None);
    let cut = demo.edited(
        "cut.sqlite",
        "DROP TRIGGER audit_append_only_delete;
         DELETE FROM audit WHERE id > 20;
         UPDATE sqlite_sequence SET seq = 20 WHERE name = 'audit';",
    );
    let c = Connection::open(&cut).unwrap();
    let why = chain::holds(&c, report.rows, &report.head)
        .unwrap()
        .unwrap();
    assert!(why.contains("被截短"), "{why}");
    let forged_head = "0".repeat(64);
    let why = chain::holds(&c, 20, &forged_head).unwrap().unwrap();
    assert!(why.contains("被改写"), "{why}");
}

#[test]
fn a_value_moved_between_two_optional_columns_is_named() {
    let demo = Demo::new();
    let c = Connection::open(&demo.path).unwrap();
    let served: String = c
        .query_row(
            "SELECT id FROM notices WHERE served_on IS NOT NULL LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(c);
    let p = problems(&demo.edited(
        "swap.sqlite",
        &format!(
            "UPDATE notices SET requirement = served_on, served_on = NULL WHERE id = '{served}'"
        ),
    ));
    assert_found(
        &p,
        &format!("整改通知「{served}」：与最后一条审计记录不符（被直接改动）：整改要求、送达日期"),
    );
    let p = problems(&demo.edited(
        "handlers.sqlite",
        "UPDATE complaints SET verified_by = handlers, handlers = '[]'
         WHERE id = (SELECT id FROM complaints WHERE handlers <> '[]' AND verified_by = '[]' LIMIT 1)",
    ));
    assert_found(
        &p,
        "与最后一条审计记录不符（被直接改动）：承办人员、核查人员",
    );
}

#[test]
fn an_append_only_trigger_replaced_by_a_no_op_of_the_same_name_is_named() {
    let demo = Demo::new();
    let p = problems(&demo.edited(
        "noop.sqlite",
        "DROP TRIGGER audit_append_only_update;
         CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT 1; END;",
    ));
    assert_found(
        &p,
        "只追加保护已被删除或换成了别的（audit_append_only_update）",
    );
    // The program's own spelling, whatever its line breaks, holds.
    assert_eq!(problems(&demo.path), Vec::<String>::new());
}

#[test]
fn a_null_key_is_a_finding_for_verify_and_a_chinese_refusal_for_a_report() {
    let demo = Demo::new();
    let path = demo.edited(
        "null.sqlite",
        "UPDATE complaints SET id = NULL WHERE id = 'TS-2026-0007'",
    );
    assert_found(
        &problems(&path),
        "投诉「空值」：编号不是文字（被直接改动），这一行无法核对",
    );
    let c = Connection::open(&path).unwrap();
    let period = crate::report::period::Period::month("2026-11").unwrap();
    let err = crate::report::figures::report(&c, &period, actor().now)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("数据库中有一行的「编号」是空值，本程序不会这样写"),
        "{err}"
    );
}
