//! Imported 休/班 dates for years beyond the built-in table (or corrections to it).

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::codec::label;
use super::{Ctx, Record};
use crate::calendar::{Calendar, Holiday, Mark};
use crate::error::Result;

impl Record for Holiday {
    const KIND: &'static str = "holidays";
    const NOUN: &'static str = "节假日";
    const KEY_SQL: &'static str = "date = ?";

    fn key(&self) -> String {
        self.date.to_string()
    }

    /// The date as the calendar in force has it: imported, else built in. Re-importing a
    /// built-in date unchanged is then "unchanged", not new.
    fn load(conn: &Connection, key: &str) -> Result<Option<Self>> {
        let stored = conn
            .prepare_cached("SELECT date, kind, name FROM holidays WHERE date = ?1")?
            .query_row([key], |r| {
                Ok(Holiday {
                    date: r.get(0)?,
                    mark: label(r, 1, Mark::parse)?,
                    name: r.get(2)?,
                })
            })
            .optional()?;
        let builtin = || {
            let date = key.parse().ok()?;
            Calendar::builtin().mark(date).cloned()
        };
        Ok(stored.or_else(builtin))
    }

    fn save(&self, tx: &Transaction, _: &Ctx) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO holidays (date, kind, name) VALUES (?1, ?2, ?3)
             ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, name = excluded.name",
        )?
        .execute(params![self.date, self.mark.label(), self.name])?;
        Ok(())
    }

    /// Holidays are facts of the calendar and are corrected, not voided.
    fn void_reason(_: &Connection, _: &str) -> Result<Option<String>> {
        Ok(None)
    }
}

pub fn imported(conn: &Connection) -> Result<Vec<Holiday>> {
    let mut stmt = conn.prepare_cached("SELECT date, kind, name FROM holidays ORDER BY date")?;
    let rows = stmt.query_map([], |r| {
        Ok(Holiday {
            date: r.get(0)?,
            mark: label(r, 1, Mark::parse)?,
            name: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn calendar(conn: &Connection) -> Result<Calendar> {
    Ok(Calendar::with_imported(imported(conn)?))
}
