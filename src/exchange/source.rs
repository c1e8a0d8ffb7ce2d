//! Where an import's rows come from, decided by the file's content: a workbook or CSV text.

use std::io::{Cursor, Read};

use super::book_read::{BookRows, Format};
use super::header::Wanted;
use super::read::{RawRow, Rows, Table};
use crate::error::Problem;

type Csv<'a> = Rows<std::io::Chain<Cursor<Vec<u8>>, &'a mut dyn Read>>;

pub enum Source<'a> {
    Csv(Box<Csv<'a>>),
    Book(BookRows),
}

impl<'a> Source<'a> {
    /// Opens `input` as a workbook (reading the sheet that holds the ledger) or as CSV.
    pub fn open(file: &str, input: &'a mut dyn Read, wanted: &Wanted) -> Result<Self, Problem> {
        let mut head = Vec::with_capacity(8);
        input
            .take(8)
            .read_to_end(&mut head)
            .map_err(|e| io(file, e))?;
        match Format::sniff(&head) {
            Some(format) => {
                let mut bytes = head;
                input.read_to_end(&mut bytes).map_err(|e| io(file, e))?;
                Ok(Source::Book(BookRows::open(file, format, bytes, wanted)?))
            }
            None => {
                let rows = Rows::open_ledger(file, Cursor::new(head).chain(input), wanted)?;
                Ok(Source::Csv(Box::new(rows)))
            }
        }
    }

    pub fn table(&self) -> Table {
        match self {
            Source::Csv(rows) => rows.table(),
            Source::Book(rows) => rows.table(),
        }
    }

    pub fn data_row(&mut self) -> Result<Option<RawRow>, Problem> {
        match self {
            Source::Csv(rows) => rows.data_row(),
            Source::Book(rows) => rows.data_row(),
        }
    }
}

fn io(file: &str, e: std::io::Error) -> Problem {
    Problem {
        file: file.to_string(),
        sheet: String::new(),
        line: 0,
        column: 0,
        header: String::new(),
        value: String::new(),
        reason: crate::Error::io(file, e).to_string(),
    }
}
