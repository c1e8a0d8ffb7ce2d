//! Commands for 公示: the decisions to publish and their deadlines, recording one published,
//! and the list a portal clerk enters.

use zhifa_desk::domain::publicity::{PubKind, Publication};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::exchange::publicity::due_sheet;
use zhifa_desk::store::{Actor, Store, publicity};
use zhifa_desk::{text, written};

use super::ledgers::{Output, write_sheet};
use crate::cli_checks::PublicityAction;

pub(super) fn run(store: &mut Store, actor: &Actor, action: PublicityAction) -> Result<()> {
    let today = actor.now.date();
    let (cal, settings) = (store.calendar()?, store.settings()?);
    let since = today - chrono::Duration::days(publicity::WINDOW_DAYS);
    let window = (since, today);
    let items = publicity::items(store.conn(), &cal, settings.publish_workdays, window)?;
    match action {
        PublicityAction::List { all } => {
            let shown: Vec<_> = items
                .iter()
                .filter(|p| all || p.published_on.is_none())
                .collect();
            let late = shown.iter().filter(|p| p.late(today)).count();
            println!(
                "近 {} 日须公示的执法决定 {} 项（逾期 {late}；公示时限 {} 个工作日）",
                publicity::WINDOW_DAYS,
                shown.len(),
                settings.publish_workdays
            );
            for p in shown {
                let provisional = if p.provisional { "（暂定）" } else { "" };
                println!(
                    "  {}  {} {}  {}  决定 {}，期限 {}{provisional}",
                    p.state(today),
                    p.kind,
                    p.key,
                    text::one_line(&p.what),
                    p.decided_on,
                    p.due
                );
            }
            Ok(())
        }
        PublicityAction::Done {
            kind,
            key,
            on,
            place,
        } => {
            let kind = PubKind::parse(&kind).ok_or_else(|| {
                Error::invalid(format!("公示类别“{kind}”无效：应为 {}", PubKind::choices()))
            })?;
            let on = match on {
                None => today,
                Some(t) => written::date(&t)
                    .map_err(|why| Error::invalid(format!("公示日期“{t}”无效：{why}")))?,
            };
            let p = Publication {
                kind,
                key: key.trim().to_string(),
                published_on: on,
                place: place.trim().to_string(),
            };
            publicity::publish(store, actor, p)?;
            let late = items
                .iter()
                .find(|i| i.kind == kind && i.key == key.trim())
                .filter(|i| on > i.due)
                .map_or(String::new(), |i| format!("（期限 {}，已逾期）", i.due));
            println!(
                "已登记：{kind} {} 于 {on} 在{}公示{late}",
                key.trim(),
                place.trim()
            );
            Ok(())
        }
        PublicityAction::Export { out } => {
            let waiting: Vec<_> = items
                .into_iter()
                .filter(|p| p.published_on.is_none())
                .collect();
            let sheet = due_sheet(store.conn(), settings.team_name(), &waiting)?;
            let to = Output::decide(out.as_deref(), None)?;
            write_sheet(sheet, &to, || Ok(()))?;
            if let Some(path) = to.path {
                eprintln!(
                    "已导出 {} 项待公示决定到 {}",
                    waiting.len(),
                    text::path(path)
                );
            }
            Ok(())
        }
    }
}
