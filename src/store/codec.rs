//! Reading stored columns back into domain values: labels into enums, JSON into key lists.

use rusqlite::types::Type;
use rusqlite::{Error as SqlError, Row};

fn bad(idx: usize, what: String) -> SqlError {
    SqlError::FromSqlConversionFailure(idx, Type::Text, what.into())
}

/// A column holding an enum's Chinese label.
pub fn label<E>(row: &Row, idx: usize, parse: fn(&str) -> Option<E>) -> rusqlite::Result<E> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| bad(idx, format!("unknown label {text:?}")))
}

/// A column holding a JSON array of keys.
pub fn list(row: &Row, idx: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|e| bad(idx, e.to_string()))
}

pub fn list_json(items: &[String]) -> String {
    serde_json::to_string(items).expect("a list of strings serializes")
}

/// An optional text column where NULL and '' both mean "none".
pub fn opt_text(row: &Row, idx: usize) -> rusqlite::Result<Option<String>> {
    Ok(row.get::<_, Option<String>>(idx)?.filter(|s| !s.is_empty()))
}
