//! Settings (deadline rules, targets), kept as one JSON value so new fields need no migration.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Actor, audit};
use crate::domain::Settings;
use crate::error::{Error, Result};

const KEY: &str = "settings";

pub fn load(conn: &Connection) -> Result<Settings> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [KEY], |r| {
            r.get(0)
        })
        .optional()?;
    match text {
        None => Ok(Settings::default()),
        Some(t) => {
            serde_json::from_str(&t).map_err(|e| Error::invalid(format!("设置数据无法读取：{e}")))
        }
    }
}

/// Stores new settings, audited, and derives every deadline again under them.
pub fn save(tx: &Transaction, actor: &Actor, new: &Settings) -> Result<()> {
    let old = load(tx)?;
    if &old == new {
        return Ok(());
    }
    let value = serde_json::to_string(new).expect("settings serialize");
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![KEY, value],
    )?;
    audit::record(tx, actor, "修改", "settings", KEY, Some(&old), Some(new))?;
    let cal = super::holidays::calendar(tx)?;
    super::complaints::recompute_dues(tx, &cal, new, actor.now)?;
    super::notices::recompute_dues(tx, &cal, new, actor.now)?;
    Ok(())
}
