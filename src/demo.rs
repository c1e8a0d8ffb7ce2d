//! The demo township: seed CSV files built into the binary, moved by whole weeks to be live today.

use chrono::{Datelike, Duration, NaiveDate};

use crate::error::{Error, Result};
use crate::exchange::{KindName, Summary};
use crate::store::{Actor, Store};

/// The Monday the seed files are written around: "today" in the seeds.
pub const ANCHOR: &str = "2026-11-23";

/// The seed files in the order their references need.
pub const SEEDS: [(KindName, &str, &str); 12] = [
    (
        KindName::Officers,
        "officers.csv",
        include_str!("../seeds/officers.csv"),
    ),
    (
        KindName::Areas,
        "areas.csv",
        include_str!("../seeds/areas.csv"),
    ),
    (
        KindName::Matters,
        "matters.csv",
        include_str!("../seeds/matters.csv"),
    ),
    (
        KindName::Leaves,
        "leaves.csv",
        include_str!("../seeds/leaves.csv"),
    ),
    (
        KindName::Roster,
        "roster.csv",
        include_str!("../seeds/roster.csv"),
    ),
    (
        KindName::Patrols,
        "patrols.csv",
        include_str!("../seeds/patrols.csv"),
    ),
    (
        KindName::Complaints,
        "complaints.csv",
        include_str!("../seeds/complaints.csv"),
    ),
    (
        KindName::Notices,
        "notices.csv",
        include_str!("../seeds/notices.csv"),
    ),
    (
        KindName::Subjects,
        "subjects.csv",
        include_str!("../seeds/subjects.csv"),
    ),
    (
        KindName::Lenient,
        "lenient.csv",
        include_str!("../seeds/lenient.csv"),
    ),
    (
        KindName::Plan,
        "plan.csv",
        include_str!("../seeds/plan.csv"),
    ),
    (
        KindName::Campaigns,
        "campaigns.csv",
        include_str!("../seeds/campaigns.csv"),
    ),
];

fn anchor() -> NaiveDate {
    ANCHOR.parse().expect("the anchor is a date")
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// Days to move the seeds so their anchor week becomes the week of `today`.
pub fn shift_days(today: NaiveDate) -> i64 {
    let anchor: NaiveDate = ANCHOR.parse().expect("anchor is a date");
    (monday_of(today) - monday_of(anchor)).num_days()
}

/// The moment the demo's story starts in the week of `today`: Monday 08:30, the handover of
/// Friday's shift waiting, the weekend's leads just in. The demo desk's clock starts there.
pub fn morning(today: NaiveDate) -> chrono::NaiveDateTime {
    monday_of(today)
        .and_hms_opt(8, 30, 0)
        .expect("08:30 is a time")
}

/// Moves every YYYY-MM-DD date in `text` by `days`.
pub fn shift_text(text: &str, days: i64) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if let Some(date) = date_at(bytes, i) {
            out.push_str(&(date + Duration::days(days)).format("%Y-%m-%d").to_string());
            i += 10;
        } else {
            let ch = text[i..].chars().next().expect("in bounds");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn date_at(bytes: &[u8], i: usize) -> Option<NaiveDate> {
    let s = bytes.get(i..i + 10)?;
    let shape = s.iter().enumerate().all(|(k, b)| {
        if k == 4 || k == 7 {
            *b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
    (shape && before_ok).then(|| std::str::from_utf8(s).ok()?.parse().ok())?
}

/// The demo township's team.
pub const TEAM_NAME: &str = "卧牛河镇综合行政执法队";

/// Loads the demo township into `store`, shifted to the week of `actor.now`.
pub fn load(store: &mut Store, actor: &Actor) -> Result<Vec<Summary>> {
    let days = shift_days(actor.now.date());
    let mut settings = store.settings()?;
    if settings.team_name.is_empty() {
        settings.team_name = TEAM_NAME.to_string();
        store.write(|tx| crate::store::settings::save(tx, actor, &settings))?;
    }
    let summaries = SEEDS
        .iter()
        .map(|(kind, file, text)| {
            // The plan is the current year's: YYYY is the year of the shifted anchor week.
            let year = (anchor() + Duration::days(days)).year().to_string();
            let shifted = shift_text(text, days).replace("YYYY", &year);
            kind.import(
                store,
                actor,
                &format!("seeds/{file}"),
                shifted.as_bytes(),
                false,
            )
            .map_err(|e| Error::invalid(format!("演示数据载入失败：{e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    duty_history(store, days)?;
    clocks_and_appeals(store, actor, days)?;
    crate::demo_checks::load(store, days)?;
    crate::demo_files::load(store, days)?;
    Ok(summaries)
}

/// A lead stopped and restarted, one still stopped, an appeal approved and one waiting for
/// the captain: what the desk, `explain` and the reports show of stopped clocks and appeals.
/// Each is done at the load's moment by the officer who did it; the stops' own times lie in
/// the week before, shifted with the seeds.
fn clocks_and_appeals(store: &mut Store, actor: &Actor, days: i64) -> Result<()> {
    use crate::store::pause;
    let done: i64 = store.conn().query_row(
        "SELECT count(*) FROM complaints WHERE stops <> '[]' OR appeal <> ''",
        [],
        |r| r.get(0),
    )?;
    if done > 0 {
        return Ok(());
    }
    let by = |who: &str| Actor {
        operator: who.to_string(),
        now: actor.now,
    };
    let at = |when: &str| {
        let shifted = shift_text(when, days);
        chrono::NaiveDateTime::parse_from_str(&shifted, "%Y-%m-%d %H:%M").expect("a demo time")
    };
    let why = ("当事人无法联系", "店主外出，电话无人接听");
    let stop = (at("2026-11-19 15:00"), why.0, why.1);
    pause::stop(store, &by("W002"), "TS-2026-0025", stop, "W001")?;
    pause::resume(store, &by("W002"), "TS-2026-0025", at("2026-11-20 09:00"))?;
    let why = ("等待其他部门答复", "待县自然资源局出具用地性质意见");
    let stop = (at("2026-11-21 09:00"), why.0, why.1);
    pause::stop(store, &by("W004"), "TS-2026-0029", stop, "W001")?;
    let reason = "暴雨致进村道路中断，核查人员当日无法到场";
    pause::appeal(store, &by("W005"), "TS-2026-0010", reason)?;
    let review = (true, "W001", "情况属实，有气象预警为证");
    pause::decide(store, &by("W001"), "TS-2026-0010", review)?;
    let reason = "网格员上报的地址有误，当天未能找到现场";
    pause::appeal(store, &by("W003"), "TS-2026-0026", reason)?;
    Ok(())
}

/// Thursday's and Friday's shifts before the anchor Monday: sign-ins, an acknowledgement,
/// and two handover notes, the last of which waits for Monday's duty officer to read it.
fn duty_history(store: &mut Store, days: i64) -> Result<()> {
    use crate::store::desk;
    let written: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM duty_log", [], |r| r.get(0))?;
    if written > 0 {
        return Ok(());
    }
    let at = |date: &str, time: &str| -> Actor {
        let when = format!("{date} {time}");
        let shifted = shift_text(&when, days);
        Actor {
            operator: String::new(),
            now: chrono::NaiveDateTime::parse_from_str(&shifted, "%Y-%m-%d %H:%M")
                .expect("a demo time"),
        }
    };
    let as_ = |mut a: Actor, who: &str| {
        a.operator = who.to_string();
        a
    };
    let thu = "2026-11-19";
    let fri = "2026-11-20";
    desk::sign_in(store, &as_(at(thu, "08:02"), "W003"), "W003")?;
    desk::hand_over(
        store,
        &as_(at(thu, "17:35"), "W003"),
        "W003",
        "TS-2026-0026 占用耕地建设库房：明早须核查，已超期。\n\
         卧执整〔2026〕第6号 佳佳便利店：待复查，当事人说周五前整改完。\n\
         其他事项：Q15 林场作业区本周还未巡查。",
    )?;
    desk::sign_in(store, &as_(at(fri, "08:05"), "W005"), "W005")?;
    desk::acknowledge(store, &as_(at(fri, "08:06"), "W005"), "W005")?;
    desk::hand_over(
        store,
        &as_(at(fri, "17:40"), "W005"),
        "W005",
        "周末值守：12345热线转来的夜市噪声投诉请周一优先核查。\n\
         卧执整〔2026〕第7号 顺达汽修 期限已过，周一应复查。\n\
         郑伟 执法证已过期，周一排班请勿排他执法。",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifting_moves_dates_by_whole_weeks_and_leaves_other_digits() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(shift_days(d("2026-11-23")), 0);
        assert_eq!(shift_days(d("2026-11-29")), 0);
        assert_eq!(shift_days(d("2026-11-30")), 7);
        assert_eq!(shift_days(d("2026-11-20")), -7);
        let text = "TS-001,2026-11-20 09:30,卧执整〔2026〕第3号,12026-11-20";
        assert_eq!(
            shift_text(text, 14),
            "TS-001,2026-12-04 09:30,卧执整〔2026〕第3号,12026-11-20"
        );
    }
}
