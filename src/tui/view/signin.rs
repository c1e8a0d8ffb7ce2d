//! 签到: the list of officers, narrowed by typing 工号 or name; Enter signs in.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use super::super::app::App;
use super::super::theme::Theme;
use super::people::{cert_status, id_width};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let t = &app.data.today;
    // The first line here; the whole note after sign-in, until it is acknowledged.
    let handover = app.data.last_handover.as_ref().map(|h| {
        let first = h.note.lines().next().unwrap_or("（无交接事项）");
        let more = match h.note.lines().count() {
            n if n > 1 => format!("（共 {n} 行，签到后显示全文）"),
            _ => String::new(),
        };
        let head = format!("上一班交接：{} {}：", h.at.format("%m-%d %H:%M"), h.officer);
        // Two rows: the first line is cut with "…" so the count of lines always shows.
        let room = (2 * usize::from(area.width))
            .saturating_sub(Line::raw(format!("{head}{more}")).width() + 2);
        let first = super::fit(first, room, theme.ellipsis());
        format!("{head}{first}{more}")
    });
    let [head, field, note, list] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(if handover.is_some() { 2 } else { 0 }),
        Constraint::Min(0),
    ])
    .areas(area);
    let title = vec![
        Line::from(vec![
            Span::styled(format!("{} 值班台", app.data.team_name), theme.title()),
            Span::raw(format!("  {} {} {}", t.date, t.weekday, t.day_kind)),
        ]),
        Line::from(
            std::iter::once(Span::raw("请选择值班人员签到：输入工号或姓名筛选  "))
                .chain(super::cells::key_hints(
                    &super::super::keymap::hint(super::super::keymap::Context::SignIn),
                    theme,
                ))
                .collect::<Vec<_>>(),
        ),
    ];
    frame.render_widget(Paragraph::new(title), head);

    let label = "筛选：";
    let label_w = Line::raw(label).width() as u16;
    let (shown, caret) = app
        .signin
        .0
        .visible(field.width.saturating_sub(label_w + 1).max(1));
    let line = Line::from(vec![
        Span::raw(label),
        Span::styled(shown.to_string(), theme.key()),
    ]);
    frame.render_widget(Paragraph::new(line), field);
    frame.set_cursor_position(Position::new(field.x + label_w + caret, field.y));
    if let Some(h) = handover {
        // Wrapped by the cell, not at spaces: the two rows hold what `fit` left room for.
        let rows: Vec<Line> = super::wrap(&h, usize::from(note.width))
            .into_iter()
            .map(Line::raw)
            .collect();
        frame.render_widget(Paragraph::new(rows).style(theme.warn()), note);
    }

    if app.data.officers.is_empty() {
        let hint = "还没有人员名单。请先在命令行导入：zhifa-desk import officers 人员.csv（或运行 zhifa-desk demo 试用）";
        let p = Paragraph::new(hint)
            .style(theme.warn())
            .wrap(Wrap { trim: true });
        frame.render_widget(p.block(theme.block("值班人员")), list);
        return;
    }
    let today = app.now.date();
    let people = app.signin_candidates();
    let (shown, selected) = super::window(people.len(), Some(app.signin.1.0), list);
    let rows = people[shown].iter().map(|o| {
        let (cert, u) = cert_status(o, today);
        Row::new(vec![
            Cell::from(o.id.as_str()),
            Cell::from(o.name.as_str()),
            Cell::from(o.squad.as_str()),
            Cell::from(o.role.label()),
            Cell::from(o.status.label()),
            Cell::from(cert).style(theme.urgency(u)),
        ])
    });
    let header = Row::new(["工号", "姓名", "中队", "角色", "状态", "执法证"]).style(theme.dim());
    let id_w = id_width(&app.data.officers);
    let table = Table::new(
        rows,
        [
            Constraint::Length(id_w),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(5),
            Constraint::Fill(1),
        ],
    )
    .header(header)
    .block(theme.block(format!("值班人员（{} 人）", people.len())))
    .row_highlight_style(theme.selected())
    .highlight_symbol(theme.pointer());
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, list, &mut state);
}
