//! The fuzz targets' promise kept in every `cargo test`: mutated seed files and odd date text
//! never panic the importer or the parsers (cargo fuzz explores further; see fuzz/).

use crate::store::{Actor, Store};
use crate::written;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// Bytes that break CSV files in interesting ways.
const NASTY: &[&[u8]] = &[
    b"\"",
    b",",
    b"\n",
    b"\r",
    b"\0",
    b"\xff",
    b"\xe5\x8d",
    b"'=",
    b"\t",
    b"2026-02-30",
    b"25:00",
    b"\xef\xbb\xbf",
    b"\"\"",
    "、".as_bytes(),
];

fn mutate(rng: &mut Lcg, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..=rng.next(4) {
        let at = rng.next(b.len() + 1);
        match rng.next(5) {
            0 => b.truncate(at),
            1 => {
                let n = NASTY[rng.next(NASTY.len())];
                b.splice(at..at, n.iter().copied());
            }
            2 if at < b.len() => b[at] ^= 1 << rng.next(8),
            3 => {
                let end = (at + rng.next(64)).min(b.len());
                b.drain(at..end);
            }
            _ => {
                let end = (at + rng.next(200)).min(b.len());
                let copy = b[at..end].to_vec();
                b.splice(at..at, copy);
            }
        }
    }
    b
}

#[test]
fn mutated_seed_files_never_panic_the_importer() {
    let actor = Actor {
        operator: "test".into(),
        now: crate::clock::parse_now("2026-11-23 08:30").unwrap(),
    };
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store, &actor).unwrap();
    let mut rng = Lcg(20261123);
    let mut refused = 0;
    for i in 0..1200 {
        let (kind, _, text) = crate::demo::SEEDS[i % crate::demo::SEEDS.len()];
        let bytes = mutate(&mut rng, text.as_bytes());
        if kind
            .import(&mut store, &actor, "m.csv", &bytes, true)
            .is_err()
        {
            refused += 1;
        }
    }
    // Most mutations break something; some (a changed description) are still valid rows.
    assert!(
        refused > 600,
        "only {refused} of 1200 mutated files were refused"
    );
}

#[test]
fn odd_text_never_panics_the_parsers_and_what_parses_prints_back() {
    let mut rng = Lcg(7);
    let alphabet: Vec<char> = "0123456789-/.年月日: 　T２０\u{0}\u{ffff}é"
        .chars()
        .collect();
    for _ in 0..20_000 {
        let len = rng.next(20);
        let s: String = (0..len)
            .map(|_| alphabet[rng.next(alphabet.len())])
            .collect();
        if let Ok(d) = written::date(&s) {
            assert_eq!(written::date(&written::fmt_date(d)), Ok(d), "{s:?}");
        }
        if let Ok(t) = written::time(&s) {
            assert_eq!(written::time(&written::fmt_time(t)), Ok(t), "{s:?}");
        }
        if let Ok(t) = written::datetime(&s) {
            assert_eq!(written::datetime(&written::fmt_datetime(t)), Ok(t), "{s:?}");
        }
        let _ = super::stream::decode_all(s.as_bytes());
    }
}
