//! The handover note, filled in for the officer to edit: what turned overdue during the
//! shift, notices due tomorrow, areas not covered, calendar warnings.

use chrono::{Duration, NaiveDateTime};
use zhifa_desk::domain::duty::DutyKind;

use super::app::App;

/// When the shift began: the last sign-in on the desk, or the start of today.
pub fn shift_start(app: &App) -> NaiveDateTime {
    app.data
        .duty_log
        .iter()
        .find(|e| e.kind == DutyKind::SignIn)
        .map(|e| e.at)
        .unwrap_or_else(|| app.now.date().and_hms_opt(0, 0, 0).expect("midnight"))
}

/// The note as the form starts: one line for each thing the next shift must know.
pub fn draft(app: &App) -> String {
    let t = &app.data.today;
    let since = shift_start(app);
    let mut lines = Vec::new();
    // A lead whose deadline passed after the shift began turned overdue during it.
    let turned: Vec<String> = t
        .complaints
        .iter()
        .filter_map(|c| {
            let left = c.remaining_minutes.filter(|m| *m < 0)?;
            let due = app.now + Duration::minutes(left);
            (due > since).then(|| format!("{} {}", c.id, c.description))
        })
        .collect();
    if !turned.is_empty() {
        lines.push(format!("本班转为超期的投诉：{}", turned.join("；")));
    }
    let overdue = t
        .complaints
        .iter()
        .filter(|c| c.remaining_minutes.is_some_and(|m| m < 0))
        .count();
    if overdue > turned.len() {
        lines.push(format!("仍超期未办的投诉共 {overdue} 件"));
    }
    let tomorrow: Vec<String> = t
        .notices
        .iter()
        .filter(|n| n.days_left == 1)
        .map(|n| format!("{} {}", n.id, n.party))
        .collect();
    if !tomorrow.is_empty() {
        lines.push(format!("明日应复查的整改通知：{}", tomorrow.join("；")));
    }
    let areas: Vec<String> = t.areas.iter().map(|a| a.name.clone()).collect();
    if !areas.is_empty() {
        lines.push(format!(
            "需巡查、尚未安排或已逾期的区域：{}",
            areas.join("、")
        ));
    }
    for w in &t.calendar_warnings {
        lines.push(format!("日历：{}", w.split('（').next().unwrap_or(w)));
    }
    lines.push("其他事项：".to_string());
    lines.join("\n")
}
