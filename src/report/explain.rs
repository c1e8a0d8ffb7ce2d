//! Why a deadline is what it is: for each deadline of a lead or a notice, the rule and the
//! setting it came from, the start, every day counted or passed over with its kind (休, 班,
//! 法定 and 暂定), the extensions that replaced it, and the result — counted by the very same
//! count that set it (`Calendar::add_workdays_seen`).

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::calendar::{Calendar, DayKind, Reckoned};
use crate::domain::Complexity;
use crate::domain::pause::Stopped;
use crate::error::{Error, Result};
use crate::store::{complaints, notices, settings};

/// One deadline, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Why {
    /// 核查期限.
    pub name: &'static str,
    /// 2027-01-04 23:59（暂定）.
    pub due: String,
    /// The rule and the setting behind it.
    pub rule: String,
    /// Each day from the start to the result, with its kind and whether it counted.
    pub days: Vec<String>,
    /// Extensions and what 暂定 means here.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explained {
    pub title: String,
    pub deadlines: Vec<Why>,
}

/// The deadlines of the lead or notice `key`.
pub fn explain(conn: &Connection, key: &str) -> Result<Explained> {
    let cal = crate::store::holidays::calendar(conn)?;
    let s = settings::load(conn)?;
    if let Some(t) = complaints::get(conn, key)? {
        let c = &t.complaint;
        let rules = s.rules_for(c.channel);
        let setting = format!("（设置按渠道「{}」）", c.channel.label());
        let received = c.received_at;
        let (on_verify, on_feedback) = (
            Stopped::for_step(&c.work.stops, c.verified_at),
            Stopped::for_step(&c.work.stops, c.fed_back_at),
        );
        let verify = match c.complexity {
            Complexity::Simple => Why {
                name: "核查期限",
                due: shown(t.due.verify_due, false),
                rule: format!(
                    "一般线索：受理后 {} 小时内核查{setting}",
                    rules.verify_hours_simple
                ),
                days: vec![format!(
                    "受理 {} 起算 {} 小时（按钟点计，不论节假日）",
                    received.format("%Y-%m-%d %H:%M"),
                    rules.verify_hours_simple
                )],
                notes: Vec::new(),
            },
            Complexity::Complex => workdays(
                &cal,
                (
                    "核查期限",
                    format!(
                        "复杂线索：受理后 {} 个工作日内启动核查，截至当天 23:59{setting}",
                        rules.verify_workdays_complex
                    ),
                ),
                (received.date(), rules.verify_workdays_complex),
                &on_verify,
            ),
        };
        let mut feedback = workdays(
            &cal,
            (
                "反馈期限",
                format!(
                    "受理后 {} 个工作日内反馈，截至当天 23:59{setting}",
                    rules.feedback_workdays
                ),
            ),
            (received.date(), rules.feedback_workdays),
            &on_feedback,
        );
        for e in &c.work.extensions {
            feedback.notes.push(format!(
                "{} 由 {} 批准延长至 {}（原因：{}）{}",
                e.at.format("%Y-%m-%d %H:%M"),
                e.approved_by,
                e.until,
                e.reason,
                if e.was_late {
                    "；延长时原期限已过，仍计超期"
                } else {
                    ""
                }
            ));
        }
        if c.work.extensions.last().is_some() {
            feedback.due = shown(t.due.feedback_due, false);
        }
        let mut verify = verify;
        // Each stop is noted on the deadlines it moved: those of steps not done when it began.
        verify.notes.extend(on_verify.stops().map(stop_line));
        feedback.notes.extend(on_feedback.stops().map(stop_line));
        if c.complexity == Complexity::Simple && on_verify.stops().next().is_some() {
            verify.due = shown(t.due.verify_due, false);
            verify
                .days
                .push("中止的时间不计：期限按每次中止的时长顺延".to_string());
        }
        return Ok(Explained {
            title: format!(
                "投诉 {}（{}，{}，受理 {}）",
                c.id,
                c.channel.label(),
                c.complexity.label(),
                received.format("%Y-%m-%d %H:%M")
            ),
            deadlines: vec![verify, feedback],
        });
    }
    if let Some(t) = notices::get(conn, key)? {
        let n = &t.notice;
        let rules = &s.deadlines;
        let why = workdays(
            &cal,
            (
                "复查期限",
                format!(
                    "整改期限 {} 之后 {} 个工作日内复查，截至当天 23:59",
                    n.deadline, rules.reinspect_workdays
                ),
            ),
            (n.deadline, rules.reinspect_workdays),
            &Stopped::for_step(&[], None),
        );
        return Ok(Explained {
            title: format!("整改通知 {}（{}，下达 {}）", n.id, n.party, n.issued_on),
            deadlines: vec![why],
        });
    }
    Err(Error::NotFound {
        kind: "投诉或整改通知",
        key: key.to_string(),
    })
}

/// A deadline `n` working days after `from`, each day passed written down.
fn workdays(
    cal: &Calendar,
    (name, rule): (&'static str, String),
    (from, n): (NaiveDate, u32),
    stopped: &Stopped,
) -> Why {
    let mut days = vec![format!("起算：{from}（当天不计）")];
    let mut counted = 0;
    let skip = |d| stopped.day(d);
    let r: Reckoned = cal.add_workdays_skipping(from, n, &skip, &mut |day, counts| {
        counted += u32::from(counts);
        let what = if counts {
            format!("第 {counted} 个工作日")
        } else if stopped.day(day) {
            "中止计时，不计".to_string()
        } else {
            "不计".to_string()
        };
        days.push(format!(
            "{} {}  {what}",
            day.format("%m-%d"),
            kind_of(cal, day)
        ));
    });
    let mut notes = Vec::new();
    if r.uncertain() {
        notes.push(format!(
            "{}，按法定节假日和普通周末推算，调休公布并导入后可能变动",
            crate::calendar::provisional_note(&r.missing_years)
        ));
    }
    Why {
        name,
        due: shown(r.end_of_day(), r.uncertain()),
        rule,
        days,
        notes,
    }
}

/// One stop as a note: when, why, who approved, and what it does to the count.
fn stop_line(s: &crate::domain::pause::Stop) -> String {
    let until = s.until.map_or_else(
        || "今（仍中止，期限待恢复计时后顺延）".to_string(),
        |u| u.format("%Y-%m-%d %H:%M").to_string(),
    );
    format!(
        "中止计时 {} 至 {until}（{}，{} 批准）：中止期间不计入期限",
        s.from.format("%Y-%m-%d %H:%M"),
        s.reason_text(),
        s.approved_by
    )
}

/// "星期五 法定节假日（元旦，暂定）".
fn kind_of(cal: &Calendar, day: NaiveDate) -> String {
    let weekday = crate::calendar::weekday_name(day);
    let kind = cal.day_kind(day);
    let named = match (cal.mark(day), cal.provisional_holiday(day)) {
        (Some(h), _) if !h.name.is_empty() => format!("（{}）", h.name),
        (None, Some(name)) => format!("（{name}，法定，暂定）"),
        _ => String::new(),
    };
    let label = match kind {
        DayKind::SwapWorkday => "调休上班",
        k => k.label(),
    };
    format!("{weekday} {label}{named}")
}

fn shown(at: chrono::NaiveDateTime, provisional: bool) -> String {
    crate::store::moved::shown(at, provisional, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Actor, Store, desk};

    #[test]
    fn an_extension_replaces_the_feedback_deadline_and_is_named_with_its_approval() {
        let mut store = Store::open_in_memory().unwrap();
        let actor = Actor {
            operator: "W001".into(),
            now: crate::clock::parse_now("2026-11-23 08:30").unwrap(),
        };
        crate::demo::load(&mut store, &actor).unwrap();
        let until = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        desk::extend_complaint(
            &mut store,
            &actor,
            "TS-2026-0031",
            (until, "等待林业部门鉴定", "W001"),
        )
        .unwrap();
        let e = explain(store.conn(), "TS-2026-0031").unwrap();
        let feedback = &e.deadlines[1];
        assert_eq!(feedback.due, "2026-12-04 23:59");
        assert!(
            feedback
                .notes
                .iter()
                .any(|n| n.contains("由 W001 批准延长至 2026-12-04（原因：等待林业部门鉴定）")),
            "{feedback:?}"
        );
        // The days counted still show where the rule alone would have put it.
        assert!(
            feedback.days.iter().any(|d| d.contains("第 7 个工作日")),
            "{feedback:?}"
        );
    }
}
