//! A cell as a file holds it (text, or a workbook's number, date or truth value) and how a
//! column of each type reads it, refusing what a spreadsheet did to codes, phones and dates.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::written::{fmt_date, fmt_datetime, fmt_time};

/// What a column holds, which decides how its cells are read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ty {
    /// Free text.
    #[default]
    Text,
    /// A key, a reference, a certificate number or a list of them: always text in a workbook,
    /// never a number (a number loses leading zeros and every digit past the fifteenth).
    Code,
    /// A telephone number: a code that must also look like a phone.
    Phone,
    Date,
    DateTime,
    Time,
    /// A count or figure: a number cell in a workbook.
    Number,
    /// A rate from 0 to 1, shown as a percentage (output only).
    Percent,
}

impl Ty {
    pub fn is_code(self) -> bool {
        matches!(self, Ty::Code | Ty::Phone)
    }
}

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// A CSV cell Excel or WPS would run as a formula (= + - @ first, no guard apostrophe).
    FormulaLike(String),
    Number(f64),
    /// A workbook date or time cell, to the minute.
    Date(NaiveDateTime),
    Bool(bool),
    /// A workbook cell that cannot be a ledger value (a formula, an error value), with why.
    Bad {
        shown: String,
        why: String,
    },
}

/// What to do instead, said after every refusal of something a spreadsheet changed.
pub const USE_XLSX: &str = "请改用 .xlsx 文件交换（zhifa-desk export 类别 --out 文件.xlsx），\
     或在 Excel 中把该列设为「文本」后重新填写";

/// Excel keeps 15 significant digits; past that a number's last digits become 0.
const EXACT_DIGITS: f64 = 1e15;

impl Value {
    /// The cell as text for a column of type `ty`, or why it cannot be read as one.
    pub fn as_text(&self, ty: Ty) -> Result<Cow<'_, str>, String> {
        match self {
            Value::Text(s) | Value::FormulaLike(s) => {
                if ty.is_code() && is_exponent(s.trim()) {
                    return Err(format!(
                        "是科学计数法：Excel 打开 CSV 时把长数字当成了数值，保存后只剩前几位数字；{USE_XLSX}"
                    ));
                }
                Ok(Cow::Borrowed(s.as_str()))
            }
            Value::Number(n) if ty.is_code() => {
                if n.fract() != 0.0 {
                    Err("是带小数的数值，不是编号或号码；请把该列设为「文本」".into())
                } else if n.abs() >= EXACT_DIGITS {
                    Err(format!(
                        "是超过 15 位的数值：Excel 只保留 15 位有效数字，末几位已变成 0；{USE_XLSX}"
                    ))
                } else {
                    Ok(Cow::Owned(format!("{}", *n as i64)))
                }
            }
            Value::Number(_) if matches!(ty, Ty::Date | Ty::DateTime | Ty::Time) => Err(
                "是数值而不是日期或时间；请把单元格设为日期格式，或写成 2026-03-05 09:30".into(),
            ),
            Value::Number(n) => Ok(Cow::Owned(number_text(*n))),
            Value::Date(_) if ty.is_code() => Err(format!(
                "被电子表格当成了日期（原应是编号或号码）；{USE_XLSX}"
            )),
            Value::Date(t) => Ok(Cow::Owned(match ty {
                Ty::Time => fmt_time(t.time()),
                // A cell that holds only a time of day (Excel's and Calc's day zero).
                _ if t.date() == TIME_ONLY => fmt_time(t.time()),
                Ty::Date => fmt_date(t.date()),
                _ if t.time() == NaiveTime::MIN => fmt_date(t.date()),
                _ => fmt_datetime(*t),
            })),
            Value::Bool(_) if ty.is_code() => Err("是逻辑值（TRUE/FALSE），不是编号或号码".into()),
            Value::Bool(b) => Ok(Cow::Borrowed(if *b { "是" } else { "否" })),
            Value::Bad { why, .. } => Err(why.clone()),
        }
    }

    /// A workbook's date cell as a date; None for any other cell (read as text instead).
    pub fn as_date(&self) -> Option<Result<NaiveDate, String>> {
        match self {
            Value::Date(t) if t.time() == NaiveTime::MIN => Some(Ok(t.date())),
            Value::Date(t) => Some(Err(format!(
                "应为日期，不含时刻（单元格是 {}）",
                fmt_datetime(*t)
            ))),
            _ => None,
        }
    }

    pub fn as_datetime(&self) -> Option<NaiveDateTime> {
        match self {
            Value::Date(t) => Some(*t),
            _ => None,
        }
    }

    /// The cell as shown in a message.
    pub fn shown(&self) -> Cow<'_, str> {
        match self {
            Value::Bad { shown, .. } => Cow::Borrowed(shown),
            _ => self.as_text(Ty::Text).unwrap_or(Cow::Borrowed("")),
        }
    }
}

/// The day a spreadsheet's time-only cell falls on: day zero of Excel's and Calc's dates.
pub const TIME_ONLY: NaiveDate = match NaiveDate::from_ymd_opt(1899, 12, 30) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// A number as Excel shows it in a General cell: whole numbers without a decimal point.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < EXACT_DIGITS {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// 1.39047E+10, 1.507e15: what Excel writes for a long number in a General cell.
pub fn is_exponent(s: &str) -> bool {
    let Some((mantissa, exp)) = s.split_once(['E', 'e']) else {
        return false;
    };
    let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    digits(int) && digits(frac) && digits(exp)
}

/// A workbook's date serial, rounded to the minute as records keep it.
pub fn to_minute(t: NaiveDateTime) -> NaiveDateTime {
    let rounded = t + chrono::Duration::seconds(30);
    rounded
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_refuse_what_excel_made_of_them() {
        let text = |v: Value, ty| v.as_text(ty).map(|c| c.into_owned());
        assert!(text(Value::Text("1.39047E+10".into()), Ty::Phone).is_err());
        assert!(text(Value::Text("1.507E+15".into()), Ty::Code).is_err());
        assert_eq!(
            text(Value::Text("1.5E+3 平方米".into()), Ty::Text).unwrap(),
            "1.5E+3 平方米"
        );
        assert_eq!(
            text(Value::Number(13904701234.0), Ty::Phone).unwrap(),
            "13904701234"
        );
        assert!(text(Value::Number(1507123456789012.0), Ty::Code).is_err());
        assert!(text(Value::Number(12.5), Ty::Code).is_err());
        let day = NaiveDate::from_ymd_opt(2026, 1, 2)
            .unwrap()
            .and_time(NaiveTime::MIN);
        assert!(text(Value::Date(day), Ty::Code).is_err());
        assert_eq!(text(Value::Date(day), Ty::DateTime).unwrap(), "2026-01-02");
        assert_eq!(text(Value::Number(3.0), Ty::Text).unwrap(), "3");
        assert!(text(Value::Number(46000.0), Ty::Date).is_err());
    }

    #[test]
    fn exponent_form_is_recognised() {
        for s in ["1.39047E+10", "1E+15", "2.5e-3", "139E10"] {
            assert!(is_exponent(s), "{s}");
        }
        for s in ["E+10", "1.3E", "13904701234", "TS-2026-1E+3", "1.E+5"] {
            assert!(!is_exponent(s), "{s}");
        }
    }

    #[test]
    fn dates_round_to_the_minute() {
        let t = NaiveDate::from_ymd_opt(2026, 11, 2)
            .unwrap()
            .and_hms_milli_opt(9, 29, 59, 999)
            .unwrap();
        assert_eq!(fmt_datetime(to_minute(t)), "2026-11-02 09:30");
    }
}
