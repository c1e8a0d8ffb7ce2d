//! What the desk and the reports compute, as plain data; printing lives in the binary.

pub mod bulletin;
pub mod callbacks;
pub mod explain;
pub mod figures;
pub mod format;
pub mod inspections;
pub mod period;
pub mod review;
pub mod tally;
pub mod today;
pub mod today_checks;

#[cfg(test)]
mod figures_tests;
pub use today::{Today, today};
