//! 人员与区域: officers with certificate warnings, areas with their interval and last patrol.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Cell, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;
use zhifa_desk::domain::Officer;
use zhifa_desk::report::format::Urgency;

use super::super::app::App;
use super::super::theme::Theme;
use super::or_dash;

/// A certificate expiring within this many days is flagged.
const CERT_WARN_DAYS: i64 = 60;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [top, bottom] = if area.width >= 150 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    };
    let (cursor, areas_focused) = app.people;
    officers(frame, top, app, theme, (!areas_focused).then_some(cursor.0));
    areas(frame, bottom, app, theme, areas_focused.then_some(cursor.0));
}

/// How many open leads the officer handles ("3 件"), or "-".
fn open_leads(app: &App, id: &str) -> String {
    let n = app
        .data
        .today
        .complaints
        .iter()
        .filter(|c| c.handlers.iter().any(|h| h == id))
        .count();
    if n == 0 {
        "-".into()
    } else {
        format!("{n} 件")
    }
}

/// 已过期 / 还有 N 天到期 / 有效 / 无证, with its urgency.
pub fn cert_status(o: &Officer, today: chrono::NaiveDate) -> (String, Urgency) {
    match (o.cert_no.as_deref(), o.cert_expiry) {
        (None, _) | (Some(""), _) => ("无执法证".into(), Urgency::Fine),
        (_, None) => ("有效".into(), Urgency::Fine),
        (_, Some(exp)) => match (exp - today).num_days() {
            d if d < 0 => (format!("已过期{}天", -d), Urgency::Overdue),
            d if d <= CERT_WARN_DAYS => (format!("{d} 天后到期"), Urgency::Soon),
            _ => ("有效".into(), Urgency::Fine),
        },
    }
}

fn officers(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, selected: Option<usize>) {
    let today = app.now.date();
    let (shown, selected) = super::window(app.data.officers.len(), selected, area);
    let shown_rows = shown.clone();
    let wide = area.width >= 100;
    let rows = app.data.officers[shown].iter().map(|o| {
        let (cert, u) = cert_status(o, today);
        // A leave period shows where people look for who is available.
        let away = app.data.leaves.iter().find(|l| l.officer == o.id);
        let status = match away {
            Some(l) if l.covers(today) => format!("请假至{}", l.to.format("%m-%d")),
            Some(l) => format!("{}起请假", l.from.format("%m-%d")),
            None => o.status.label().to_string(),
        };
        Row::new(vec![
            Cell::from(o.id.as_str()),
            Cell::from(o.name.as_str()),
            Cell::from(o.squad.as_str()),
            Cell::from(o.role.label()),
            Cell::from(or_dash(o.cert_no.as_deref().unwrap_or(""))),
            Cell::from(o.cert_expiry.map_or_else(|| "-".into(), |d| d.to_string())),
            Cell::from(cert).style(theme.urgency(u)),
            Cell::from(status),
            Cell::from(if wide { o.phone.as_str() } else { "" }),
            Cell::from(if wide {
                open_leads(app, &o.id)
            } else {
                String::new()
            }),
        ])
    });
    let header = Row::new([
        "工号",
        "姓名",
        "中队",
        "角色",
        "执法证号",
        "有效期至",
        "证件",
        "状态",
        if wide { "电话" } else { "" },
        if wide { "在办" } else { "" },
    ])
    .style(theme.dim());
    let id_w = id_width(&app.data.officers);
    let table = Table::new(
        rows,
        [
            Constraint::Length(id_w),
            Constraint::Length(7),
            Constraint::Length(7),
            Constraint::Length(8),
            Constraint::Length(9),
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Length(11),
            Constraint::Length(if wide { 12 } else { 0 }),
            Constraint::Length(if wide { 6 } else { 0 }),
        ],
    )
    .header(header)
    .block(theme.block(theme.keys(&format!(
        "执法人员（{}←/→ 切换到区域）",
        super::rows_note(&shown_rows, app.data.officers.len())
    ))))
    .row_highlight_style(theme.selected())
    .highlight_symbol(theme.pointer());
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, area, &mut state);
}

fn areas(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, selected: Option<usize>) {
    let today = app.now.date();
    // As of today: page 2 may be showing another day.
    let last = |id: &str| app.data.last_patrols.get(id).copied();
    let (shown, selected) = super::window(app.data.areas.len(), selected, area);
    let note = super::rows_note(&shown, app.data.areas.len());
    let rows = app.data.areas[shown].iter().map(|a| {
        let l = last(&a.id);
        let since = l.map(|d| (today - d).num_days());
        let u = match since {
            None => Urgency::Overdue,
            Some(d) if d > i64::from(a.interval.days()) => Urgency::Overdue,
            Some(d) if d == i64::from(a.interval.days()) => Urgency::Soon,
            _ => Urgency::Fine,
        };
        Row::new(vec![
            Cell::from(a.id.as_str()),
            Cell::from(a.name.as_str()),
            Cell::from(a.kind.label()),
            Cell::from(a.interval.label()),
            Cell::from(l.map_or_else(|| "从未巡查".into(), |d| d.to_string()))
                .style(theme.urgency(u)),
            Cell::from(or_dash(&a.village)),
        ])
    });
    let header =
        Row::new(["编号", "名称", "类型", "频次", "上次巡查", "所属村"]).style(theme.dim());
    let table = Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(7),
            Constraint::Length(10),
            Constraint::Length(8),
        ],
    )
    .header(header)
    .block(theme.block(format!(
        "巡查区域{}",
        match note.trim_end_matches('；') {
            "" => String::new(),
            n => format!("（{n}）"),
        }
    )))
    .row_highlight_style(theme.selected())
    .highlight_symbol(theme.pointer());
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, area, &mut state);
}

/// The 工号 column: as wide as the longest id (a generated roster's G00001 is six), at least
/// as wide as its header, and a space.
pub(super) fn id_width(officers: &[Officer]) -> u16 {
    let longest = officers.iter().map(|o| o.id.width()).max().unwrap_or(0);
    longest.max(4) as u16 + 1
}
