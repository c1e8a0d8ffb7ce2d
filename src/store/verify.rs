//! `verify`: SQLite's own integrity check and the audit chain, with the first problem named.

use rusqlite::Connection;

use super::chain::{self, ChainReport};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// integrity_check's findings; empty when it says ok.
    pub integrity: Vec<String>,
    /// None for a file from before the chain (schema version 1).
    pub chain: Option<ChainReport>,
}

impl Verified {
    /// The first problem, in Chinese; None when all is well.
    pub fn problem(&self) -> Option<String> {
        if let Some(first) = self.integrity.first() {
            return Some(format!(
                "SQLite 完整性检查未通过（{} 处）：{first}",
                self.integrity.len()
            ));
        }
        let broken = self.chain.as_ref()?.broken.as_ref()?;
        Some(if broken.id > 0 {
            format!("审计链在第 {} 条记录处断开：{}", broken.id, broken.why)
        } else {
            format!("审计链不完整：{}", broken.why)
        })
    }
}

pub fn check(conn: &Connection) -> Result<Verified> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let integrity: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|m| m != "ok")
        .collect();
    let has_chain: bool = conn.query_row(
        "SELECT count(*) FROM pragma_table_info('audit') WHERE name = 'hash'",
        [],
        |r| r.get::<_, i64>(0).map(|n| n > 0),
    )?;
    let chain = if has_chain {
        Some(chain::check(conn)?)
    } else {
        None
    };
    Ok(Verified { integrity, chain })
}
