//! What the desk and the reports compute, as plain data; printing lives in the binary.

pub mod format;
pub mod today;
pub use today::{Today, today};
