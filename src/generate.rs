//! `gen-demo`: a busy township (or a county of them) over many years, as CSV ledgers valid
//! under the importer's own checks, imported into a fresh database for scale tests.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::error::{Error, Result};
use crate::exchange::KindName;
use crate::exchange::export::to_csv;
use crate::store::{Actor, Store};

/// Per year and unit of scale: complaints, notices, patrols (scale 1 over 10 years gives about
/// 20,000 complaints, 5,000 notices and 100,000 patrols).
const COMPLAINTS_PER_YEAR: usize = 2_000;
const NOTICES_PER_YEAR: usize = 500;
const PATROLS_PER_YEAR: usize = 10_000;
const OFFICERS: usize = 12;
const AREAS: usize = 15;

/// A small, fast, seedable generator: the same inputs give the same township.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: [&str; 12] = [
    "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰",
];
const CHANNELS: [&str; 7] = [
    "12345热线",
    "信访",
    "现场举报",
    "上级交办",
    "部门移送",
    "网格上报",
    "巡查发现",
];
const PROBLEMS: [&str; 8] = [
    "占道经营",
    "夜间施工噪声",
    "违规焚烧垃圾",
    "私搭乱建",
    "油烟直排",
    "乱堆乱放",
    "擅设广告牌",
    "河道采砂",
];

/// What `gen-demo` made.
pub struct Generated {
    pub db: PathBuf,
    pub files: Vec<(PathBuf, usize)>,
}

fn fmt_dt(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Writes `years` of ledgers at `scale` into `dir` and imports them into `dir/zhifa-desk.sqlite`.
/// What makes one generated township differ from another, and who hears how far it got.
#[derive(Debug, Clone, Copy)]
pub struct Profile<'a> {
    /// Mixed into the random seed.
    pub seed: u64,
    /// The share (percent) of steps done in time.
    pub on_time: usize,
    /// Told the files imported so far, of all.
    pub tick: Option<crate::progress::Tick<'a>>,
}

impl Default for Profile<'_> {
    fn default() -> Self {
        Profile {
            seed: 0,
            on_time: 85,
            tick: None,
        }
    }
}

pub fn gen_demo(years: u32, scale: u32, dir: &Path, now: NaiveDateTime) -> Result<Generated> {
    gen_demo_with(years, scale, dir, now, Profile::default())
}

/// As `gen_demo`, for a township of the given `profile`.
pub fn gen_demo_with(
    years: u32,
    scale: u32,
    dir: &Path,
    now: NaiveDateTime,
    profile: Profile,
) -> Result<Generated> {
    // officers, areas, matters and roster, and complaints, notices and patrols for each year.
    let total_files = 4 + 3 * u64::from(years);
    if years == 0 || scale == 0 {
        return Err(Error::invalid("--years 和 --scale 须为正整数"));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let db = dir.join("zhifa-desk.sqlite");
    if db.exists() {
        return Err(Error::invalid(format!(
            "{} 已存在；gen-demo 只写入新的目录",
            db.display()
        )));
    }
    let scale = scale as usize;
    let mut rng = Rng(0x5EED ^ scale as u64 ^ u64::from(years) << 32 ^ profile.seed << 40);
    let start = now.date() - Duration::days(365 * i64::from(years));
    let actor = Actor {
        operator: "gen-demo".into(),
        now,
    };
    let mut store = Store::open(&db)?;
    let mut files = Vec::new();
    let mut import = |store: &mut Store, kind: KindName, name: String, bytes: Vec<u8>, rows| {
        let path = dir.join(&name);
        std::fs::write(&path, &bytes).map_err(|e| Error::io(&path, e))?;
        kind.import(store, &actor, &name, &bytes, false)?;
        files.push((path, rows));
        if let Some(t) = profile.tick {
            t.at(files.len() as u64, total_files);
        }
        Ok::<(), Error>(())
    };

    let officers: Vec<String> = (1..=OFFICERS * scale).map(|i| format!("G{i:05}")).collect();
    let rows: Vec<Vec<String>> = officers
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
                    (now.date() + Duration::days(30 + rng.below(1500) as i64)).to_string()
                },
                format!("139{:08}", rng.below(100_000_000)),
                "在岗".into(),
            ]
        })
        .collect();
    let n = rows.len();
    let head = [
        "工号",
        "姓名",
        "中队",
        "角色",
        "执法证号",
        "证件有效期至",
        "联系电话",
        "状态",
    ];
    import(
        &mut store,
        KindName::Officers,
        "officers.csv".into(),
        to_csv(&head, &rows),
        n,
    )?;
    let enforcers: Vec<&String> = officers
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 6 != 5)
        .map(|(_, o)| o)
        .collect();

    let areas: Vec<String> = (1..=AREAS * scale).map(|i| format!("A{i:05}")).collect();
    let rows: Vec<Vec<String>> = areas
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let (kind, every) = match i % 5 {
                0 | 1 => ("集镇主干道", "每日"),
                2 => ("重点区域", "每3日"),
                _ => ("行政村", "每周"),
            };
            vec![
                id.clone(),
                format!("区域{}", i + 1),
                kind.into(),
                every.into(),
                String::new(),
            ]
        })
        .collect();
    let n = rows.len();
    let head = ["区域编号", "区域名称", "类型", "巡查频次", "所属村"];
    import(
        &mut store,
        KindName::Areas,
        "areas.csv".into(),
        to_csv(&head, &rows),
        n,
    )?;

    let matters = crate::demo::SEEDS[2].2.to_string();
    import(
        &mut store,
        KindName::Matters,
        "matters.csv".into(),
        matters.into_bytes(),
        30,
    )?;
    let matter_ids: Vec<String> = (1..=30).map(|i| format!("M{i:02}")).collect();

    let days = (now.date() - start).num_days().max(1) as usize;
    let mut complaint_ids: Vec<String> = Vec::new();
    for y in 0..years as usize {
        let from = start + Duration::days((y * days / years as usize) as i64);
        let to = start + Duration::days(((y + 1) * days / years as usize) as i64);
        let span = (to - from).num_minutes().max(1) as usize;
        let mut times: Vec<NaiveDateTime> = (0..COMPLAINTS_PER_YEAR * scale)
            .map(|_| from.and_hms_opt(0, 0, 0).unwrap() + Duration::minutes(rng.below(span) as i64))
            .filter(|t| *t <= now)
            .collect();
        times.sort();
        let rows: Vec<Vec<String>> = times
            .iter()
            .enumerate()
            .map(|(k, &at)| {
                let id = format!("GC-{}-{:07}", at.year(), y * 1_000_000 + k);
                let lead = Lead {
                    id: id.clone(),
                    at,
                    now,
                    on_time: profile.on_time,
                };
                let row = complaint_row(&mut rng, lead, &areas, &matter_ids);
                // A notice may only refer to a complaint that stands.
                if row[9] != "已作废" {
                    complaint_ids.push(id);
                }
                row
            })
            .collect();
        let n = rows.len();
        let head = [
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
        import(
            &mut store,
            KindName::Complaints,
            format!("complaints-{}.csv", y + 1),
            to_csv(&head, &rows),
            n,
        )?;

        let rows: Vec<Vec<String>> = (0..NOTICES_PER_YEAR * scale)
            .map(|k| {
                let issued =
                    from + Duration::days(rng.below((to - from).num_days().max(1) as usize) as i64);
                notice_row(
                    &mut rng,
                    format!("生成整〔{}〕第{}号", issued.year(), y * 1_000_000 + k + 1),
                    issued.min(now.date()),
                    now.date(),
                    &areas,
                    &matter_ids,
                    &complaint_ids,
                )
            })
            .collect();
        let n = rows.len();
        let head = [
            "文书编号",
            "当事人",
            "地址",
            "所属区域",
            "事项编号",
            "存在问题",
            "法律依据",
            "下达日期",
            "整改期限",
            "状态",
            "复查日期",
            "复查结果",
            "关联投诉编号",
            "延期原因",
            "作废原因",
        ];
        import(
            &mut store,
            KindName::Notices,
            format!("notices-{}.csv", y + 1),
            to_csv(&head, &rows),
            n,
        )?;

        let rows: Vec<Vec<String>> = (0..PATROLS_PER_YEAR * scale)
            .map(|k| {
                let date = (from
                    + Duration::days(rng.below((to - from).num_days().max(1) as usize) as i64))
                .min(now.date());
                let start_t = NaiveTime::from_hms_opt(8 + rng.below(9) as u32, 0, 0).unwrap();
                let a = rng.below(areas.len());
                let b = (a + 1 + rng.below(3)) % areas.len();
                let o = rng.below(enforcers.len());
                vec![
                    format!("GP{:09}", y * 100_000_000 + k),
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
            .collect();
        let n = rows.len();
        let head = [
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
        import(
            &mut store,
            KindName::Patrols,
            format!("patrols-{}.csv", y + 1),
            to_csv(&head, &rows),
            n,
        )?;
    }

    // The last four weeks and the next one get a roster, so the desk has a day to show.
    let mut rows = Vec::new();
    for d in -28..7 {
        let date = now.date() + Duration::days(d);
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
    let n = rows.len();
    import(
        &mut store,
        KindName::Roster,
        "roster.csv".into(),
        to_csv(&["日期", "巡查组", "人员", "区域", "班次"], &rows),
        n,
    )?;
    Ok(Generated { db, files })
}

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

#[allow(clippy::too_many_arguments)]
fn notice_row(
    rng: &mut Rng,
    id: String,
    issued: NaiveDate,
    today: NaiveDate,
    areas: &[String],
    matters: &[String],
    complaints: &[String],
) -> Vec<String> {
    let deadline = issued + Duration::days(7 + rng.below(24) as i64);
    let mut state = "待整改";
    let (mut re_date, mut re_result, mut ext, mut void) =
        (String::new(), String::new(), String::new(), String::new());
    let mut deadline_out = deadline;
    let reinspect = deadline + Duration::days(1 + rng.below(5) as i64);
    if reinspect <= today {
        re_date = reinspect.to_string();
        match rng.below(100) {
            0..=79 => {
                state = "已销号";
                re_result = "已整改到位".into();
            }
            80..=89 => {
                state = "已立案";
                re_result = "拒不整改".into();
            }
            90..=97 => {
                state = "已延期";
                re_result = "部分整改".into();
                ext = "当事人申请延期".into();
                deadline_out = (reinspect + Duration::days(15)).max(deadline + Duration::days(1));
                // Re-inspected again after the new deadline: closed out, the extension kept.
                let second = deadline_out + Duration::days(1 + rng.below(3) as i64);
                if second <= today {
                    state = "已销号";
                    re_date = second.to_string();
                    re_result = "延期后已整改到位".into();
                }
            }
            _ => {
                state = "已作废";
                re_date.clear();
                void = "文书填写错误".into();
            }
        }
    }
    let complaint = if rng.chance(20) && !complaints.is_empty() {
        rng.pick(complaints).clone()
    } else {
        String::new()
    };
    vec![
        id,
        format!("{}某", rng.pick(&SURNAMES)),
        format!("{}号", rng.below(300) + 1),
        rng.pick(areas).clone(),
        rng.pick(matters).clone(),
        rng.pick(&PROBLEMS).to_string(),
        "《城市市容和环境卫生管理条例》".into(),
        issued.to_string(),
        deadline_out.to_string(),
        state.into(),
        re_date,
        re_result,
        complaint,
        ext,
        void,
    ]
}
