//! On-site inspections (现场检查): who checked which subject, why, and what they found; and
//! when a finding may be a first violation of a minor matter (首违不罚).

use chrono::{Months, NaiveDate, NaiveDateTime};
use serde::Serialize;

labelled_enum!(Source {
    Routine => "日常检查",
    Plan => "计划检查",
    Random => "双随机抽查",
    Campaign => "专项检查",
});

labelled_enum!(Finding {
    Pass => "合格",
    Rectify => "责令整改",
    Lenient => "首违不罚",
    Refer => "移送",
});

impl Finding {
    /// A violation was found (every finding but 合格).
    pub fn is_violation(self) -> bool {
        self != Finding::Pass
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inspection {
    /// 检查编号, the key: "JC2026-0001".
    pub id: String,
    pub at: NaiveDateTime,
    /// 对象编号.
    pub subject: String,
    /// 事项编号 of what was checked, where one applies.
    pub matter: Option<String>,
    /// 检查人员 by 工号: two certified officers on the day.
    pub officers: Vec<String>,
    pub source: Source,
    /// 抽查编号, for a 双随机 inspection.
    pub draw: String,
    /// 专项名称 or 计划 item, for a campaign or planned inspection.
    pub campaign: String,
    /// 检查内容.
    pub checked: String,
    pub finding: Finding,
    /// 发现的问题, for every finding but 合格.
    pub problem: String,
    /// 指导意见: the guidance a 首违不罚 gives instead of a penalty.
    pub guidance: String,
    /// 移送单位, for 移送.
    pub refer_to: String,
    /// The rectification notice the finding opened (责令整改).
    pub notice: String,
}

impl Inspection {
    /// Checks the fields that belong together; returns (column, reason) pairs.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut distinct = self.officers.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() < 2 {
            out.push(("检查人员", "现场检查须有两名执法人员".to_string()));
        }
        if self.finding.is_violation() && self.problem.trim().is_empty() {
            out.push((
                "存在问题",
                format!("检查结果为{}，须写明发现的问题", self.finding),
            ));
        }
        if self.finding == Finding::Lenient && self.guidance.trim().is_empty() {
            out.push(("指导意见", "首违不罚须写明给予的指导意见".to_string()));
        }
        if self.finding == Finding::Refer && self.refer_to.trim().is_empty() {
            out.push(("移送单位", "移送须写明移送的单位".to_string()));
        }
        if self.finding.is_violation() && self.matter.is_none() {
            out.push(("事项编号", "发现违法行为须写明所属的执法事项".to_string()));
        }
        if self.source == Source::Random && self.draw.trim().is_empty() {
            out.push(("抽查编号", "双随机抽查须写明抽查编号".to_string()));
        }
        if self.source == Source::Campaign && self.campaign.trim().is_empty() {
            out.push(("专项名称", "专项检查须写明专项名称".to_string()));
        }
        out
    }
}

/// One line of the township's published list (轻微违法行为不予处罚清单): a matter, the
/// situation it covers, and how long an earlier violation counts against the party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LenientMatter {
    pub matter: String,
    pub situation: String,
    pub months: u32,
}

/// Whether a violation of `matter` by a subject on `on` may be a first violation: the matter
/// is on the list and the subject's `earlier` violations (matter, date) include none of it
/// within the list's period. Returns the list line that allows it, or why not.
pub fn first_violation<'a>(
    list: &'a [LenientMatter],
    matter: &str,
    on: NaiveDate,
    earlier: &[(String, NaiveDate)],
) -> Result<&'a LenientMatter, String> {
    let Some(line) = list.iter().find(|l| l.matter == matter) else {
        return Err(format!("事项 {matter} 不在本镇首违不罚清单中"));
    };
    let since = on
        .checked_sub_months(Months::new(line.months))
        .unwrap_or(NaiveDate::MIN);
    match earlier
        .iter()
        .filter(|(m, d)| m == matter && *d >= since && *d <= on)
        .max_by_key(|(_, d)| *d)
    {
        Some((_, d)) => Err(format!(
            "该对象 {d} 已有同一事项的违法记录（{} 个月内），不是首次违法",
            line.months
        )),
        None => Ok(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_first_violation_needs_the_matter_listed_and_no_earlier_one_in_the_period() {
        let list = vec![LenientMatter {
            matter: "M03".into(),
            situation: "占道经营，经劝导立即改正".into(),
            months: 12,
        }];
        let on = d("2026-12-04");
        assert_eq!(first_violation(&list, "M03", on, &[]).unwrap().months, 12);
        assert!(
            first_violation(&list, "M05", on, &[])
                .unwrap_err()
                .contains("不在")
        );
        let a_year_ago = vec![("M03".to_string(), d("2025-12-04"))];
        assert!(
            first_violation(&list, "M03", on, &a_year_ago)
                .unwrap_err()
                .contains("2025-12-04")
        );
        let older = vec![
            ("M03".to_string(), d("2025-12-03")),
            ("M05".to_string(), d("2026-11-01")),
        ];
        assert!(first_violation(&list, "M03", on, &older).is_ok());
    }

    #[test]
    fn a_finding_says_what_it_lacks() {
        let i = Inspection {
            id: "JC2026-0001".into(),
            at: d("2026-12-04").and_hms_opt(9, 0, 0).unwrap(),
            subject: "DX001".into(),
            matter: None,
            officers: vec!["W001".into(), "W001".into()],
            source: Source::Random,
            draw: String::new(),
            campaign: String::new(),
            checked: String::new(),
            finding: Finding::Lenient,
            problem: String::new(),
            guidance: String::new(),
            refer_to: String::new(),
            notice: String::new(),
        };
        let cols: Vec<&str> = i.problems().iter().map(|p| p.0).collect();
        assert_eq!(
            cols,
            ["检查人员", "存在问题", "指导意见", "事项编号", "抽查编号"]
        );
    }
}
