//! 值班记录: who signed in, who handed over what, who acknowledged it — newest first, with the
//! selected entry's whole note.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
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
    let log = &app.data.duty_log;
    let chosen = log.get(app.duty.0);
    let [list, note] = if area.width >= 100 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    } else {
        // Stacked: the note takes the rows it needs, the list keeps at least six.
        let width = usize::from(area.width.saturating_sub(2));
        let needed = chosen.map_or(1, |e| note_rows(&e.note, width)) as u16 + 2;
        let most = area.height.saturating_sub(6).max(3);
        let low = (area.height * 45 / 100).max(3);
        Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(needed.clamp(low, most)),
        ])
        .areas(area)
    };
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
    let width = usize::from(note.width.saturating_sub(2));
    let room = usize::from(note.height.saturating_sub(2));
    let text: Vec<Line> = match chosen {
        Some(e) if !e.note.is_empty() => {
            // Wrapped here, so a note longer than the pane says how much is left unseen.
            let mut rows: Vec<String> =
                e.note.lines().flat_map(|l| super::wrap(l, width)).collect();
            if rows.len() > room && room > 0 {
                let hidden = rows.len() - (room - 1);
                rows.truncate(room - 1);
                rows.push(format!("……（还有 {hidden} 行，加大窗口可看全）"));
            }
            rows.into_iter().map(Line::raw).collect()
        }
        Some(e) => vec![Line::styled(
            format!("{}（无交接内容）", e.kind.label()),
            theme.dim(),
        )],
        None => vec![Line::styled("还没有值班记录", theme.dim())],
    };
    frame.render_widget(Paragraph::new(text).block(theme.block("交接内容")), note);
}

/// The rows `note` takes wrapped at `width` cells.
fn note_rows(note: &str, width: usize) -> usize {
    note.lines()
        .map(|l| super::wrap(l, width).len())
        .sum::<usize>()
        .max(1)
}
