//! Colours and borders: red / yellow / green with text markers, NO_COLOR, and an ASCII mode.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};
use zhifa_desk::report::format::Urgency;

/// Borders drawn with plain ASCII: the old Windows console draws box-drawing characters
/// two cells wide and breaks every frame.
const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

impl Theme {
    /// From the environment: NO_COLOR turns colour off; `--ascii`, or the old Windows console
    /// (no Windows Terminal session), turns on plain borders.
    pub fn from_env(ascii: bool) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let old_console = cfg!(windows) && std::env::var_os("WT_SESSION").is_none();
        Theme {
            color: !no_color,
            ascii: ascii || old_console,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn urgency(&self, u: Urgency) -> Style {
        match u {
            Urgency::Overdue => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Urgency::Soon | Urgency::WasLate => self.fg(Color::Yellow),
            Urgency::Fine => self.fg(Color::Green),
            Urgency::Stopped => self.fg(Color::Cyan),
        }
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::Cyan)
    }

    /// The selected row: reversed, so it shows without colour too.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn block<'a>(&self, title: impl Into<Line<'a>>) -> Block<'a> {
        let block = Block::new()
            .borders(Borders::ALL)
            .title(title.into().style(self.title()));
        if self.ascii {
            block.border_set(ASCII_BORDER)
        } else {
            block.border_set(border::PLAIN)
        }
    }

    /// A pane with only a titled rule on top: for short screens, where every row counts.
    pub fn rule<'a>(&self, title: impl Into<Line<'a>>) -> Block<'a> {
        self.block(title).borders(Borders::TOP)
    }

    /// Text with arrows, which the old console draws two cells wide, spelled out in ASCII mode.
    pub fn keys(&self, text: &str) -> String {
        if !self.ascii {
            return text.to_string();
        }
        text.replace('↑', "Up")
            .replace('↓', "Down")
            .replace('←', "Left")
            .replace('→', "Right")
    }

    /// "There is more": the old console draws `…` (ambiguous in width) two cells wide.
    pub fn ellipsis(&self) -> &'static str {
        if self.ascii { "..." } else { "…" }
    }

    /// The row marker of a selected table row.
    pub fn pointer(&self) -> &'static str {
        ">"
    }
}
