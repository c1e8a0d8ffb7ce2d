//! 值班记录: who signed in, who handed over what, who acknowledged it — newest first, with the
//! selected entry's whole note.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};
use zhifa_desk::domain::duty::DutyEntry;

use super::super::app::App;
use super::super::theme::Theme;

fn who(app: &App, e: &DutyEntry) -> String {
    app.data
        .officers
        .iter()
        .find(|o| o.id == e.officer)
        .map_or_else(|| e.officer.clone(), |o| format!("{} {}", o.id, o.name))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [list, note] = if area.width >= 100 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    };
    let log = &app.data.duty_log;
    let (shown, selected) = super::window(log.len(), Some(app.duty.0), list);
    // The note's first line in what is left of the row; "…" says there is more below.
    let note_w = usize::from(list.width).saturating_sub(2 + 1 + 11 + 12 + 8 + 3);
    let rows = log[shown].iter().map(|e| {
        let first = e.note.lines().next().unwrap_or("");
        let more = e.note.lines().nth(1).is_some();
        let shown = super::fit(first, note_w, theme.ellipsis());
        let shown = if more && shown == first {
            super::fit(
                &format!("{first}{}", theme.ellipsis()),
                note_w,
                theme.ellipsis(),
            )
        } else {
            shown
        };
        Row::new(vec![
            Cell::from(e.at.format("%m-%d %H:%M").to_string()),
            Cell::from(who(app, e)),
            Cell::from(e.kind.label()),
            Cell::from(shown),
        ])
    });
    let header = Row::new(["时间", "值班员", "事项", "交接内容"]).style(theme.dim());
    let table = Table::new(
        rows,
        [
            Constraint::Length(11),
            Constraint::Length(12),
            Constraint::Length(8),
            Constraint::Fill(1),
        ],
    )
    .header(header)
    .block(theme.block(format!("值班记录（最近 {} 条）", log.len())))
    .row_highlight_style(theme.selected())
    .highlight_symbol(theme.pointer());
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, list, &mut state);
    let text: Vec<Line> = match log.get(app.duty.0) {
        Some(e) if !e.note.is_empty() => e.note.lines().map(|l| Line::raw(l.to_string())).collect(),
        Some(e) => vec![Line::styled(
            format!("{}（无交接内容）", e.kind.label()),
            theme.dim(),
        )],
        None => vec![Line::styled("还没有值班记录", theme.dim())],
    };
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(theme.block("交接内容")),
        note,
    );
}
