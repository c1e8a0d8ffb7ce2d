//! One CSV schema per kind: headers, row parsing, store checks and export rows.

mod ledgers;
mod people;
mod roster;
