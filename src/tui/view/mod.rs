//! Drawing the desk: the frame around every view (header, tabs, footer) and the overlays.

mod cells;
mod complaints;
pub use cells::{empty_note, fit, rows_note};
pub mod dashboard;
mod duty;
mod help;
mod notices;
mod overlay;
mod patrol;
pub mod people;
mod signin;
mod stats;

use chrono::Timelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::App;
use super::keymap;
use super::state::View;
use super::theme::Theme;

pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let foot = footer_height(app, area.width);
    if app.operator.is_none() {
        let [body, footer] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(foot)]).areas(area);
        signin::draw(frame, body, app, theme);
        self::footer(frame, footer, app, theme);
    } else {
        let [head, tabs, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(foot),
        ])
        .areas(area);
        header(frame, head, app, theme);
        self::tabs(frame, tabs, app, theme);
        match app.view {
            View::Dashboard => dashboard::draw(frame, body, app, theme),
            View::Patrol => patrol::draw(frame, body, app, theme),
            View::Complaints => complaints::draw(frame, body, app, theme),
            View::Notices => notices::draw(frame, body, app, theme),
            View::People => people::draw(frame, body, app, theme),
            View::Stats => stats::draw(frame, body, app, theme),
            View::Duty => duty::draw(frame, body, app, theme),
        }
        self::footer(frame, footer, app, theme);
    }
    overlay::draw(frame, area, app, theme);
    defuse(frame.buffer_mut(), theme.ascii);
}

/// Whatever a record holds, nothing that acts on the terminal leaves the frame: ratatui drops
/// control characters itself, but passes direction overrides and zero-width characters on
/// (glued to the cell before them). Imports and forms refuse them; a file edited behind the
/// program's back could still hold them.
///
/// On the old console (`console`), a character of ambiguous width (…, ·, “, —, ①, ☆, box
/// drawing, arrows) is drawn two cells wide by its CJK fonts and pushes the rest of the row
/// out of place: each becomes an ASCII stand-in one cell wide.
fn defuse(buf: &mut ratatui::buffer::Buffer, console: bool) {
    use zhifa_desk::text::hazard;
    for cell in buf.content.iter_mut() {
        if console && cell.symbol().chars().any(ambiguous) {
            let plain: String = cell.symbol().chars().map(console_safe).collect();
            cell.set_symbol(&plain);
        }
        if cell.symbol().chars().any(|c| hazard(c).is_some()) {
            let kept: String = cell
                .symbol()
                .chars()
                .filter(|c| hazard(*c).is_none())
                .collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

/// Why each deadline is what it is, at the foot of a detail (the same text as `explain`).
pub(crate) fn why_lines<'a>(
    why: &zhifa_desk::report::explain::Explained,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut out = vec![Line::raw(""), Line::styled("期限从何而来", theme.title())];
    for w in &why.deadlines {
        out.push(Line::raw(format!("{}：{}", w.name, w.due)));
        out.push(Line::styled(format!("  {}", w.rule), theme.dim()));
        out.extend(w.days.iter().map(|d| Line::raw(format!("  {d}"))));
        out.extend(
            w.notes
                .iter()
                .map(|n| Line::styled(format!("  {n}"), theme.warn())),
        );
    }
    out
}

/// Drawn one cell wide by a Western font and two by a CJK one.
pub(crate) fn ambiguous(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    !c.is_ascii() && c.width() != c.width_cjk()
}

/// The ASCII stand-in for a character of ambiguous width.
fn console_safe(c: char) -> char {
    if !ambiguous(c) {
        return c;
    }
    match c {
        '…' | '·' | '•' | '∙' => '.',
        '“' | '”' | '„' | '″' => '"',
        '‘' | '’' | '′' => '\'',
        '—' | '–' | '―' | '─' | '━' | '═' => '-',
        '│' | '┃' | '║' => '|',
        '←' => '<',
        '→' => '>',
        '↑' => '^',
        '↓' => 'v',
        '×' => 'x',
        '°' => 'o',
        '①'..='⑨' => char::from(b'1' + (c as u32 - '①' as u32) as u8),
        c if ('\u{2500}'..='\u{257F}').contains(&c) => '+',
        _ => '*',
    }
}

fn header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let t = &app.data.today;
    let (id, name) = app.operator.clone().unwrap_or_default();
    let clock = format!(
        "{:02}:{:02}:{:02}",
        app.now.hour(),
        app.now.minute(),
        app.now.second()
    );
    let line = Line::from(vec![
        Span::styled(app.data.team_name.clone(), theme.title()),
        Span::raw(format!("  {} {} ", t.date, t.weekday)),
        Span::styled(t.day_kind, theme.warn()),
        Span::raw(format!("  值班：{id} {name}  ")),
        Span::styled(clock, theme.title()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn tabs(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for (i, v) in View::ALL.iter().enumerate() {
        let text = format!(" {} {} ", i + 1, v.title());
        let style = if *v == app.view {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status of the last act, or the keys that work here (read from the keymap).
/// Most lines a message may take at the foot of the screen.
const MESSAGE_LINES: usize = 3;

/// The footer's height: one line of keys, or as many as the message needs (up to three).
fn footer_height(app: &App, width: u16) -> u16 {
    app.status.as_ref().map_or(1, |s| {
        wrap(&s.text, usize::from(width))
            .len()
            .clamp(1, MESSAGE_LINES) as u16
    })
}

/// A message wrapped to `width`; one too long even for three lines is cut at a line's end
/// with "……", never in the middle of what it says without a sign.
fn message_lines(text: &str, width: usize) -> Vec<String> {
    let mut lines = wrap(text, width);
    if lines.len() > MESSAGE_LINES {
        lines.truncate(MESSAGE_LINES);
        let last = lines.last_mut().expect("three lines");
        let keep: String = wrap(last, width.saturating_sub(4))[0].clone();
        *last = format!("{keep}……");
    }
    lines
}

fn footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some(s) = &app.status {
        let style = if s.error { theme.error() } else { theme.ok() };
        let lines: Vec<Line> = message_lines(&s.text, usize::from(area.width))
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    // As many hints as fit, whole, and always the help key last: it lists the rest.
    let hints: Vec<(String, String, bool)> = keymap::bindings(app.context())
        .iter()
        .filter(|b| b.footer)
        .map(|b| {
            let help = b.action == super::action::Action::Help;
            (theme.keys(b.label), format!(" {}  ", b.description()), help)
        })
        .collect();
    let width = |(k, d, _): &(String, String, bool)| {
        unicode_width::UnicodeWidthStr::width(k.as_str())
            + unicode_width::UnicodeWidthStr::width(d.as_str())
    };
    let help_w: usize = hints.iter().filter(|h| h.2).map(width).sum();
    let mut room = usize::from(area.width).saturating_sub(help_w);
    let mut spans = Vec::new();
    let mut help = Vec::new();
    for h in &hints {
        let (key, what) = (
            Span::styled(h.0.clone(), theme.key()),
            Span::raw(h.1.clone()),
        );
        if h.2 {
            help.extend([key, what]);
        } else if width(h) <= room {
            room -= width(h);
            spans.extend([key, what]);
        }
    }
    spans.extend(help);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A rectangle of `w`×`h` cells centred in `area` (shrunk to fit).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// "—" is ambiguous in width on old consoles; an empty value shows as "-".
pub fn or_dash(text: &str) -> &str {
    if text.trim().is_empty() { "-" } else { text }
}

/// Rows `lines` take wrapped to `width` cells (an estimate close enough to scroll by).
fn rows_of(lines: &[Line], width: u16) -> u16 {
    let w = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| l.width().div_ceil(w).max(1) as u16)
        .sum()
}

/// One pane of a detail, scrolled by `scroll` rows at most as far as its end; the title says
/// when there is more than fits. Returns how far it can scroll.
fn scrolled(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line>,
    scroll: u16,
    theme: &Theme,
) -> u16 {
    let inner = theme.block("").inner(area);
    let total = rows_of(&lines, inner.width);
    let max = total.saturating_sub(inner.height);
    let offset = scroll.min(max);
    let title = if max > 0 {
        format!("{title}（↑↓ 滚动，{}/{}）", offset, max)
    } else {
        title.to_string()
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .scroll((offset, 0))
            .block(theme.block(title)),
        area,
    );
    max
}

/// A record's detail: its fields and its timeline or history. Wide screens show them side by
/// side; narrow ones one below the other in one pane, so nothing is cut off. Both scroll from
/// `scroll`; the most they can is written to `max` for the keys to stop at.
pub fn detail_panes(
    frame: &mut Frame,
    area: Rect,
    (left_title, left): (&str, Vec<Line>),
    (right_title, right): (&str, Vec<Line>),
    (scroll, max): (u16, &std::cell::Cell<u16>),
    theme: &Theme,
) {
    let most = if area.width >= 100 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(area);
        let a = scrolled(frame, l, left_title, left, scroll, theme);
        a.max(scrolled(frame, r, right_title, right, scroll, theme))
    } else {
        let mut all = left;
        all.push(Line::raw(""));
        all.push(Line::styled(right_title.to_string(), theme.title()));
        all.extend(right);
        scrolled(frame, area, left_title, all, scroll, theme)
    };
    max.set(most);
}

/// `text` cut into lines of at most `width` terminal cells (Chinese is two cells a character).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width.max(2) {
            lines.push(String::new());
            used = 0;
        }
        lines.last_mut().expect("one line").push(c);
        used += w;
    }
    lines
}

/// "Q01 集镇中心街" for an area's key.
pub fn name_of(data: &super::data::Data, area: &str) -> String {
    match data.areas.iter().find(|a| a.id == area) {
        Some(a) => format!("{} {}", a.id, a.name),
        None => area.to_string(),
    }
}

/// What a correction changed and why: "核查时间 11-04 16:00 → 09:30；原因：…".
fn correction_note(r: &zhifa_desk::store::AuditRow) -> String {
    use zhifa_desk::store::correction;
    let json = |t: &Option<String>| {
        t.as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or(serde_json::Value::Null)
    };
    let changes: Vec<String> = correction::changed_json(&r.kind, &json(&r.before), &json(&r.after))
        .into_iter()
        .map(|c| format!("{} {} → {}", c.field, c.old, c.new))
        .collect();
    let reason = r.reason.as_deref().unwrap_or("");
    zhifa_desk::text::one_line(&format!("：{}；原因：{reason}", changes.join("，"))).into_owned()
}

/// The audit rows of a record: when, who, what (and for a correction, what and why).
pub fn history_lines<'a>(
    rows: &[zhifa_desk::store::AuditRow],
    data: &super::data::Data,
) -> Vec<Line<'a>> {
    rows.iter()
        .map(|r| {
            let who = data
                .officers
                .iter()
                .find(|o| o.id == r.operator)
                .map_or_else(|| r.operator.clone(), |o| format!("{} {}", o.id, o.name));
            let note = if r.action == zhifa_desk::store::correction::ACTION {
                correction_note(r)
            } else {
                String::new()
            };
            Line::raw(format!("{}  {who}  {}{note}", r.at, r.action))
        })
        .collect()
}

/// The rows a bordered table with a header can show in `area`, scrolled so `selected` is on
/// screen, and the selection within them. Only these rows are built: a list of thousands
/// costs what a screenful costs.
pub fn window(
    len: usize,
    selected: Option<usize>,
    area: Rect,
) -> (std::ops::Range<usize>, Option<usize>) {
    let height = usize::from(area.height.saturating_sub(3)).max(1);
    let sel = selected.map(|s| s.min(len.saturating_sub(1)));
    let start = sel.map_or(0, |s| (s + 1).saturating_sub(height));
    let end = (start + height).min(len);
    (start..end, sel.map(|s| s - start))
}

/// A list's filter line: `prefix` (the chosen filters), the text filter in brackets with the
/// real cursor in it while it is typed into, and how many rows the list holds.
pub fn filter_bar(
    frame: &mut Frame,
    bar: Rect,
    prefix: String,
    filter: &super::text_field::TextField,
    typing: bool,
    count: String,
    theme: &Theme,
) {
    let prefix_w = Line::raw(prefix.as_str()).width() as u16;
    let field_w = bar.width.saturating_sub(prefix_w).min(24);
    let (shown, caret) = filter.visible(field_w.max(1));
    let style = if typing {
        theme.selected()
    } else {
        theme.key()
    };
    let line = Line::from(vec![
        Span::raw(prefix),
        Span::styled(format!("[{shown}]"), style),
        Span::styled(count, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), bar);
    if typing {
        frame.set_cursor_position(ratatui::layout::Position::new(
            bar.x + prefix_w + 1 + caret,
            bar.y,
        ));
    }
}
