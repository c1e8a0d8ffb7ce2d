//! One CSV schema per kind: headers, row parsing, store checks and export rows.

mod leaves;
mod ledger_rows;
mod ledgers;

pub use ledger_rows::{complaint_row, notice_row};
mod people;
mod plan;
mod roster;
mod subjects;
