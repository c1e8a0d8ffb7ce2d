//! Generated rectification notices (整改通知): issued, re-inspected, extended, escalated or voided.

use chrono::{Datelike, Duration, NaiveDate};

use super::Year;
use super::rng::{PROBLEMS, Rng, SURNAMES};

/// Per year and unit of scale.
const NOTICES_PER_YEAR: usize = 500;

/// The notices of one year, issued on days of `year` (none after today), some referring to
/// a standing lead.
pub fn year(
    rng: &mut Rng,
    year: &Year,
    codes: (&[String], &[String]),
    complaints: &[String],
) -> Vec<Vec<String>> {
    let today = year.now.date();
    (0..NOTICES_PER_YEAR * year.scale)
        .map(|k| {
            let issued = year.from + Duration::days(rng.below(year.days()) as i64);
            notice_row(
                rng,
                format!(
                    "生成整〔{}〕第{}号",
                    issued.year(),
                    year.index * 1_000_000 + k + 1
                ),
                issued.min(today),
                today,
                codes,
                complaints,
            )
        })
        .collect()
}

pub const HEAD: [&str; 15] = [
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

fn notice_row(
    rng: &mut Rng,
    id: String,
    issued: NaiveDate,
    today: NaiveDate,
    (areas, matters): (&[String], &[String]),
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
