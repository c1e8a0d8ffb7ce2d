//! A record's detail: its panes scrolled to fit, wrapped text, and its history and deadlines as
//! lines.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::super::theme::Theme;

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
    data: &super::super::data::Data,
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

/// A file's 案卷自查: its score and verdict, then each point it misses and what it lost.
pub(crate) fn review_lines<'a>(
    review: Option<&zhifa_desk::domain::review::Review>,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let Some(r) = review else {
        return Vec::new();
    };
    let state = if r.finished { "已办结" } else { "办理中" };
    let head = format!(
        "案卷自查：{}（检查 {} 项，{state}）",
        r.verdict(),
        r.checked
    );
    let style = if r.passed { theme.ok() } else { theme.warn() };
    let mut out = vec![Line::raw(""), Line::styled(head, style)];
    out.extend(r.faults.iter().map(|f| {
        Line::styled(
            format!("  扣{}分 {}：{}", f.lost, f.point, f.detail),
            theme.warn(),
        )
    }));
    out
}
