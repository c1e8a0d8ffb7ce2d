//! 投诉: the filtered list with live countdowns, and one complaint with the timeline of its steps.

use chrono::NaiveDateTime;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table, TableState};
use zhifa_desk::domain::complaint::Step;
use zhifa_desk::report::format::{Urgency, complaint_marker, countdown};
use zhifa_desk::written;

use super::super::app::App;
use super::super::data::ComplaintDetail;
use super::super::theme::Theme;
use super::{history_lines, name_of, or_dash};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    match &app.data.complaint {
        Some(d) if app.complaints.detail.is_some() => detail(frame, area, app, d, theme),
        _ => list(frame, area, app, theme),
    }
}

fn list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let v = &app.complaints;
    let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let all = "全部";
    let prefix = format!(
        "状态 {}  渠道 {}  只看超期 {}  筛选 ",
        v.state.map_or(all, |s| s.label()),
        v.channel.map_or(all, |c| c.label()),
        if v.overdue { "是" } else { "否" },
    );
    let count = format!("  共 {} 条", app.data.complaints.len());
    super::filter_bar(frame, bar, prefix, &v.filter, v.filtering, count, theme);

    let now = app.now;
    let wide = area.width >= 100;
    let (shown, selected) = super::window(app.data.complaints.len(), Some(v.cursor.0), body);
    let widths = [
        8,
        13,
        12,
        if wide { 11 } else { 0 },
        if wide { 9 } else { 0 },
        6,
        if wide { 14 } else { 8 },
    ];
    let block = theme.block("投诉与线索");
    let rest = super::cells::rest_width(block.inner(body).width, &widths);
    let rows = app.data.complaints[shown].iter().map(|t| {
        let c = &t.complaint;
        let (u, left) = complaint_marker(
            c.state.is_open(),
            (c.remaining_minutes(&t.due, now), c.stopped_since()),
            c.overdue(&t.due, now),
            app.data.today.soon_minutes,
        );
        let style = theme.urgency(u);
        Row::new(vec![
            Cell::from(super::dashboard::marker(
                u.marker(),
                !t.due.missing_years.is_empty(),
            ))
            .style(style),
            Cell::from(left).style(style),
            Cell::from(c.id.as_str()),
            Cell::from(c.received_at.format("%m-%d %H:%M").to_string()),
            Cell::from(c.channel.label()),
            Cell::from(c.state.label()),
            Cell::from(super::dashboard::handled_by(
                app,
                &c.work.handlers,
                c.state.is_open(),
                wide,
            )),
            Cell::from(super::fit(&c.description, rest, theme.ellipsis())),
        ])
    });
    let header = Row::new([
        "",
        "计时",
        "编号",
        "受理",
        "渠道",
        "状态",
        "承办",
        "问题描述",
    ])
    .style(theme.dim());
    let table = Table::new(
        rows,
        widths
            .map(Constraint::Length)
            .into_iter()
            .chain([Constraint::Fill(1)]),
    )
    .header(header)
    .block(block)
    .row_highlight_style(theme.selected())
    .highlight_symbol(theme.pointer());
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, body, &mut state);
    if app.data.complaints.is_empty() {
        super::empty_note(
            frame,
            body,
            "没有符合条件的投诉（/ 重新筛选，s、c、o 换条件）",
            theme,
        );
    }
}

fn at(t: Option<NaiveDateTime>) -> String {
    t.map(written::fmt_datetime).unwrap_or_else(|| "-".into())
}

fn detail(frame: &mut Frame, area: Rect, app: &App, d: &ComplaintDetail, theme: &Theme) {
    let c = &d.tracked.complaint;
    let (reporter, phone) = c.reporter_shown(app.complaints.reveal);
    let area_name = c.area.as_deref().map(|a| name_of(&app.data, a));
    let matter = match &c.matter {
        Some(m) => match app.data.matters.iter().find(|x| &x.id == m) {
            Some(x) => format!("{m} {}", x.name),
            None => format!("{m}（不在事项清单内）"),
        },
        None => "不在事项清单内（应移送）".to_string(),
    };
    let mut fields = vec![
        ("编号", c.id.clone()),
        ("受理时间", written::fmt_datetime(c.received_at)),
        ("来源渠道", c.channel.label().to_string()),
        ("举报人", or_dash(&reporter).to_string()),
        ("联系电话", or_dash(&phone).to_string()),
        ("所属区域", area_name.unwrap_or_else(|| "-".into())),
        ("执法事项", matter),
        ("复杂程度", c.complexity.label().to_string()),
        ("状态", c.state.label().to_string()),
        ("问题描述", c.description.clone()),
        ("处置结果", or_dash(&c.result).to_string()),
    ];
    // Who handles it and what each step found (有举报、有核查、有反馈).
    let w = &c.work;
    let names = |ids: &[String]| app.data.officer_names(ids);
    fields.push((
        "承办",
        if w.handlers.is_empty() {
            super::dashboard::handled_by(app, &w.handlers, c.state.is_open(), true)
        } else {
            format!("{} {}", w.squad, names(&w.handlers))
        },
    ));
    if !w.verified_by.is_empty() || !w.finding.is_empty() {
        fields.push((
            "核查",
            format!("{}：{}", names(&w.verified_by), or_dash(&w.finding)),
        ));
    }
    if let Some(t) = w.handled_at {
        fields.push(("处置时间", written::fmt_datetime(t)));
    }
    if !w.feedback_method.is_empty() {
        fields.push(("反馈方式", w.feedback_method.clone()));
    }
    if !w.transfer_to.is_empty() {
        fields.push(("移送部门", w.transfer_to.clone()));
    }
    if !c.void_reason.is_empty() {
        fields.push(("作废原因", c.void_reason.clone()));
    }
    for cb in &w.callbacks {
        let fixed = match cb.fixed {
            Some(true) => "，问题已解决",
            Some(false) => "，问题未解决",
            None => "",
        };
        let again = match cb.follow_up.as_str() {
            "" => String::new(),
            id => format!("，已另立 {id} 重新办理"),
        };
        fields.push((
            "回访",
            format!(
                "{} {} {}{fixed}{again}",
                written::fmt_datetime(cb.at),
                cb.method,
                cb.answer
            ),
        ));
    }
    if !w.follow_of.is_empty() {
        fields.push((
            "重新办理",
            format!("原件 {}（回访时问题未解决）", w.follow_of),
        ));
    }
    if !d.repeats.is_empty() {
        fields.push((
            "重复投诉",
            format!(
                "同区域同事项 {} 日内还有 {}",
                zhifa_desk::store::callbacks::REPEAT_DAYS,
                d.repeats.join("、")
            ),
        ));
    }
    let lines: Vec<Line> = fields
        .into_iter()
        .map(|(k, v)| {
            Line::from(vec![
                Span::styled(format!("{k}："), theme.dim()),
                Span::raw(v),
            ])
        })
        .collect();
    let title = if app.complaints.reveal {
        "投诉详情（显示举报人，m 隐藏）"
    } else {
        "投诉详情（举报人已打码，m 显示）"
    };
    let mut right_lines = timeline(d, (app.now, app.data.today.soon_minutes), theme);
    right_lines.extend(super::review_lines(d.review.as_ref(), theme));
    right_lines.push(Line::raw(""));
    right_lines.push(Line::styled("操作记录", theme.title()));
    right_lines.extend(history_lines(&d.history, &app.data));
    right_lines.extend(super::why_lines(&d.why, theme));
    super::detail_panes(
        frame,
        area,
        (title, lines),
        ("办理时间线", right_lines),
        (app.complaints.scroll, &app.complaints.scroll_max),
        theme,
    );
}

/// Each step against its deadline; `soon` is the 临期 window in minutes.
fn timeline<'a>(
    d: &ComplaintDetail,
    (now, soon): (NaiveDateTime, i64),
    theme: &Theme,
) -> Vec<Line<'a>> {
    let c = &d.tracked.complaint;
    let due = &d.tracked.due;
    let (verify, feedback) = c.steps(due, now);
    let step = |name: &str, done: Option<NaiveDateTime>, deadline: NaiveDateTime, s: Step| {
        let (text, u) = match s {
            Step::Done { late } => (
                format!(
                    "已于 {} 完成（{}）",
                    at(done),
                    if late { "超期" } else { "按时" }
                ),
                if late {
                    Urgency::WasLate
                } else {
                    Urgency::Fine
                },
            ),
            Step::Pending { remaining_minutes } => (
                countdown(remaining_minutes),
                Urgency::of_minutes(Some(remaining_minutes), soon),
            ),
            Step::Stopped { remaining_minutes } => (
                format!("中止计时，恢复后{}", countdown(remaining_minutes)),
                Urgency::Stopped,
            ),
            Step::Dropped => ("无需办理".to_string(), Urgency::Fine),
        };
        Line::from(vec![
            Span::raw(format!(
                "{name}  期限 {}  ",
                written::fmt_datetime(deadline)
            )),
            Span::styled(
                format!("{} {text}", u.marker()).trim().to_string(),
                theme.urgency(u),
            ),
        ])
    };
    let mut lines = vec![
        Line::raw(format!("受理  {}", written::fmt_datetime(c.received_at))),
        step("核查", c.verified_at, due.verify_due, verify),
        step("反馈", c.fed_back_at, due.feedback_due, feedback),
    ];
    // Every extension, with the deadline it replaced: the original stays in sight.
    for (i, e) in c.work.extensions.iter().enumerate() {
        let late = if e.was_late {
            "（原期限已过，仍计超期）"
        } else {
            ""
        };
        lines.push(Line::styled(
            format!(
                "  第{}次延期：{} → {}，{}，{} 批准{late}",
                i + 1,
                written::fmt_datetime(e.from),
                e.until,
                e.reason,
                e.approved_by
            ),
            theme.warn(),
        ));
    }
    for (i, s) in c.work.stops.iter().enumerate() {
        let until = s
            .until
            .map_or_else(|| "今（仍中止）".to_string(), written::fmt_datetime);
        lines.push(Line::styled(
            format!(
                "  第{}次中止：{} 至 {until}，{}，{} 批准",
                i + 1,
                written::fmt_datetime(s.from),
                s.reason_text(),
                s.approved_by
            ),
            theme.urgency(Urgency::Stopped),
        ));
    }
    if let Some(a) = &c.work.appeal {
        lines.push(Line::styled(
            format!(
                "  超时申诉（{}）：{}，{} {} 提出",
                a.state(),
                a.reason,
                a.filed_by,
                written::fmt_datetime(a.filed_at)
            ),
            theme.warn(),
        ));
        if let Some(d) = &a.decision {
            let opinion = if d.opinion.is_empty() {
                String::new()
            } else {
                format!("：{}", d.opinion)
            };
            lines.push(Line::styled(
                format!(
                    "    {} {} {}{opinion}{}",
                    d.by,
                    written::fmt_datetime(d.at),
                    if d.approved { "批准" } else { "不予批准" },
                    if d.approved {
                        "（仍计超期，剔除申诉后不计）"
                    } else {
                        ""
                    }
                ),
                theme.warn(),
            ));
        }
    }
    if let Some(t) = c.closed_at {
        lines.push(Line::raw(format!(
            "办结  {}（{}）",
            written::fmt_datetime(t),
            c.state
        )));
    }
    if !due.missing_years.is_empty() {
        lines.push(Line::styled(
            "期限为暂定：跨入尚未导入放假安排的年份，按法定节假日和普通周末推算",
            theme.warn(),
        ));
    }
    lines
}
