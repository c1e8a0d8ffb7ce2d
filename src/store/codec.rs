//! Reading stored columns back into domain values: labels into enums, JSON into key lists.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::{Type, ValueRef};
use rusqlite::{Error as SqlError, Row};

fn bad(idx: usize, what: String) -> SqlError {
    SqlError::FromSqlConversionFailure(idx, Type::Text, what.into())
}

/// A column holding an enum's Chinese label.
pub fn label<E>(row: &Row, idx: usize, parse: fn(&str) -> Option<E>) -> rusqlite::Result<E> {
    let text = row.get_ref(idx)?.as_str()?;
    parse(text).ok_or_else(|| bad(idx, format!("unknown label {text:?}")))
}

/// A column holding a JSON array of keys.
pub fn list(row: &Row, idx: usize) -> rusqlite::Result<Vec<String>> {
    match row.get_ref(idx)?.as_str()? {
        "[]" => Ok(Vec::new()),
        text => serde_json::from_str(text).map_err(|e| bad(idx, e.to_string())),
    }
}

/// A column holding any JSON value (a draw's lists and picks).
pub fn json<T: serde::de::DeserializeOwned>(row: &Row, idx: usize) -> rusqlite::Result<T> {
    let text = row.get_ref(idx)?.as_str()?;
    serde_json::from_str(text).map_err(|e| bad(idx, e.to_string()))
}

pub fn list_json(items: &[String]) -> String {
    serde_json::to_string(items).expect("a list of strings serializes")
}

/// A date-time column. The shape every write stores ("2026-11-23 08:30:00") is read by hand;
/// any other goes to rusqlite's chrono support, whose format parser was a third of `today`
/// at a million complaints.
pub fn datetime(row: &Row, idx: usize) -> rusqlite::Result<NaiveDateTime> {
    match row.get_ref(idx)? {
        ValueRef::Text(t) => stored_datetime(t).map_or_else(|| row.get(idx), Ok),
        _ => row.get(idx),
    }
}

/// As `datetime`; NULL is None.
pub fn opt_datetime(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDateTime>> {
    match row.get_ref(idx)? {
        ValueRef::Null => Ok(None),
        _ => datetime(row, idx).map(Some),
    }
}

/// A date column ("2026-11-23"), as `datetime`.
pub fn date(row: &Row, idx: usize) -> rusqlite::Result<NaiveDate> {
    match row.get_ref(idx)? {
        ValueRef::Text(t) => stored_date(t).map_or_else(|| row.get(idx), Ok),
        _ => row.get(idx),
    }
}

/// As `date`; NULL is None.
pub fn opt_date(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match row.get_ref(idx)? {
        ValueRef::Null => Ok(None),
        _ => date(row, idx).map(Some),
    }
}

/// The number in `text[from..to]`, if every byte there is a digit.
fn digits(text: &[u8], from: usize, to: usize) -> Option<u32> {
    text[from..to].iter().try_fold(0u32, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

fn stored_date(t: &[u8]) -> Option<NaiveDate> {
    if t.len() != 10 || t[4] != b'-' || t[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(t, 0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(t, 5, 7)?, digits(t, 8, 10)?)
}

fn stored_datetime(t: &[u8]) -> Option<NaiveDateTime> {
    if t.len() != 19 || t[10] != b' ' || t[13] != b':' || t[16] != b':' {
        return None;
    }
    stored_date(&t[..10])?.and_hms_opt(digits(t, 11, 13)?, digits(t, 14, 16)?, digits(t, 17, 19)?)
}

/// An optional text column where NULL and '' both mean "none".
pub fn opt_text(row: &Row, idx: usize) -> rusqlite::Result<Option<String>> {
    Ok(row.get::<_, Option<String>>(idx)?.filter(|s| !s.is_empty()))
}

/// The next serial key `prefix` + number + `suffix` in `table` (numbers zero-padded to `width`):
/// one past the largest stored, read by a range scan of the primary key.
pub fn next_serial(
    conn: &rusqlite::Connection,
    table: &str,
    prefix: &str,
    suffix: &str,
    width: usize,
) -> rusqlite::Result<String> {
    serial(conn, (table, "id"), prefix, suffix, width)
}

/// As `next_serial`, over `column` of `table` (unpadded).
pub fn next_serial_in(
    conn: &rusqlite::Connection,
    (table, column): (&str, &str),
    prefix: &str,
    suffix: &str,
) -> rusqlite::Result<String> {
    serial(conn, (table, column), prefix, suffix, 0)
}

fn serial(
    conn: &rusqlite::Connection,
    (table, column): (&str, &str),
    prefix: &str,
    suffix: &str,
    width: usize,
) -> rusqlite::Result<String> {
    let sql = format!("SELECT {column} FROM {table} WHERE {column} >= ?1 AND {column} < ?2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let upper = format!("{prefix}\u{10FFFF}");
    let ids = stmt.query_map([prefix, upper.as_str()], |r| r.get::<_, String>(0))?;
    let mut max = 0u64;
    for id in ids {
        let id = id?;
        let number = id[prefix.len()..].strip_suffix(suffix).unwrap_or("");
        if let Ok(n) = number.parse::<u64>() {
            max = max.max(n);
        }
    }
    Ok(format!("{prefix}{:0width$}{suffix}", max + 1))
}

/// Open date bounds as the earliest and latest dates a ledger can hold: `date >= ?1 AND
/// date <= ?2` then always uses the date index (`?1 IS NULL OR …` would scan the table).
pub fn bounds(
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> (chrono::NaiveDate, chrono::NaiveDate) {
    let first = chrono::NaiveDate::from_ymd_opt(1, 1, 1).expect("year 1");
    let last = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).expect("year 9999");
    (from.unwrap_or(first), to.unwrap_or(last))
}

/// A list page read in two parts (open records by deadline, then the rest newest first): each
/// part binds `filters` and then the number of rows still wanted as its last parameter.
pub fn paged<T>(
    conn: &rusqlite::Connection,
    parts: [String; 2],
    filters: &[&dyn rusqlite::ToSql],
    limit: usize,
    row: fn(&Row) -> rusqlite::Result<T>,
) -> crate::error::Result<Vec<T>> {
    let mut out: Vec<T> = Vec::new();
    for sql in parts {
        let left = limit.saturating_sub(out.len()) as i64;
        if left == 0 {
            break;
        }
        let mut params: Vec<&dyn rusqlite::ToSql> = filters.to_vec();
        params.push(&left);
        let mut stmt = conn.prepare_cached(&sql)?;
        for r in stmt.query_map(params.as_slice(), row)? {
            out.push(r?);
        }
    }
    Ok(out)
}

/// A date-time bound as rusqlite's chrono support stores it ("2026-11-23 08:30:00"), written
/// without chrono's format-string machinery, which shows in the profile of large imports.
pub struct Dt(pub Option<chrono::NaiveDateTime>);

impl rusqlite::ToSql for Dt {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use chrono::{Datelike, Timelike};
        let Some(t) = self.0 else {
            return Ok(rusqlite::types::ToSqlOutput::from(rusqlite::types::Null));
        };
        if t.nanosecond() != 0 || !(0..=9999).contains(&t.year()) {
            let text = t.format("%F %T%.f").to_string();
            return Ok(rusqlite::types::ToSqlOutput::from(text));
        }
        let text = crate::written::fmt_stored_datetime(t);
        Ok(rusqlite::types::ToSqlOutput::from(text))
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::ToSql;

    #[test]
    fn fast_datetimes_bind_exactly_as_chrono_does() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for text in [
            "2026-11-23 08:30:00",
            "0999-01-02 03:04:05",
            "2026-02-28 23:59:59.5",
        ] {
            let t = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f").unwrap();
            let (ours, theirs): (String, String) = conn
                .query_row(
                    "SELECT ?1, ?2",
                    [&super::Dt(Some(t)) as &dyn ToSql, &t],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(ours, theirs);
        }
        let null: Option<String> = conn
            .query_row("SELECT ?1", [super::Dt(None)], |r| r.get(0))
            .unwrap();
        assert_eq!(null, None);
    }

    #[test]
    fn fast_reads_give_what_rusqlite_gives_for_every_stored_shape() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let shapes = [
            "2026-11-23 08:30:00",
            "2026-11-23T08:30:00",
            "2026-11-23 08:30:00.250",
            "2024-02-29 23:59:59",
            "0999-01-02 03:04:05",
            "2026-02-30 08:30:00",
            "2026-11-23 24:00:00",
            "2026-1-23 08:30:00",
            "2026-11-23",
            "2026-02-30",
            "2026/11/23",
            "",
        ];
        for text in shapes {
            conn.query_row("SELECT ?1, NULL", [text], |r| {
                let ours = super::opt_datetime(r, 0).map_err(|e| e.to_string());
                let theirs = r
                    .get::<_, Option<chrono::NaiveDateTime>>(0)
                    .map_err(|e| e.to_string());
                assert_eq!(ours, theirs, "{text:?}");
                let ours = super::opt_date(r, 0).map_err(|e| e.to_string());
                let theirs = r
                    .get::<_, Option<chrono::NaiveDate>>(0)
                    .map_err(|e| e.to_string());
                assert_eq!(ours, theirs, "{text:?}");
                assert_eq!(super::opt_datetime(r, 1).unwrap(), None);
                assert_eq!(super::opt_date(r, 1).unwrap(), None);
                Ok(())
            })
            .unwrap();
        }
    }
}
