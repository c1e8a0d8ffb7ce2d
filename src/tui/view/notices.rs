//! 整改: the notice list by re-inspection date, and one notice with its re-inspections.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table, TableState};
use zhifa_desk::report::format::{Urgency, notice_marker, unserved_label};

use super::super::app::App;
use super::super::data::NoticeDetail;
use super::super::theme::Theme;
use super::{history_lines, name_of, or_dash};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    match &app.data.notice {
        Some(d) if app.notices.detail.is_some() => detail(frame, area, app, d, theme),
        _ => list(frame, area, app, theme),
    }
}

fn list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let v = &app.notices;
    let [bar, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let prefix = format!("状态 {}  筛选 ", v.state.map_or("全部", |s| s.label()));
    let count = format!("  共 {} 份", app.data.notices.len());
    super::filter_bar(frame, bar, prefix, &v.filter, v.filtering, count, theme);

    let today = app.now.date();
    let (shown, selected) = super::window(app.data.notices.len(), Some(v.cursor.0), body);
    let wide = area.width >= 100;
    let widths = [8, 14, 21, 6, 5, if wide { 14 } else { 0 }];
    let block = theme.block("整改通知（检查—整改—复查—销号）");
    let rest = super::cells::rest_width(block.inner(body).width, &widths);
    let rows = app.data.notices[shown].iter().map(|t| {
        let n = &t.notice;
        let days_left = (t.reinspect_due.date - today).num_days();
        let (u, left) = notice_marker(n.state.is_open(), n.late, days_left);
        let style = theme.urgency(u);
        Row::new(vec![
            Cell::from(super::dashboard::marker(
                u.marker(),
                t.reinspect_due.uncertain(),
            ))
            .style(style),
            Cell::from(left).style(style),
            Cell::from(n.id.as_str()),
            Cell::from(n.state.label()),
            Cell::from(n.deadline.format("%m-%d").to_string()),
            Cell::from(super::fit(&n.party, widths[5].into(), theme.ellipsis())),
            Cell::from(super::fit(&n.problem, rest, theme.ellipsis())),
        ])
    });
    let header =
        Row::new(["", "复查", "文书编号", "状态", "期限", "当事人", "存在问题"]).style(theme.dim());
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
    if app.data.notices.is_empty() {
        super::empty_note(
            frame,
            body,
            "没有符合条件的整改通知（/ 重新筛选，s 换状态）",
            theme,
        );
    }
}

fn detail(frame: &mut Frame, area: Rect, app: &App, d: &NoticeDetail, theme: &Theme) {
    let n = &d.tracked.notice;
    let due = d.tracked.reinspect_due.date;
    let days_left = (due - app.now.date()).num_days();
    let (urgency, timer) = notice_marker(n.state.is_open(), n.late, days_left);
    let mut fields = vec![
        ("文书编号", n.id.clone()),
        ("当事人", n.party.clone()),
        ("地址", n.address.clone()),
        (
            "所属区域",
            n.area
                .as_deref()
                .map_or_else(|| "-".into(), |a| name_of(&app.data, a)),
        ),
        ("存在问题", n.problem.clone()),
        ("法律依据", or_dash(&n.legal_basis).to_string()),
        ("下达日期", n.issued_on.to_string()),
        ("整改期限", n.deadline.to_string()),
        ("应复查于", format!("{due} 前")),
        ("状态", n.state.label().to_string()),
        (
            "关联投诉",
            n.complaint.clone().unwrap_or_else(|| "-".into()),
        ),
    ];
    let issuing = &n.issuing;
    if !issuing.officers.is_empty() {
        let who: Vec<String> = issuing
            .officers
            .iter()
            .zip(
                issuing
                    .certs
                    .iter()
                    .chain(std::iter::repeat(&String::new())),
            )
            .map(|(id, cert)| {
                format!(
                    "{}（{cert}）",
                    app.data.officer_names(std::slice::from_ref(id))
                )
            })
            .collect();
        fields.push(("执法人员", who.join("、")));
    }
    if !issuing.requirement.is_empty() {
        fields.push(("整改要求", issuing.requirement.clone()));
    }
    let served = match (
        issuing.served_on,
        unserved_label(n.unserved_days(app.now.date())),
    ) {
        (Some(d), _) => {
            let mut said = format!("{d} {}", issuing.service_method);
            if !issuing.servers.is_empty() {
                said.push_str(&format!(
                    "，送达人 {}",
                    app.data.officer_names(&issuing.servers)
                ));
            }
            if !issuing.witness.is_empty() {
                said.push_str(&format!("，见证人 {}", issuing.witness));
            }
            said
        }
        (None, Some(late)) => format!("{late}（a 登记送达）"),
        (None, None) => "未送达（a 登记送达）".to_string(),
    };
    fields.push(("送达", served));
    if !issuing.case_no.is_empty() {
        fields.push(("立案编号", issuing.case_no.clone()));
    }
    if !n.extension_reason.is_empty() {
        fields.push(("延期原因", n.extension_reason.clone()));
    }
    if !n.void_reason.is_empty() {
        fields.push(("作废原因", n.void_reason.clone()));
    }
    let mut lines: Vec<Line> = fields
        .into_iter()
        .map(|(k, v)| {
            Line::from(vec![
                Span::styled(format!("{k}："), theme.dim()),
                Span::raw(v),
            ])
        })
        .collect();
    if urgency != Urgency::Fine {
        lines.push(Line::styled(
            format!("{} {timer}", urgency.marker()),
            theme.urgency(urgency),
        ));
    }
    let mut r: Vec<Line> = vec![Line::styled("复查记录", theme.title())];
    match (d.reinspections.is_empty(), n.reinspected_on) {
        // Re-inspected before it came in from a ledger: the ledger's line, no log of officers.
        (true, Some(on)) => r.push(Line::raw(format!(
            "{on} {}（随台账导入，未记录复查人员）",
            n.reinspect_result
        ))),
        (true, None) => r.push(Line::raw("尚未复查")),
        (false, _) => {}
    }
    for x in &d.reinspections {
        let late = if x.late { "（超期）" } else { "" };
        r.push(Line::raw(format!(
            "{}  {}{late}  {}  {}",
            x.date,
            x.outcome,
            x.officers.join("、"),
            x.result
        )));
    }
    r.extend(super::review_lines(d.review.as_ref(), theme));
    r.push(Line::raw(""));
    r.push(Line::styled("操作记录", theme.title()));
    r.extend(history_lines(&d.history, &app.data));
    r.extend(super::why_lines(&d.why, theme));
    super::detail_panes(
        frame,
        area,
        ("整改通知详情", lines),
        ("复查与操作", r),
        (app.notices.scroll, &app.notices.scroll_max),
        theme,
    );
}
