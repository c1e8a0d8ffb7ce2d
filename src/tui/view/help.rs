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

/// Draws the help over `area`; `popup` frames it as the other overlays are framed.
pub fn help(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    theme: &Theme,
    popup: fn(&mut Frame, Rect, &Theme, &str, Vec<Line>),
) {
    let ctx = app.base_context();
    let entries: Vec<(String, &str)> = keymap::bindings(ctx)
        .into_iter()
        .map(|b| (theme.keys(b.label), b.description()))
        .collect();
    let mut notes = Vec::new();
    if ctx.takes_text() {
        notes.push(Line::styled(
            " 其他按键直接输入文字（可用输入法或粘贴）",
            theme.dim(),
        ));
    }
    // One column while it fits the screen's height, else two side by side: every key is
    // always on screen, at 80×24 too.
    let room = usize::from(area.height.saturating_sub(2)).saturating_sub(notes.len());
    let columns = if entries.len() <= room { 1 } else { 2 };
    let col_w = if columns == 1 {
        54
    } else {
        usize::from(area.width.saturating_sub(2) / 2).min(44)
    };
    let entry = |(label, what): &(String, &str)| {
        let pad = 14usize.saturating_sub(label.width());
        let what = super::fit(what, col_w.saturating_sub(16), theme.ellipsis());
        let used = 1 + label.width() + pad + what.width();
        vec![
            Span::styled(format!(" {label}{}", " ".repeat(pad)), theme.key()),
            Span::raw(format!("{what}{}", " ".repeat(col_w.saturating_sub(used)))),
        ]
    };
    let rows = entries.len().div_ceil(columns);
    let mut lines: Vec<Line> = (0..rows)
        .map(|r| {
            let spans = (0..columns)
                .filter_map(|c| entries.get(c * rows + r))
                .flat_map(entry)
                .collect::<Vec<_>>();
            Line::from(spans)
        })
        .collect();
    lines.extend(notes);
    let h = lines.len() as u16 + 2;
    let w = (col_w * columns + 2) as u16;
    popup(frame, centered(area, w, h), theme, "按键帮助", lines);
}
