//! The zhifa-desk binary: parse the command line, run it, turn any error into one Chinese message.

mod cli;
mod commands;
mod print;
mod tui;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{}", zhifa_desk::text::printable(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}
