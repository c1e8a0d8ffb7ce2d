//! Weeks, months and years: parsing them and clipping them to the days that have happened.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::error::{Error, Result};

/// Which kind of period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    Week,
    #[default]
    Month,
    Year,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Week => "周",
            Kind::Month => "月",
            Kind::Year => "年",
        }
    }

    /// 周 → 月 → 年 → 周.
    pub fn next(self) -> Kind {
        match self {
            Kind::Week => Kind::Month,
            Kind::Month => Kind::Year,
            Kind::Year => Kind::Week,
        }
    }

    /// The period of this kind holding `today`, moved `back` whole periods earlier.
    pub fn back_from(self, today: NaiveDate, back: u32) -> Period {
        match self {
            Kind::Week => Period::week_of(today - Duration::weeks(i64::from(back))),
            Kind::Month => {
                let mut p = Period::month_of(today);
                for _ in 0..back {
                    p = Period::month_of(p.from - Duration::days(1));
                }
                p
            }
            Kind::Year => Period::year_of(
                NaiveDate::from_ymd_opt(today.year() - back as i32, 1, 1).unwrap_or(today),
            ),
        }
    }
}

/// A span of whole days, inclusive, with the label people use for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// How people name a period on screen: 2026年11月, 2026年, 11-16 起的一周.
    pub fn name(&self) -> String {
        let days = self.days();
        if days == 7 {
            format!("{} 起的一周", self.from.format("%m-%d"))
        } else if days >= 365 {
            format!("{}年", self.from.year())
        } else {
            format!("{}年{}月", self.from.year(), self.from.month())
        }
    }

    /// The ISO week holding `date`: 2026-W48.
    pub fn week_of(date: NaiveDate) -> Period {
        let w = date.iso_week();
        let from = NaiveDate::from_isoywd_opt(w.year(), w.week(), Weekday::Mon).expect("iso week");
        Period {
            label: format!("{}-W{:02}", w.year(), w.week()),
            from,
            to: from + Duration::days(6),
        }
    }

    pub fn month_of(date: NaiveDate) -> Period {
        let from = date.with_day(1).expect("day 1");
        let next = if from.month() == 12 {
            NaiveDate::from_ymd_opt(from.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(from.year(), from.month() + 1, 1)
        }
        .expect("next month");
        Period {
            label: from.format("%Y-%m").to_string(),
            from,
            to: next - Duration::days(1),
        }
    }

    pub fn year_of(date: NaiveDate) -> Period {
        let y = date.year();
        Period {
            label: y.to_string(),
            from: NaiveDate::from_ymd_opt(y, 1, 1).expect("jan 1"),
            to: NaiveDate::from_ymd_opt(y, 12, 31).expect("dec 31"),
        }
    }

    /// "2026-W41" (or "2026W41").
    pub fn week(text: &str) -> Result<Period> {
        let bad = || Error::invalid(format!("周“{text}”无效，应为 2026-W41 这样的 ISO 周"));
        let t = text.trim().to_uppercase();
        let (y, w) = t.split_once('W').ok_or_else(bad)?;
        let y: i32 = y.trim_end_matches('-').parse().map_err(|_| bad())?;
        let w: u32 = w.parse().map_err(|_| bad())?;
        let monday = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon).ok_or_else(bad)?;
        Ok(Period::week_of(monday))
    }

    /// "2026-10".
    pub fn month(text: &str) -> Result<Period> {
        let bad = || Error::invalid(format!("月份“{text}”无效，应为 2026-10 这样的年月"));
        let (y, m) = text.trim().split_once(['-', '/']).ok_or_else(bad)?;
        let (y, m) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        NaiveDate::from_ymd_opt(y, m, 1)
            .map(Period::month_of)
            .ok_or_else(bad)
    }

    /// "2026".
    pub fn year(text: &str) -> Result<Period> {
        let y: i32 = text
            .trim()
            .parse()
            .map_err(|_| Error::invalid(format!("年份“{text}”无效，应为 2026 这样的四位数")))?;
        NaiveDate::from_ymd_opt(y, 1, 1)
            .map(Period::year_of)
            .ok_or_else(|| Error::invalid(format!("年份“{text}”超出范围")))
    }

    /// The last whole week before the one holding `today` (每周一检点 looks back on it).
    pub fn last_week(today: NaiveDate) -> Period {
        Period::week_of(today - Duration::days(7))
    }

    /// The last whole month before the one holding `today` (每月一通报).
    pub fn last_month(today: NaiveDate) -> Period {
        Period::month_of(today.with_day(1).expect("day 1") - Duration::days(1))
    }

    /// The last day of the period that has come by `today`; None if it lies in the future.
    pub fn elapsed_until(&self, today: NaiveDate) -> Option<NaiveDate> {
        (self.from <= today).then(|| self.to.min(today))
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weeks_months_and_years_by_their_names() {
        let w = Period::week("2026-W41").unwrap();
        assert_eq!((w.from, w.to), (d("2026-10-05"), d("2026-10-11")));
        assert_eq!(Period::week_of(d("2026-11-23")).label, "2026-W48");
        // ISO week 1 of 2027 starts in 2026.
        assert_eq!(Period::week("2027-W01").unwrap().from, d("2027-01-04"));
        assert_eq!(Period::week_of(d("2027-01-01")).label, "2026-W53");
        let m = Period::month("2026-02").unwrap();
        assert_eq!(
            (m.from, m.to, m.days()),
            (d("2026-02-01"), d("2026-02-28"), 28)
        );
        assert_eq!(Period::month_of(d("2026-12-09")).to, d("2026-12-31"));
        assert_eq!(Period::year("2026").unwrap().days(), 365);
        assert!(Period::week("2026-W60").is_err() && Period::month("2026-13").is_err());
    }

    #[test]
    fn the_last_whole_week_and_month_and_what_has_elapsed() {
        let today = d("2026-11-23");
        assert_eq!(Period::last_week(today).label, "2026-W47");
        assert_eq!(Period::last_month(today).label, "2026-10");
        assert_eq!(Period::last_month(d("2026-01-15")).label, "2025-12");
        let this = Period::week_of(today);
        assert_eq!(this.elapsed_until(today), Some(today));
        assert_eq!(Period::week_of(d("2026-12-01")).elapsed_until(today), None);
    }
}
