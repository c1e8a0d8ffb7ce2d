//! What a spreadsheet does to a ledger on its way back (phones made numbers, leading zeros,
//! masked values, GBK's `?`, a dropped guard apostrophe), found and refused by row and column.

use std::cell::OnceCell;

use super::cells::{Cells, Col};
use super::read::looks_like_formula;
use super::value::{Ty, USE_XLSX, Value};
use crate::domain::personal::{self, is_masked};

pub use crate::domain::phone::NOT_A_PHONE;

/// A phone as `domain::phone` takes it, or the masked form an export writes.
pub fn is_phone(t: &str) -> bool {
    if is_masked(t) {
        return t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '-' | ' '));
    }
    crate::domain::phone::is_phone(t)
}

/// The refusal of a formula-like CSV cell that is not what is stored.
pub fn formula_refusal() -> String {
    format!(
        "以 = + - @ 开头，像是电子表格公式，不能作为台账内容导入；Excel 保存 CSV 时会去掉导出时加的单引号，\
         如确是文字，{USE_XLSX}"
    )
}

/// The stored version of a row's record as an export writes its cells, made only when a
/// check asks for it: most rows of a large import never do.
pub struct Stored<'a> {
    present: bool,
    make: &'a dyn Fn() -> Option<Vec<String>>,
    cells: OnceCell<Option<Vec<String>>>,
}

impl<'a> Stored<'a> {
    /// `present` when a record is stored under the row's key; `make` writes its cells.
    pub fn new(present: bool, make: &'a dyn Fn() -> Option<Vec<String>>) -> Stored<'a> {
        Stored {
            present,
            make,
            cells: OnceCell::new(),
        }
    }

    fn cell(&self, j: usize) -> Option<&str> {
        if !self.present {
            return None;
        }
        let cells = self.cells.get_or_init(|| (self.make)());
        cells.as_ref()?.get(j).map(String::as_str)
    }

    /// The cells, made now if no check needed them.
    pub fn into_cells(self) -> Option<Vec<String>> {
        let make = self.make;
        self.cells.into_inner().unwrap_or_else(make)
    }
}

/// Checks a row against the stored version of its record, cell by cell, where only the
/// stored value can tell what the spreadsheet did.
pub fn against_stored(c: &mut Cells, cols: &[Col], stored: &Stored, gbk: bool) {
    let row = c.row;
    for (i, value) in row.cells.iter().enumerate() {
        let Some((name, ty)) = c.layout.at(i) else {
            if matches!(value, Value::FormulaLike(s) if looks_like_formula(s)) {
                c.fail_at(i, formula_refusal());
            }
            continue;
        };
        let old = || {
            cols.iter()
                .position(|col| col.name == name)
                .and_then(|j| stored.cell(j))
        };
        let Ok(text) = value.as_text(ty) else {
            continue;
        };
        let text = text.trim();
        // A phone stored before this check (a 7-digit local number) may stay as it is.
        if ty == Ty::Phone && !text.is_empty() && !is_phone(text) && old() != Some(text) {
            c.fail(name, NOT_A_PHONE);
        }
        if let Value::FormulaLike(_) = value
            && old() != Some(text)
        {
            c.fail(name, formula_refusal());
        }
        if is_masked(text) && personal::is_personal(name) && !stored.present {
            c.fail(
                name,
                "带 * 号，是打码后的值：新记录没有原值可保留，打码值不能当作真实信息登记；\
                 请填写完整信息，或用 --include-personal 导出后再编辑",
            );
        }
        if gbk && text.contains('?') {
            if ty.is_code() {
                c.fail(
                    name,
                    format!(
                        "编号中含有 ?：多半是 GBK 编码的 CSV 无法保存的字被换成了 ?；{SAVE_UTF8}"
                    ),
                );
            } else if let Some(old) = old()
                && old != text
                && gbk_mangled(old) == text
            {
                c.fail(
                    name,
                    format!(
                        "原值中的「{}」等字在 GBK 编码中没有，Excel 保存为普通 CSV 时换成了 ?；\
                         导入会覆盖原值，已拒绝。{SAVE_UTF8}",
                        not_in_gbk(old).unwrap_or_default()
                    ),
                );
            }
        }
    }
}

/// Free text a spreadsheet changed on its own (`converted`): refused on a stored record unless
/// `accept` says the edit is meant; on a new record, said among `warnings`.
pub fn converted(
    c: &mut Cells,
    cols: &[Col],
    stored: &Stored,
    accept: bool,
    warnings: &mut Vec<String>,
) {
    let row = c.row;
    for (i, value) in row.cells.iter().enumerate() {
        let Some((name, Ty::Text)) = c.layout.at(i) else {
            continue;
        };
        let Ok(found) = value.as_text(Ty::Text) else {
            continue;
        };
        let found = found.trim();
        // Only text that reads as a date, a number or a yes/no can be one a spreadsheet made:
        // the stored record is made for those cells alone, as the other checks keep it lazy.
        let Some(looks) = super::converted::looks_made(found) else {
            continue;
        };
        // 是 / 否 in a yes/no column is its value, not a spreadsheet's doing.
        let flag = cols.iter().any(|col| col.name == name && col.yes_no);
        if flag && looks == "逻辑值" {
            continue;
        }
        if !stored.present {
            if !personal::is_personal(name) {
                warnings.push(format!("第{}行「{name}」“{found}”（像{looks}）", row.line));
            }
            continue;
        }
        let old = cols
            .iter()
            .position(|col| col.name == name)
            .and_then(|j| stored.cell(j));
        if let Some(old) = old.filter(|_| !accept)
            && let Some(kind) = super::converted::made_of(old, found)
        {
            c.fail(
                name,
                format!(
                    "原为“{old}”，文件中是“{found}”：像是电子表格把这段文字当成{kind}自动转换了，\
                     导入会覆盖原值，已拒绝。请用本程序导出的 .xlsx 编辑，或先把该列设为「文本」再输入；\
                     如确实要改成这个值，导入时加 --accept-converted"
                ),
            );
        }
    }
}

const SAVE_UTF8: &str = "请用 .xlsx 文件交换，或在 Excel 中另存为「CSV UTF-8（逗号分隔）」";

/// The characters of `text` that GBK cannot hold, as Excel's "CSV" save writes them: `?`.
pub fn gbk_mangled(text: &str) -> String {
    text.chars()
        .map(|c| if in_gbk(c) { c } else { '?' })
        .collect()
}

fn not_in_gbk(text: &str) -> Option<char> {
    text.chars().find(|c| !in_gbk(*c))
}

/// Whether Windows code page 936 (Excel's "CSV" on a Chinese system) holds `c`. encoding_rs
/// follows GB18030-2005, which gave a few two-byte codes (䶮 is FE9F) characters that code
/// page 936 still maps to the private use area: those come back as `?` too.
fn in_gbk(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    let code = match bytes.as_ref() {
        [hi, lo] => u16::from_be_bytes([*hi, *lo]),
        _ => return !unmappable,
    };
    !unmappable
        && !matches!(code, 0xFE50..=0xFEA0 | 0xA6D9..=0xA6F5 | 0xA8BC | 0xA8BF | 0xA989..=0xA995)
}

/// Keys with leading zeros that `key` may have lost in a spreadsheet: "12" → "012", "0012"…
pub fn padded(key: &str) -> impl Iterator<Item = String> + '_ {
    let digits = !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit());
    (1..=8)
        .filter(move |_| digits)
        .map(move |n| format!("{}{key}", "0".repeat(n)))
}

/// The refusal of a key or reference that lost its leading zeros.
pub fn zeros_refusal(found: &str) -> String {
    format!("已有编号「{found}」：多半是电子表格去掉了开头的 0（把编号当成了数字）；{USE_XLSX}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_mobile_landline_extension_and_masked() {
        for ok in [
            "13904701234",
            "139 0470 1234",
            "+86 13904701234",
            "0470-3321234",
            "0470-3321234-801",
            "0470-3321234转801",
            "(0470)3321234",
            "010-12345678",
            "04703321234",
            "139****1234",
            "047*****1234",
        ] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in [
            "1.39047E+10",
            "1390470123",
            "3321234",
            "12345678901",
            "0470-33",
            "电话13904701234",
            "13904701234567",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn gbk_loses_rare_characters_to_question_marks() {
        assert_eq!(gbk_mangled("刘䶮"), "刘?");
        assert_eq!(gbk_mangled("张𠈌明"), "张?明");
        assert_eq!(gbk_mangled("朱镕基、王喆、李堃"), "朱镕基、王喆、李堃");
    }

    #[test]
    fn padded_keys_only_for_digits() {
        assert_eq!(padded("12").take(2).collect::<Vec<_>>(), ["012", "0012"]);
        assert_eq!(padded("W12").count(), 0);
    }
}
