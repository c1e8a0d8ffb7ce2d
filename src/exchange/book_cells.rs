//! A workbook cell as the import takes it: text checked and unguarded, numbers, truth
//! values, dates and .ods times typed; formulas, error values and durations refused.

use calamine::{Data, DataRef};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::read::{MAX_CELL_CHARS, hidden};
use super::value::{Value, to_minute};

pub(super) const FORMULA: &str = "是公式单元格，不能作为台账内容导入：公式的结果会随其他单元格变化；\
     请复制该列后用「选择性粘贴 → 数值」换成固定的值";

fn text(s: &str) -> Value {
    if s.contains('\0') {
        return bad(s, "含有空字符（NUL）".into());
    }
    if let Some(why) = hidden(s) {
        return bad(s, why);
    }
    let n = s.chars().count();
    if n > MAX_CELL_CHARS {
        return bad(
            s,
            format!("内容过长（{n} 字），一个单元格最多 {MAX_CELL_CHARS} 字"),
        );
    }
    super::read::guarded(s)
}

fn bad(s: &str, why: String) -> Value {
    Value::Bad {
        shown: s.chars().take(40).collect(),
        why,
    }
}

pub(super) fn from_ref(v: DataRef) -> Value {
    match v {
        DataRef::String(s) => text(&s),
        DataRef::SharedString(s) => text(s),
        DataRef::Int(i) => Value::Number(i as f64),
        DataRef::Float(f) => Value::Number(f),
        DataRef::Bool(b) => Value::Bool(b),
        DataRef::DateTime(d) if d.is_datetime() => d.as_datetime().map_or_else(
            || bad("", "日期超出范围".into()),
            |t| Value::Date(to_minute(t)),
        ),
        DataRef::DurationIso(s) => duration(&s),
        DataRef::DateTime(_) => bad("", DURATION.into()),
        DataRef::DateTimeIso(s) => iso(&s),
        DataRef::Error(e) => bad(
            &e.to_string(),
            format!("单元格是错误值 {e}，请改正后再导入"),
        ),
        DataRef::Empty => Value::Text(String::new()),
    }
}

pub(super) fn from_data(v: &Data) -> Value {
    match v {
        Data::String(s) => text(s),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => d.as_datetime().map_or_else(
            || bad("", "日期超出范围".into()),
            |t| Value::Date(to_minute(t)),
        ),
        Data::DurationIso(s) => duration(s),
        Data::DateTime(_) => bad("", DURATION.into()),
        Data::DateTimeIso(s) => iso(s),
        Data::Error(e) => bad(
            &e.to_string(),
            format!("单元格是错误值 {e}，请改正后再导入"),
        ),
        Data::Empty => Value::Text(String::new()),
    }
}

const DURATION: &str = "是时长，不是日期或时间";

/// An .ods time cell ("PT08H30M00S"): a time of day when under a day, as Calc stores the
/// 开始时间 and 结束时间 a clerk types; a longer one is a duration, not a time.
fn duration(s: &str) -> Value {
    let time = s
        .strip_prefix("PT")
        .or_else(|| s.strip_prefix("P0DT"))
        .and_then(|rest| {
            let (h, rest) = rest.split_once('H')?;
            let (m, rest) = rest.split_once('M').unwrap_or(("0", rest));
            let secs: f64 = rest.strip_suffix('S').map_or(Ok(0.0), str::parse).ok()?;
            NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, secs as u32)
        });
    match time {
        Some(t) => Value::Date(to_minute(super::value::TIME_ONLY.and_time(t))),
        None => bad(s, DURATION.into()),
    }
}

/// An ISO date or date-time as .ods files hold them.
fn iso(s: &str) -> Value {
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Value::Date(to_minute(t));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Value::Date(d.and_time(NaiveTime::MIN));
    }
    text(s)
}
