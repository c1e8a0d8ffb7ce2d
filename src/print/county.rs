//! The county report as text, CSV and a workbook: the ranking, the summons, the heat map.

use std::fmt::Write;

use zhifa_desk::county::report::{Report, Row};
use zhifa_desk::domain::review::PASS_TARGET;
use zhifa_desk::exchange::export::to_csv;
use zhifa_desk::exchange::sheet::Sheet;
use zhifa_desk::exchange::value::Ty;
use zhifa_desk::report::bulletin::percent;
use zhifa_desk::report::callbacks::SATISFACTION_TARGET;

use super::pad;

/// A rate and its verdict as one mark, as the heat map writes it: 79.1%- (below its target),
/// 99.2%+ (at it), 无数据.
fn rated(rate: Option<f64>, target: f64) -> String {
    let sign = match zhifa_desk::report::bulletin::verdict(rate, target) {
        "达标" => "+",
        "未达标" => "-",
        _ => "",
    };
    format!("{}{sign}", percent(rate))
}

/// A township as the ranking names it: its name without the words every team's name shares,
/// then its code.
fn township(name: &str, code: &str) -> String {
    let short = name
        .strip_suffix("综合行政执法队")
        .filter(|s| !s.is_empty());
    format!("{}（{code}）", short.unwrap_or(name))
}

fn mark(r: &Row) -> &'static str {
    if r.bottom { "后三位" } else { "" }
}

/// A heat map cell: the rate in whole percent with + (at target) or - (below), · for none.
fn cell(rate: Option<f64>, target: f64) -> String {
    match rate {
        Some(r) => format!(
            "{:>3}{}",
            (r * 100.0).round(),
            if r + 1e-9 >= target { "+" } else { "-" }
        ),
        None => "  · ".to_string(),
    }
}

pub fn text(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "县级执法效能通报：{}（目标 {}）",
        r.period.label,
        percent(Some(r.target))
    );
    let _ = writeln!(
        s,
        "各率后 + 为达标、- 为未达标：按时办理、整改销号、巡查覆盖以 {} 为目标，\
         群众满意度 {}，案卷合格率 {}",
        percent(Some(r.target)),
        percent(Some(SATISFACTION_TARGET)),
        percent(Some(PASS_TARGET))
    );
    // At most 120 columns, so a terminal or a landscape page shows each township on one line.
    let _ = writeln!(
        s,
        "\n排名 {}{}{}{}{}{}{}{}{}标记",
        pad("乡镇（代码）", 22),
        pad("受理", 6),
        pad("按时办理率", 11),
        pad("剔除申诉后", 15),
        pad("整改销号率", 11),
        pad("巡查覆盖率", 11),
        pad("群众满意度", 11),
        pad("案卷合格率", 11),
        pad("证件到期", 9),
    );
    for row in &r.ranked {
        let _ = writeln!(
            s,
            "{:>3}  {}{}{}{}{}{}{}{}{}{}",
            row.rank,
            pad(&township(&row.name, &row.code), 22),
            pad(&row.received.to_string(), 6),
            pad(&rated(row.on_time_rate, r.target), 11),
            pad(
                &format!(
                    "{}（申诉{}）",
                    percent(row.on_time_rate_appealed),
                    row.appealed
                ),
                15
            ),
            pad(&rated(row.closure_rate, r.target), 11),
            pad(&rated(row.coverage_rate, r.target), 11),
            pad(&rated(row.satisfaction, SATISFACTION_TARGET), 11),
            pad(&rated(row.pass_rate, PASS_TARGET), 11),
            pad(&row.certs_expiring.to_string(), 9),
            mark(row)
        );
    }
    if r.ranked.len() < 4 && !r.ranked.is_empty() {
        let _ = writeln!(s, "（参与排名的乡镇不足 4 个，不标后三位）");
    }
    for (code, name) in &r.missing {
        let _ = writeln!(s, "  -   {name}（{code}）未报送本期移交包");
    }
    let _ = writeln!(s, "\n约谈（连续两个月排名后三位）");
    if r.summons.is_empty() {
        let _ = writeln!(s, "  无");
    }
    for x in &r.summons {
        let _ = writeln!(
            s,
            "  {}（{}）：{}、{} 两个月均排名后三位",
            x.name, x.code, x.months[0], x.months[1]
        );
    }
    let _ = writeln!(s, "\n按时办理率热力图（+ 达标，- 未达标，· 无数据）");
    let months: Vec<String> = r.heat_months.iter().map(|m| pad(&m[2..], 6)).collect();
    let _ = writeln!(s, "  {}{}", pad("乡镇", 24), months.concat());
    for h in &r.heat {
        let cells: Vec<String> = h
            .rates
            .iter()
            .map(|x| pad(&cell(*x, r.target), 6))
            .collect();
        let _ = writeln!(s, "  {}{}", pad(&h.name, 24), cells.concat());
    }
    if !r.broken.is_empty() {
        let _ = writeln!(s, "\n审计链未接上的移交包");
        for b in &r.broken {
            let _ = writeln!(s, "  {b}");
        }
    }
    s
}

const HEADERS: [&str; 26] = [
    "排名",
    "乡镇代码",
    "乡镇",
    "受理",
    "计入按时率",
    "按时办理",
    "按时办理率",
    "超时申诉获批",
    "剔除申诉后按时办理率",
    "下达整改",
    "已销号",
    "整改销号率",
    "应巡",
    "已巡",
    "巡查覆盖率",
    "证件到期",
    "回访",
    "满意",
    "群众满意度",
    "重新办理",
    "已办结案卷",
    "合格案卷",
    "案卷合格率",
    "综合得分",
    "后三位",
    "约谈",
];

fn rows(r: &Report) -> Vec<Vec<String>> {
    let f = |x: Option<f64>| x.map_or_else(String::new, |v| v.to_string());
    let n = |x: Option<i64>| x.map_or_else(String::new, |v| v.to_string());
    r.ranked
        .iter()
        .map(|row| {
            let summoned: Vec<String> = r
                .summons
                .iter()
                .filter(|x| x.code == row.code)
                .map(|x| format!("{}、{}", x.months[0], x.months[1]))
                .collect();
            vec![
                row.rank.to_string(),
                row.code.clone(),
                row.name.clone(),
                row.received.to_string(),
                row.measured.to_string(),
                row.on_time.to_string(),
                f(row.on_time_rate),
                row.appealed.to_string(),
                f(row.on_time_rate_appealed),
                row.issued.to_string(),
                row.closed.to_string(),
                f(row.closure_rate),
                row.required.to_string(),
                row.covered.to_string(),
                f(row.coverage_rate),
                row.certs_expiring.to_string(),
                n(row.answered),
                n(row.satisfied),
                f(row.satisfaction),
                n(row.reopened),
                n(row.reviewed),
                n(row.passed),
                f(row.pass_rate),
                f(row.score),
                if row.bottom { "是" } else { "" }.to_string(),
                summoned.join("；"),
            ]
        })
        .collect()
}

pub fn csv(r: &Report) -> String {
    String::from_utf8(to_csv(&HEADERS, &rows(r))).expect("utf-8")
}

/// 排名, 约谈 and 热力图 sheets.
pub fn sheets(r: &Report) -> Vec<Sheet> {
    use Ty::{Code, Number, Percent, Text};
    let types = [
        Number, Code, Text, Number, Number, Number, Percent, Number, Percent, Number, Number,
        Percent, Number, Number, Percent, Number, Number, Number, Percent, Number, Number, Number,
        Percent, Percent, Text, Text,
    ];
    let title = vec![format!("县级执法效能通报　{}", r.period.label)];
    let ranking = Sheet {
        name: "排名".into(),
        title: title.clone(),
        columns: HEADERS
            .iter()
            .zip(types)
            .map(|(h, t)| (h.to_string(), t))
            .collect(),
        rows: rows(r),
        heat: Some(r.target),
    };
    let summons = Sheet {
        name: "约谈".into(),
        title: title.clone(),
        columns: vec![
            ("乡镇代码".into(), Code),
            ("乡镇".into(), Text),
            ("前一月".into(), Text),
            ("本月".into(), Text),
        ],
        rows: r
            .summons
            .iter()
            .map(|x| {
                vec![
                    x.code.clone(),
                    x.name.clone(),
                    x.months[0].clone(),
                    x.months[1].clone(),
                ]
            })
            .collect(),
        heat: None,
    };
    let mut columns = vec![("乡镇代码".to_string(), Code), ("乡镇".to_string(), Text)];
    columns.extend(r.heat_months.iter().map(|m| (m.clone(), Percent)));
    let heat = Sheet {
        name: "热力图".into(),
        title,
        columns,
        rows: r
            .heat
            .iter()
            .map(|h| {
                let mut row = vec![h.code.clone(), h.name.clone()];
                row.extend(
                    h.rates
                        .iter()
                        .map(|x| x.map_or_else(String::new, |v| v.to_string())),
                );
                row
            })
            .collect(),
        heat: Some(r.target),
    };
    vec![ranking, summons, heat]
}
