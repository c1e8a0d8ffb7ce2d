//! One CSV schema per kind: headers, row parsing, store checks and export rows.

mod leaves;
mod ledgers;
mod people;
mod roster;
