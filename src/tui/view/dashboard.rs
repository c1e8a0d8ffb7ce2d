//! 看板: today's roster with its checks, the complaint timers, the open notices, and alerts.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};
use zhifa_desk::report::format::{Urgency, complaint_timer, notice_marker, unserved_label};

use super::super::app::App;
use super::super::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // Below 30 rows the panes lose their side and bottom borders to keep their rows.
    let compact = area.height < 30;
    let pane = |title: String| {
        if compact {
            theme.rule(title)
        } else {
            theme.block(title)
        }
    };
    let alerts = alert_lines(app, theme);
    let width = usize::from(area.width.max(1));
    let alert_h = alerts
        .iter()
        .map(|l| l.width().div_ceil(width).max(1) as u16)
        .sum::<u16>()
        .min(5);
    let borders = if compact { 1 } else { 2 };
    let wanted = roster_line_count(app);
    let roster_h = (wanted as u16 + borders)
        .min(area.height.saturating_sub(alert_h) / 2)
        .max(3);
    let roster = roster_lines(app, theme, usize::from(roster_h - borders));
    let [r, rest, a] = Layout::vertical([
        Constraint::Length(roster_h),
        Constraint::Min(0),
        Constraint::Length(alert_h),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(roster).block(pane("今日巡查排班".into())), r);
    let [c, n] = if rest.width >= 150 {
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(rest)
    } else {
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(rest)
    };
    complaints(frame, c, app, theme, pane);
    notices(frame, n, app, theme, pane);
    frame.render_widget(Paragraph::new(alerts).wrap(Wrap { trim: true }), a);
}

fn area_name<'a>(app: &'a App, id: &'a str) -> &'a str {
    app.data
        .areas
        .iter()
        .find(|a| a.id == id)
        .map_or(id, |a| a.name.as_str())
}

/// How many rows `capacity` can show of `len` items: all of them, or all but one, that one
/// row then saying how many more there are.
pub fn fit(len: usize, capacity: usize) -> (usize, usize) {
    if len <= capacity {
        (len, 0)
    } else {
        let shown = capacity.saturating_sub(1);
        (shown, len - shown)
    }
}

fn roster_line_count(app: &App) -> usize {
    let t = &app.data.today;
    t.roster
        .iter()
        .map(|team| 1 + team.checks.len())
        .sum::<usize>()
        .max(1)
}

/// The roster, teams with problems first, cut to `capacity` rows with a line that says what
/// was left out.
fn roster_lines<'a>(app: &'a App, theme: &Theme, capacity: usize) -> Vec<Line<'a>> {
    let t = &app.data.today;
    if t.roster.is_empty() {
        return vec![Line::styled(
            "今日没有排班（在 2 巡查 中按 c 复制上周同日排班）",
            theme.warn(),
        )];
    }
    let selected = app.dashboard.0;
    let mut lines = Vec::new();
    let mut selected_line = None;
    for (i, team) in app.teams_in_order().into_iter().enumerate() {
        if i == selected {
            selected_line = Some(lines.len());
        }
        let names: Vec<&str> = team.officers.iter().map(|m| m.name.as_str()).collect();
        let areas: Vec<&str> = team.areas.iter().map(|a| area_name(app, a)).collect();
        let done = team.patrolled.len() == team.areas.len();
        let mark = if i == selected {
            theme.selected()
        } else {
            theme.title()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", team.team), mark),
            Span::raw(format!("{}  ", names.join("、"))),
            Span::raw(format!("{}  ", areas.join("、"))),
            Span::styled(
                format!("已巡 {}/{}", team.patrolled.len(), team.areas.len()),
                if done { theme.ok() } else { theme.warn() },
            ),
        ]));
        for c in &team.checks {
            lines.push(Line::styled(
                format!("  [注意] {}", c.message),
                theme.warn(),
            ));
        }
    }
    let (start, shown, hidden) = window_around(lines.len(), capacity.max(1), selected_line);
    let mut lines: Vec<Line> = lines.into_iter().skip(start).take(shown).collect();
    if hidden > 0 {
        lines.push(Line::styled(
            format!(
                "  还有 {hidden} 行未显示{}（按 2 在巡查中查看全部）",
                theme.ellipsis()
            ),
            theme.warn(),
        ));
    }
    lines
}

/// The officers handling a lead, by name; 未分派 while an open lead waits for someone, and
/// a dash for a lead closed without anyone named (it never needed a dispatch). Where the
/// screen is narrow, only the first officer is named, with 等 when there are more.
pub fn handled_by(app: &App, ids: &[String], open: bool, wide: bool) -> String {
    match ids {
        [] if open => "未分派".into(),
        [] => "-".into(),
        [first, rest @ ..] if !wide => {
            let more = if rest.is_empty() { "" } else { "等" };
            format!(
                "{}{more}",
                app.data.officer_names(std::slice::from_ref(first))
            )
        }
        _ => app.data.officer_names(ids),
    }
}

/// Which rows of `len` a pane of `capacity` rows shows so `selected` is among them: the
/// first shown, how many, and how many are not (one row then says so).
pub fn window_around(
    len: usize,
    capacity: usize,
    selected: Option<usize>,
) -> (usize, usize, usize) {
    let (shown, hidden) = fit(len, capacity);
    if hidden == 0 {
        return (0, shown, 0);
    }
    let start = selected
        .map_or(0, |s| (s + 1).saturating_sub(shown))
        .min(len - shown);
    (start, shown, hidden)
}

fn complaints<'a>(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    pane: impl Fn(String) -> Block<'a>,
) {
    let list = &app.data.today.complaints;
    let is_overdue =
        |c: &&zhifa_desk::report::today::ComplaintTimer| c.remaining_minutes.is_some_and(|m| m < 0);
    let overdue = list.iter().filter(is_overdue).count();
    // Only what fits is built; a last row says how many more there are, of them how many
    // overdue, so the title's counts are never more than the pane can reach.
    let block = pane(String::new());
    let capacity = usize::from(block.inner(area).height);
    let teams = app.data.today.roster.len();
    let selected = app
        .dashboard
        .0
        .checked_sub(teams)
        .filter(|s| *s < list.len());
    let (start, shown, hidden) = window_around(list.len(), capacity, selected);
    let seen = list
        .iter()
        .skip(start)
        .take(shown)
        .filter(is_overdue)
        .count();
    let more_overdue = overdue - seen;
    let wide = area.width >= 100;
    let widths = [
        8,
        13,
        12,
        6,
        if wide { 10 } else { 0 },
        if wide { 14 } else { 8 },
    ];
    let rest = super::cells::rest_width(pane(String::new()).inner(area).width, &widths);
    let rows: Vec<Row> = list
        .iter()
        .skip(start)
        .take(shown)
        .map(|c| {
            let (u, left) = complaint_timer(
                c.remaining_minutes,
                c.stopped_since,
                c.overdue,
                app.data.today.soon_minutes,
            );
            let style = theme.urgency(u);
            Row::new(vec![
                Cell::from(marker(u.marker(), c.provisional)).style(style),
                Cell::from(left).style(style),
                Cell::from(c.id.as_str()),
                Cell::from(c.state.label()),
                Cell::from(c.channel),
                // Who handles it: the 承办人员, or 未分派 until someone is named.
                Cell::from(handled_by(app, &c.handlers, true, wide)),
                Cell::from(super::fit(&c.description, rest, theme.ellipsis())),
            ])
        })
        .collect();
    let of_them = if more_overdue > 0 {
        format!("，其中 {more_overdue} 件超期")
    } else {
        String::new()
    };
    let more = (hidden > 0).then(|| {
        format!(
            "还有 {hidden} 件未显示{of_them}{}（按 3 查看全部）",
            theme.ellipsis()
        )
    });
    let stopped = app.data.today.stopped_note();
    let title = format!(
        "投诉计时（{} 件未办结，{overdue} 件超期{stopped}）",
        list.len()
    );
    let table = Table::new(
        rows,
        widths
            .map(Constraint::Length)
            .into_iter()
            .chain([Constraint::Fill(1)]),
    );
    let at = selected.map(|s| s - start);
    table_in(frame, (area, at), pane(title), table, more, theme);
}

fn notices<'a>(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    pane: impl Fn(String) -> Block<'a>,
) {
    let list = &app.data.today.notices;
    let capacity = usize::from(pane(String::new()).inner(area).height);
    let before = app.data.today.roster.len() + app.data.today.complaints.len();
    let selected = app
        .dashboard
        .0
        .checked_sub(before)
        .filter(|s| *s < list.len());
    let (start, shown, hidden) = window_around(list.len(), capacity, selected);
    let widths = [8, 14, 21, 6];
    let rest = super::cells::rest_width(pane(String::new()).inner(area).width, &widths);
    let rows: Vec<Row> = list
        .iter()
        .skip(start)
        .take(shown)
        .map(|n| {
            let (u, left) = notice_marker(true, n.late, n.days_left);
            let style = theme.urgency(u);
            let party = match unserved_label(n.unserved_days) {
                Some(l) => {
                    let tag = format!("[{l}] ");
                    let room = rest.saturating_sub(super::cells::width(&tag));
                    Line::from(vec![
                        Span::styled(tag, theme.urgency(Urgency::Soon)),
                        Span::raw(super::fit(&n.party, room, theme.ellipsis())),
                    ])
                }
                None => Line::from(super::fit(&n.party, rest, theme.ellipsis())),
            };
            Row::new(vec![
                Cell::from(marker(u.marker(), n.provisional)).style(style),
                Cell::from(left).style(style),
                Cell::from(n.id.as_str()),
                Cell::from(n.state.label()),
                Cell::from(party),
            ])
        })
        .collect();
    let more = (hidden > 0).then(|| {
        format!(
            "还有 {hidden} 份未显示{}（按 4 查看全部）",
            theme.ellipsis()
        )
    });
    let unserved = list.iter().filter(|n| n.unserved_days.is_some()).count();
    let title = match unserved {
        0 => format!("整改通知（{} 份未销号）", list.len()),
        u => format!("整改通知（{} 份未销号，{u} 份未送达）", list.len()),
    };
    let table = Table::new(
        rows,
        widths
            .map(Constraint::Length)
            .into_iter()
            .chain([Constraint::Fill(1)]),
    );
    let at = selected.map(|s| s - start);
    table_in(frame, (area, at), pane(title), table, more, theme);
}

/// Draws `table` in `block` with the row `at` (if any) selected, and the line that says
/// what did not fit below it, if any.
fn table_in<'a>(
    frame: &mut Frame,
    (area, at): (Rect, Option<usize>),
    block: Block<'a>,
    table: Table<'a>,
    more: Option<String>,
    theme: &Theme,
) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let table = table.row_highlight_style(theme.selected());
    let mut state = ratatui::widgets::TableState::default().with_selected(at);
    match more {
        None => frame.render_stateful_widget(table, inner, &mut state),
        Some(text) => {
            let [rows, last] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
            frame.render_stateful_widget(table, rows, &mut state);
            frame.render_widget(Paragraph::new(Line::styled(text, theme.warn())), last);
        }
    }
}

/// Areas overdue for patrol, then calendar warnings.
fn alert_lines<'a>(app: &'a App, theme: &Theme) -> Vec<Line<'a>> {
    let t = &app.data.today;
    let mut lines = Vec::new();
    if !t.areas.is_empty() {
        let mut spans = vec![Span::styled("巡查提醒 ", theme.urgency(Urgency::Overdue))];
        for a in &t.areas {
            let since = match &a.last_patrol {
                Some(d) => format!("上次 {}", &d[5..]),
                None => "从未巡查".to_string(),
            };
            spans.push(Span::raw(format!(
                "{}（{}，{since}）  ",
                a.name, a.interval
            )));
        }
        lines.push(Line::from(spans));
    }
    for w in &t.calendar_warnings {
        // The dashboard keeps the warning; the way to fix it is in `today` and the README.
        let short = w.split('（').next().unwrap_or(w);
        lines.push(Line::styled(format!("日历提醒 {short}"), theme.warn()));
    }
    lines
}

/// The row's marker; a lead or notice with nothing more urgent to say whose deadline is
/// counted through a year not yet imported says [暂定].
pub fn marker(urgency: &'static str, provisional: bool) -> &'static str {
    if provisional && urgency.is_empty() {
        "[暂定]"
    } else {
        urgency
    }
}
