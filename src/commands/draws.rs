//! Commands for 双随机 draws: draw (or redraw openly), list, show, re-check, publish.

use zhifa_desk::domain::{Draw, Filter};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::exchange::publicity;
use zhifa_desk::store::{Actor, Record, Store, draws, people, subjects, traces};
use zhifa_desk::{text, written};

use super::ledgers::{Output, write_sheet};
use crate::cli_checks::DrawAction;

pub(super) fn run(store: &mut Store, actor: &Actor, action: DrawAction) -> Result<()> {
    match action {
        DrawAction::New {
            title,
            date,
            count,
            matter,
            risk,
            area,
            seed,
            redraw,
            reason,
        } => {
            let req = draws::Request {
                title,
                date: written::date(&date)
                    .map_err(|why| Error::invalid(format!("检查日期“{date}”无效：{why}")))?,
                filter: Filter {
                    matter: matter.map(|m| m.trim().to_string()),
                    risk: risk.map(|r| r.trim().to_string()),
                    area: area.map(|a| a.trim().to_string()),
                },
                count,
                seed,
                redraw: redraw.zip(reason),
            };
            let d = draws::make(store, actor, &req)?;
            if !d.redraw_of.is_empty() {
                println!(
                    "已重新抽取，抽查 {} 已作废（{}）",
                    d.redraw_of,
                    text::one_line(&d.reason)
                );
            }
            show(store, &d, "")
        }
        DrawAction::List => {
            for (d, void) in draws::all(store.conn())? {
                let state = if void.is_empty() {
                    String::new()
                } else {
                    format!("【已作废：{}】", text::one_line(&void))
                };
                println!(
                    "{}  {}  {}  {}，抽取 {} 个{state}",
                    d.id,
                    d.date,
                    text::one_line(&d.title),
                    d.filter.describe(),
                    d.count
                );
            }
            Ok(())
        }
        DrawAction::Show { id } => {
            let (d, void) = one(store, &id)?;
            show(store, &d, &void)
        }
        DrawAction::Verify { id } => verify(store, &id),
        DrawAction::Export {
            id,
            out,
            include_personal,
        } => {
            let (d, _) = one(store, &id)?;
            let team = store.settings()?.team_name().to_string();
            let sheet = publicity::draw_sheet(store.conn(), &team, &d, include_personal)?;
            let to = Output::decide(out.as_deref(), None)?;
            let rows = sheet.rows.len();
            let shown_to = to.path.map_or_else(|| "屏幕".to_string(), text::audit_path);
            write_sheet(sheet, &to, || {
                if !include_personal {
                    return Ok(());
                }
                let what = format!("抽查结果公示（含个人姓名、身份证号）{} → {shown_to}", d.id);
                traces::export_personal(store, actor, &what, rows)
            })?;
            if let Some(path) = to.path {
                eprintln!("已导出抽查结果公示到 {}", text::path(path));
            }
            Ok(())
        }
    }
}

/// The draw `id`, voided or not, with its void reason.
fn one(store: &Store, id: &str) -> Result<(Draw, String)> {
    let id = id.trim();
    let d = Draw::load(store.conn(), id)?.ok_or_else(|| Error::NotFound {
        kind: "抽查",
        key: id.to_string(),
    })?;
    Ok((d, Draw::void_reason(store.conn(), id)?.unwrap_or_default()))
}

fn show(store: &Store, d: &Draw, void: &str) -> Result<()> {
    let staff = people::officers_by_id(store.conn())?;
    let name = |id: &String| staff.get(id).map_or(id.clone(), |o| o.name.clone());
    println!("抽查 {}：{}", d.id, text::one_line(&d.title));
    if !void.is_empty() {
        println!("  已作废：{}", text::one_line(void));
    }
    if !d.redraw_of.is_empty() {
        println!(
            "  代替抽查 {}（重新抽取原因：{}）",
            d.redraw_of,
            text::one_line(&d.reason)
        );
    }
    println!(
        "  检查日期 {}；{} 于 {} 抽取",
        d.date,
        d.drawn_by,
        d.drawn_at.format("%Y-%m-%d %H:%M")
    );
    println!(
        "  名录：{}，共 {} 个对象；可抽执法人员 {} 名（{}）",
        d.filter.describe(),
        d.subjects.len(),
        d.officers.len(),
        d.officers.iter().map(name).collect::<Vec<_>>().join("、")
    );
    println!("  随机种子：{}", text::one_line(&d.seed));
    println!("  名录校验值：{}", d.snapshot);
    let subjects = subjects::all(store.conn())?;
    for (n, p) in d.picks.iter().enumerate() {
        let who: Vec<String> = p.officers.iter().map(name).collect();
        let (called, _) = subjects
            .iter()
            .find(|s| s.id == p.subject)
            .map(|s| s.shown(false))
            .unwrap_or_default();
        println!(
            "  {:>2}. {} {}  {}",
            n + 1,
            p.subject,
            text::one_line(&called),
            who.join("、")
        );
    }
    Ok(())
}

fn verify(store: &Store, id: &str) -> Result<()> {
    let (d, void) = one(store, id)?;
    let problems = d.recheck();
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{}", text::one_line(p));
        }
        return Err(Error::invalid(format!(
            "抽查 {} 复核不一致：记录的结果不能由记录的条件重新得出",
            d.id
        )));
    }
    println!(
        "抽查 {} 复核一致：按记录的名录（{} 个对象，校验值 {}）、{} 名执法人员和随机种子重新抽取，{} 个对象及其执法人员与记录逐项相同",
        d.id,
        d.subjects.len(),
        &d.snapshot[..16],
        d.officers.len(),
        d.picks.len()
    );
    if !void.is_empty() {
        println!("（该抽查已作废：{}）", text::one_line(&void));
    }
    Ok(())
}
