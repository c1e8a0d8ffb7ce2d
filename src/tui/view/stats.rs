//! 统计: twelve weeks of complaints and on-time rate as bars, patrol coverage of area × week as
//! a heat map, and this month's rates against the target.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};
use zhifa_desk::report::bulletin::{percent, verdict};
use zhifa_desk::report::figures::Report;
use zhifa_desk::report::format::Urgency;

use super::super::app::App;
use super::super::theme::Theme;

/// Bars of plain #: the block symbols are drawn two cells wide by the old console.
const ASCII_BARS: symbols::bar::Set = symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "#",
    half: "#",
    three_eighths: "#",
    one_quarter: "#",
    one_eighth: "#",
    empty: " ",
};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(stats) = &app.data.stats else {
        frame.render_widget(Paragraph::new("正在统计……"), area);
        return;
    };
    let [rates, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(month_lines(&stats.month, theme)), rates);
    let [charts, grid] =
        Layout::horizontal([Constraint::Length(40), Constraint::Min(0)]).areas(body);
    let [received, on_time] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(charts);
    let week_no = |r: &Report| r.period.rsplit('W').next().unwrap_or("").to_string();
    let bars = |value: &dyn Fn(&Report) -> Option<u64>, style: &dyn Fn(&Report) -> Style| {
        stats
            .weeks
            .iter()
            .map(|r| {
                let v = value(r);
                Bar::default()
                    .value(v.unwrap_or(0))
                    .text_value(v.map_or_else(|| "-".into(), |v| v.to_string()))
                    .label(Line::from(week_no(r)))
                    .style(style(r))
            })
            .collect::<Vec<_>>()
    };
    let chart = |title: &'static str, data: Vec<Bar<'static>>, max: Option<u64>| {
        let mut c = BarChart::default()
            .block(theme.block(title))
            .data(BarGroup::default().bars(&data))
            .bar_width(2)
            .bar_gap(1);
        if let Some(m) = max {
            c = c.max(m);
        }
        if theme.ascii {
            c = c.bar_set(ASCII_BARS);
        }
        c
    };
    let counts = bars(&|r| Some(r.complaints.received as u64), &|_| theme.title());
    frame.render_widget(chart("每周受理投诉（件）", counts, None), received);
    let target = stats.month.target;
    let rate_style = |r: &Report| {
        let u = match r.complaints.on_time_rate {
            Some(x) if x + 1e-9 >= target => Urgency::Fine,
            Some(_) => Urgency::Overdue,
            None => Urgency::Soon,
        };
        theme.urgency(u)
    };
    let rates = bars(
        &|r| {
            r.complaints
                .on_time_rate
                .map(|x| (x * 100.0).round() as u64)
        },
        &rate_style,
    );
    frame.render_widget(chart("每周按时办理率（%）", rates, Some(100)), on_time);
    coverage(frame, grid, app, &stats.weeks, theme);
}

fn month_lines<'a>(m: &Report, theme: &Theme) -> Vec<Line<'a>> {
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
    let mut spans = vec![Span::styled(
        format!("本月（{} 截至 {}）", m.period, &m.as_of[5..10]),
        theme.title(),
    )];
    spans.push(Span::raw(format!("  目标 {}", percent(Some(m.target)))));
    let mut rates = Vec::new();
    rates.extend(item("按时办理率", m.complaints.on_time_rate));
    rates.extend(item("整改销号率", m.notices.closure_rate));
    rates.extend(item("巡查覆盖率", m.patrols.coverage_rate));
    vec![Line::from(spans), Line::from(rates)]
}

/// Area × week: 全 every window patrolled, 缺 some, 无 none; blank when nothing was due yet.
fn coverage(frame: &mut Frame, area: Rect, app: &App, weeks: &[Report], theme: &Theme) {
    let block = theme.block("巡查覆盖（区域 × 周：全 / 缺 / 无）");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_w = usize::from(inner.width.saturating_sub(36)).clamp(4, 16);
    // The newest weeks that fit, three cells each.
    let fit_weeks = (usize::from(inner.width).saturating_sub(label_w) / 3).min(weeks.len());
    let weeks = &weeks[weeks.len() - fit_weeks..];
    let mut lines = Vec::new();
    let mut head = vec![Span::raw(" ".repeat(label_w))];
    for w in weeks {
        let n = w.period.rsplit('W').next().unwrap_or("");
        head.push(Span::styled(format!("{n:>2} "), theme.dim()));
    }
    lines.push(Line::from(head));
    for (i, a) in app.data.areas.iter().enumerate() {
        let label = fit(&format!("{} {}", a.id, a.name), label_w);
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
fn fit(text: &str, cells: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > cells.saturating_sub(1) {
            break;
        }
        out.push(c);
        used += w;
    }
    out + &" ".repeat(cells - used)
}
