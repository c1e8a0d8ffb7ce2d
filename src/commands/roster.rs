//! Commands for the roster: show a day's teams and their checks, set a team, take one off.

use zhifa_desk::domain::{RosterTeam, lookup};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::report::today::roster_day;
use zhifa_desk::store::{Actor, Store, desk, people};
use zhifa_desk::text;
use zhifa_desk::written;

use crate::cli::RosterAction;

fn date(text: &str) -> Result<chrono::NaiveDate> {
    written::date(text).map_err(|why| Error::invalid(format!("日期“{text}”无效：{why}")))
}

pub(super) fn roster(store: &mut Store, actor: &Actor, action: RosterAction) -> Result<()> {
    match action {
        RosterAction::Show { date: d } => {
            let d = match d {
                Some(t) => date(&t)?,
                None => actor.now.date(),
            };
            show(store, d)
        }
        RosterAction::Set {
            date: d,
            team,
            officers,
            areas,
            shift,
            correct,
        } => {
            let (staff, places) = (
                people::officers(store.conn())?,
                people::areas(store.conn())?,
            );
            let t = RosterTeam {
                date: date(&d)?,
                team: team.trim().to_string(),
                officers: lookup::officers(&officers, &staff).map_err(Error::Invalid)?,
                areas: lookup::areas(&areas, &places).map_err(Error::Invalid)?,
                shift: shift.trim().to_string(),
            };
            let checks = desk::set_team(store, actor, t.clone(), None, correct.as_deref())?;
            println!("已设置 {} {}", t.date, text::one_line(&t.team));
            for c in &checks {
                println!("  [注意] {}", text::one_line(&c.message));
            }
            Ok(())
        }
        RosterAction::Remove {
            date: d,
            team,
            reason,
        } => {
            let d = date(&d)?;
            desk::remove_team(store, actor, d, team.trim(), &reason)?;
            println!(
                "已撤下 {d} {}（{}）",
                text::one_line(&team),
                text::one_line(&reason)
            );
            Ok(())
        }
    }
}

fn show(store: &Store, d: chrono::NaiveDate) -> Result<()> {
    let (teams, _) = roster_day(store.conn(), d)?;
    println!("{d} 的排班（{} 个组）", teams.len());
    for t in &teams {
        let names: Vec<String> = t
            .officers
            .iter()
            .map(|m| format!("{} {}", m.id, m.name))
            .collect();
        let shift = if t.shift.is_empty() {
            String::new()
        } else {
            format!("（{}）", t.shift)
        };
        let line = format!(
            "  {}{shift}  人员 {}  区域 {}",
            t.team,
            names.join("、"),
            t.areas.join("、")
        );
        println!("{}", text::printable(&line));
        for c in &t.checks {
            println!("    [注意] {}", text::one_line(&c.message));
        }
    }
    Ok(())
}
