//! A report as one long table (section, item, value, target): the bulletin CSV and its text.

use super::figures::Report;

pub const HEADERS: [&str; 4] = ["部分", "指标", "数值", "目标"];

/// 85.0%, or 无数据 when nothing could be measured.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "无数据".to_string(), |r| format!("{:.1}%", r * 100.0))
}

/// Whether a rate meets the target, in words; empty when there is no rate.
pub fn verdict(rate: Option<f64>, target: f64) -> &'static str {
    match rate {
        Some(r) if r + 1e-9 >= target => "达标",
        Some(_) => "未达标",
        None => "",
    }
}

pub fn rows(r: &Report) -> Vec<Vec<String>> {
    let target = percent(Some(r.target));
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut row = |section: &str, item: &str, value: String, target: &str| {
        out.push(vec![section.into(), item.into(), value, target.into()]);
    };
    row(
        "报告",
        "期间",
        format!("{}（{} 至 {}）", r.period, r.from, r.to),
        "",
    );
    row("报告", "统计截至", r.as_of.clone(), "");

    let c = &r.complaints;
    row("投诉", "受理", c.received.to_string(), "");
    row("投诉", "按时核查", c.verified_on_time.to_string(), "");
    row("投诉", "按时反馈", c.fed_back_on_time.to_string(), "");
    row("投诉", "已结案", c.closed.to_string(), "");
    row("投诉", "已移送", c.transferred.to_string(), "");
    row("投诉", "计入按时率", c.measured.to_string(), "");
    row("投诉", "按时办理", c.on_time.to_string(), "");
    let verdict_c = verdict(c.on_time_rate, r.target);
    let rate_c = format!("{} {verdict_c}", percent(c.on_time_rate));
    row("投诉", "按时办理率", rate_c.trim().to_string(), &target);
    row("投诉", "作废（不计）", c.voided.to_string(), "");
    row("投诉", "其中曾更正时间", c.corrected.to_string(), "");
    row("投诉", "其中曾延长反馈期限", c.extended.to_string(), "");
    for x in &c.by_channel {
        row("投诉·来源渠道", &x.name, x.count.to_string(), "");
    }
    for x in &c.by_field {
        row("投诉·所属领域", &x.name, x.count.to_string(), "");
    }
    for l in &c.overdue {
        let done = l
            .done_at
            .as_deref()
            .map_or("未完成".to_string(), |d| format!("{d} 完成"));
        row(
            "超期投诉",
            &format!("{} {}", l.id, l.step),
            format!("期限 {}，{done}，{}", l.due, l.late),
            "",
        );
    }

    let n = &r.notices;
    row("整改通知", "下达", n.issued.to_string(), "");
    row("整改通知", "已销号", n.closed.to_string(), "");
    row("整改通知", "曾延期", n.extended.to_string(), "");
    row("整改通知", "已立案", n.escalated.to_string(), "");
    row("整改通知", "仍未销号", n.open.to_string(), "");
    row("整改通知", "复查超期", n.reinspect_overdue.to_string(), "");
    let rate_n = format!(
        "{} {}",
        percent(n.closure_rate),
        verdict(n.closure_rate, r.target)
    );
    row("整改通知", "销号率", rate_n.trim().to_string(), &target);

    let p = &r.patrols;
    row("巡查", "巡查记录", p.logged.to_string(), "");
    row("巡查", "应巡次数", p.required.to_string(), "");
    row("巡查", "已巡次数", p.covered.to_string(), "");
    let rate_p = format!(
        "{} {}",
        percent(p.coverage_rate),
        verdict(p.coverage_rate, r.target)
    );
    row("巡查", "巡查覆盖率", rate_p.trim().to_string(), &target);
    for a in &p.by_area {
        row(
            "巡查·区域",
            &format!("{} {}（{}）", a.area, a.name, a.interval),
            format!("{}/{}，到访 {} 天", a.covered, a.required, a.visits),
            "",
        );
    }
    for o in &p.by_officer {
        row("巡查·人员", &o.name, o.count.to_string(), "");
    }
    for x in &r.corrections {
        let noun = crate::store::digest::ledger(&x.kind).map_or("记录", |l| l.noun);
        let show = |t: &str| {
            if t.is_empty() {
                "空".to_string()
            } else {
                t.to_string()
            }
        };
        row(
            "更正记录",
            &format!("{noun} {} {}", x.key, x.field),
            format!(
                "{} → {}，{} 于 {} 更正，原因：{}",
                show(&x.old),
                show(&x.new),
                x.operator,
                x.at,
                x.reason
            ),
            "",
        );
    }
    for d in &r.duty {
        let note = d.note.lines().collect::<Vec<_>>().join("；");
        row(
            "值班记录",
            &format!("{} {} {}", d.at.format("%m-%d %H:%M"), d.officer, d.kind),
            note,
            "",
        );
    }
    for cert in &r.certificates {
        let when = if cert.days_left < 0 {
            format!("{} 已过期 {} 天", cert.expiry, -cert.days_left)
        } else {
            format!("{} 到期，还有 {} 天", cert.expiry, cert.days_left)
        };
        row(
            "执法证",
            &format!("{} {}", cert.officer, cert.name),
            when,
            "",
        );
    }
    out
}
