//! A ledger nobody can quietly rewrite, through the binary: tampering found by `verify`, a
//! rewritten chain found against a handed-over bundle, forged files refused by handoff and
//! restore.

mod util;

use rusqlite::Connection;
use util::Desk;
use zhifa_desk::store::{audit, chain};

fn sql(d: &Desk, sql: &str) {
    Connection::open(&d.db).unwrap().execute_batch(sql).unwrap();
}

#[test]
fn a_late_step_made_on_time_by_sql_fails_verify_and_the_handoff() {
    let d = Desk::demo();
    assert!(d.ok(&["verify"]).contains("均与审计记录一致"));
    let before = d.ok(&["report", "month", "--month", "2026-11", "--json"]);
    sql(
        &d,
        "UPDATE complaints SET verified_at = received_at WHERE verified_at > verify_due",
    );
    let after = d.ok(&["report", "month", "--month", "2026-11", "--json"]);
    assert_ne!(before, after, "the edit moves the on-time rate");
    let out = d.run(&["verify"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(stdout.contains("核查时间"), "{stdout}");
    let err = d.fails(&[
        "export",
        "handoff",
        "--month",
        "2026-11",
        "--out",
        &d.path("h"),
    ]);
    assert!(err.contains("不能导出移交包"), "{err}");
    assert!(!std::path::Path::new(&d.path("h")).exists());
}

/// Rewrites the audit row `id` and re-hashes every row after it, as an attacker who knows the
/// scheme would: the chain is consistent again, and only an anchor kept elsewhere shows it.
fn rewrite_chain_from(d: &Desk, id: i64) {
    let c = Connection::open(&d.db).unwrap();
    c.execute_batch(
        "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;",
    )
    .unwrap();
    let mut prev: String = c
        .query_row("SELECT hash FROM audit WHERE id = ?1", [id - 1], |r| {
            r.get(0)
        })
        .unwrap();
    let rows: Vec<audit::AuditRow> = {
        let sql = format!(
            "SELECT {} FROM audit WHERE id >= ?1 ORDER BY id",
            audit::COLS
        );
        let mut stmt = c.prepare(&sql).unwrap();
        stmt.query_map([id], audit::row)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    for mut row in rows {
        if row.id == id {
            row.operator = "W009".into();
        }
        let h = chain::hash(&prev, &row);
        c.execute(
            "UPDATE audit SET operator = ?2, prev_hash = ?3, hash = ?4 WHERE id = ?1",
            rusqlite::params![row.id, row.operator, prev, h],
        )
        .unwrap();
        prev = h;
    }
    c.execute_batch(
        "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
         BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END;
         CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
         BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能删除'); END;",
    )
    .unwrap();
}

#[test]
fn a_chain_rewritten_or_cut_after_the_handoff_is_found_against_the_bundle() {
    let d = Desk::demo();
    let bundle = d.path("2026-11");
    let out = d.ok(&["export", "handoff", "--month", "2026-11", "--out", &bundle]);
    assert!(out.contains("审计链锚点"), "{out}");
    let manifest = std::fs::read_to_string(format!("{bundle}/manifest.csv")).unwrap();
    assert!(manifest.contains("（审计链：条数与链头）,"), "{manifest}");
    assert!(d.ok(&["verify-handoff", &bundle]).contains("一致"));
    // Work goes on after the handoff: the chain grows past the anchor and still holds.
    d.ok(&["void", "areas", "Q15", "--reason", "撤并"]);
    assert!(d.ok(&["verify", "--against", &bundle]).contains("链头一致"));

    rewrite_chain_from(&d, 10);
    assert!(
        d.ok(&["verify"]).contains("完整"),
        "the rewrite is consistent"
    );
    let err = d.fails(&["verify", "--against", &bundle]);
    assert!(err.contains("移交之后审计链被改写"), "{err}");
}

#[test]
fn an_edited_backup_is_refused_by_restore() {
    let d = Desk::demo();
    let backup = d.path("b.sqlite");
    d.ok(&["backup", "--to", &backup]);
    Connection::open(&backup)
        .unwrap()
        .execute_batch("UPDATE notices SET deadline = '2027-03-01' WHERE rowid = 1")
        .unwrap();
    let err = d.fails(&["restore", &backup]);
    assert!(
        err.contains("未通过检查") && err.contains("整改期限"),
        "{err}"
    );
}
