//! A report as one long table (section, item, figure): the bulletin CSV, its text, and the
//! 通报 sheet of a workbook with numbers as numbers.

use super::figures::Report;

pub const HEADERS: [&str; 4] = ["部分", "指标", "数值", "目标"];

/// The 通报 sheet's columns: counts and rates in their own numeric columns, so a clerk can
/// sort and sum them; the verdict apart from the figure.
pub const SHEET_HEADERS: [&str; 7] = ["部分", "指标", "数量", "比率", "目标", "结论", "说明"];

/// One line of the bulletin.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub section: String,
    pub item: String,
    pub value: Figure,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Count(i64),
    /// A rate (None when nothing could be measured) against its target.
    Rate(Option<f64>, f64),
    Note(String),
}

impl Entry {
    /// As the CSV bulletin and the text report write it: 48.0% 未达标 beside 85.0%.
    pub fn text_row(&self) -> Vec<String> {
        let (value, target) = match &self.value {
            Figure::Count(n) => (n.to_string(), String::new()),
            Figure::Rate(rate, target) => (
                format!("{} {}", percent(*rate), verdict(*rate, *target))
                    .trim()
                    .to_string(),
                percent(Some(*target)),
            ),
            Figure::Note(t) => (t.clone(), String::new()),
        };
        vec![self.section.clone(), self.item.clone(), value, target]
    }

    /// As the workbook's 通报 sheet holds it, in `SHEET_HEADERS` order: numbers as plain
    /// digits and rates as fractions, for number cells.
    pub fn sheet_row(&self) -> Vec<String> {
        let (mut count, mut rate, mut target, mut verdict_, mut note) = (
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        );
        match &self.value {
            Figure::Count(n) => count = n.to_string(),
            Figure::Rate(r, t) => {
                rate = r.map_or_else(String::new, |r| r.to_string());
                target = t.to_string();
                verdict_ = match r {
                    Some(_) => verdict(*r, *t).to_string(),
                    None => "无数据".to_string(),
                };
            }
            Figure::Note(t) => note = t.clone(),
        }
        vec![
            self.section.clone(),
            self.item.clone(),
            count,
            rate,
            target,
            verdict_,
            note,
        ]
    }
}

/// The bulletin as the CSV file and the text report have it.
pub fn rows(r: &Report) -> Vec<Vec<String>> {
    entries(r).iter().map(Entry::text_row).collect()
}

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

/// Every line of the bulletin, in order.
pub fn entries(r: &Report) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut row = |section: &str, item: &str, value: Figure| {
        out.push(Entry {
            section: section.into(),
            item: item.into(),
            value,
        });
    };
    let note = Figure::Note;
    let count = |n: usize| Figure::Count(n as i64);
    row(
        "报告",
        "期间",
        note(format!("{}（{} 至 {}）", r.period, r.from, r.to)),
    );
    row("报告", "统计截至", note(r.as_of.clone()));

    let c = &r.complaints;
    row("投诉", "受理", count(c.received));
    row("投诉", "按时核查", count(c.verified_on_time));
    row("投诉", "按时反馈", count(c.fed_back_on_time));
    row("投诉", "已结案", count(c.closed));
    row("投诉", "已移送", count(c.transferred));
    row("投诉", "计入按时率", count(c.measured));
    row("投诉", "按时办理", count(c.on_time));
    row("投诉", "按时办理率", Figure::Rate(c.on_time_rate, r.target));
    row("投诉", "超时申诉获批（仍计超期）", count(c.appealed));
    row(
        "投诉",
        "剔除申诉后按时办理率",
        Figure::Rate(c.on_time_rate_appealed, r.target),
    );
    row("投诉", "作废（不计）", count(c.voided));
    row("投诉", "其中曾更正时间", count(c.corrected));
    row("投诉", "其中曾延长反馈期限", count(c.extended));
    row("投诉", "其中期限为暂定", count(c.provisional));
    row("投诉", "其中曾中止计时", count(c.stopped));
    row("投诉", "中止天数合计", Figure::Count(c.stopped_days));
    for x in &c.by_channel {
        row("投诉·来源渠道", &x.name, count(x.count));
    }
    for x in &c.by_field {
        row("投诉·所属领域", &x.name, count(x.count));
    }
    for l in &c.overdue {
        let done = l
            .done_at
            .as_deref()
            .map_or("未完成".to_string(), |d| format!("{d} 完成"));
        row(
            "超期投诉",
            &format!("{} {}", l.id, l.step),
            note(format!("期限 {}，{done}，{}", l.due, l.late)),
        );
    }

    let n = &r.notices;
    row("整改通知", "下达", count(n.issued));
    row("整改通知", "已销号", count(n.closed));
    row("整改通知", "曾延期", count(n.extended));
    row("整改通知", "已立案", count(n.escalated));
    row("整改通知", "仍未销号", count(n.open));
    row("整改通知", "复查超期", count(n.reinspect_overdue));
    row("整改通知", "其中复查期限为暂定", count(n.provisional));
    row("整改通知", "销号率", Figure::Rate(n.closure_rate, r.target));

    let p = &r.patrols;
    row("巡查", "巡查记录", count(p.logged));
    row("巡查", "应巡次数", count(p.required));
    row("巡查", "已巡次数", count(p.covered));
    row(
        "巡查",
        "巡查覆盖率",
        Figure::Rate(p.coverage_rate, r.target),
    );
    for a in &p.by_area {
        row(
            "巡查·区域",
            &format!("{} {}（{}）", a.area, a.name, a.interval),
            note(format!(
                "{}/{}，到访 {} 天",
                a.covered, a.required, a.visits
            )),
        );
    }
    for o in &p.by_officer {
        row("巡查·人员", &o.name, count(o.count));
    }
    let cb = &r.callbacks;
    row(
        "回访",
        "回访（联系上）",
        count(cb.satisfied + cb.fair + cb.unsatisfied),
    );
    row("回访", "满意", count(cb.satisfied));
    row("回访", "基本满意", count(cb.fair));
    row("回访", "不满意", count(cb.unsatisfied));
    row("回访", "未联系上（次）", count(cb.unreached));
    row("回访", "问题未实际解决", count(cb.not_fixed));
    row("回访", "重新办理", count(cb.reopened));
    row(
        "回访",
        "群众满意度",
        Figure::Rate(cb.rate, super::callbacks::SATISFACTION_TARGET),
    );

    let rv = &r.reviews;
    row("案卷自查", "已办结案卷", count(rv.files));
    row("案卷自查", "合格", count(rv.passed));
    row("案卷自查", "不合格", count(rv.files - rv.passed));
    row(
        "案卷自查",
        "案卷评查合格率",
        Figure::Rate(rv.rate, crate::domain::review::PASS_TARGET),
    );
    for f in &rv.faults {
        row("案卷自查·常见问题", &f.name, count(f.count));
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
            note(format!(
                "{} → {}，{} 于 {} 更正，原因：{}",
                show(&x.old),
                show(&x.new),
                x.operator,
                x.at,
                x.reason
            )),
        );
    }
    for d in &r.duty {
        let text = d.note.lines().collect::<Vec<_>>().join("；");
        row(
            "值班记录",
            &format!("{} {} {}", d.at.format("%m-%d %H:%M"), d.officer, d.kind),
            note(text),
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
            note(when),
        );
    }
    out
}
