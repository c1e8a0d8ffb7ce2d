//! Digest tests: the stored format written out by hand, and what each column's hash binds.

use super::*;
use crate::store::chain::sha256_hex;

fn ledger_t(personal: &'static [&'static str]) -> Ledger {
    Ledger {
        kind: "t",
        noun: "测试",
        key: "id",
        find: "id = ?1",
        cols: "id, a, b, n, x, blob, phone, salt",
        personal,
        later: &[],
        optional: &[],
    }
}

fn digest_row(conn: &Connection, l: &Ledger, id: &str) -> Digest {
    let sql = l.select("WHERE id = ?1", 0);
    conn.query_row(&sql, [id], |r| l.digest_of(r)).unwrap()
}

fn table() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE t (id, a, b, n, x, blob, phone, salt);
         INSERT INTO t VALUES ('K1', '刘䶮 \"引号\"', NULL, 42, 2.5, x'00ff', '13800000000', 'ab');
         INSERT INTO t VALUES ('K2', NULL, '刘䶮 \"引号\"', 42, 2.5, x'00ff', '13800000000', 'ab');
         INSERT INTO t VALUES ('K3', '', NULL, 42, 2.5, x'00ff', '13800000000', 'ab');
         INSERT INTO t VALUES ('K4', NULL, NULL, 42, 2.5, x'00ff', '13800000000', 'ab');
         INSERT INTO t VALUES ('K5', '刘䶮 \"引号\"', NULL, 42, 2.5, x'00ff', '13800000000', 'cd');",
    )
    .unwrap();
    conn
}

/// The format written out from its description, byte by byte, apart from the code.
#[test]
fn the_stored_format_is_sha256_over_name_type_and_value() {
    let conn = table();
    let got = digest_row(&conn, &ledger_t(&["phone"]), "K1");
    let col = |name: &str, rest: &[u8]| {
        let mut input = b"zhifa-desk digest 2\0".to_vec();
        input.extend_from_slice(name.as_bytes());
        input.push(0);
        input.extend_from_slice(rest);
        input
    };
    let mut real = b"R".to_vec();
    real.extend_from_slice(&2.5f64.to_bits().to_be_bytes());
    let mut int = b"I".to_vec();
    int.extend_from_slice(&42i64.to_be_bytes());
    let inputs = [
        col("id", b"TK1"),
        col("a", "T刘䶮 \"引号\"".as_bytes()),
        col("b", b"N"),
        col("n", &int),
        col("x", &real),
        col("blob", b"B\x00\xff"),
        col("phone", b"Sab\0T13800000000"),
        col("salt", b"Tab"),
    ];
    let hashes: Vec<String> = inputs.iter().map(|i| sha256_hex(i)).collect();
    let all_input: Vec<u8> = hashes
        .iter()
        .flat_map(|h| (0..32).map(move |i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap()))
        .collect();
    assert_eq!(got.all, sha256_hex(&all_input));
    let shorts: Vec<&str> = hashes.iter().map(|h| &h[..16]).collect();
    let got_shorts: Vec<&str> = got.cols.iter().map(|(_, h)| h.as_str()).collect();
    assert_eq!(got_shorts, shorts);
    let text = got.to_text();
    assert_eq!(text, format!("2:{}:{}", got.all, shorts.concat()));
    let stored = Digest::parse(&text).unwrap();
    assert!(got.differences(&stored).is_empty());
}

#[test]
fn a_value_moved_to_another_column_or_a_null_for_an_empty_text_is_named() {
    let conn = table();
    let l = ledger_t(&["phone"]);
    let k1 = digest_row(&conn, &l, "K1");
    let text = k1.to_text();
    let stored = Digest::parse(&text).unwrap();
    // K2 is K1 (under another key) with the text moved from a to b: both columns are named.
    assert_eq!(
        digest_row(&conn, &l, "K2").differences(&stored),
        ["id", "a", "b"]
    );
    let k3 = digest_row(&conn, &l, "K3").to_text();
    let k4 = digest_row(&conn, &l, "K4");
    assert_eq!(k4.differences(&Digest::parse(&k3).unwrap()), ["id", "a"]);
    // A new salt changes the personal column's hash (and the salt's own), nothing else.
    assert_eq!(
        digest_row(&conn, &l, "K5").differences(&stored),
        ["id", "phone", "salt"]
    );
    // Without the salt's privilege, the phone is hashed like any other column.
    let plain = ledger_t(&[]);
    assert_eq!(
        digest_row(&conn, &plain, "K5")
            .differences(&Digest::parse(&digest_row(&conn, &plain, "K1").to_text()).unwrap()),
        ["id", "salt"]
    );
}

#[test]
fn a_garbled_or_short_digest_is_not_read_as_one() {
    let conn = table();
    let text = digest_row(&conn, &ledger_t(&[]), "K1").to_text();
    assert!(Digest::parse(&text[..text.len() - 3]).is_none());
    assert!(Digest::parse(&text.replacen('2', "1", 1)).is_none());
    assert!(Digest::parse("{\"all\":\"00\",\"cols\":[]}").is_none());
    // A digest covering fewer columns than the row has holds for none of the rest.
    let cut = &text[..text.len() - 16];
    let found = digest_row(&conn, &ledger_t(&[]), "K1");
    assert_eq!(found.differences(&Digest::parse(cut).unwrap()), ["salt"]);
}
