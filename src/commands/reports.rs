//! Commands for what is printed for people: today and the week, month and year reports.

use std::io::Write;

use chrono::NaiveDateTime;
use zhifa_desk::error::{Error, Result};
use zhifa_desk::report::period::Period;
use zhifa_desk::store::Store;
use zhifa_desk::text;

use crate::cli::ReportPeriod;
use crate::print;

use super::ledgers::screen_csv;

pub(super) fn today(store: &Store, now: NaiveDateTime, json: bool) -> Result<()> {
    let day = zhifa_desk::report::today(store.conn(), now)?;
    if json {
        // Sized for its lists at once (about 330 bytes an item at 4,000 open leads): growing
        // a few megabytes by doubling was a tenth of the command.
        let items = day.complaints.len() + day.callbacks_due.len() + day.publicity.len();
        let mut json = Vec::with_capacity(64 * 1024 + 400 * items);
        serde_json::to_writer_pretty(&mut json, &day).expect("today serializes");
        let json = String::from_utf8(json).expect("serde_json writes UTF-8");
        println!("{}", text::json_safe(&json));
    } else {
        print!("{}", text::printable(&print::today(&day)));
    }
    Ok(())
}

pub(super) fn report(store: &Store, now: NaiveDateTime, which: ReportPeriod) -> Result<()> {
    let today = now.date();
    let (period, form) = match which {
        ReportPeriod::Week { week, form } => (
            week.map_or_else(|| Ok(Period::last_week(today)), |w| Period::week(&w))?,
            form,
        ),
        ReportPeriod::Month { month, form } => (
            month.map_or_else(|| Ok(Period::last_month(today)), |m| Period::month(&m))?,
            form,
        ),
        ReportPeriod::Year { year, form } => (
            year.map_or_else(|| Ok(Period::year_of(today)), |y| Period::year(&y))?,
            form,
        ),
    };
    let r = zhifa_desk::report::figures::report(store.conn(), &period, now)?;
    let mut stdout = std::io::stdout();
    let written = if form.json {
        let json = serde_json::to_string_pretty(&r).expect("report serializes");
        writeln!(stdout, "{}", text::json_safe(&json))
    } else if form.csv {
        let rows = zhifa_desk::report::bulletin::rows(&r);
        let bytes =
            zhifa_desk::exchange::export::to_csv(&zhifa_desk::report::bulletin::HEADERS, &rows);
        stdout.write_all(&screen_csv(&bytes))
    } else {
        let f = zhifa_desk::report::inspections::figures(store.conn(), &period, now)?;
        let lines = zhifa_desk::report::inspections::lines(&f, period.to.min(today));
        let text = format!(
            "{}\n【检查与公示】\n  {}\n",
            print::report(&r),
            lines.join("\n  ")
        );
        write!(stdout, "{}", text::printable(&text))
    };
    written.map_err(|e| Error::io("<标准输出>", e))
}
