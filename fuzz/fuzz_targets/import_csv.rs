//! Fuzzes CSV import of every kind against the demo township: any bytes, no panic.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use zhifa_desk::exchange::KindName;
use zhifa_desk::store::{Actor, Store};


fn actor() -> Actor {
    Actor {
        operator: "fuzz".into(),
        now: zhifa_desk::clock::parse_now("2026-11-23 08:30").unwrap(),
    }
}

thread_local! {
    // Loaded once: every input is a dry run, rolled back, so the store never changes.
    static STORE: RefCell<Store> = RefCell::new({
        let mut s = Store::open_in_memory().unwrap();
        zhifa_desk::demo::load(&mut s, &actor()).unwrap();
        s
    });
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let kind = KindName::ALL[usize::from(pick) % KindName::ALL.len()];
    STORE.with(|s| {
        let _ = kind.import(&mut s.borrow_mut(), &actor(), "fuzz.csv", bytes, true);
    });
});
