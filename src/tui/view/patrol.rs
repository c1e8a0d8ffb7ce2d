//! 巡查: the roster of any date with its checks, logging a patrol, and area coverage.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use zhifa_desk::report::format::Urgency;

use super::super::app::App;
use super::super::theme::Theme;
use super::or_dash;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let date = app.patrol_date;
    let weekday = zhifa_desk::calendar::weekday_name(date);
    let when = match (date - app.now.date()).num_days() {
        0 => "今天".to_string(),
        d if d < 0 => format!("{} 天前", -d),
        d => format!("{d} 天后"),
    };
    let checks: Vec<Line> = app
        .data
        .day
        .get(app.patrol.0)
        .map(|t| {
            t.checks
                .iter()
                .map(|c| Line::styled(format!("[注意] {}", c.message), theme.warn()))
                .collect()
        })
        .unwrap_or_default();
    let teams_h = (app.data.day.len() as u16 + 3).max(4);
    let [head, teams, notes, cover] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(teams_h),
        Constraint::Length(checks.len() as u16),
        Constraint::Min(0),
    ])
    .areas(area);
    let head_line = Line::from(vec![
        Span::styled(format!("{date} {weekday}（{when}）"), theme.title()),
        Span::raw(theme.keys("  ←/→ 换日期  t 今天  p 登记巡查  c 复制上周同日排班")),
    ]);
    frame.render_widget(Paragraph::new(head_line), head);
    roster(frame, teams, app, theme);
    frame.render_widget(Paragraph::new(checks), notes);
    let [cover, logged] = if cover.width >= 110 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(cover)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(cover)
    };
    coverage(frame, cover, app, theme);
    patrols(frame, logged, app, theme);
}

/// The patrols logged that day, each with its times, team, areas and what was found.
fn patrols(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut lines = Vec::new();
    for p in &app.data.patrols {
        let areas: Vec<String> = p
            .areas
            .iter()
            .map(|a| super::name_of(&app.data, a))
            .collect();
        let found = if p.found_problem {
            Span::styled(" [发现问题]", theme.warn())
        } else {
            Span::styled(" 未发现问题", theme.dim())
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{} {}–{} {}",
                    p.id,
                    p.start.format("%H:%M"),
                    p.end.format("%H:%M"),
                    p.team
                ),
                theme.title(),
            ),
            found,
        ]));
        lines.push(Line::raw(format!(
            "  {}：{}",
            areas.join("、"),
            or_dash(&p.notes)
        )));
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            "当天还没有登记巡查（选中一组按 p 登记）",
            theme.dim(),
        ));
    }
    let title = format!("当日巡查记录（{} 条）", app.data.patrols.len());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(theme.block(title)),
        area,
    );
}

fn roster(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let rows = app.data.day.iter().map(|t| {
        let names: Vec<&str> = t.officers.iter().map(|m| m.name.as_str()).collect();
        let done = format!("{}/{}", t.patrolled.len(), t.areas.len());
        let check = if t.checks.is_empty() {
            Cell::from("正常").style(theme.ok())
        } else {
            Cell::from(format!("{} 项问题", t.checks.len())).style(theme.warn())
        };
        Row::new(vec![
            Cell::from(t.team.as_str()),
            Cell::from(or_dash(&t.shift)),
            Cell::from(names.join("、")),
            Cell::from(t.areas.join("、")),
            Cell::from(done),
            check,
        ])
    });
    let header = Row::new(["巡查组", "班次", "人员", "区域", "已巡", "检查"]).style(theme.dim());
    let title = if app.data.day.is_empty() {
        "排班（当天没有排班，按 c 复制上周同日）"
    } else {
        "排班"
    };
    let table = Table::new(
        rows,
        [
            Constraint::Length(8),
            Constraint::Length(6),
            Constraint::Length(16),
            Constraint::Fill(1),
            Constraint::Length(5),
            Constraint::Length(9),
        ],
    )
    .header(header)
    .block(theme.block(title))
    .row_highlight_style(theme.selected())
    .highlight_symbol(theme.pointer());
    let mut state = TableState::default().with_selected(Some(app.patrol.0));
    frame.render_stateful_widget(table, area, &mut state);
}

fn coverage(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // Areas needing a patrol come first; what does not fit is counted on the last row.
    let capacity = usize::from(area.height.saturating_sub(3));
    let (shown, hidden) = super::dashboard::fit(app.data.coverage.len(), capacity);
    let mut rows: Vec<Row> = app
        .data
        .coverage
        .iter()
        .take(shown)
        .map(|c| {
            let (text, u) = match (c.status.checks.is_empty(), c.status.due) {
                (false, _) => ("需巡查", Urgency::Overdue),
                (true, true) => ("今日应巡", Urgency::Soon),
                (true, false) => ("正常", Urgency::Fine),
            };
            let since = match c.status.days_since {
                Some(d) => format!("{d} 天"),
                None => "从未".to_string(),
            };
            Row::new(vec![
                Cell::from(c.area.id.as_str()),
                Cell::from(c.area.name.as_str()),
                Cell::from(c.area.interval.label()),
                Cell::from(c.last.map_or_else(|| "-".to_string(), |d| d.to_string())),
                Cell::from(since),
                Cell::from(super::fit(
                    or_dash(&c.teams.join("、")),
                    8,
                    theme.ellipsis(),
                )),
                Cell::from(text).style(theme.urgency(u)),
            ])
        })
        .collect();
    if hidden > 0 {
        rows.push(Row::new(vec![
            Cell::from(""),
            Cell::from(format!("还有 {hidden} 个区域未显示{}", theme.ellipsis()))
                .style(theme.warn()),
        ]));
    }
    let header =
        Row::new(["编号", "区域", "频次", "上次巡查", "距今", "负责组", "状态"]).style(theme.dim());
    let table = Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Fill(1),
            Constraint::Length(7),
            Constraint::Length(10),
            Constraint::Length(6),
            Constraint::Length(8),
            Constraint::Length(8),
        ],
    )
    .header(header)
    .block(theme.block("区域覆盖（需巡查的在前）"));
    frame.render_widget(table, area);
}
