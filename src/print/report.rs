//! A period report as text: the bulletin's rows grouped under their sections.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;
use zhifa_desk::report::bulletin;
use zhifa_desk::report::figures::Report;

pub fn report(r: &Report) -> String {
    let mut s = String::new();
    let mut section = String::new();
    for row in bulletin::rows(r) {
        let [sec, item, value, target] = [&row[0], &row[1], &row[2], &row[3]];
        if *sec != section {
            let _ = writeln!(s, "\n【{sec}】");
            section = sec.clone();
        }
        let pad = 28usize.saturating_sub(item.width()).max(1);
        let target = if target.is_empty() {
            String::new()
        } else {
            format!("（目标 {target}）")
        };
        let _ = writeln!(s, "  {item}{}{value}{target}", " ".repeat(pad));
    }
    s.trim_start().to_string()
}
