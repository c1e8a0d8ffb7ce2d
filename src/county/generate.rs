//! Townships for the county to merge: each a generated township of its own profile (how often
//! it is in time), handed off month by month as a township would.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::error::Result;
use crate::exchange::{Env, handoff};
use crate::generate::{Profile, gen_demo_with};
use crate::report::period::Period;
use crate::store::{Actor, Store, desk, verify};

const NAMES: [&str; 20] = [
    "卧牛河镇",
    "东山镇",
    "西沟乡",
    "南岔镇",
    "北岭乡",
    "红旗镇",
    "永安乡",
    "新发镇",
    "兴安镇",
    "长胜乡",
    "太平镇",
    "和平乡",
    "胜利镇",
    "团结乡",
    "前进镇",
    "光明乡",
    "富民镇",
    "丰收乡",
    "青山镇",
    "白云乡",
];

/// The township code of the `i`th generated township.
pub fn code(i: usize) -> String {
    format!("150783{:03}", 101 + i)
}

/// The team name of the `i`th generated township.
pub fn team(i: usize) -> String {
    match NAMES.get(i) {
        Some(n) => format!("{n}综合行政执法队"),
        None => format!("第{}镇综合行政执法队", i + 1),
    }
}

/// How often the `i`th township is in time: spread between 60 and 95 percent.
pub fn on_time(i: usize) -> usize {
    60 + (i * 37) % 36
}

/// What was generated: each township's database and its bundles, oldest month first.
pub struct Generated {
    pub townships: Vec<(String, PathBuf, Vec<PathBuf>)>,
}

/// Generates `n` townships over `years` at `scale` into `out`, each with a bundle per month
/// (the last `months` complete months, or all of them).
pub fn townships(
    n: usize,
    (years, scale, months): (u32, u32, Option<usize>),
    out: &Path,
    now: NaiveDateTime,
    tick: Option<crate::progress::Tick>,
) -> Result<Generated> {
    let actor = Actor {
        operator: "gen-demo".into(),
        now,
    };
    let mut done = Vec::new();
    for i in 0..n {
        if let Some(t) = tick {
            t.at(i as u64, n as u64);
        }
        let dir = out.join(code(i));
        let profile = Profile {
            seed: i as u64 + 1,
            on_time: on_time(i),
            tick: None,
        };
        let g = gen_demo_with(years, scale, &dir, now, profile)?;
        let mut store = Store::open(&g.db)?;
        let mut settings = store.settings()?;
        settings.team_name = team(i);
        settings.township_code = code(i);
        store.write(|tx| crate::store::settings::save(tx, &actor, &settings))?;
        if let Some(p) = verify::check(store.conn())?.problem() {
            return Err(crate::error::Error::invalid(format!(
                "生成的数据库未通过检查：{p}"
            )));
        }
        let mut bundles = Vec::new();
        // Handing off writes only audit rows: the calendar and settings hold for every month.
        let (calendar, settings) = (store.calendar()?, store.settings()?);
        for month in month_starts(now, years, months) {
            let period = Period::month_of(month);
            let bundle = dir.join(month.format("%Y-%m").to_string());
            let env = Env {
                conn: store.conn(),
                now,
                calendar: &calendar,
                settings: &settings,
                found: Default::default(),
            };
            let (_, anchor) = handoff::write_checked(&env, &period, false, &bundle)?;
            desk::handed_off(&store, &actor, &period.label, anchor.rows, &anchor.head)?;
            bundles.push(bundle);
        }
        done.push((team(i), g.db, bundles));
    }
    Ok(Generated { townships: done })
}

/// The first day of each complete month in the last `years` before `now` (the last `months`
/// of them if given).
fn month_starts(now: NaiveDateTime, years: u32, months: Option<usize>) -> Vec<NaiveDate> {
    let first_of = |d: NaiveDate| d.with_day(1).expect("day 1");
    let this_month = first_of(now.date());
    let start = first_of(now.date() - Duration::days(365 * i64::from(years)));
    let mut out = Vec::new();
    let mut m = this_month;
    while m > start {
        m = first_of(m - Duration::days(1));
        out.push(m);
        if months.is_some_and(|k| out.len() >= k) {
            break;
        }
    }
    out.reverse();
    out
}
