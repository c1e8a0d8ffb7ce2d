//! zhifa-desk: the duty desk of a township enforcement team.
//!
//! - [`calendar`]: working days from the official 休/班 table.
//! - [`domain`]: officers, areas, roster, patrols, complaints, notices and their rules; no I/O.
//! - [`store`]: the SQLite file: schema, migrations, audited writes, indexed reads.
//! - [`exchange`]: import and export as CSV or workbooks (.xlsx), in the formats the city office uses.
//! - [`report`]: what `today` computes, as data; printing lives in the binary.
//! - [`county`]: the county's database of every township's handoff bundles, and its ranking.
//! - [`document`]: the papers the law needs (执法文书), from templates, written as .docx.
//! - [`archive`]: the year's ledgers, papers, evidence register and 案卷自查 in one checkable folder.
//! - [`files`]: files written whole or not at all.
//! - [`progress`]: how long work reports how far it got.
//! - [`text`]: stored text made safe to print in a terminal.
//! - [`written`]: dates, times, lists and yes/no as people and spreadsheets write them.

pub mod archive;
pub mod calendar;
pub mod clock;
pub mod county;
pub mod demo;
mod demo_checks;
mod demo_files;
pub mod document;
pub mod domain;
pub mod error;
pub mod exchange;
pub mod files;
pub mod generate;
pub mod progress;
pub mod report;
pub mod statutory;
pub mod store;
pub mod text;
pub mod written;

pub use error::{Error, Result};
