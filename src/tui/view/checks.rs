//! 检查: the drawn subjects waiting for their inspection and the decisions waiting to be
//! published (the late ones marked), then the recent inspections, with the selected row's
//! whole record beside or below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use zhifa_desk::domain::Inspection;
use zhifa_desk::domain::publicity::PubItem;
use zhifa_desk::store::inspections::Due;

use super::super::app::App;
use super::super::theme::Theme;

/// One row of the page: a drawn subject waiting, a decision to publish, an inspection done.
pub enum Item<'a> {
    Due(&'a Due),
    Publish(&'a PubItem),
    Done(&'a Inspection),
}

/// The page's rows in order: drawn subjects waiting (earliest draw first), decisions to
/// publish (earliest due first), then inspections done (newest first).
pub fn items(app: &App) -> Vec<Item<'_>> {
    let c = &app.data.checks;
    c.due
        .iter()
        .map(Item::Due)
        .chain(app.data.today.publicity.iter().map(Item::Publish))
        .chain(c.recent.iter().map(Item::Done))
        .collect()
}

fn subject_name(app: &App, id: &str) -> String {
    app.data
        .checks
        .subjects
        .iter()
        .find(|s| s.id == id)
        .map_or_else(|| id.to_string(), |s| s.shown(false).0)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let all = items(app);
    let today = app.now.date();
    let [plan_line, area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let [list, detail] = if area.width >= 110 {
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area)
    } else {
        Layout::vertical([Constraint::Fill(1), Constraint::Length(9)]).areas(area)
    };
    frame.render_widget(
        Paragraph::new(super::fit(
            &plan_summary(app),
            usize::from(plan_line.width),
            theme.ellipsis(),
        ))
        .style(theme.warn()),
        plan_line,
    );
    let (shown, selected) = super::window(all.len(), Some(app.checks.0), list);
    let name_w = super::cells::rest_width(list.width.saturating_sub(3), &[10, 6, 14, 11]);
    let rows = all[shown].iter().map(|item| match item {
        Item::Due(d) => {
            let late = d.date < today;
            let style = if late { theme.error() } else { theme.warn() };
            let state = if late { "逾期未查" } else { "待检查" };
            Row::new(vec![
                Cell::from(state).style(style),
                Cell::from(d.date.format("%m-%d").to_string()),
                Cell::from(super::fit(
                    &subject_name(app, &d.subject),
                    name_w,
                    theme.ellipsis(),
                )),
                Cell::from(app.data.officer_names(&d.officers)),
                Cell::from(d.draw.clone()),
            ])
        }
        Item::Publish(p) => {
            let late = p.late(today);
            let style = if late { theme.error() } else { theme.warn() };
            Row::new(vec![
                Cell::from(if late { "公示逾期" } else { "待公示" }).style(style),
                Cell::from(p.decided_on.format("%m-%d").to_string()),
                Cell::from(super::fit(&p.what, name_w, theme.ellipsis())),
                Cell::from(p.kind.label()),
                Cell::from(format!("期限 {}", p.due.format("%m-%d"))),
            ])
        }
        Item::Done(i) => Row::new(vec![
            Cell::from(i.finding.label()),
            Cell::from(i.at.format("%m-%d").to_string()),
            Cell::from(super::fit(
                &subject_name(app, &i.subject),
                name_w,
                theme.ellipsis(),
            )),
            Cell::from(app.data.officer_names(&i.officers)),
            Cell::from(match i.source {
                zhifa_desk::domain::Source::Random => i.draw.clone(),
                s => s.label().to_string(),
            }),
        ]),
    });
    let c = &app.data.checks;
    let late = c.due.iter().filter(|d| d.date < today).count();
    let publish = &app.data.today.publicity;
    let title = format!(
        "双随机待检查 {}（逾期 {late}）· 待公示 {}（逾期 {}）· 近{}日检查 {} 次",
        c.due.len(),
        publish.len(),
        publish.iter().filter(|p| p.late(today)).count(),
        super::super::data::RECENT_DAYS,
        c.recent.len()
    );
    let header = Row::new([
        "状态/结论",
        "日期",
        "对象或当事人",
        "人员或类别",
        "抽查/期限",
    ])
    .style(theme.dim());
    let table = Table::new(
        rows,
        [
            Constraint::Length(10),
            Constraint::Length(6),
            Constraint::Fill(1),
            Constraint::Length(14),
            Constraint::Length(11),
        ],
    )
    .header(header)
    .block(theme.block(title))
    .row_highlight_style(theme.selected())
    .highlight_symbol(theme.pointer());
    if all.is_empty() {
        super::empty_note(
            frame,
            list,
            "没有待检查的抽查对象和待公示的决定，近期也没有检查记录；按 n 登记一次检查",
            theme,
        );
    } else {
        let mut state = TableState::default().with_selected(selected);
        frame.render_stateful_widget(table, list, &mut state);
    }
    let width = usize::from(detail.width.saturating_sub(2));
    let lines: Vec<Line> = match all.get(app.checks.0) {
        Some(Item::Due(d)) => vec![
            format!("{} {}", d.draw, d.title),
            format!(
                "检查日期 {}；对象 {} {}",
                d.date,
                d.subject,
                subject_name(app, &d.subject)
            ),
            format!("抽取的执法人员：{}", app.data.officer_names(&d.officers)),
            "按 Enter 登记这次检查（对象和人员已按抽取结果填好）".to_string(),
        ],
        Some(Item::Publish(p)) => vec![
            format!("{} {}：{}", p.kind, p.key, p.what),
            format!(
                "决定于 {}，须于 {} 前公示{}（{}）",
                p.decided_on,
                p.due,
                if p.provisional { "（暂定）" } else { "" },
                p.state(today)
            ),
            "公示后按 Enter 登记公示日期和渠道；待公示清单可用 zhifa-desk publicity export 导出"
                .to_string(),
        ],
        Some(Item::Done(i)) => done_lines(app, i),
        None => vec![],
    }
    .iter()
    .flat_map(|l| super::wrap(l, width))
    .map(Line::raw)
    .collect();
    frame.render_widget(Paragraph::new(lines).block(theme.block("详情")), detail);
}

/// "计划：本月未完成 3 项，落后 2（JH2026-02、JH2026-03）· 专项：…（已查 1）" in one line.
fn plan_summary(app: &App) -> String {
    let t = &app.data.today;
    let behind: Vec<&str> = (t.plan.iter().filter(|p| p.behind))
        .map(|p| p.item.id.as_str())
        .collect();
    let mut parts = vec![match (t.plan.len(), behind.len()) {
        (0, _) => "检查计划：本月已按计划完成".to_string(),
        (n, 0) => format!("检查计划：本月还有 {n} 项未完成"),
        (n, b) => format!(
            "检查计划：本月 {n} 项未完成，落后 {b}（{}）",
            behind.join("、")
        ),
    }];
    parts.extend(t.campaigns.iter().map(|k| {
        format!(
            "专项：{}（至 {}，已查 {}）",
            k.campaign.name,
            k.campaign.to.format("%m-%d"),
            k.done
        )
    }));
    parts.join(" · ")
}

fn done_lines(app: &App, i: &Inspection) -> Vec<String> {
    let mut out = vec![
        format!(
            "{}  {}  {}",
            i.id,
            i.at.format("%Y-%m-%d %H:%M"),
            i.source.label()
        ),
        format!("对象：{} {}", i.subject, subject_name(app, &i.subject)),
    ];
    // What was found and done first: the pane may show only a few lines.
    let mut add = |label: &str, v: &str| {
        if !v.is_empty() {
            out.push(format!("{label}：{v}"));
        }
    };
    add("结论", i.finding.label());
    add("存在问题", &i.problem);
    add("整改通知", &i.notice);
    add("指导意见", &i.guidance);
    add("移送单位", &i.refer_to);
    add("人员", &app.data.officer_names(&i.officers));
    add("抽查", &i.draw);
    add("专项", &i.campaign);
    add("事项", i.matter.as_deref().unwrap_or_default());
    add("检查内容", &i.checked);
    out.push("按 p 打印现场检查笔录".into());
    out
}
