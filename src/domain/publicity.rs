//! 公示: which decisions are published ("谁执法、谁公示"), by when (working days after the
//! decision, a setting), and whether one is late; one place that decides, for `today`, the
//! desk and the list the portal clerk pastes.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::Calendar;

labelled_enum!(PubKind {
    Notice => "整改通知",
    Case => "立案",
    DrawResult => "抽查结果",
});

/// A decision published: where and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Publication {
    pub kind: PubKind,
    /// The decision's number: a notice, a case number or a draw.
    pub key: String,
    pub published_on: NaiveDate,
    /// 公示渠道: 政府门户网站, 公示栏, ….
    pub place: String,
}

/// A decision that must be published, with its deadline and whether it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PubItem {
    pub kind: PubKind,
    pub key: String,
    /// What is published, as the public may read it (a person's name masked).
    pub what: String,
    pub decided_on: NaiveDate,
    pub due: NaiveDate,
    /// The deadline crosses a year with no official calendar yet (暂定).
    pub provisional: bool,
    pub published_on: Option<NaiveDate>,
}

impl PubItem {
    /// Made from a decision on `decided_on`, due `workdays` working days later.
    pub fn new(
        (kind, key, what): (PubKind, String, String),
        decided_on: NaiveDate,
        cal: &Calendar,
        workdays: u32,
        published_on: Option<NaiveDate>,
    ) -> PubItem {
        let due = cal.add_workdays(decided_on, workdays);
        PubItem {
            kind,
            key,
            what,
            decided_on,
            provisional: due.uncertain(),
            due: due.date,
            published_on,
        }
    }

    /// Not published by the end of its due day (or published after it).
    pub fn late(&self, today: NaiveDate) -> bool {
        match self.published_on {
            Some(on) => on > self.due,
            None => today > self.due,
        }
    }

    /// "逾期 3 天" / "今日到期" / "还有 2 天" / "已公示"; the one wording for every list.
    pub fn state(&self, today: NaiveDate) -> String {
        match self.published_on {
            Some(on) if on > self.due => format!("{on} 公示（逾期）"),
            Some(on) => format!("{on} 已公示"),
            None if today > self.due => format!("逾期 {} 天", (today - self.due).num_days()),
            None if today == self.due => "今日到期".into(),
            None => format!("还有 {} 天", (self.due - today).num_days()),
        }
    }
}

/// Words that name a unit or a business rather than a person.
const UNIT_WORDS: &[&str] = &[
    "公司", "店", "厂", "场", "部", "社", "馆", "所", "中心", "点", "吧", "家", "行", "坊", "站",
    "院", "园", "队", "处", "局", "会", "村", "组", "校", "室", "铺", "庄", "房", "堂", "楼",
    "超市", "酒", "餐", "厅", "市场", "合作", "协会", "委员",
];

/// The party as a 公示 may show it: a person masked to the family name. A party is taken for
/// a person when inspected as 个人 (`is_person`), when written as 某 (李某), or when its name is
/// as short as a person's (three characters or fewer) with no word of a unit in it.
pub fn party_shown(party: &str, is_person: bool) -> String {
    let party = party.trim();
    let unit = UNIT_WORDS.iter().any(|w| party.contains(w));
    let short = party.chars().count() <= 3;
    if is_person || party.contains('某') || (short && !unit) {
        super::personal::name(party)
    } else {
        party.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// 2026's National Day: from Tuesday 09-29 the seven working days are 09-30, 10-08,
    /// 10-09, Saturday 10-10 (worked), 10-12, 10-13 and 10-14 (10-01 to 10-07 are off).
    #[test]
    fn a_deadline_across_the_national_day_holiday_counts_working_days() {
        let cal = Calendar::builtin();
        let item = PubItem::new(
            (PubKind::Notice, "卧执整〔2026〕第9号".into(), "某店".into()),
            d("2026-09-29"),
            &cal,
            7,
            None,
        );
        assert_eq!(item.due, d("2026-10-14"));
        assert!(!item.provisional);
        assert!(!item.late(item.due));
        assert!(item.late(item.due.succ_opt().unwrap()));
        assert_eq!(item.state(item.due), "今日到期");
    }

    #[test]
    fn a_persons_name_is_masked_and_a_units_is_not() {
        assert_eq!(party_shown("李建设", false), "李**");
        assert_eq!(party_shown("刘某", false), "刘*");
        assert_eq!(party_shown("老王烧烤店", false), "老王烧烤店");
        assert_eq!(party_shown("河沿采砂点", false), "河沿采砂点");
        assert_eq!(party_shown("学府文具", false), "学府文具");
        assert_eq!(party_shown("王某某（摊贩）", false), "王******");
        assert_eq!(party_shown("快乐网吧", true), "快***");
    }
}
