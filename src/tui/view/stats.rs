//! 统计: the chosen week, month or year's rates against the target, twelve weeks of complaints
//! and on-time rate as bars labelled by date, and patrol coverage of area × week as a heat map.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use zhifa_desk::report::bulletin::{percent, verdict};
use zhifa_desk::report::figures::Report;
use zhifa_desk::report::format::Urgency;

use super::super::app::App;
use super::super::data::Stats;
use super::super::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(stats) = &app.data.stats else {
        frame.render_widget(Paragraph::new("正在统计……"), area);
        return;
    };
    let head = period_lines(stats, app, theme, usize::from(area.width));
    let [rates, body] =
        Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(head), rates);
    let [charts, grid] =
        Layout::horizontal([Constraint::Length(44), Constraint::Min(0)]).areas(body);
    let [received, on_time] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(charts);
    let counts: Vec<(String, Option<u64>, Style)> = stats
        .weeks
        .iter()
        .map(|r| {
            (
                week_label(r),
                Some(r.complaints.received as u64),
                theme.title(),
            )
        })
        .collect();
    bars(frame, received, "每周受理投诉（件）", &counts, "", theme);
    let target = stats.period.target;
    let rates: Vec<(String, Option<u64>, Style)> = stats
        .weeks
        .iter()
        .map(|r| {
            let rate = r.complaints.on_time_rate;
            let u = match rate {
                Some(x) if x + 1e-9 >= target => Urgency::Fine,
                Some(_) => Urgency::Overdue,
                None => Urgency::Soon,
            };
            let value = rate.map(|x| (x * 100.0).round() as u64);
            (week_label(r), value, theme.urgency(u))
        })
        .collect();
    bars(frame, on_time, "每周按时办理率（%）", &rates, "%", theme);
    coverage(frame, grid, app, &stats.weeks, theme);
}

/// A week as people name it: the date its Monday falls on, "11-16起".
fn week_label(r: &Report) -> String {
    format!("{}起", r.from.format("%m-%d"))
}

/// One bar per row: its label, a bar scaled to the largest value, and the number beside it,
/// so numbers never overlap; the newest rows that fit.
fn bars(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    rows: &[(String, Option<u64>, Style)],
    unit: &str,
    theme: &Theme,
) {
    let block = theme.block(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let fit = rows.len().min(usize::from(inner.height));
    let rows = &rows[rows.len() - fit..];
    let max = if unit == "%" {
        100
    } else {
        rows.iter().filter_map(|r| r.1).max().unwrap_or(0).max(1)
    };
    // Label 8 cells, a space, the bar, a space, up to 4 cells of number.
    let room = usize::from(inner.width)
        .saturating_sub(8 + 1 + 1 + 4)
        .max(1);
    let bar_char = if theme.ascii { "#" } else { "█" };
    let lines: Vec<Line> = rows
        .iter()
        .map(|(label, value, style)| {
            let (bar, number) = match value {
                Some(v) => {
                    let n = (*v as usize * room).div_ceil(max as usize).min(room);
                    (bar_char.repeat(n), format!("{v}{unit}"))
                }
                None => (String::new(), "无数据".to_string()),
            };
            Line::from(vec![
                Span::styled(format!("{label:<6} "), theme.dim()),
                Span::styled(bar, *style),
                Span::raw(format!(" {number}")),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn period_lines<'a>(stats: &Stats, app: &App, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let m = &stats.period;
    let item = |name: &str, rate: Option<f64>| {
        let v = verdict(rate, m.target);
        let style = match v {
            "达标" => theme.ok(),
            "未达标" => theme.error(),
            _ => theme.dim(),
        };
        vec![
            Span::raw(format!("{name} ")),
            Span::styled(format!("{} {v}", percent(rate)).trim().to_string(), style),
            Span::raw("   "),
        ]
    };
    let (kind, back) = stats.key;
    let updating = if app.stats_busy || stats.key != app.stats {
        "（正在更新……）"
    } else {
        ""
    };
    let so_far = if back == 0 {
        format!(" 截至 {}", &m.as_of[5..10])
    } else {
        String::new()
    };
    let mut spans = vec![Span::styled(
        format!(
            "按{}：{}（{} 至 {}{so_far}）{updating}",
            kind.label(),
            stats.name,
            m.from,
            m.to
        ),
        theme.title(),
    )];
    spans.push(Span::raw(format!("  目标 {}", percent(Some(m.target)))));
    let mut items = vec![item("按时办理率", m.complaints.on_time_rate)];
    if m.complaints.appealed > 0 {
        items.push(item(
            &format!("剔除申诉后（{} 件获批）", m.complaints.appealed),
            m.complaints.on_time_rate_appealed,
        ));
    }
    items.push(item("整改销号率", m.notices.closure_rate));
    items.push(item("巡查覆盖率", m.patrols.coverage_rate));
    // As many rates to a line as fit: none is cut at the edge.
    let mut lines = vec![Line::from(spans)];
    let mut line: Vec<Span> = Vec::new();
    for it in items {
        let (used, more) = (
            Line::from(line.clone()).width(),
            Line::from(it.clone()).width(),
        );
        if !line.is_empty() && used + more > width {
            lines.push(Line::from(std::mem::take(&mut line)));
        }
        line.extend(it);
    }
    lines.push(Line::from(line));
    lines
}

/// Area × week: 全 every window patrolled, 缺 some, 无 none; blank when nothing was due yet.
fn coverage(frame: &mut Frame, area: Rect, app: &App, weeks: &[Report], theme: &Theme) {
    let block = theme.block("巡查覆盖（全/缺/无，列为周一）");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_w = usize::from(inner.width.saturating_sub(36)).clamp(4, 16);
    // The newest weeks that fit, three cells each.
    let fit_weeks = (usize::from(inner.width).saturating_sub(label_w) / 3).min(weeks.len());
    let weeks = &weeks[weeks.len() - fit_weeks..];
    let mut lines = Vec::new();
    let mut head = vec![Span::raw(" ".repeat(label_w))];
    for w in weeks {
        // Each column is the week starting on this day of the month.
        head.push(Span::styled(
            format!("{:>2} ", w.from.format("%d")),
            theme.dim(),
        ));
    }
    lines.push(Line::from(head));
    for (i, a) in app.data.areas.iter().enumerate() {
        // The code always whole; the name after it as far as it fits, cut with "…".
        let id_w = unicode_width::UnicodeWidthStr::width(a.id.as_str());
        let label = if label_w > id_w + 3 {
            fit(&format!("{} {}", a.id, a.name), label_w, theme.ellipsis())
        } else {
            format!("{:<label_w$}", a.id)
        };
        let mut spans = vec![Span::raw(label)];
        for w in weeks {
            let cell = w.patrols.by_area.get(i).filter(|c| c.area == a.id);
            let (text, color) = match cell {
                Some(c) if c.required == 0 => ("  ", None),
                Some(c) if c.covered == c.required => ("全", Some(Color::Green)),
                Some(c) if c.covered > 0 => ("缺", Some(Color::Yellow)),
                Some(_) => ("无", Some(Color::Red)),
                None => ("  ", None),
            };
            let style = match color {
                Some(c) if theme.color => Style::new().fg(Color::Black).bg(c),
                _ => Style::new(),
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `text` cut or padded to `cells` terminal cells.
/// `text` in `cells` cells with a space after it, cut with "…" (or "..." on an ASCII
/// console) when longer, padded when shorter.
fn fit(text: &str, cells: usize, more: &str) -> String {
    let shown = super::fit(text, cells.saturating_sub(1), more);
    let used = unicode_width::UnicodeWidthStr::width(shown.as_str());
    shown + &" ".repeat(cells.saturating_sub(used))
}
