//! Fuzzes the date, time and list parsers: no panic, and what parses prints back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhifa_desk::exchange::parse;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = parse::date(text) {
        assert_eq!(parse::date(&parse::fmt_date(d)), Ok(d));
    }
    if let Ok(t) = parse::time(text) {
        assert_eq!(parse::time(&parse::fmt_time(t)), Ok(t));
    }
    if let Ok(t) = parse::datetime(text) {
        assert_eq!(parse::datetime(&parse::fmt_datetime(t)), Ok(t));
    }
    let _ = parse::list(text);
    let _ = parse::yes_no(text);
    let _ = zhifa_desk::clock::parse_now(text);
    let _ = zhifa_desk::exchange::stream::decode_all(data);
});
