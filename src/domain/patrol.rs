//! A logged patrol: who went where, when, and whether a problem was found.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Patrol {
    /// 记录编号, the key.
    pub id: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub team: String,
    pub officers: Vec<String>,
    pub areas: Vec<String>,
    pub notes: String,
    pub found_problem: bool,
}
