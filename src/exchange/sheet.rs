//! One table to hand out: a title block, typed columns and rows of cells, written as CSV
//! (for machines) or as a worksheet (for people).

use super::kind::Kind;
use super::value::Ty;

pub struct Sheet {
    /// The worksheet's name: "投诉台账".
    pub name: String,
    /// Lines above the header in a workbook (team, month, made at); CSV leaves them out.
    pub title: Vec<String>,
    pub columns: Vec<(String, Ty)>,
    pub rows: Vec<Vec<String>>,
    /// Colour the rate cells as a heat map, red below 60 %, yellow at this target, green at
    /// 100 %.
    pub heat: Option<f64>,
}

impl Sheet {
    /// The sheet of kind `K` over export rows (`COLS` then `COMPUTED`).
    pub fn of<K: Kind>(rows: Vec<Vec<String>>) -> Sheet {
        Sheet {
            name: K::SHEET.to_string(),
            title: Vec::new(),
            columns: K::COLS
                .iter()
                .chain(K::COMPUTED)
                .map(|c| (c.name.to_string(), c.ty))
                .collect(),
            rows,
            heat: None,
        }
    }

    pub fn headers(&self) -> Vec<&str> {
        self.columns.iter().map(|(h, _)| h.as_str()).collect()
    }

    /// UTF-8 with BOM, CRLF, formula-like cells guarded: what Excel and WPS open correctly.
    pub fn to_csv(&self) -> Vec<u8> {
        super::export::to_csv(&self.headers(), &self.rows)
    }
}
