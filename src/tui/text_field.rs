//! A one-line text field measured in terminal cells, so the caret (and the IME window) sits right.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Byte offset of the caret, always on a char boundary.
    caret: usize,
}

impl TextField {
    pub fn new(text: &str) -> TextField {
        let mut f = TextField::default();
        f.insert(text);
        f
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.caret = 0;
    }

    /// Inserts typed or pasted text at the caret. Line breaks and tabs become nothing and a
    /// space: a one-line field never submits or splits on a pasted newline. Control, direction
    /// and zero-width characters are dropped: they would hide in the record.
    pub fn insert(&mut self, text: &str) {
        for c in text.chars() {
            let c = match c {
                '\r' | '\n' => continue,
                '\t' => ' ',
                c if zhifa_desk::text::hazard(c).is_some() => continue,
                c => c,
            };
            self.text.insert(self.caret, c);
            self.caret += c.len_utf8();
        }
    }

    /// Edits the field with a key; returns whether the key was used.
    pub fn handle(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.drain(..self.caret);
                self.caret = 0;
            }
            KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                self.insert(c.encode_utf8(&mut [0; 4]))
            }
            KeyCode::Home => self.caret = 0,
            KeyCode::End => self.caret = self.text.len(),
            code => return caret_key(&mut self.text, &mut self.caret, code),
        }
        true
    }

    /// The part that fits in `width` cells, scrolled so the caret is visible, and the caret's
    /// column within it.
    pub fn visible(&self, width: u16) -> (&str, u16) {
        let width = usize::from(width.max(1));
        let before = &self.text[..self.caret];
        // Drop chars from the left until the caret (and one cell for it) fits.
        let mut start = 0;
        let mut caret_col = before.width();
        for c in before.chars() {
            if caret_col < width {
                break;
            }
            start += c.len_utf8();
            caret_col -= c.width().unwrap_or(0);
        }
        let mut end = start;
        let mut used = 0;
        for c in self.text[start..].chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width {
                break;
            }
            used += w;
            end += c.len_utf8();
        }
        (&self.text[start..end], caret_col as u16)
    }
}

/// The keys every text edits the same way, one line or several: Backspace and Delete remove a
/// character, ←/→ move over one. Whether `code` was one of them.
pub fn caret_key(text: &mut String, caret: &mut usize, code: KeyCode) -> bool {
    match code {
        KeyCode::Backspace => {
            if let Some(c) = text[..*caret].chars().next_back() {
                *caret -= c.len_utf8();
                text.remove(*caret);
            }
        }
        KeyCode::Delete => {
            if *caret < text.len() {
                text.remove(*caret);
            }
        }
        KeyCode::Left => {
            if let Some(c) = text[..*caret].chars().next_back() {
                *caret -= c.len_utf8();
            }
        }
        KeyCode::Right => {
            if let Some(c) = text[*caret..].chars().next() {
                *caret += c.len_utf8();
            }
        }
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn caret_counts_cells_not_chars() {
        let mut f = TextField::new("占道经营");
        assert_eq!(f.visible(20), ("占道经营", 8));
        f.handle(key(KeyCode::Left));
        assert_eq!(f.visible(20).1, 6);
        f.handle(key(KeyCode::Backspace));
        assert_eq!(f.text(), "占道营");
        assert_eq!(f.visible(20).1, 4);
        f.handle(key(KeyCode::Char('x')));
        assert_eq!(f.text(), "占道x营");
        assert_eq!(f.visible(20).1, 5);
    }

    #[test]
    fn pasted_newlines_never_split_or_submit() {
        let mut f = TextField::default();
        f.insert("第一行\r\n第二行\t完");
        assert_eq!(f.text(), "第一行第二行 完");
    }

    #[test]
    fn long_text_scrolls_to_keep_the_caret_in_view() {
        let f = TextField::new("集镇中心街水果摊占道经营");
        let (shown, col) = f.visible(10);
        assert!(shown.ends_with("经营"), "{shown}");
        assert!(shown.width() <= 10);
        assert!(col < 10);
        assert_eq!(col as usize, shown.width());
    }
}
