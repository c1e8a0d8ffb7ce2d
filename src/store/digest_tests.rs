//! Digest tests: the stored format of a record digest, kept byte for byte.

use super::*;

/// The digest as every audit row so far holds it: one JSON value per column through
/// `serde_json::Value`, hashed alone and as an array. Written out here so a faster
/// `digest_of` cannot drift from the digests stored in existing databases.
fn as_first_written(values: &[serde_json::Value], names: &[&str]) -> Digest {
    let cols = names
        .iter()
        .zip(values)
        .filter(|(n, _)| **n != "phone")
        .map(|(n, v)| {
            (
                n.to_string(),
                sha256_hex(v.to_string().as_bytes())[..16].into(),
            )
        })
        .collect();
    Digest {
        all: sha256_hex(serde_json::to_string(values).unwrap().as_bytes()),
        cols,
    }
}

#[test]
fn digest_of_keeps_the_stored_format_for_every_sqlite_type() {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE t (id, name, n, x, b, phone, gone);
         INSERT INTO t VALUES ('K1', '刘䶮 \"引号\" \\ 换行\n', 42, 2.5, x'00ff', '13800000000', NULL);",
    )
    .unwrap();
    let l = Ledger {
        kind: "t",
        noun: "测试",
        key: "id",
        find: "id = ?1",
        cols: "id, name, n, x, b, phone, gone",
        personal: &["phone"],
        later: &[],
        optional: &[],
    };
    let got = conn
        .query_row(&l.select("", 0), [], |r| l.digest_of(r))
        .unwrap();
    let values = [
        serde_json::json!("K1"),
        serde_json::json!("刘䶮 \"引号\" \\ 换行\n"),
        serde_json::json!(42),
        serde_json::json!(2.5),
        serde_json::json!(sha256_hex(&[0x00, 0xff])),
        serde_json::json!("13800000000"),
        serde_json::Value::Null,
    ];
    let names = ["id", "name", "n", "x", "b", "phone", "gone"];
    assert_eq!(got, as_first_written(&values, &names));
    // An optional column left NULL is not in the digest at all.
    let l = Ledger {
        optional: &["gone"],
        ..l
    };
    let got = conn
        .query_row(&l.select("", 0), [], |r| l.digest_of(r))
        .unwrap();
    assert_eq!(got, as_first_written(&values[..6], &names[..6]));
}
