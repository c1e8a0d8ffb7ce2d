//! Drawing the desk: the frame around every view (header, tabs, footer) and the overlays.

mod cells;
mod complaints;
mod console;
pub use cells::{empty_note, fit, rows_note};
#[cfg(test)]
pub(crate) use console::ambiguous;
pub use panes::{detail_panes, history_lines, window, wrap};
pub(crate) use panes::{review_lines, why_lines};
mod checks;
pub mod dashboard;
mod duty;
mod help;
mod notices;
mod overlay;
mod panes;
mod patrol;
pub mod people;
mod signin;
mod stats;

use chrono::Timelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::{Action, Edit};
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
            View::Checks => checks::draw(frame, body, app, theme),
        }
        self::footer(frame, footer, app, theme);
    }
    overlay::draw(frame, area, app, theme);
    console::defuse(frame.buffer_mut(), theme.ascii);
}

fn header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let t = &app.data.today;
    let (id, name) = app.operator.clone().unwrap_or_default();
    let clock = format!("{:02}:{:02}", app.now.hour(), app.now.minute());
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
    let names: Vec<String> = (View::ALL.iter().enumerate())
        .map(|(i, v)| format!(" {} {} ", i + 1, v.title()))
        .collect();
    // A cell between tabs where the line has room for it (at 80 columns it has not).
    let full: usize = names.iter().map(|n| cells::width(n) + 1).sum();
    let gap = if full <= usize::from(area.width) {
        " "
    } else {
        ""
    };
    let mut spans = Vec::new();
    for (v, text) in View::ALL.iter().zip(names) {
        let style = if *v == app.view {
            theme.selected()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(gap));
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
        .filter(|b| named(app.form.as_ref(), b.action))
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

/// Whether a hint names the key for `action` with `form` open: ←/→ only where the form has
/// something to choose.
fn named(form: Option<&super::form::Form<super::forms::FormKind>>, action: Action) -> bool {
    form.is_none_or(|f| f.chooses()) || action != Action::Edit(Edit::MoveOrChoose)
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

/// "Q01 集镇中心街" for an area's key.
pub fn name_of(data: &super::data::Data, area: &str) -> String {
    match data.areas.iter().find(|a| a.id == area) {
        Some(a) => format!("{} {}", a.id, a.name),
        None => area.to_string(),
    }
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
