//! A note of several lines (the handover): Enter starts a new line, the caret moves by cells
//! across wrapped lines, pasted line breaks are kept. Widths are terminal cells.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    text: String,
    /// Byte offset of the caret in `text`.
    caret: usize,
    initial: String,
}

impl Note {
    pub fn new(text: &str) -> Note {
        Note {
            text: text.to_string(),
            caret: text.len(),
            initial: text.to_string(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn dirty(&self) -> bool {
        self.text.trim() != self.initial.trim()
    }

    /// Inserts typed or pasted text; line breaks are kept, other control characters dropped.
    pub fn insert(&mut self, text: &str) {
        for c in text.replace("\r\n", "\n").replace('\r', "\n").chars() {
            let c = match c {
                '\t' => ' ',
                '\n' => '\n',
                c if zhifa_desk::text::hazard(c).is_some() => continue,
                c => c,
            };
            self.text.insert(self.caret, c);
            self.caret += c.len_utf8();
        }
    }

    fn line_start(&self) -> usize {
        self.text[..self.caret].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.caret..]
            .find('\n')
            .map_or(self.text.len(), |i| self.caret + i)
    }

    /// Moves to the line before or after at the same character column (or its end).
    fn vertical(&mut self, down: bool) {
        let start = self.line_start();
        let column = self.text[start..self.caret].chars().count();
        let target = if down {
            let end = self.line_end();
            if end == self.text.len() {
                return;
            }
            end + 1
        } else {
            if start == 0 {
                return;
            }
            self.text[..start - 1].rfind('\n').map_or(0, |i| i + 1)
        };
        let line = self.text[target..].split('\n').next().unwrap_or("");
        let offset: usize = line.chars().take(column).map(char::len_utf8).sum();
        self.caret = target + offset;
    }

    /// Edits with a key; whether the key was used.
    pub fn handle(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                let start = self.line_start();
                self.text.drain(start..self.caret);
                self.caret = start;
            }
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                self.insert(c.encode_utf8(&mut [0; 4]));
            }
            KeyCode::Enter => self.insert("\n"),
            KeyCode::Up => self.vertical(false),
            KeyCode::Down => self.vertical(true),
            KeyCode::Home => self.caret = self.line_start(),
            KeyCode::End => self.caret = self.line_end(),
            code => return super::text_field::caret_key(&mut self.text, &mut self.caret, code),
        }
        true
    }

    /// The note wrapped to `width` cells, and the caret's row and column among those rows.
    pub fn rows(&self, width: u16) -> (Vec<String>, (u16, u16)) {
        let width = usize::from(width.max(2));
        let mut rows = vec![String::new()];
        let (mut used, mut caret) = (0usize, (0u16, 0u16));
        for (at, c) in self.text.char_indices() {
            if at == self.caret {
                caret = ((rows.len() - 1) as u16, used as u16);
            }
            if c == '\n' {
                rows.push(String::new());
                used = 0;
                continue;
            }
            let w = c.width().unwrap_or(0);
            if used + w > width {
                rows.push(String::new());
                used = 0;
            }
            rows.last_mut().expect("a row").push(c);
            used += w;
        }
        if self.caret == self.text.len() {
            if used >= width {
                rows.push(String::new());
                used = 0;
            }
            caret = ((rows.len() - 1) as u16, used as u16);
        }
        (rows, caret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn enter_starts_a_line_and_the_caret_moves_between_lines() {
        let mut n = Note::new("");
        n.insert("第一行");
        n.handle(key(KeyCode::Enter));
        n.insert("第二行很长");
        assert_eq!(n.text(), "第一行\n第二行很长");
        n.handle(key(KeyCode::Up));
        n.handle(key(KeyCode::End));
        n.insert("！");
        assert_eq!(n.text(), "第一行！\n第二行很长");
        n.handle(key(KeyCode::Down));
        n.handle(key(KeyCode::Home));
        n.handle(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(n.text(), "第一行！\n第二行很长", "nothing before the caret");
        n.insert("\u{1b}[2J粘贴\r\n两行");
        assert_eq!(n.text(), "第一行！\n[2J粘贴\n两行第二行很长");
    }

    #[test]
    fn rows_wrap_by_cells_and_place_the_caret() {
        let n = Note::new("一二三四五\n六");
        let (rows, caret) = n.rows(6);
        assert_eq!(rows, ["一二三", "四五", "六"]);
        assert_eq!(caret, (2, 2));
    }
}
