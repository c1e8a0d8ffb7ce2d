//! History keeps no recoverable reporter: once a phone is replaced, no audit row, digest or
//! mask left behind lets anyone try the 10,000 numbers its mask leaves open and find it.

use chrono::NaiveDateTime;

use super::digest::{Digest, column_hash};
use super::record::upsert;
use super::*;
use crate::domain::Complaint;

fn actor() -> Actor {
    Actor {
        operator: "W001".into(),
        now: NaiveDateTime::parse_from_str("2026-11-23 08:30", "%Y-%m-%d %H:%M").unwrap(),
    }
}

/// The 10,000 phones the mask `139****5678` leaves open, each tried against every phone hash
/// the history holds, with every salt an attacker can read; true when one matches.
fn search(history: &[AuditRow], phone_at: usize, mask: &str, salts: &[Vec<u8>]) -> Option<String> {
    let hashes: Vec<&str> = history
        .iter()
        .filter_map(|r| r.digest.as_deref())
        .filter_map(Digest::parse)
        .filter_map(|d| d.cols.get(phone_at).copied())
        .collect();
    assert!(!hashes.is_empty());
    let (head, tail) = (&mask[..3], &mask[7..]);
    for middle in 0..10_000 {
        let candidate = format!("{head}{middle:04}{tail}");
        for salt in salts {
            let h = column_hash("phone", Some(salt), candidate.as_str().into());
            let short = crate::store::chain::hex(&h[..8]);
            if hashes.contains(&short.as_str()) {
                return Some(candidate);
            }
        }
    }
    None
}

#[test]
fn a_replaced_phone_cannot_be_found_from_the_history_by_trying_its_mask() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store, &actor()).unwrap();
    let id = "TS-2026-0007";
    let old: Complaint = Complaint::load(store.conn(), id).unwrap().unwrap();
    assert_eq!(old.phone.len(), 11, "the demo reporter has a mobile phone");
    let salt_then = |s: &Store| -> Vec<u8> {
        s.conn()
            .query_row("SELECT salt FROM complaints WHERE id = ?1", [id], |r| {
                r.get::<_, String>(0)
            })
            .unwrap()
            .into_bytes()
    };
    let old_salt = salt_then(&store);
    let mut new = old.clone();
    new.phone = "13700001111".into();
    store
        .write_with_rules(&actor(), |tx, ctx| upsert(tx, ctx, &new))
        .unwrap();
    let live_salt = salt_then(&store);
    assert_ne!(live_salt, old_salt, "a new phone takes a new salt");

    let history = audit::history(store.conn(), "complaints", id).unwrap();
    let names: Vec<String> = {
        let l = digest::ledger("complaints").unwrap();
        let sql = l.select_all(store.conn()).unwrap();
        let stmt = store.conn().prepare(&sql).unwrap();
        stmt.column_names().skip(1).map(|s| s.to_string()).collect()
    };
    let phone_at = names.iter().position(|n| n == "phone").unwrap();
    // What the history shows of the old phone: its mask, and nothing in clear.
    let mask = crate::domain::personal::phone(&old.phone);
    let texts: String = history
        .iter()
        .flat_map(|r| [r.before.clone(), r.after.clone()])
        .flatten()
        .collect();
    assert!(texts.contains(&mask) && !texts.contains(&old.phone));
    // Every salt an attacker holds: the live row's, none, and the mask's digits.
    let found = search(&history, phone_at, &mask, &[live_salt, Vec::new()]);
    assert_eq!(
        found, None,
        "the replaced phone was recovered from the history"
    );
    // The search itself works: with the salt the row had then, it finds the old phone.
    assert_eq!(
        search(&history, phone_at, &mask, &[old_salt]),
        Some(old.phone.clone())
    );
}
