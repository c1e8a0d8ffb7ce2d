//! Generated officers (a grid worker in every six) and areas (main streets, key areas, villages).

use chrono::{Duration, NaiveDate};

use super::rng::{GIVEN, Rng, SURNAMES};

/// Per unit of scale.
const OFFICERS: usize = 12;
const AREAS: usize = 15;

pub const OFFICER_HEAD: [&str; 8] = [
    "工号",
    "姓名",
    "中队",
    "角色",
    "执法证号",
    "证件有效期至",
    "联系电话",
    "状态",
];

pub const AREA_HEAD: [&str; 5] = ["区域编号", "区域名称", "类型", "巡查频次", "所属村"];

/// The officers' rows, and the 工号 of those who may enforce (every one but the grid workers).
pub fn officers(rng: &mut Rng, scale: usize, today: NaiveDate) -> (Vec<Vec<String>>, Vec<String>) {
    let ids: Vec<String> = (1..=OFFICERS * scale).map(|i| format!("G{i:05}")).collect();
    let rows = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let grid = i % 6 == 5;
            vec![
                id.clone(),
                format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN)),
                format!("{}中队", i / 6 + 1),
                if grid { "网格员" } else { "执法队员" }.into(),
                if grid {
                    String::new()
                } else {
                    format!("1507{i:05}")
                },
                if grid {
                    String::new()
                } else {
                    (today + Duration::days(30 + rng.below(1500) as i64)).to_string()
                },
                format!("139{:08}", rng.below(100_000_000)),
                "在岗".into(),
            ]
        })
        .collect();
    let enforcers = ids
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % 6 != 5)
        .map(|(_, o)| o)
        .collect();
    (rows, enforcers)
}

/// The areas' rows: two main streets, a key area and two villages in every five.
pub fn areas(scale: usize) -> Vec<Vec<String>> {
    (1..=AREAS * scale)
        .map(|n| {
            let (kind, every) = match (n - 1) % 5 {
                0 | 1 => ("集镇主干道", "每日"),
                2 => ("重点区域", "每3日"),
                _ => ("行政村", "每周"),
            };
            vec![
                format!("A{n:05}"),
                format!("区域{n}"),
                kind.into(),
                every.into(),
                String::new(),
            ]
        })
        .collect()
}
