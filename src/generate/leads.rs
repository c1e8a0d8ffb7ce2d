//! Generated leads (投诉线索): when each came in and how far it got, in time or late.

use chrono::{Datelike, Duration, NaiveDateTime};

use super::Year;
use super::rng::{CHANNELS, GIVEN, PROBLEMS, Rng, SURNAMES, fmt_dt};

/// Per year and unit of scale (scale 1 over 10 years gives about 20,000 leads).
const COMPLAINTS_PER_YEAR: usize = 2_000;

/// The leads of one year: times spread over `year`, none after `now`; the ids of those that
/// stand (not voided) are added to `standing`, for notices to refer to.
pub fn year(
    rng: &mut Rng,
    year: &Year,
    on_time: usize,
    codes: (&[String], &[String]),
    standing: &mut Vec<String>,
) -> Vec<Vec<String>> {
    let (areas, matters) = codes;
    let span = (year.to - year.from).num_minutes().max(1) as usize;
    let mut times: Vec<NaiveDateTime> = (0..COMPLAINTS_PER_YEAR * year.scale)
        .map(|_| {
            year.from.and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(rng.below(span) as i64)
        })
        .filter(|t| *t <= year.now)
        .collect();
    times.sort();
    times
        .iter()
        .enumerate()
        .map(|(k, &at)| {
            let id = format!("GC-{}-{:07}", at.year(), year.index * 1_000_000 + k);
            let lead = Lead {
                id: id.clone(),
                at,
                now: year.now,
                on_time,
            };
            let row = complaint_row(rng, lead, areas, matters);
            // A notice may only refer to a complaint that stands.
            if row[9] != "已作废" {
                standing.push(id);
            }
            row
        })
        .collect()
}

pub const HEAD: [&str; 15] = [
    "编号",
    "受理时间",
    "来源渠道",
    "举报人",
    "联系电话",
    "所属区域",
    "事项编号",
    "问题描述",
    "复杂程度",
    "状态",
    "核查时间",
    "处置结果",
    "反馈时间",
    "办结时间",
    "作废原因",
];

/// One generated lead: its number, when it came in, now, and how often steps are in time.
struct Lead {
    id: String,
    at: NaiveDateTime,
    now: NaiveDateTime,
    on_time: usize,
}

fn complaint_row(rng: &mut Rng, lead: Lead, areas: &[String], matters: &[String]) -> Vec<String> {
    let Lead {
        id,
        at,
        now,
        on_time,
    } = lead;
    let age_days = (now - at).num_days();
    let on_list = rng.chance(90);
    let complex = rng.chance(20);
    let later = |rng: &mut Rng, base: NaiveDateTime, max_hours: usize| {
        (base + Duration::minutes(30 + rng.below(max_hours * 60) as i64)).min(now)
    };
    let mut state = "已受理";
    let (mut verified, mut result, mut fed, mut closed, mut void) = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    let roll = rng.below(100);
    if roll < 2 {
        state = "已作废";
        void = "重复登记".into();
    } else if !on_list && age_days > 2 {
        state = "已移送";
        result = "移送县有关部门".into();
        closed = fmt_dt(later(rng, at, 48));
    } else if age_days > 12 || roll < 40 {
        let hours = if rng.chance(on_time) { 20 } else { 60 };
        let v = later(rng, at, hours);
        verified = fmt_dt(v);
        state = "核查中";
        if age_days > 3 {
            state = "处置中";
            result = "已责令当事人改正".into();
        }
        if age_days > 8 {
            let hours = if rng.chance(on_time) { 100 } else { 300 };
            let f = later(rng, v, hours);
            fed = fmt_dt(f);
            state = "已反馈";
            if age_days > 12 {
                closed = fmt_dt(later(rng, f, 48));
                state = "已结案";
            }
        }
    }
    vec![
        id,
        fmt_dt(at),
        rng.pick(&CHANNELS).to_string(),
        format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN)),
        format!("138{:08}", rng.below(100_000_000)),
        rng.pick(areas).clone(),
        if on_list {
            rng.pick(matters).clone()
        } else {
            String::new()
        },
        rng.pick(&PROBLEMS).to_string(),
        if complex { "复杂" } else { "一般" }.into(),
        state.into(),
        verified,
        result,
        fed,
        closed,
        void,
    ]
}
