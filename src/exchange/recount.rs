//! A handoff bundle's 通报 recomputed from the bundle's own ledgers by the report's own rules
//! (`report::tally`), so a figure changed in 通报.csv, or a row dropped from a ledger, is named
//! even when the manifest was recomputed to match. The figures a bundle cannot carry the
//! grounds for (fields of matters, corrections, extensions, certificates, the duty log) are
//! left as stated.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDateTime;

use super::cells::{Cells, Layout};
use super::kind::Kind;
use super::read::{self, Table};
use crate::calendar::Reckoned;
use crate::domain::complaint::Deadlines;
use crate::domain::{Complaint, Notice, Patrol, PatrolInterval};
use crate::error::{Error, Result};
use crate::report::bulletin::{self, SHEET_HEADERS};
use crate::report::figures::Report;
use crate::report::period::Period;
use crate::report::tally::{self, AreaPlan, Member};
use crate::store::{complaints, notices};
use crate::written;

/// The sections whose every line the ledgers decide, and the lines within them they do not.
const CHECKED: [&str; 7] = [
    "投诉",
    "投诉·来源渠道",
    "超期投诉",
    "整改通知",
    "巡查",
    "巡查·区域",
    "巡查·人员",
];
const UNGROUNDED: [&str; 2] = ["其中曾更正时间", "其中曾延长反馈期限"];

/// The bundle's files by what they hold, as its manifest names them.
pub struct Files<'a> {
    pub bulletin: &'a str,
    pub complaints: &'a str,
    pub notices: &'a str,
    pub patrols: &'a str,
}

impl<'a> Files<'a> {
    /// Picks the four CSV files out of a manifest's file names; None for a bundle without them
    /// (an older or partial one, which the manifest check judges alone).
    pub fn among(names: &[&'a str]) -> Option<Files<'a>> {
        let find = |suffix: &str| names.iter().copied().find(|n| n.ends_with(suffix));
        Some(Files {
            bulletin: find("-通报.csv")?,
            complaints: find("-投诉台账.csv")?,
            notices: find("-整改通知台账.csv")?,
            patrols: find("-巡查记录.csv")?,
        })
    }
}

/// Every line of the bundle's 通报 that its ledgers do not bear out, in words: the figure,
/// what 通报 states and what the ledgers give.
pub fn check(dir: &Path, files: &Files) -> Result<Vec<String>> {
    let stated = table(dir, files.bulletin)?;
    let stated: Vec<Vec<String>> = stated
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.shown().into_owned()).collect())
        .collect();
    let basis = Basis::read(&stated)?;
    let all = ledger::<Complaint, _>(dir, files.complaints, |t, row, mut c| {
        // A ledger from before these columns has none: no stops, no appeal.
        let text = |h| computed(t, row, h, |s| Ok::<_, String>(s.to_string()));
        if let Some(cell) = text("中止记录") {
            c.work.stops = crate::domain::pause::parse_stops(&cell)?;
        }
        c.work.appeal = text("超时申诉").and_then(|a| crate::domain::pause::parse_appeal(&a));
        let due = Deadlines {
            verify_due: computed(t, row, "核查期限", written::datetime)?,
            feedback_due: computed(t, row, "反馈期限", written::datetime)?,
            missing_years: provisional(t, row),
        };
        Some(complaints::Tracked { complaint: c, due })
    })?;
    let issued = ledger::<Notice, _>(dir, files.notices, |t, row, mut n| {
        let date = computed(t, row, "复查期限", written::date)?;
        // Whether a re-inspection was ever late is the notice's history, which the ledger
        // states in 是否超期 (an open notice past its due is overdue by the rule itself).
        n.late = computed(t, row, "是否超期", written::yes_no)?;
        let reinspect_due = Reckoned {
            date,
            missing_years: provisional(t, row),
        };
        Some(notices::Tracked {
            notice: n,
            reinspect_due,
        })
    })?;
    let patrols = ledger::<Patrol, _>(dir, files.patrols, |_, _, p| Some(p))?;
    let none = |_: &str| None;
    let never = |_: &str| Ok(false);
    let report = Report {
        period: basis.period.label.clone(),
        from: basis.period.from,
        to: basis.period.to,
        as_of: written::fmt_datetime(basis.now),
        target: basis.target,
        complaints: tally::complaints(&all, &none, &never, basis.now)?,
        notices: tally::notices(&issued, basis.now),
        patrols: tally::patrols(
            &basis.areas,
            &patrols,
            &basis.staff,
            &basis.period,
            basis.now.date(),
        ),
        certificates: Vec::new(),
        corrections: Vec::new(),
        duty: Vec::new(),
        // Not grounded in the bundle's ledgers: left as 通报 states them.
        callbacks: Default::default(),
        reviews: Default::default(),
    };
    Ok(compare(&stated, &report))
}

fn compare(stated: &[Vec<String>], report: &Report) -> Vec<String> {
    let checked = |row: &[String]| {
        CHECKED.contains(&row[0].as_str()) && !UNGROUNDED.contains(&row[1].as_str())
    };
    let mut said: HashMap<(String, String), &[String]> = stated
        .iter()
        .filter(|r| r.len() == SHEET_HEADERS.len() && checked(r))
        .map(|r| ((r[0].clone(), r[1].clone()), r.as_slice()))
        .collect();
    let mut out = Vec::new();
    for row in bulletin::entries(report).iter().map(|e| e.sheet_row()) {
        if !checked(&row) {
            continue;
        }
        let what = format!("{} {}", row[0], row[1]);
        match said.remove(&(row[0].clone(), row[1].clone())) {
            None => out.push(format!(
                "「{what}」：通报中没有，按台账应为 {}",
                shown(&row)
            )),
            Some(s) if s[2..] != row[2..] => out.push(format!(
                "「{what}」：通报为 {}，按台账重算为 {}",
                shown(s),
                shown(&row)
            )),
            Some(_) => {}
        }
    }
    let mut extra: Vec<String> = said
        .into_iter()
        .map(|((section, item), s)| {
            format!("「{section} {item}」：通报为 {}，台账中没有依据", shown(s))
        })
        .collect();
    extra.sort();
    out.extend(extra);
    out
}

/// A bulletin row's figure as people read it: the count, the rate as a percentage, or the note.
fn shown(row: &[String]) -> String {
    let rate = row[3].parse::<f64>().ok();
    match (row[2].as_str(), rate, row[6].as_str()) {
        (count, _, _) if !count.is_empty() => count.to_string(),
        (_, Some(r), _) => format!("{}（{}）", bulletin::percent(Some(r)), row[5]),
        (_, None, note) if !note.is_empty() => note.to_string(),
        _ => "空".to_string(),
    }
}

/// What 通报 itself says the figures rest on: the period, when they were counted, the target,
/// and the areas and people it lists.
struct Basis {
    period: Period,
    now: NaiveDateTime,
    target: f64,
    areas: Vec<AreaPlan>,
    staff: Vec<Member>,
}

impl Basis {
    fn read(rows: &[Vec<String>]) -> Result<Basis> {
        let cell = |section: &str, item: &str, col: usize| {
            rows.iter()
                .find(|r| r.len() > col && r[0] == section && r[1] == item)
                .map(|r| r[col].as_str())
        };
        let bad =
            |what: &str| Error::invalid(format!("通报中的「{what}」无法读取，无法按台账重算"));
        // 2026-11（2026-11-01 至 2026-11-30）
        let (from, to) = cell("报告", "期间", 6)
            .and_then(|p| p.split_once('（')?.1.strip_suffix('）')?.split_once(" 至 "))
            .and_then(|(a, b)| Some((written::date(a).ok()?, written::date(b).ok()?)))
            .ok_or_else(|| bad("报告 期间"))?;
        let label = cell("报告", "期间", 6)
            .and_then(|p| p.split_once('（'))
            .map_or(String::new(), |(l, _)| l.to_string());
        let now = cell("报告", "统计截至", 6)
            .and_then(|t| written::datetime(t).ok())
            .ok_or_else(|| bad("报告 统计截至"))?;
        let target = cell("投诉", "按时办理率", 4)
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| bad("投诉 按时办理率 的目标"))?;
        fn listed<'r>(
            rows: &'r [Vec<String>],
            section: &'r str,
        ) -> impl Iterator<Item = &'r Vec<String>> {
            rows.iter().filter(move |r| r.len() > 1 && r[0] == section)
        }
        let areas = listed(rows, "巡查·区域")
            .map(|r| area_plan(&r[1]).ok_or_else(|| bad(&format!("巡查·区域 {}", r[1]))))
            .collect::<Result<_>>()?;
        let staff = listed(rows, "巡查·人员")
            .map(|r| Member {
                id: r[1].split(' ').next().unwrap_or_default().to_string(),
                label: r[1].clone(),
                grid_worker: false,
            })
            .collect();
        Ok(Basis {
            period: Period { label, from, to },
            now,
            target,
            areas,
            staff,
        })
    }
}

/// "Q01 集镇中心街（每日）" as the area line names it.
fn area_plan(item: &str) -> Option<AreaPlan> {
    let (id, rest) = item.split_once(' ')?;
    let (name, interval) = rest.strip_suffix('）')?.rsplit_once('（')?;
    Some(AreaPlan {
        id: id.to_string(),
        name: name.to_string(),
        interval: PatrolInterval::parse(interval)?,
    })
}

fn table(dir: &Path, file: &str) -> Result<Table> {
    let path = dir.join(file);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| Error::invalid(format!("{file} 不是 UTF-8 文本，无法按台账重算")))?;
    read::parse(file, text).map_err(|p| Error::import(p.clone(), p.len()))
}

/// Every row of ledger `file` as a record of kind `K`, with what `with` adds from the
/// computed columns; a row that cannot be read is a refusal naming it.
fn ledger<K: Kind, T>(
    dir: &Path,
    file: &str,
    with: impl Fn(&Table, &read::RawRow, K) -> Option<T>,
) -> Result<Vec<T>> {
    let t = table(dir, file)?;
    let mut problems = Vec::new();
    let layout = Layout::resolve(&t, K::COLS, K::COMPUTED, &mut problems);
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let mut cells = Cells::new(&t, row, &layout);
        let rec = K::from_cells(&mut cells).and_then(|r| with(&t, row, r));
        problems.append(&mut cells.problems);
        match rec {
            Some(r) => out.push(r),
            None if problems.is_empty() => {
                return Err(Error::invalid(format!(
                    "{file} 第{}行的期限列无法读取，无法按台账重算",
                    row.line
                )));
            }
            None => {}
        }
    }
    if !problems.is_empty() {
        let n = problems.len();
        return Err(Error::import(problems, n));
    }
    Ok(out)
}

/// The years a row's deadlines were counted through without an arrangement (期限说明); none
/// for a ledger from before the column.
fn provisional(t: &Table, row: &read::RawRow) -> Vec<i32> {
    computed(t, row, "期限说明", |s| {
        Ok::<_, String>(crate::calendar::provisional_years(s))
    })
    .unwrap_or_default()
}

/// A computed column of an exported ledger ("核查期限"), read by its header.
fn computed<T>(
    t: &Table,
    row: &read::RawRow,
    header: &str,
    read: fn(&str) -> std::result::Result<T, String>,
) -> Option<T> {
    let i = t
        .headers
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == header)?;
    read(&row.cells.get(i)?.shown()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_area_line_names_its_interval() {
        let a = area_plan("Q14 河道沿岸（每3日）").unwrap();
        assert_eq!(
            (a.id.as_str(), a.name.as_str(), a.interval.days()),
            ("Q14", "河道沿岸", 3)
        );
        assert!(area_plan("Q14 河道沿岸").is_none());
    }

    #[test]
    fn a_figure_is_shown_as_people_read_it() {
        let row = |c: &str, r: &str, n: &str| {
            ["投诉", "按时办理率", c, r, "0.9", "未达标", n]
                .map(String::from)
                .to_vec()
        };
        assert_eq!(shown(&row("12", "", "")), "12");
        assert_eq!(shown(&row("", "0.3333333333333333", "")), "33.3%（未达标）");
        assert_eq!(shown(&row("", "", "期限 2026-11-20")), "期限 2026-11-20");
    }
}
