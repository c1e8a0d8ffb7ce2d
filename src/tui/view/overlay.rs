//! What is drawn over a view: the step menu, a form, the help overlay, the quit question.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::super::app::App;
use super::super::form::{Form, Input};
use super::super::forms::FormKind;
use super::super::keymap::{self, Context};
use super::super::state::{Confirm, Menu};
use super::super::theme::Theme;
use super::{centered, wrap};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some(menu) = &app.menu {
        self::menu(frame, area, menu, theme);
    }
    if let Some(form) = &app.form {
        self::form(frame, area, (form, &app.data), theme);
    }
    if let Some(note) = &app.handover {
        handover(frame, area, note, theme);
    } else if app.operator.is_some()
        && let Some(h) = &app.data.unacknowledged
    {
        acknowledge(frame, area, app, h, theme);
    }
    if app.help.is_some() {
        super::help::help(frame, area, app, theme, popup);
    }
    if let Some(c) = &app.confirm {
        let (title, question, yes, no) = match c {
            Confirm::Quit => (
                "退出",
                "表单尚未保存，确定退出吗？",
                " 退出   ",
                " 返回表单",
            ),
            Confirm::Discard => (
                "放弃填写",
                "表单中已填写的内容尚未保存，确定放弃吗？",
                " 放弃   ",
                " 继续填写",
            ),
            Confirm::Write { question, .. } => ("请确认", question.as_str(), " 确定   ", " 取消"),
        };
        let mut text: Vec<Line> = wrap(question, 44).into_iter().map(Line::raw).collect();
        text.push(Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(yes),
            Span::styled("n / Esc", theme.key()),
            Span::raw(no),
        ]));
        let height = text.len() as u16 + 2;
        popup(frame, centered(area, 48, height), theme, title, text);
    }
}

/// Clears `r` for a popup. A wide glyph just left of it would cover the popup's left border
/// (ratatui #2526), so that glyph is blanked too.
fn clear(frame: &mut Frame, r: Rect) {
    frame.render_widget(Clear, r);
    if r.x == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    for y in r.top()..r.bottom() {
        let cell = &mut buf[(r.x - 1, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}

fn popup(frame: &mut Frame, r: Rect, theme: &Theme, title: &str, lines: Vec<Line>) {
    clear(frame, r);
    let block = theme
        .block(title.to_string())
        .border_style(theme.focus_border());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        r,
    );
}

fn menu(frame: &mut Frame, area: Rect, menu: &Menu, theme: &Theme) {
    let mut lines = Vec::new();
    if let Some(note) = &menu.note {
        lines.push(Line::styled(note.clone(), theme.warn()));
    }
    for (i, (label, _)) in menu.items.iter().enumerate() {
        let style = if i == menu.cursor.0 {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(format!(" {} ", label), style));
    }
    let h = lines.len() as u16 + 2 + u16::from(menu.note.is_some());
    popup(frame, centered(area, 60, h), theme, &menu.title, lines);
}

/// The handover note being written: a page of lines, the caret where the officer types.
fn handover(frame: &mut Frame, area: Rect, note: &super::super::note::Note, theme: &Theme) {
    let r = centered(
        area,
        area.width.min(100),
        area.height.saturating_sub(2).clamp(6, 22),
    );
    clear(frame, r);
    let block = theme
        .block("交接班：写下下一班要知道的事（已按本班情况填好，可改）")
        .border_style(theme.focus_border());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let [text, hint] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Min(1),
        ratatui::layout::Constraint::Length(1),
    ])
    .areas(inner);
    let (rows, (row, col)) = note.rows(text.width);
    // Scrolled so the caret's row is on the page.
    let top = (row + 1).saturating_sub(text.height);
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(usize::from(top))
        .take(usize::from(text.height))
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(lines), text);
    frame.set_cursor_position(Position::new(text.x + col, text.y + row - top));
    let keys = Line::from(super::cells::key_hints(
        &keymap::hint(Context::Handover),
        theme,
    ));
    frame.render_widget(Paragraph::new(keys), hint);
}

/// The last shift's note, until the new duty officer says it has been read.
fn acknowledge(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    h: &zhifa_desk::domain::duty::DutyEntry,
    theme: &Theme,
) {
    let who = app
        .data
        .officers
        .iter()
        .find(|o| o.id == h.officer)
        .map_or_else(|| h.officer.clone(), |o| format!("{} {}", o.id, o.name));
    let mut text: Vec<Line> = vec![Line::styled(
        format!("{} 由 {who} 交班：", h.at.format("%m-%d %H:%M")),
        theme.title(),
    )];
    let note = if h.note.trim().is_empty() {
        "（未写交接事项）"
    } else {
        h.note.as_str()
    };
    for line in note.lines() {
        text.extend(wrap(line, 60).into_iter().map(Line::raw));
    }
    text.push(Line::raw(""));
    text.push(Line::from(vec![
        Span::styled("Enter", theme.key()),
        Span::raw(" 已阅，接班（记入值班记录）"),
    ]));
    let height = (text.len() as u16 + 2).min(area.height);
    popup(
        frame,
        centered(area, 66, height),
        theme,
        "上一班交接事项",
        text,
    );
}

const LABEL_W: u16 = 13;

fn form(
    frame: &mut Frame,
    area: Rect,
    (form, data): (&Form<FormKind>, &super::super::data::Data),
    theme: &Theme,
) {
    // A roster team shows the checks it would fail as it is typed.
    let checks = super::super::forms::team::live_checks(form, data);
    let check_rows = if checks.is_empty() {
        0
    } else {
        checks.len() as u16 + 1
    };
    let tried = form.error.is_some();
    let focused_problem = form.fields.get(form.focus).and_then(|f| {
        f.problem()
            .filter(|_| f.dirty() || tried)
            .map(|p| format!("{}：{p}", f.label))
    });
    let message = form.error.clone().or(focused_problem);
    // The whole message is shown, wrapped, however long: its last words are often the way out
    // ("写明更正原因").
    let message_rows = message.as_deref().map_or(1, |m| wrapped_rows(m, 76));
    let h = form.fields.len() as u16 + 4 + message_rows + check_rows;
    let r = centered(area, 78, h);
    clear(frame, r);
    let block = theme
        .block(form.title.clone())
        .border_style(theme.focus_border());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    // Labels right-aligned before their "：", as wide as the form's longest (问题是否解决).
    let label_w = form
        .fields
        .iter()
        .map(|f| f.label.width() as u16 + 3)
        .max()
        .unwrap_or(0)
        .max(LABEL_W);
    let value_w = inner.width.saturating_sub(label_w);
    for (i, f) in form.fields.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let focused = i == form.focus;
        let bad = f.problem().is_some() && (f.dirty() || tried);
        let mark = if f.required { "*" } else { " " };
        let label = format!("{}{mark}", f.label);
        let pad = usize::from(label_w).saturating_sub(label.width() + 2);
        let label_style = if bad {
            theme.error()
        } else if focused {
            theme.title()
        } else {
            theme.dim()
        };
        let (value, caret) = match &f.input {
            Input::Text(t, _) => {
                let (shown, caret) = t.visible(value_w.max(1));
                (shown.to_string(), caret)
            }
            Input::Choice { query, .. } => {
                let v = f.value();
                let shown = match (v.is_empty(), f.required) {
                    (false, _) => v,
                    (true, true) => "（请选择）".into(),
                    (true, false) => "（不填）".into(),
                };
                // What has been typed is shown, so the search is never a hidden state.
                let text = match query.text().trim() {
                    "" => format!("< {shown} >"),
                    q if shown.contains(q) => format!("< {shown} >  搜：{q}"),
                    q => format!("< {shown} >  搜：{q}（无匹配）"),
                };
                let caret = text.width() as u16;
                (text, caret)
            }
        };
        let value_style = if focused {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        let line = Line::from(vec![
            Span::raw(" ".repeat(pad)),
            Span::styled(label, label_style),
            Span::raw("：".to_string()),
            Span::styled(value, value_style),
        ]);
        frame.render_widget(
            Paragraph::new(line),
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
        if focused {
            let x = (inner.x + label_w + caret).min(inner.right().saturating_sub(1));
            frame.set_cursor_position(Position::new(x, y));
        }
    }
    if !checks.is_empty() {
        let top = inner.y + form.fields.len() as u16;
        let mut lines = vec![Line::styled("排班检查：", theme.warn())];
        lines.extend(
            checks
                .iter()
                .map(|c| Line::styled(format!("  [注意] {c}"), theme.warn())),
        );
        let height = (lines.len() as u16).min(inner.bottom().saturating_sub(top + 2));
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                y: top,
                height,
                ..inner
            },
        );
    }
    if let Some(m) = message {
        let rows = wrapped_rows(&m, inner.width).min(inner.height.saturating_sub(1));
        let msg = Paragraph::new(Line::styled(m, theme.error())).wrap(Wrap { trim: true });
        frame.render_widget(
            msg,
            Rect {
                y: inner.bottom().saturating_sub(1 + rows),
                height: rows,
                ..inner
            },
        );
    }
    // ←/→ only where there is something to choose.
    let keys: Vec<_> = keymap::hint(Context::Form)
        .into_iter()
        .filter(|b| super::named(Some(form), b.action))
        .collect();
    let mut hint = super::cells::key_hints(&keys, theme);
    hint.push(Span::raw("* 必填"));
    let hint = Line::from(hint);
    frame.render_widget(
        Paragraph::new(hint),
        Rect {
            y: inner.bottom().saturating_sub(1),
            height: 1,
            ..inner
        },
    );
}

/// The rows `text` takes wrapped at `width` cells (a row more once it wraps: lines break at
/// words, not always at the last cell).
fn wrapped_rows(text: &str, width: u16) -> u16 {
    let w = text.width().max(1);
    let width = usize::from(width.max(1));
    let rows = w.div_ceil(width);
    (rows + usize::from(rows > 1)) as u16
}
