//! The handoff workbook as the city clerk files it: 说明 (what each file is and how to check it
//! without the program), 通报 as one table beside last month, 超期明细 in hours, the ledgers
//! with names beside codes and the cases carried over from earlier months (跨月), and sheets
//! naming every code.

use std::collections::HashMap;

use super::handoff::{Anchor, Entry};
use super::kind::Env;
use super::kinds::{complaint_row, notice_row};
use super::sheet::Sheet;
use super::value::Ty;
use super::{ExportQuery, KindName};
use crate::error::Result;
use crate::report::bulletin::{self, Figure};
use crate::report::figures::Report;
use crate::report::period::Period;
use crate::store::carried;

/// What the workbook is made of besides the store.
pub struct Parts<'a> {
    pub month: &'a Period,
    pub this: &'a Report,
    pub before: &'a Report,
    /// The month's ledgers as their CSV files hold them: complaints, notices, patrols.
    pub ledgers: Vec<Sheet>,
    /// The bundle's CSV files with their hashes.
    pub files: &'a [Entry],
    pub anchor: &'a Anchor,
    pub include_personal: bool,
}

/// The workbook's sheets, in the order a clerk reads them (titles are set by the caller).
pub fn sheets(env: &Env, mut p: Parts) -> Result<Vec<Sheet>> {
    let names = Names::load(env)?;
    let mut ledgers = std::mem::take(&mut p.ledgers).into_iter();
    let mut next = || ledgers.next().expect("three ledgers");
    let (mut complaints, mut notices, mut patrols) = (next(), next(), next());
    let (from, to) = (p.month.from, p.month.to);
    let carried_over = |began: chrono::NaiveDate, verb: &str, steps: &[_]| {
        let month = began.format("%Y年%m月");
        let done = crate::domain::activity::within(steps, from, to);
        format!("{month}{verb}；本月：{done}")
    };
    mark_carried(&mut complaints);
    for (t, steps) in carried::complaints(env.conn, from, to)? {
        let received = t.complaint.received_at.date();
        let mut row = complaint_row(env, t, p.include_personal);
        row.push(carried_over(received, "受理", &steps));
        complaints.rows.push(row);
    }
    mark_carried(&mut notices);
    for (t, steps) in carried::notices(env.conn, from, to)? {
        let issued = t.notice.issued_on;
        let mut row = notice_row(env, t);
        row.push(carried_over(issued, "下达", &steps));
        notices.rows.push(row);
    }
    for sheet in [&mut complaints, &mut notices, &mut patrols] {
        names.beside(sheet);
    }
    let mut sheets = vec![
        guide(&p),
        bulletin(p.this, p.before),
        late(p.this),
        complaints,
        notices,
        patrols,
    ];
    sheets.extend(names.sheets);
    Ok(sheets)
}

const CARRIED: &str = "跨月办理";

/// Whether `header` is a column the handoff adds to a ledger (names beside codes, 跨月办理):
/// an import of the clerk's workbook accepts and ignores it, as it does the computed columns.
pub fn is_added(header: &str) -> bool {
    header == CARRIED || CODED.iter().any(|(_, _, named)| *named == header)
}

/// Adds the 跨月办理 column, empty for the month's own records.
fn mark_carried(sheet: &mut Sheet) {
    sheet.columns.push((CARRIED.into(), Ty::Text));
    sheet.rows.iter_mut().for_each(|r| r.push(String::new()));
}

/// 通报 as one table: each figure of this month beside last month's, its target and verdict.
/// Rates are written "48.0%", which the workbook writes as percentage numbers.
fn bulletin(this: &Report, before: &Report) -> Sheet {
    let last: HashMap<(String, String), Figure> = bulletin::entries(before)
        .into_iter()
        .map(|e| ((e.section, e.item), e.value))
        .collect();
    let shown = |f: Option<&Figure>| match f {
        Some(Figure::Count(n)) => n.to_string(),
        Some(Figure::Rate(Some(r), _)) => format!("{:.1}%", r * 100.0),
        Some(Figure::Rate(None, _)) => "无数据".into(),
        Some(Figure::Note(_)) | None => String::new(),
    };
    let rows = bulletin::entries(this)
        .into_iter()
        .filter(|e| e.section != "报告" && e.section != "超期投诉")
        .map(|e| {
            let before = last.get(&(e.section.clone(), e.item.clone()));
            let (target, verdict) = match &e.value {
                Figure::Rate(r, t) => (
                    format!("{:.1}%", t * 100.0),
                    bulletin::verdict(*r, *t).to_string(),
                ),
                _ => Default::default(),
            };
            // A note (an area's visits, a certificate's expiry) is words, not a figure.
            let (now, before, note) = match &e.value {
                Figure::Note(t) => (String::new(), String::new(), t.clone()),
                v => (shown(Some(v)), shown(before), String::new()),
            };
            vec![e.section, e.item, now, before, target, verdict, note]
        })
        .collect();
    let columns = [
        ("部分", Ty::Text),
        ("指标", Ty::Text),
        ("本月", Ty::Number),
        ("上月", Ty::Number),
        ("目标", Ty::Number),
        ("结论", Ty::Text),
        ("说明", Ty::Text),
    ];
    table("通报", &columns, rows)
}

/// 超期明细: each late step with its lateness in hours, a number a clerk can sort and sum.
fn late(r: &Report) -> Sheet {
    let rows = r
        .complaints
        .overdue
        .iter()
        .map(|l| {
            vec![
                l.id.clone(),
                l.step.to_string(),
                l.due.clone(),
                l.done_at.clone().unwrap_or_else(|| "未完成".into()),
                format!("{:.1}", l.late_minutes as f64 / 60.0),
                l.late.clone(),
            ]
        })
        .collect();
    let columns = [
        ("投诉编号", Ty::Code),
        ("环节", Ty::Text),
        ("期限", Ty::DateTime),
        ("完成时间", Ty::DateTime),
        ("超期小时", Ty::Number),
        ("超期", Ty::Text),
    ];
    table("超期明细", &columns, rows)
}

/// 说明: what each file is, how to check it without the program, where the chain stood.
fn guide(p: &Parts) -> Sheet {
    let mut rows: Vec<Vec<String>> = vec![
        row(
            "本工作簿",
            "供查阅和打印：说明、通报（本月与上月对照）、超期明细、三本台账（编号旁附名称，跨月办理的案件列在各台账末尾）、区域、事项、人员",
        ),
        row(
            "CSV 文件",
            "供汇总程序读取：每本台账一个文件，只含本月受理（下达、巡查）的记录；通报.csv 是本月指标",
        ),
        row(
            "manifest.csv",
            "清单：每个文件的行数和 SHA-256，以及审计链锚点；本工作簿的 SHA-256 也在其中",
        ),
        row(
            "如何核对",
            "不用本程序也可核对：Windows 命令提示符中运行 certutil -hashfile 文件名 SHA256，结果应与下表和 manifest.csv 一致（字母大小写不计）；用本程序则运行 zhifa-desk verify-handoff 目录",
        ),
        row(
            "个人信息",
            if p.include_personal {
                "本移交包含举报人姓名和电话（导出时选择了包含个人信息），请按保密要求保管"
            } else {
                "举报人姓名和电话已遮盖"
            },
        ),
        row(
            "审计链",
            &format!("导出时共 {} 条，链头 {}", p.anchor.rows, p.anchor.head),
        ),
    ];
    rows.extend(p.files.iter().map(|e| {
        vec![
            e.file.clone(),
            format!("{} 行；SHA-256 {}", e.rows, e.sha256),
        ]
    }));
    table("说明", &[("项目", Ty::Text), ("内容", Ty::Text)], rows)
}

fn row(item: &str, text: &str) -> Vec<String> {
    vec![item.to_string(), text.to_string()]
}

fn table(name: &str, columns: &[(&str, Ty)], rows: Vec<Vec<String>>) -> Sheet {
    Sheet {
        name: name.into(),
        title: Vec::new(),
        columns: columns.iter().map(|(h, t)| (h.to_string(), *t)).collect(),
        rows,
        heat: None,
    }
}

/// The registers the ledgers' codes refer to, read once: their sheets, and the names by code.
struct Names {
    /// 区域, 事项, 人员 as the workbook shows them.
    sheets: [Sheet; 3],
    areas: HashMap<String, String>,
    matters: HashMap<String, String>,
    officers: HashMap<String, String>,
}

/// Which ledger columns hold codes, and the column of names that goes beside each.
const CODED: [(&str, Lookup, &str); 8] = [
    ("所属区域", Lookup::Area, "区域名称"),
    ("区域", Lookup::Area, "区域名称"),
    ("事项编号", Lookup::Matter, "事项名称"),
    ("承办人员", Lookup::Officer, "承办人员姓名"),
    ("核查人员", Lookup::Officer, "核查人员姓名"),
    ("执法人员", Lookup::Officer, "执法人员姓名"),
    ("送达人", Lookup::Officer, "送达人姓名"),
    ("人员", Lookup::Officer, "人员姓名"),
];

#[derive(Clone, Copy)]
enum Lookup {
    Area,
    Matter,
    Officer,
}

impl Names {
    /// 区域, 事项 and 人员 (工号, 姓名, 中队, 角色, 执法证号; no phones), with the first two
    /// columns of each (code, name) as the lookup.
    fn load(env: &Env) -> Result<Names> {
        let q = ExportQuery::default();
        let named = |kind: KindName, name: &str| -> Result<Sheet> {
            let mut sheet = kind.export(env, &q)?;
            sheet.name = name.into();
            Ok(sheet)
        };
        let areas = named(KindName::Areas, "区域")?;
        let matters = named(KindName::Matters, "事项")?;
        let mut officers = named(KindName::Officers, "人员")?;
        if let Some(phone) = officers.columns.iter().position(|(h, _)| h == "联系电话") {
            officers.columns.remove(phone);
            officers.rows.iter_mut().for_each(|r| {
                r.remove(phone);
            });
        }
        let pairs = |sheet: &Sheet| -> HashMap<String, String> {
            let rows = sheet.rows.iter();
            rows.map(|r| (r[0].clone(), r[1].clone())).collect()
        };
        Ok(Names {
            areas: pairs(&areas),
            matters: pairs(&matters),
            officers: pairs(&officers),
            sheets: [areas, matters, officers],
        })
    }

    /// Puts a column of names right after each column of codes ("W001、W002" → "赵建国、钱某").
    fn beside(&self, sheet: &mut Sheet) {
        for (header, lookup, named) in CODED {
            let Some(at) = sheet.columns.iter().position(|(h, _)| h == header) else {
                continue;
            };
            let map = match lookup {
                Lookup::Area => &self.areas,
                Lookup::Matter => &self.matters,
                Lookup::Officer => &self.officers,
            };
            sheet.columns.insert(at + 1, (named.into(), Ty::Text));
            for row in &mut sheet.rows {
                let codes = row.get(at).map_or("", String::as_str);
                let names: Vec<&str> = codes
                    .split('、')
                    .filter(|c| !c.is_empty())
                    .map(|c| map.get(c).map_or("（未登记）", String::as_str))
                    .collect();
                row.insert((at + 1).min(row.len()), names.join("、"));
            }
        }
    }
}
