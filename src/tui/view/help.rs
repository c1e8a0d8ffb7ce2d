//! The help overlay: every key of the page at hand with what it does, in one column while it
//! fits the screen's height and in two when it does not.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::super::app::App;
use super::super::keymap;
use super::super::theme::Theme;
use super::centered;

/// Draws the help over `area`; `popup` frames it as the other overlays are framed. The chosen
/// line is highlighted (Enter runs it); when even two columns do not fit the screen's height,
/// the rows scroll to keep the chosen one in view.
pub fn help(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    popup: fn(&mut Frame, Rect, &Theme, &str, Vec<Line>),
) {
    let ctx = app.base_context();
    let chosen = app.help.map_or(0, |c| c.0);
    let entries: Vec<(String, &str)> = keymap::bindings(ctx)
        .into_iter()
        .map(|b| (theme.keys(b.label), b.description()))
        .collect();
    let mut notes = vec![Line::from(super::cells::key_hints(
        &keymap::hint(keymap::Context::Help),
        theme,
    ))];
    if ctx.takes_text() {
        notes.push(Line::styled(
            " 其他按键直接输入文字（可用输入法或粘贴）",
            theme.dim(),
        ));
    }
    // One column while it fits the screen's height, else two side by side; rows beyond the
    // screen scroll.
    let room = usize::from(area.height.saturating_sub(2))
        .saturating_sub(notes.len())
        .max(1);
    let columns = if entries.len() <= room { 1 } else { 2 };
    let col_w = if columns == 1 {
        54
    } else {
        usize::from(area.width.saturating_sub(2) / 2).min(44)
    };
    let entry = |i: usize, (label, what): &(String, &str)| {
        let pad = 14usize.saturating_sub(label.width());
        let what = super::fit(what, col_w.saturating_sub(16), theme.ellipsis());
        let used = 1 + label.width() + pad + what.width();
        let text = format!("{what}{}", " ".repeat(col_w.saturating_sub(used)));
        let marker = if i == chosen { theme.pointer() } else { " " };
        let body = if i == chosen {
            Span::styled(text, theme.selected())
        } else {
            Span::raw(text)
        };
        vec![
            Span::styled(format!("{marker}{label}{}", " ".repeat(pad)), theme.key()),
            body,
        ]
    };
    let rows = entries.len().div_ceil(columns);
    let shown = rows.min(room);
    let first = (chosen % rows.max(1) + 1).saturating_sub(shown);
    let mut lines: Vec<Line> = (first..first + shown)
        .map(|r| {
            let spans = (0..columns)
                .filter_map(|c| entries.get(c * rows + r).map(|e| (c * rows + r, e)))
                .flat_map(|(i, e)| entry(i, e))
                .collect::<Vec<_>>();
            Line::from(spans)
        })
        .collect();
    lines.extend(notes);
    let h = lines.len() as u16 + 2;
    let w = (col_w * columns + 2) as u16;
    let title = if shown < rows {
        format!(
            "按键帮助（第 {}–{} 行，共 {rows} 行）",
            first + 1,
            first + shown
        )
    } else {
        "按键帮助".to_string()
    };
    popup(frame, centered(area, w, h), theme, &title, lines);
}
