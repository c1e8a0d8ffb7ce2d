//! The desk on the old Windows console (conhost with a CJK code page), drawn as its ASCII
//! mode draws it: no character of ambiguous width anywhere on any page or the help, only the
//! 16 named colours (the dashboard's snapshot in this mode is `dashboard_ascii_80x24`).

use crossterm::event::KeyCode;
use ratatui::style::Color;

use super::tests::{draw, key, press, signed_in, text};
use super::theme::Theme;
use super::view::ambiguous;

const CONSOLE: Theme = Theme {
    color: true,
    ascii: true,
};

#[test]
fn every_page_on_the_old_console_is_ascii_or_wide_and_uses_the_named_colours() {
    let (mut store, mut app) = signed_in();
    let named = |c: Color| !matches!(c, Color::Rgb(..) | Color::Indexed(_));
    for page in ['1', '2', '3', '4', '5', '6', '7', '?'] {
        press(&mut store, &mut app, &[key(KeyCode::Char(page))]);
        for size in [(80, 24), (120, 40)] {
            let t = draw(&app, size, &CONSOLE);
            let buf = t.backend().buffer();
            for cell in buf.content.iter() {
                let bad: Vec<char> = cell.symbol().chars().filter(|c| ambiguous(*c)).collect();
                assert!(
                    bad.is_empty(),
                    "page {page} {size:?}: {bad:?}\n{}",
                    text(&t)
                );
                assert!(
                    named(cell.fg) && named(cell.bg),
                    "page {page}: {:?}",
                    cell.fg
                );
            }
        }
        press(&mut store, &mut app, &[key(KeyCode::Esc)]);
    }
}

#[test]
fn a_key_acts_when_pressed_and_not_again_when_released() {
    use crossterm::event::{KeyEvent, KeyEventKind, KeyModifiers};
    let with = |kind| KeyEvent::new_with_kind(KeyCode::Char('q'), KeyModifiers::NONE, kind);
    assert!(super::counts(&with(KeyEventKind::Press)));
    assert!(!super::counts(&with(KeyEventKind::Release)));
    assert!(!super::counts(&with(KeyEventKind::Repeat)));
}
