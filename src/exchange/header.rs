//! Finding a ledger's header in a clerk's sheet: below up to ten title rows, in whichever
//! sheet holds it; and recognising the 合计 rows a clerk adds below the records.

use super::cells::Col;
use super::value::Value;

/// Title rows a clerk may put above the header (unit, month, made at, merged titles).
pub const TITLE_ROWS: usize = 10;

/// What a ledger's header looks like: the sheet named for its kind, the names of its columns.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    /// The worksheet named for the kind ("投诉台账"), read first when a workbook has it.
    pub sheet: String,
    /// Every name a column of the ledger goes by (aliases and computed columns included).
    names: Vec<String>,
}

impl Wanted {
    pub fn new(sheet: &str, cols: &[Col], computed: &[Col]) -> Wanted {
        let names = cols
            .iter()
            .chain(computed)
            .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
            .map(str::to_lowercase)
            .collect();
        Wanted {
            sheet: sheet.to_string(),
            names,
        }
    }

    /// A row is the header when two or more of its cells name columns of the ledger: a title
    /// ("卧龙镇投诉台账", "制表单位：… 制表时间：…") names none.
    pub fn is_header<'a>(&self, cells: impl IntoIterator<Item = &'a str>) -> bool {
        cells
            .into_iter()
            .map(|c| c.trim_start_matches('\u{feff}').trim().to_lowercase())
            .filter(|c| !c.is_empty() && self.names.contains(c))
            .take(2)
            .count()
            == 2
    }
}

/// Where no row names the ledger's columns, the first with two or more filled cells is taken
/// as the header, so the import can say which columns it does not know.
pub fn fallback<'a>(cells: impl IntoIterator<Item = &'a str>) -> bool {
    cells
        .into_iter()
        .filter(|c| !c.trim().is_empty())
        .take(2)
        .count()
        == 2
}

/// A clerk's total row (合计, 总计, 小计, 共计 in its first filled cell): not a record.
pub fn is_total(cells: &[Value]) -> bool {
    let Some(first) = cells.iter().find(|c| !c.shown().trim().is_empty()) else {
        return false;
    };
    let label: String = first
        .shown()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '：' | ':'))
        .collect();
    ["合计", "总计", "小计", "共计"].contains(&label.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::exchange::cells::{col, extra};

    const COLS: &[Col] = &[
        col("编号", &["id"]),
        col("受理时间", &[]),
        extra("来源", &[]),
    ];

    #[test]
    fn a_title_names_no_column_and_a_header_names_two() {
        let w = Wanted::new("投诉台账", COLS, &[]);
        assert!(!w.is_header(["卧龙镇投诉台账"]));
        assert!(!w.is_header(["制表单位：卧龙镇", "制表时间：2026-12-01"]));
        assert!(
            !w.is_header(["编号", "备注"]),
            "one known name is not enough"
        );
        assert!(w.is_header(["\u{feff}编号 ", "", "受理时间"]));
        assert!(w.is_header(["ID", "来源"]), "aliases count, in any case");
    }

    #[test]
    fn total_rows_are_known_by_their_first_filled_cell() {
        let t = |cells: &[&str]| {
            let cells: Vec<Value> = cells.iter().map(|c| Value::Text(c.to_string())).collect();
            is_total(&cells)
        };
        assert!(t(&["合计", "", "12"]));
        assert!(t(&["", "合 计：", "12"]));
        assert!(t(&["总计"]) && t(&["小计"]) && t(&["共计:"]));
        assert!(
            !t(&["合计金额超标", "3"]),
            "a record may begin with the word"
        );
        assert!(!t(&["Q01", "合计"]), "only the first filled cell says so");
        assert!(!t(&["", ""]));
    }
}
