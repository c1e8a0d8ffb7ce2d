//! What the forms share: the options of a choice, a record found by its key, a field read as a
//! date or time.

use chrono::{NaiveDate, NaiveDateTime};
use zhifa_desk::domain::{Complaint, Notice};
use zhifa_desk::written;

use super::super::data::Data;
use super::super::form::Form;
use super::kind::FormKind;

pub(super) const NONE_AREA: &str = "（不填）";
pub(super) const OFF_LIST: &str = "（不在事项清单内）";
/// A choice nobody has made yet: the form will not save until one is.
pub(super) const UNCHOSEN: &str = "";

pub(super) fn now_text(now: NaiveDateTime) -> String {
    written::fmt_datetime(now)
}

pub fn area_options(data: &Data) -> Vec<String> {
    std::iter::once(NONE_AREA.to_string())
        .chain(data.areas.iter().map(|a| format!("{} {}", a.id, a.name)))
        .collect()
}

pub fn matter_options(data: &Data) -> Vec<String> {
    std::iter::once(OFF_LIST.to_string())
        .chain(data.matters.iter().map(|m| format!("{} {}", m.id, m.name)))
        .collect()
}

/// `options` behind a blank first option that must be replaced by a choice.
pub(super) fn unchosen(options: Vec<String>) -> Vec<String> {
    std::iter::once(UNCHOSEN.to_string())
        .chain(options)
        .collect()
}

/// The key in front of an option such as "Q01 集镇中心街"; None for the blank options.
pub fn key_of(option: &str) -> Option<String> {
    if option.starts_with('（') || option.is_empty() {
        return None;
    }
    option.split_whitespace().next().map(str::to_string)
}

pub(super) fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|x| label(*x).to_string()).collect()
}

pub fn find_complaint<'a>(data: &'a Data, id: &str) -> Option<&'a Complaint> {
    let detail = data.complaint.as_ref().map(|d| &d.tracked);
    detail
        .into_iter()
        .chain(&data.complaints)
        .map(|t| &t.complaint)
        .find(|c| c.id == id)
}

/// A lead with its deadlines, from the open detail or the list.
pub fn find_tracked<'a>(
    data: &'a Data,
    id: &str,
) -> Option<&'a zhifa_desk::store::complaints::Tracked> {
    let detail = data.complaint.as_ref().map(|d| &d.tracked);
    detail
        .into_iter()
        .chain(&data.complaints)
        .find(|t| t.complaint.id == id)
}

pub fn find_notice<'a>(data: &'a Data, id: &str) -> Option<&'a Notice> {
    let detail = data.notice.as_ref().map(|d| &d.tracked);
    detail
        .into_iter()
        .chain(&data.notices)
        .map(|t| &t.notice)
        .find(|n| n.id == id)
}

pub(super) fn datetime(form: &Form<FormKind>, label: &str) -> Result<NaiveDateTime, String> {
    written::datetime(&form.get(label)).map_err(|e| format!("{label}：{e}"))
}

pub(super) fn date(form: &Form<FormKind>, label: &str) -> Result<NaiveDate, String> {
    written::date(&form.get(label)).map_err(|e| format!("{label}：{e}"))
}

pub(super) fn time(form: &Form<FormKind>, label: &str) -> Result<chrono::NaiveTime, String> {
    written::time(&form.get(label)).map_err(|e| format!("{label}：{e}"))
}

/// The officers named (by name or 工号) in field `label`.
pub(super) fn officers(
    form: &Form<FormKind>,
    label: &str,
    data: &Data,
) -> Result<Vec<String>, String> {
    zhifa_desk::domain::lookup::officers(&form.get(label), &data.officers)
        .map_err(|e| format!("{label}：{e}"))
}

/// The areas named (by name or 编号) in field `label`.
pub(super) fn areas(
    form: &Form<FormKind>,
    label: &str,
    data: &Data,
) -> Result<Vec<String>, String> {
    zhifa_desk::domain::lookup::areas(&form.get(label), &data.areas)
        .map_err(|e| format!("{label}：{e}"))
}

pub(super) fn opt(text: String) -> Option<String> {
    Some(text).filter(|t| !t.is_empty())
}
