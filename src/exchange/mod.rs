//! Exchange with the city office, as CSV or workbooks: kinds, reading, import and export.

mod book_cells;
mod book_guard;
pub mod book_read;
pub mod book_stream;
pub mod book_write;
pub mod cells;
pub mod converted;
pub mod damage;
pub mod export;
pub mod handoff;
mod handoff_book;
pub mod header;
pub mod import;
mod import_rows;
pub mod kind;
pub mod kinds;
mod manifest;
pub mod preview;
pub mod publicity;
pub mod read;
pub mod recount;
pub mod sheet;
pub mod source;
pub mod stream;
pub mod value;

#[cfg(test)]
mod mutation_tests;

use crate::calendar::Holiday;
use crate::domain::plan::{Campaign, PlanItem};
use crate::domain::{
    Area, Complaint, Leave, LenientMatter, Matter, Notice, Officer, Patrol, RosterTeam, Subject,
};
use crate::error::{Error, Result};
use crate::store::{Actor, Store};

pub use import::{Options, Summary};
pub use kind::{Env, ExportQuery, Kind};

/// Calls `go::<K>(args…)` with the kind `K` that a `KindName` names: one list of kinds for
/// every operation over them.
macro_rules! per_kind {
    ($kind:expr, $go:ident($($arg:expr),*)) => {
        match $kind {
            KindName::Officers => $go::<Officer>($($arg),*),
            KindName::Areas => $go::<Area>($($arg),*),
            KindName::Matters => $go::<Matter>($($arg),*),
            KindName::Roster => $go::<RosterTeam>($($arg),*),
            KindName::Patrols => $go::<Patrol>($($arg),*),
            KindName::Complaints => $go::<Complaint>($($arg),*),
            KindName::Notices => $go::<Notice>($($arg),*),
            KindName::Holidays => $go::<Holiday>($($arg),*),
            KindName::Leaves => $go::<Leave>($($arg),*),
            KindName::Subjects => $go::<Subject>($($arg),*),
            KindName::Lenient => $go::<LenientMatter>($($arg),*),
            KindName::Plan => $go::<PlanItem>($($arg),*),
            KindName::Campaigns => $go::<Campaign>($($arg),*),
        }
    };
}

/// The kinds that can be imported and exported, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindName {
    Officers,
    Areas,
    Matters,
    Roster,
    Patrols,
    Complaints,
    Notices,
    Holidays,
    Leaves,
    Subjects,
    Lenient,
    Plan,
    Campaigns,
}

impl KindName {
    pub const ALL: [KindName; 13] = [
        KindName::Officers,
        KindName::Areas,
        KindName::Matters,
        KindName::Roster,
        KindName::Patrols,
        KindName::Complaints,
        KindName::Notices,
        KindName::Holidays,
        KindName::Leaves,
        KindName::Subjects,
        KindName::Lenient,
        KindName::Plan,
        KindName::Campaigns,
    ];

    pub fn name(self) -> &'static str {
        match self {
            KindName::Officers => Officer::NAME,
            KindName::Areas => Area::NAME,
            KindName::Matters => Matter::NAME,
            KindName::Roster => RosterTeam::NAME,
            KindName::Patrols => Patrol::NAME,
            KindName::Complaints => Complaint::NAME,
            KindName::Notices => Notice::NAME,
            KindName::Holidays => Holiday::NAME,
            KindName::Leaves => Leave::NAME,
            KindName::Subjects => Subject::NAME,
            KindName::Lenient => LenientMatter::NAME,
            KindName::Plan => PlanItem::NAME,
            KindName::Campaigns => Campaign::NAME,
        }
    }

    pub fn parse(text: &str) -> Result<KindName> {
        Self::ALL
            .into_iter()
            .find(|k| k.name() == text)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|k| k.name()).collect();
                Error::invalid(format!(
                    "不认识的数据类别“{text}”，可用：{}",
                    names.join("、")
                ))
            })
    }

    pub fn import(
        self,
        store: &mut Store,
        actor: &Actor,
        file: &str,
        mut bytes: &[u8],
        dry_run: bool,
    ) -> Result<Summary> {
        let opts = Options {
            dry_run,
            ..Options::default()
        };
        self.import_with(store, actor, file, &mut bytes, opts)
    }

    /// As `import`, streaming from `input`, with every option (a correction's reason).
    pub fn import_with(
        self,
        store: &mut Store,
        actor: &Actor,
        file: &str,
        bytes: &mut dyn std::io::Read,
        opts: Options,
    ) -> Result<Summary> {
        use import::import as go;
        per_kind!(self, go(store, actor, file, bytes, opts))
    }

    /// Streams the kind's rows as CSV into `w`; returns the rows written.
    pub fn export_csv(
        self,
        env: &Env,
        q: &ExportQuery,
        w: &mut (dyn std::io::Write + Send),
        tick: Option<crate::progress::Tick>,
    ) -> Result<usize> {
        use export::write_csv as go;
        per_kind!(self, go(env, q, w, tick))
    }

    /// Streams the kind's rows into `w` as a workbook of one sheet, in bounded memory;
    /// returns the number of rows.
    pub fn export_book(
        self,
        env: &Env,
        q: &ExportQuery,
        w: &mut (dyn std::io::Write + Send),
        tick: Option<crate::progress::Tick>,
    ) -> Result<usize> {
        use export::write_book as go;
        per_kind!(self, go(env, q, w, tick))
    }

    /// The kind's rows as a sheet, to be written as CSV or as a workbook.
    pub fn export(self, env: &Env, q: &ExportQuery) -> Result<sheet::Sheet> {
        use export::export as go;
        per_kind!(self, go(env, q))
    }
}
