//! The zhifa-desk binary (command-line interface arrives with the store).
fn main() {}
