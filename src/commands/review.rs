//! Commands for 案卷自查: one file's score and faults, or a period's files with the 合格率.

use zhifa_desk::domain::review::{PASS_TARGET, Review};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::report::bulletin::{percent, verdict};
use zhifa_desk::report::period::Period;
use zhifa_desk::store::{Store, review};
use zhifa_desk::text;

use crate::cli_files::ReviewArgs;

pub(super) fn run(store: &Store, now: chrono::NaiveDateTime, a: ReviewArgs) -> Result<()> {
    let conn = store.conn();
    if let Some(key) = &a.key {
        let r = review::of(conn, key, now)?.ok_or_else(|| Error::NotFound {
            kind: "案卷（整改通知或投诉）",
            key: key.clone(),
        })?;
        return show(&[r], a.json, true);
    }
    let period = match (&a.month, &a.year) {
        (Some(m), _) => Period::month(m)?,
        (None, Some(y)) => Period::year(y)?,
        (None, None) => Period::year_of(now.date()),
    };
    let reviews = review::between(conn, (period.from, period.to), now)?;
    if a.json {
        return show(&reviews, true, true);
    }
    let f = zhifa_desk::report::review::tally(&reviews);
    println!(
        "案卷自查 {}（{} 至 {}）：已办结案卷 {} 件，合格 {} 件，合格率 {}（目标 {:.0}%）{}",
        period.label,
        period.from,
        period.to,
        f.files,
        f.passed,
        percent(f.rate),
        PASS_TARGET * 100.0,
        verdict(f.rate, PASS_TARGET)
    );
    if !f.faults.is_empty() {
        let common: Vec<String> = f
            .faults
            .iter()
            .map(|c| format!("{} {} 件", c.name, c.count))
            .collect();
        println!("常见问题：{}", common.join("、"));
    }
    let shown: Vec<Review> = reviews
        .into_iter()
        .filter(|r| a.all || !r.faults.is_empty())
        .collect();
    let open = reviews_open(&shown);
    println!(
        "{}（{} 件，其中办理中 {open} 件）：",
        if a.all {
            "全部案卷"
        } else {
            "有扣分的案卷"
        },
        shown.len()
    );
    show(&shown, false, false)
}

fn reviews_open(r: &[Review]) -> usize {
    r.iter().filter(|r| !r.finished).count()
}

fn show(reviews: &[Review], json: bool, head: bool) -> Result<()> {
    if json {
        let json = serde_json::to_string_pretty(reviews).expect("reviews serialize");
        println!("{}", text::json_safe(&json));
        return Ok(());
    }
    let mut out = String::new();
    for r in reviews {
        let state = if r.finished { "已办结" } else { "办理中" };
        out.push_str(&format!(
            "{}{} {}  {state}  {}（检查 {} 项）\n",
            if head { "案卷自查 " } else { "  " },
            r.kind,
            r.key,
            r.verdict(),
            r.checked
        ));
        for f in &r.faults {
            out.push_str(&format!(
                "      扣 {:>2} 分  {}（{}）：{}\n",
                f.lost, f.point, f.category, f.detail
            ));
        }
    }
    print!("{}", text::printable(&out));
    Ok(())
}
