//! Text made to fit the desk's cells and panes: cut with "…", a list's shown rows, an empty
//! list's note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::super::keymap::Binding;
use super::super::theme::Theme;

/// Keys and what they do, as a hint line shows them: "Ctrl+S 保存  Esc 取消".
pub fn key_hints(bindings: &[Binding], theme: &Theme) -> Vec<Span<'static>> {
    bindings
        .iter()
        .flat_map(|b| {
            [
                Span::styled(theme.keys(b.label), theme.key()),
                Span::raw(format!(" {}  ", b.description())),
            ]
        })
        .collect()
}

/// How many cells `text` takes.
pub fn width(text: &str) -> usize {
    text.width()
}

/// The cells left to a table's last (filling) column in `total` cells, after the columns of
/// `fixed` widths, a cell between each two columns and one for the selection mark.
pub fn rest_width(total: u16, fixed: &[u16]) -> usize {
    let used: u16 = fixed.iter().sum::<u16>() + fixed.len() as u16 + 1;
    usize::from(total.saturating_sub(used))
}

/// `text` cut to `width` cells with `more` at the end when it is longer.
pub fn fit(text: &str, width: usize, more: &str) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(more.width());
    let (mut out, mut used) = (String::new(), 0);
    for ch in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + w > room {
            break;
        }
        out.push(ch);
        used += w;
    }
    out + more
}

/// "第 1–9 / 12 行，↑↓ 滚动；" when a list shows only part of its rows; empty when all show.
pub fn rows_note(shown: &std::ops::Range<usize>, len: usize) -> String {
    if shown.start == 0 && shown.end >= len {
        return String::new();
    }
    format!("第 {}–{} / {len} 行，↑↓ 滚动；", shown.start + 1, shown.end)
}

/// A line inside an empty list's frame saying it is empty and how to widen it.
pub fn empty_note(frame: &mut Frame, list: Rect, text: &str, theme: &Theme) {
    if list.height < 4 {
        return;
    }
    let r = Rect {
        x: list.x + 2,
        y: list.y + 2,
        width: list.width.saturating_sub(4),
        height: 1,
    };
    frame.render_widget(
        Paragraph::new(Line::styled(text.to_string(), theme.dim())),
        r,
    );
}
