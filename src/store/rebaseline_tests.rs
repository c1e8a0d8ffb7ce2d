//! Migration 10 on a file of version 9: records that hold against their format-1 digests are
//! baselined in format 2; one changed behind the audit's back before the upgrade stays named.

use rusqlite::Connection;

use crate::store::chain::{self, sha256_hex};
use crate::store::{AuditRow, Store, audit, migrate, verify};

/// The format-1 digest as version 9 wrote it: every value as JSON, hashed alone and as an
/// array (officers have no personal or optional columns).
fn format1(conn: &Connection, id: &str) -> String {
    let values: Vec<serde_json::Value> = conn
        .query_row(
            "SELECT id, name, squad, role, cert_no, cert_expiry, phone, status, void_reason
             FROM officers WHERE id = ?1",
            [id],
            |r| {
                (0..9)
                    .map(|i| {
                        Ok(match r.get::<_, Option<String>>(i)? {
                            Some(s) => serde_json::Value::String(s),
                            None => serde_json::Value::Null,
                        })
                    })
                    .collect()
            },
        )
        .unwrap();
    let names = [
        "id",
        "name",
        "squad",
        "role",
        "cert_no",
        "cert_expiry",
        "phone",
        "status",
        "void_reason",
    ];
    let cols: Vec<(String, String)> = names
        .iter()
        .zip(&values)
        .map(|(n, v)| {
            (
                n.to_string(),
                sha256_hex(v.to_string().as_bytes())[..16].into(),
            )
        })
        .collect();
    let all = sha256_hex(serde_json::to_string(&values).unwrap().as_bytes());
    serde_json::json!({ "all": all, "cols": cols }).to_string()
}

#[test]
fn a_record_changed_before_the_upgrade_stays_named_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.sqlite");
    {
        let mut c = Connection::open(&path).unwrap();
        migrate::migrate_to(&mut c, "v9", 9).unwrap();
        c.execute_batch(
            "INSERT INTO officers (id, name, role, status) VALUES ('W001', '赵建国', '队长', '在岗');
             INSERT INTO officers (id, name, role, status) VALUES ('W002', '钱志强', '执法队员', '在岗');",
        )
        .unwrap();
        for id in ["W001", "W002"] {
            let (n, prev) = audit::next_link(&c).unwrap();
            let row = AuditRow {
                id: n,
                at: "2026-11-01 09:00".into(),
                operator: "W001".into(),
                action: "新增".into(),
                kind: "officers".into(),
                key: id.into(),
                before: None,
                after: Some("{}".into()),
                digest: Some(format1(&c, id)),
                reason: None,
            };
            audit::insert(&c, &row, &prev, &chain::hash(&prev, &row)).unwrap();
        }
        // The format-1 reader agrees with the digests as version 9 wrote them.
        let tx = c.transaction().unwrap();
        let officers = crate::store::digest::ledger("officers").unwrap();
        let held = super::held_by_old_digests(&tx, officers).unwrap();
        assert_eq!(
            held,
            [("W001".to_string(), None), ("W002".to_string(), None)]
        );
        drop(tx);
        c.execute("UPDATE officers SET name = '冒名' WHERE id = 'W002'", [])
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let problems = verify::check(store.conn()).unwrap().problems();
    let named: Vec<&String> = problems.iter().filter(|p| p.contains("人员「")).collect();
    assert_eq!(named.len(), 1, "{problems:?}");
    assert!(
        named[0].contains("W002") && named[0].contains("升级前已与审计记录不符（名称）"),
        "{problems:?}"
    );
    let digest: String = store
        .conn()
        .query_row(
            "SELECT digest FROM audit WHERE key = 'W001' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(digest.starts_with("2:"), "{digest}");
}
