//! What the desk writes about people and the roster: patrols logged, leave, an officer's
//! details, a team set, renamed, taken off or copied from last week.

use chrono::NaiveDate;

use super::desk::{must_exist, not_future, not_later, phone, refuse_problems};
use super::record::{self, Record};
use super::{Actor, Store, roster};
use crate::domain::{Patrol, RosterTeam};
use crate::error::{Error, Result};

/// Logs a patrol under the next number.
pub fn log_patrol(store: &mut Store, actor: &Actor, mut p: Patrol) -> Result<String> {
    store.write_with_rules(actor, |tx, ctx| {
        not_future(actor, "巡查日期", p.date)?;
        not_later(actor, "巡查结束时间", p.date.and_time(p.end))?;
        if p.end <= p.start {
            return Err(Error::invalid("结束时间须晚于开始时间"));
        }
        if p.officers.is_empty() || p.areas.is_empty() {
            return Err(Error::invalid("巡查须有人员和区域"));
        }
        for o in &p.officers {
            must_exist(tx, "officers", "人员", o)?;
        }
        for a in &p.areas {
            must_exist(tx, "areas", "区域", a)?;
        }
        p.id = roster::next_patrol_id(tx)?;
        record::upsert(tx, ctx, &p)?;
        Ok(p.id)
    })
}

/// 请假: records that an officer is away from one date to another.
pub fn add_leave(store: &mut Store, actor: &Actor, leave: crate::domain::Leave) -> Result<()> {
    store.write_with_rules(actor, |tx, ctx| {
        must_exist(tx, "officers", "人员", &leave.officer)?;
        refuse_problems(leave.problems())?;
        record::upsert(tx, ctx, &leave).map(drop)
    })
}

/// An officer's certificate, status or phone changed on the desk (an audited 修改).
pub fn update_officer(store: &mut Store, actor: &Actor, o: crate::domain::Officer) -> Result<()> {
    store.write_with_rules(actor, |tx, ctx| {
        must_exist(tx, "officers", "人员", &o.id)?;
        refuse_problems(o.problems())?;
        let old = crate::store::people::officers_by_id(tx)?
            .get(&o.id)
            .map(|x| x.phone.clone());
        phone(&o.phone, old.as_deref())?;
        record::upsert(tx, ctx, &o).map(drop)
    })
}

/// 排班: adds or changes team `team.team` on `team.date`, officers and areas given by key.
/// A past date is history: it changes only as a declared correction with `correction`.
/// A team renamed from `original` takes the old team off in the same transaction.
/// Returns the roster checks the team now fails (saved all the same: the desk asks first).
pub fn set_team(
    store: &mut Store,
    actor: &Actor,
    team: RosterTeam,
    original: Option<&str>,
    correction: Option<&str>,
) -> Result<Vec<crate::domain::Check>> {
    if team.team.trim().is_empty() || team.team.contains(' ') {
        return Err(Error::invalid("巡查组名称不能为空，也不能含空格"));
    }
    if team.officers.is_empty() || team.areas.is_empty() {
        return Err(Error::invalid("巡查组须有人员和区域"));
    }
    let past = team.date < actor.now.date();
    let reason = correction.map(str::trim).filter(|r| !r.is_empty());
    if past && reason.is_none() {
        return Err(Error::invalid(format!(
            "{} 已过去，当天的排班是历史记录；如确需改动，请写明更正原因",
            team.date
        )));
    }
    store.write_with_rules(actor, |tx, ctx| {
        for o in &team.officers {
            must_exist(tx, "officers", "人员", o)?;
        }
        for a in &team.areas {
            must_exist(tx, "areas", "区域", a)?;
        }
        let checks = crate::domain::checks::checks_with_edit(
            &roster::teams_on(tx, team.date)?,
            &team,
            original,
            &super::leaves::officers_on(tx, team.date)?,
        );
        let before = RosterTeam::load(tx, &team.key())?;
        match reason.filter(|_| past) {
            Some(r) => record::upsert_declared(tx, ctx, &team, before.as_ref(), r)?,
            None => record::upsert_over(tx, ctx, &team, before.as_ref())?,
        };
        if let Some(old) = original.filter(|o| *o != team.team) {
            let why = match reason.filter(|_| past) {
                Some(r) => format!("更正（{r}）：改名为{}", team.team),
                None => format!("改名为{}", team.team),
            };
            record::void::<RosterTeam>(tx, ctx, &format!("{} {old}", team.date), &why)?;
        }
        Ok(checks)
    })
}

/// Takes team `name` off `date` (voided with the reason; nothing is deleted).
pub fn remove_team(
    store: &mut Store,
    actor: &Actor,
    date: NaiveDate,
    name: &str,
    reason: &str,
) -> Result<()> {
    store.write_with_rules(actor, |tx, ctx| {
        record::void::<RosterTeam>(tx, ctx, &format!("{date} {name}"), reason)
    })
}

/// Copies the roster of the same weekday last week onto `date` (teams it lacks only).
pub fn copy_last_week(store: &mut Store, actor: &Actor, date: NaiveDate) -> Result<usize> {
    let from = date - chrono::Duration::days(7);
    store.write_with_rules(actor, |tx, ctx| roster::copy_day(tx, ctx, from, date))
}
