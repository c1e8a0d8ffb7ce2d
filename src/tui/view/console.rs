//! What may reach the terminal: characters that act on it are dropped, and on the old Windows
//! console a character of ambiguous width becomes an ASCII stand-in one cell wide.

/// Whatever a record holds, nothing that acts on the terminal leaves the frame: ratatui drops
/// control characters itself, but passes direction overrides and zero-width characters on
/// (glued to the cell before them). Imports and forms refuse them; a file edited behind the
/// program's back could still hold them.
///
/// On the old console (`console`), a character of ambiguous width (…, ·, “, —, ①, ☆, box
/// drawing, arrows) is drawn two cells wide by its CJK fonts and pushes the rest of the row
/// out of place: each becomes an ASCII stand-in one cell wide.
pub fn defuse(buf: &mut ratatui::buffer::Buffer, console: bool) {
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

/// Drawn one cell wide by a Western font and two by a CJK one.
pub fn ambiguous(c: char) -> bool {
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
