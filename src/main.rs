//! The zhifa-desk binary: parse the command line, run it, turn any error into one Chinese message.

mod bar;
mod cli;
mod cli_checks;
mod cli_files;
mod cli_leads;
mod cli_zh;
mod commands;
mod print;
mod tui;

use std::process::ExitCode;

/// mimalloc instead of the system's allocator: an import's rows are made on the reading thread
/// and freed on the writing and sealing threads, and glibc's malloc then spent two fifths of
/// a 200,000-row import locking its arenas (9.6 s against 5.4 s with mimalloc).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use clap::error::ErrorKind;

/// Help and version go to standard output; a mistake gets a Chinese message (and for a
/// command with no subcommand, its help) on standard error.
fn parse_failed(e: &clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            print!("{}", cli_zh::help(&e.render().to_string()));
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", cli_zh::help(&e.render().to_string()));
            ExitCode::from(2)
        }
        _ => {
            eprintln!("{}", cli_zh::error(e));
            ExitCode::from(2)
        }
    }
}

/// A reader that stops reading early (`| head`, `| more` quit) leaves nothing more to do: the
/// command stops quietly with success instead of panicking with a backtrace. Only a closed pipe
/// (EPIPE; ERROR_BROKEN_PIPE or ERROR_NO_DATA on Windows): a full disk or any other failure to
/// write still fails loudly.
fn stop_quietly_when_the_reader_goes() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let text = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if text.starts_with("failed printing to stdout") && closed_pipe(text) {
            std::process::exit(0);
        }
        default(info)
    }));
}

/// Whether a failed write's message is the OS saying the pipe's reader is gone.
fn closed_pipe(message: &str) -> bool {
    let codes: &[&str] = if cfg!(windows) {
        &["(os error 109)", "(os error 232)"]
    } else {
        &["(os error 32)"]
    };
    codes.iter().any(|c| message.contains(c))
}

fn main() -> ExitCode {
    stop_quietly_when_the_reader_goes();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return parse_failed(&e),
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{}", zhifa_desk::text::printable(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}
