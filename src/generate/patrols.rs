//! Generated patrols over each year, and a roster for the last four weeks and the next one.

use chrono::{Duration, NaiveDate, NaiveTime};

use super::Year;
use super::rng::Rng;

/// Per year and unit of scale (scale 1 over 10 years gives about 100,000 patrols).
const PATROLS_PER_YEAR: usize = 10_000;

pub const HEAD: [&str; 9] = [
    "记录编号",
    "日期",
    "开始时间",
    "结束时间",
    "巡查组",
    "人员",
    "区域",
    "巡查情况",
    "发现问题",
];

pub const ROSTER_HEAD: [&str; 5] = ["日期", "巡查组", "人员", "区域", "班次"];

/// The patrols of one year, two enforcers and two areas each, none after today.
pub fn year(
    rng: &mut Rng,
    year: &Year,
    enforcers: &[String],
    areas: &[String],
) -> Vec<Vec<String>> {
    (0..PATROLS_PER_YEAR * year.scale)
        .map(|k| {
            let date =
                (year.from + Duration::days(rng.below(year.days()) as i64)).min(year.now.date());
            let start_t = NaiveTime::from_hms_opt(8 + rng.below(9) as u32, 0, 0).unwrap();
            let a = rng.below(areas.len());
            let b = (a + 1 + rng.below(3)) % areas.len();
            let o = rng.below(enforcers.len());
            vec![
                format!("GP{:09}", year.index * 100_000_000 + k),
                date.to_string(),
                start_t.format("%H:%M").to_string(),
                (start_t + Duration::minutes(40 + rng.below(80) as i64))
                    .format("%H:%M")
                    .to_string(),
                format!("第{}组", o % 9 + 1),
                format!("{}、{}", enforcers[o], enforcers[(o + 1) % enforcers.len()]),
                format!("{}、{}", areas[a], areas[b]),
                if rng.chance(10) {
                    "发现问题已处置"
                } else {
                    "未发现违法行为"
                }
                .into(),
                if rng.chance(10) { "是" } else { "否" }.into(),
            ]
        })
        .collect()
}

/// The last four weeks and the next one get a roster, so the desk has a day to show.
pub fn roster(
    today: NaiveDate,
    scale: usize,
    enforcers: &[String],
    areas: &[String],
) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for d in -28..7 {
        let date = today + Duration::days(d);
        for t in 0..3 * scale {
            let o = (t * 2) % enforcers.len();
            let a = (t * 5) % areas.len();
            rows.push(vec![
                date.to_string(),
                format!("第{}组", t + 1),
                format!("{}、{}", enforcers[o], enforcers[(o + 1) % enforcers.len()]),
                (0..5)
                    .map(|i| areas[(a + i) % areas.len()].clone())
                    .collect::<Vec<_>>()
                    .join("、"),
                "全天".into(),
            ]);
        }
    }
    rows
}
