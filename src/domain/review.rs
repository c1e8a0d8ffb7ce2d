//! 案卷自查: a file (a notice, a finished lead) judged against a checklist a county can
//! replace — which points, their wording, weights, vetoes and the pass mark — by the points
//! the program knows how to check.

use chrono::NaiveDate;
use serde::Serialize;

/// 案卷评查合格率 of at least 95% (001 一).
pub const PASS_TARGET: f64 = 0.95;

labelled_enum!(Point {
    TwoCertified => "两人持证",
    LegalBasis => "法律依据",
    ServedInTime => "按期送达",
    ExtensionGrounded => "延期有据",
    StopsApproved => "中止有据",
    Evidence => "证据登记",
    Papers => "文书制作",
    Complete => "要素齐全",
    OnTime => "按时办理",
});

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub point: Point,
    pub category: String,
    pub text: String,
    pub weight: u32,
    /// A file failing a veto point fails whatever its score.
    pub veto: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub items: Vec<Item>,
    /// The lowest passing score of 100.
    pub pass_mark: u32,
    /// A notice is to be served within this many days of issue.
    pub serve_days: i64,
}

/// The built-in checklist's text, which `document templates` writes out for a county to adapt.
pub const BUILTIN: &str = include_str!("../document/templates/checklist.txt");
/// Its file name in the templates folder beside the database.
pub const FILE: &str = "checklist.txt";

impl Checklist {
    pub fn builtin() -> Checklist {
        Checklist::parse(FILE, BUILTIN).expect("the built-in checklist parses")
    }

    /// Reads a checklist, naming the file, line and cell of what it cannot use.
    pub fn parse(name: &str, text: &str) -> Result<Checklist, String> {
        let mut list = Checklist {
            items: Vec::new(),
            pass_mark: 90,
            serve_days: 3,
        };
        for (i, line) in text.lines().enumerate() {
            let line = line.trim().trim_start_matches('\u{feff}');
            let at = |what: String| format!("案卷自查清单 {name} 第{}行：{what}", i + 1);
            if line.is_empty() || line.starts_with(';') {
                continue;
            }
            if let Some(rest) = line.strip_prefix("【合格线】") {
                list.pass_mark = number(rest)
                    .filter(|n| *n <= 100)
                    .ok_or_else(|| at(format!("合格线应为 0 到 100 的整数，不是「{rest}」")))?;
                continue;
            }
            if let Some(rest) = line.strip_prefix("【送达期限】") {
                list.serve_days = number(rest)
                    .map(i64::from)
                    .ok_or_else(|| at(format!("送达期限应为天数，不是「{rest}」")))?;
                continue;
            }
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            if !line.starts_with('|') || cells.len() < 4 {
                return Err(at(
                    "每个检查项应写成 | 检查点 | 类别 | 检查内容 | 分值 | 否决 |".to_string(),
                ));
            }
            let point = Point::parse(cells[0]).ok_or_else(|| {
                at(format!(
                    "第1栏「{}」不是本程序认识的检查点，可用：{}",
                    cells[0],
                    Point::choices()
                ))
            })?;
            if list.items.iter().any(|it| it.point == point) {
                return Err(at(format!("检查点「{point}」重复")));
            }
            let weight = number(cells[3])
                .filter(|w| *w > 0)
                .ok_or_else(|| at(format!("第4栏分值应为正整数，不是「{}」", cells[3])))?;
            let veto = match cells.get(4).copied().unwrap_or("") {
                "" => false,
                "否决" => true,
                other => return Err(at(format!("第5栏应为“否决”或留空，不是「{other}」"))),
            };
            list.items.push(Item {
                point,
                category: cells[1].to_string(),
                text: cells[2].to_string(),
                weight,
                veto,
            });
        }
        if list.items.is_empty() {
            return Err(format!("案卷自查清单 {name} 没有检查项"));
        }
        Ok(list)
    }
}

fn number(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

labelled_enum!(FileKind {
    Notice => "整改通知",
    Lead => "投诉",
});

/// What a file is judged on, gathered by the store from the record, its papers and evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub kind: Option<FileKind>,
    pub key: String,
    /// The file is finished (a notice closed out or escalated, a lead closed or transferred).
    pub finished: bool,
    /// Who acted (name or id) and whether each could enforce that day; empty when no act
    /// needed two officers yet.
    pub acting: Vec<(String, bool)>,
    /// A notice's legal basis; None for a lead.
    pub legal_basis: Option<String>,
    /// A notice: issued, served, and whether its service record names method and server.
    pub issued_on: Option<NaiveDate>,
    pub served_on: Option<NaiveDate>,
    pub service_complete: bool,
    pub today: Option<NaiveDate>,
    /// Extensions: (reason, approver; empty where none is needed).
    pub extensions: Vec<(String, Option<String>)>,
    /// Stops (reason, approver) and whether a filed appeal is still undecided.
    pub stops: Vec<(String, String)>,
    pub appeal_undecided: bool,
    /// A violation was found, so evidence is needed; and how many files are registered.
    pub needs_evidence: bool,
    pub evidence: usize,
    /// Papers the file needs, and whether each was printed.
    pub papers: Vec<(&'static str, bool)>,
    /// Fields left empty.
    pub missing: Vec<&'static str>,
    /// Steps late: "复查超期 2天".
    pub late: Vec<String>,
}

/// A point the file does not meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fault {
    pub point: String,
    pub category: String,
    pub detail: String,
    /// Points lost of 100.
    pub lost: u32,
    pub veto: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub kind: String,
    pub key: String,
    pub finished: bool,
    /// Out of 100, over the points that apply.
    pub score: u32,
    pub passed: bool,
    pub checked: usize,
    pub faults: Vec<Fault>,
}

impl Review {
    /// "92分 合格" / "75分 不合格（否决：两人持证）".
    pub fn verdict(&self) -> String {
        let veto: Vec<&str> = self
            .faults
            .iter()
            .filter(|f| f.veto)
            .map(|f| f.point.as_str())
            .collect();
        match (self.passed, veto.is_empty()) {
            (true, _) => format!("{}分 合格", self.score),
            (false, true) => format!("{}分 不合格", self.score),
            (false, false) => format!("{}分 不合格（否决：{}）", self.score, veto.join("、")),
        }
    }
}

/// Whether `facts` meet `point`: None when it does not apply, else why not.
pub fn judge(point: Point, f: &Facts, serve_days: i64) -> Option<std::result::Result<(), String>> {
    let fail = |why: String| Some(Err(why));
    match point {
        Point::TwoCertified => {
            if f.acting.is_empty() {
                return None;
            }
            let n = f.acting.iter().filter(|(_, ok)| *ok).count();
            if n >= 2 {
                return Some(Ok(()));
            }
            let not: Vec<&str> = f
                .acting
                .iter()
                .filter(|(_, ok)| !ok)
                .map(|(who, _)| who.as_str())
                .collect();
            fail(format!(
                "当日持有效执法证的执法人员只有 {n} 名{}",
                if not.is_empty() {
                    String::new()
                } else {
                    format!("（{} 不能执法）", not.join("、"))
                }
            ))
        }
        Point::LegalBasis => match f.legal_basis.as_deref()?.trim() {
            "" => fail("未写明法律依据".into()),
            _ => Some(Ok(())),
        },
        Point::ServedInTime => {
            let issued = f.issued_on?;
            match f.served_on {
                Some(on) if (on - issued).num_days() > serve_days => fail(format!(
                    "{issued} 下达，{on} 才送达（超过 {serve_days} 日）"
                )),
                Some(_) if !f.service_complete => fail("送达方式或送达人未登记".into()),
                Some(_) => Some(Ok(())),
                None => match f.today {
                    Some(t) if (t - issued).num_days() > serve_days => {
                        fail(format!("{issued} 下达，至今未登记送达"))
                    }
                    _ => None,
                },
            }
        }
        Point::ExtensionGrounded => {
            if f.extensions.is_empty() {
                return None;
            }
            let bad: Vec<String> = f
                .extensions
                .iter()
                .enumerate()
                .filter_map(|(i, (reason, by))| match (reason.trim(), by.as_deref()) {
                    ("", _) => Some(format!("第{}次延期未写理由", i + 1)),
                    (_, Some("")) => Some(format!("第{}次延期无批准人", i + 1)),
                    _ => None,
                })
                .collect();
            if bad.is_empty() {
                Some(Ok(()))
            } else {
                fail(bad.join("；"))
            }
        }
        Point::StopsApproved => {
            // An appeal waiting for the captain is a fault of a file closed with it pending.
            let pending = f.appeal_undecided && f.finished;
            if f.stops.is_empty() && !pending {
                return None;
            }
            let mut bad: Vec<String> = f
                .stops
                .iter()
                .enumerate()
                .filter(|(_, (reason, by))| reason.trim().is_empty() || by.trim().is_empty())
                .map(|(i, _)| format!("第{}次中止未写原因或无批准人", i + 1))
                .collect();
            if pending {
                bad.push("办结时超时申诉尚无审批结果".into());
            }
            if bad.is_empty() {
                Some(Ok(()))
            } else {
                fail(bad.join("；"))
            }
        }
        Point::Evidence => match (f.needs_evidence, f.evidence) {
            (false, _) => None,
            (true, 0) => fail("认定违法，但没有登记现场证据".into()),
            (true, _) => Some(Ok(())),
        },
        Point::Papers => {
            if f.papers.is_empty() {
                return None;
            }
            let missing: Vec<&str> = f
                .papers
                .iter()
                .filter(|(_, printed)| !printed)
                .map(|(title, _)| *title)
                .collect();
            if missing.is_empty() {
                Some(Ok(()))
            } else {
                fail(format!("未制作{}", missing.join("、")))
            }
        }
        Point::Complete => match f.missing.is_empty() {
            true => Some(Ok(())),
            false => fail(format!("未填写{}", f.missing.join("、"))),
        },
        Point::OnTime => match f.late.is_empty() {
            true => Some(Ok(())),
            false => fail(f.late.join("；")),
        },
    }
}

/// Scores `facts` against `list`: the weights of the points met over those that apply, as a
/// share of 100 (rounded down), passing at the pass mark with no veto point failed.
pub fn review(list: &Checklist, f: &Facts) -> Review {
    let mut faults = Vec::new();
    let (mut total, mut met, mut checked) = (0u32, 0u32, 0usize);
    for item in &list.items {
        let Some(outcome) = judge(item.point, f, list.serve_days) else {
            continue;
        };
        checked += 1;
        total += item.weight;
        match outcome {
            Ok(()) => met += item.weight,
            Err(detail) => faults.push(Fault {
                point: item.point.label().to_string(),
                category: item.category.clone(),
                detail,
                lost: item.weight,
                veto: item.veto,
            }),
        }
    }
    let score = (met * 100).checked_div(total).unwrap_or(100);
    // No fault when nothing applies (total 0), so the max(1) only keeps the division whole.
    let lost_share = |w: u32| (w * 100).div_ceil(total.max(1));
    for fault in &mut faults {
        fault.lost = lost_share(fault.lost);
    }
    Review {
        kind: f.kind.map_or("", FileKind::label).to_string(),
        key: f.key.clone(),
        finished: f.finished,
        score,
        passed: score >= list.pass_mark && !faults.iter().any(|x| x.veto),
        checked,
        faults,
    }
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
