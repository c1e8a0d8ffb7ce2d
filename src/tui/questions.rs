//! What the desk asks before it saves a form that breaks no rule but looks like a slip: a
//! deadline set by hand on a day off, a date long ago, officers outside the chosen squad.

use chrono::NaiveDateTime;
use zhifa_desk::written;

use super::data::Data;
use super::form::Form;
use super::forms::FormKind;
use super::forms::labels::{DEADLINE, NEW_DEADLINE, NEW_FEEDBACK_DUE, RECEIVED_AT};

/// Every question `form` raises before it is saved, in words.
pub fn before_saving(form: &Form<FormKind>, data: &Data, now: NaiveDateTime) -> Vec<String> {
    let mut out = off_day(form, &data.calendar);
    out.extend(long_ago(form, data, now));
    out.extend(super::forms::dispatch::other_squads(form, data));
    out.extend(super::forms::inspect::lenient_question(form, data));
    out
}

/// The deadlines a form sets by hand; one that falls on a day off is asked about first.
const HAND_SET_DEADLINES: [&str; 3] = [DEADLINE, NEW_DEADLINE, NEW_FEEDBACK_DUE];

/// "整改期限 2027-01-09 是星期六（休息日），不是工作日" for each hand-set deadline on a day off.
pub fn off_day(form: &Form<FormKind>, cal: &zhifa_desk::calendar::Calendar) -> Vec<String> {
    HAND_SET_DEADLINES
        .iter()
        .filter_map(|label| {
            let day = zhifa_desk::written::date(&form.get(label)).ok()?;
            let kind = cal.day_kind(day);
            (!kind.is_working()).then(|| {
                let weekday = zhifa_desk::calendar::weekday_name(day);
                format!("{label} {day} 是{weekday}（{}），不是工作日", kind.label())
            })
        })
        .collect()
}

/// A recorded date this many days before today is asked about before it is saved: 1999 for
/// 2026 is a slip of the keyboard far more often than a record from then.
pub const LONG_AGO_DAYS: i64 = 30;

/// "受理时间 1999-01-01 00:00 是 10,190 天前" for each date or time typed (changed) on the form
/// that lies more than `LONG_AGO_DAYS` before `now`; a receipt time also says the number the
/// lead will get.
pub fn long_ago(form: &Form<FormKind>, data: &Data, now: NaiveDateTime) -> Vec<String> {
    use chrono::Datelike;
    form.fields
        .iter()
        .filter(|f| f.dirty())
        .filter_map(|f| {
            let v = f.value();
            let day = written::datetime(&v)
                .map(|t| t.date())
                .or_else(|_| written::date(&v))
                .ok()?;
            let days = (now.date() - day).num_days();
            (days > LONG_AGO_DAYS).then(|| {
                let mut q = format!("{} {v} 是 {days} 天前", f.label);
                if f.label == RECEIVED_AT && day.year() != now.year() {
                    q.push_str(&format!(
                        "，编号将按 {} 年编为 TS-{}-…，而不是 {}",
                        day.year(),
                        day.year(),
                        data.next_complaint_id
                    ));
                }
                q
            })
        })
        .collect()
}
