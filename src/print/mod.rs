//! Plain-text renderings for the terminal: the day at the desk and a month of the calendar.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use unicode_width::UnicodeWidthStr;
use zhifa_desk::calendar::{Calendar, DayKind};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::report::Today;
use zhifa_desk::report::format::{complaint_timer, notice_timer, unserved_label};
use zhifa_desk::text::printable;
use zhifa_desk::written;

pub mod county;
mod report;
pub use report::report;

pub fn today(t: &Today) -> String {
    let mut s = String::new();
    let time = t.now.get(11..).unwrap_or("");
    let _ = writeln!(s, "{} {} {}  现在 {time}", t.date, t.weekday, t.day_kind);

    let _ = writeln!(s, "\n【今日巡查排班】");
    if t.roster.is_empty() {
        let _ = writeln!(s, "  今日没有排班");
    }
    for team in &t.roster {
        let names: Vec<&str> = team.officers.iter().map(|m| m.name.as_str()).collect();
        let shift = if team.shift.is_empty() {
            String::new()
        } else {
            format!("（{}）", team.shift)
        };
        let done = format!("已巡 {}/{}", team.patrolled.len(), team.areas.len());
        let _ = writeln!(
            s,
            "  {}{shift} {}  区域 {}  {done}",
            team.team,
            names.join("、"),
            team.areas.join("、")
        );
        for c in &team.checks {
            let _ = writeln!(s, "    [注意] {}", c.message);
        }
    }
    if !t.areas.is_empty() {
        let _ = writeln!(s, "\n【巡查提醒】");
        for a in &t.areas {
            for c in &a.checks {
                let _ = writeln!(s, "  {} {}", a.area, c.message);
            }
        }
    }

    let stopped = t.stopped_note();
    let _ = writeln!(
        s,
        "\n【投诉计时】（{} 件未办结{stopped}）",
        t.complaints.len()
    );
    for c in &t.complaints {
        let (u, left) = complaint_timer(
            c.remaining_minutes,
            c.stopped_since,
            c.overdue,
            t.soon_minutes,
        );
        let _ = writeln!(
            s,
            "  {}{}{} {} {} {}",
            pad(u.marker(), 9),
            pad(&left, 15),
            c.id,
            c.channel,
            c.state,
            c.description
        );
    }

    let _ = writeln!(s, "\n【整改通知】（{} 份未销号）", t.notices.len());
    for n in &t.notices {
        let (u, left) = notice_timer(n.days_left);
        let unserved =
            unserved_label(n.unserved_days).map_or_else(String::new, |l| format!("，{l}"));
        let _ = writeln!(
            s,
            "  {}{}{} {} {}（期限 {}{unserved}）",
            pad(u.marker(), 7),
            pad(&left, 15),
            n.id,
            n.party,
            n.state,
            n.deadline
        );
    }
    if !t.callbacks_due.is_empty() {
        let late = t.callbacks_due.iter().filter(|c| c.late).count();
        let _ = writeln!(
            s,
            "\n【回访】（{} 件已结案待回访，逾期 {late}）",
            t.callbacks_due.len()
        );
        for c in &t.callbacks_due {
            let mark = if c.late { "[逾期]" } else { "" };
            let _ = writeln!(
                s,
                "  {}{} 应于 {} 前回访 {}",
                pad(mark, 7),
                c.id,
                c.due,
                c.description
            );
        }
    }
    if !t.checks_due.is_empty() {
        let late = t.checks_due.iter().filter(|c| c.late).count();
        let _ = writeln!(
            s,
            "\n【双随机抽查】（{} 个对象待检查，逾期 {late}）",
            t.checks_due.len()
        );
        for c in &t.checks_due {
            let names: Vec<&str> = c.officers.iter().map(|m| m.name.as_str()).collect();
            let mark = if c.late { "[逾期]" } else { "" };
            let _ = writeln!(
                s,
                "  {}{} {} {} {} {}",
                pad(mark, 7),
                c.date,
                c.draw,
                c.subject,
                c.name,
                names.join("、")
            );
        }
    }
    if !t.plan.is_empty() || !t.campaigns.is_empty() {
        let behind = t.plan.iter().filter(|p| p.behind).count();
        let _ = writeln!(
            s,
            "\n【检查计划】（{} 项本月未完成，落后 {behind}）",
            t.plan.len()
        );
        for p in &t.plan {
            let mark = if p.behind { "[落后]" } else { "本月" };
            let _ = writeln!(
                s,
                "  {}{} 事项 {} {} 已查 {}/应查 {}（{}）",
                pad(mark, 7),
                p.item.id,
                p.item.matter,
                p.item.method,
                p.done,
                p.due_now,
                p.item.squad
            );
        }
        for k in &t.campaigns {
            let c = &k.campaign;
            let _ = writeln!(
                s,
                "  专项：{}（{}，{} 至 {}），已检查 {} 户",
                c.name, c.basis, c.from, c.to, k.done
            );
        }
    }
    if !t.publicity.is_empty() {
        let today = written::date(&t.date).ok();
        let late = t
            .publicity
            .iter()
            .filter(|p| today.is_some_and(|d| p.late(d)))
            .count();
        let _ = writeln!(
            s,
            "\n【公示】（{} 项待公示，逾期 {late}）",
            t.publicity.len()
        );
        for p in &t.publicity {
            let state = today.map_or_else(String::new, |d| p.state(d));
            let _ = writeln!(
                s,
                "  {}{} {} {}（期限 {}）",
                pad(&state, 13),
                p.kind,
                p.key,
                p.what,
                p.due
            );
        }
    }
    if !t.calendar_warnings.is_empty() {
        let _ = writeln!(s, "\n【日历提醒】");
        for w in &t.calendar_warnings {
            let _ = writeln!(s, "  {w}");
        }
    }
    s
}

/// Pads to a width in terminal cells (a Chinese character takes two), not in characters.
pub(crate) fn pad(text: &str, cells: usize) -> String {
    let w = text.width();
    format!("{text}{}", " ".repeat(cells.saturating_sub(w).max(1)))
}

/// A year's statutory days as a holidays ledger to complete from the notice: UTF-8 with BOM,
/// CRLF, as every export.
fn holiday_template(year: i32) -> String {
    let mut s = String::from("\u{feff}日期,类型,名称\r\n");
    for (day, name) in zhifa_desk::statutory::days(year) {
        let _ = write!(s, "{day},休,{name}\r\n");
    }
    s
}

/// `calendar [YYYY-MM]`, `calendar add DATE N` or `calendar template YEAR`.
pub fn calendar(cal: &Calendar, today: NaiveDate, args: &[String]) -> Result<()> {
    match args {
        [] => print!("{}", printable(&month(cal, today.year(), today.month()))),
        [m] => {
            let bad = || Error::invalid(format!("月份“{m}”无效，应为 YYYY-MM，如 2026-10"));
            let (y, mo) = m.split_once(['-', '/']).ok_or_else(bad)?;
            let (y, mo) = (
                y.parse().map_err(|_| bad())?,
                mo.parse().map_err(|_| bad())?,
            );
            if NaiveDate::from_ymd_opt(y, mo, 1).is_none() {
                return Err(bad());
            }
            print!("{}", printable(&month(cal, y, mo)));
        }
        [template, year] if template == "template" => {
            let y: i32 = year
                .parse()
                .ok()
                .filter(|y| (zhifa_desk::statutory::FIRST_YEAR..=2099).contains(y))
                .ok_or_else(|| Error::invalid(format!("年份“{year}”无效，应为 2025 至 2099 年")))?;
            print!("{}", holiday_template(y));
            eprintln!(
                "以上是 {y} 年的法定节假日（共 13 天）。请按国务院的放假通知补上连休的“休”和调休上班的“班”，\
                 存为 CSV 后用 zhifa-desk import holidays 文件 导入"
            );
        }
        [add, date, n] if add == "add" => {
            let d = written::date(date)
                .map_err(|why| Error::invalid(format!("日期“{date}”无效：{why}")))?;
            let n: u32 = n
                .parse()
                .map_err(|_| Error::invalid(format!("天数“{n}”应为非负整数")))?;
            let r = cal.add_workdays(d, n);
            let wd = zhifa_desk::calendar::weekday_name(r.date);
            println!("{}（{wd}，{}）", r.date, cal.day_kind(r.date).label());
            for y in &r.missing_years {
                println!(
                    "注意：{y}年放假安排尚未导入，该年按法定节假日和普通周末推算，结果为暂定（调休公布并导入后可能变动）"
                );
            }
        }
        _ => {
            return Err(Error::invalid(
                "用法：calendar [YYYY-MM] 或 calendar add 日期 天数",
            ));
        }
    }
    Ok(())
}

/// A month grid, Monday first; 休 marks official days off, 班 weekend working days.
pub fn month(cal: &Calendar, year: i32, month: u32) -> String {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("checked by caller");
    let mut s = format!("{year}年{month}月\n");
    s.push_str(" 一   二   三   四   五   六   日\n");
    let offset = first.weekday().num_days_from_monday() as usize;
    s.push_str(&"     ".repeat(offset));
    let mut day = first;
    let mut col = offset;
    while day.month() == month {
        let mark = match cal.day_kind(day) {
            DayKind::Holiday => "休",
            DayKind::SwapWorkday => "班",
            _ => "  ",
        };
        let _ = write!(s, "{:>2}{mark} ", day.day());
        col += 1;
        if col == 7 {
            s = s.trim_end().to_string();
            s.push('\n');
            col = 0;
        }
        day = day.succ_opt().expect("in range");
    }
    if col != 0 {
        s = s.trim_end().to_string();
        s.push('\n');
    }
    for h in cal
        .holidays()
        .filter(|h| h.date.year() == year && h.date.month() == month)
    {
        let _ = writeln!(
            s,
            "{} {} {}",
            h.date.format("%m-%d"),
            h.mark.label(),
            h.name
        );
    }
    let mut day = first;
    while day.month() == month {
        if let Some(name) = cal.provisional_holiday(day) {
            let _ = writeln!(s, "{} 休 {name}（法定，暂定）", day.format("%m-%d"));
        }
        day = day.succ_opt().expect("in range");
    }
    if !cal.covers(year) {
        let _ = writeln!(
            s,
            "注意：{year}年放假安排尚未导入，只按法定节假日和周末显示（暂定）；调休以国务院通知为准"
        );
    }
    s
}

/// `explain`: each deadline, its rule, the days counted and the notes.
pub fn explained(e: &zhifa_desk::report::explain::Explained) -> String {
    let mut s = format!("{}\n", e.title);
    for w in &e.deadlines {
        let _ = writeln!(s, "\n{}：{}", w.name, w.due);
        let _ = writeln!(s, "  规则：{}", w.rule);
        for d in &w.days {
            let _ = writeln!(s, "  {d}");
        }
        for n in &w.notes {
            let _ = writeln!(s, "  注：{n}");
        }
    }
    s
}
