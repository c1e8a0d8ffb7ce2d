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
        match self {
            KindName::Officers => go::<Officer>(store, actor, file, bytes, opts),
            KindName::Areas => go::<Area>(store, actor, file, bytes, opts),
            KindName::Matters => go::<Matter>(store, actor, file, bytes, opts),
            KindName::Roster => go::<RosterTeam>(store, actor, file, bytes, opts),
            KindName::Patrols => go::<Patrol>(store, actor, file, bytes, opts),
            KindName::Complaints => go::<Complaint>(store, actor, file, bytes, opts),
            KindName::Notices => go::<Notice>(store, actor, file, bytes, opts),
            KindName::Holidays => go::<Holiday>(store, actor, file, bytes, opts),
            KindName::Leaves => go::<Leave>(store, actor, file, bytes, opts),
            KindName::Subjects => go::<Subject>(store, actor, file, bytes, opts),
            KindName::Lenient => go::<LenientMatter>(store, actor, file, bytes, opts),
            KindName::Plan => go::<PlanItem>(store, actor, file, bytes, opts),
            KindName::Campaigns => go::<Campaign>(store, actor, file, bytes, opts),
        }
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
        match self {
            KindName::Officers => go::<Officer>(env, q, w, tick),
            KindName::Areas => go::<Area>(env, q, w, tick),
            KindName::Matters => go::<Matter>(env, q, w, tick),
            KindName::Roster => go::<RosterTeam>(env, q, w, tick),
            KindName::Patrols => go::<Patrol>(env, q, w, tick),
            KindName::Complaints => go::<Complaint>(env, q, w, tick),
            KindName::Notices => go::<Notice>(env, q, w, tick),
            KindName::Holidays => go::<Holiday>(env, q, w, tick),
            KindName::Leaves => go::<Leave>(env, q, w, tick),
            KindName::Subjects => go::<Subject>(env, q, w, tick),
            KindName::Lenient => go::<LenientMatter>(env, q, w, tick),
            KindName::Plan => go::<PlanItem>(env, q, w, tick),
            KindName::Campaigns => go::<Campaign>(env, q, w, tick),
        }
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
        match self {
            KindName::Officers => go::<Officer>(env, q, w, tick),
            KindName::Areas => go::<Area>(env, q, w, tick),
            KindName::Matters => go::<Matter>(env, q, w, tick),
            KindName::Roster => go::<RosterTeam>(env, q, w, tick),
            KindName::Patrols => go::<Patrol>(env, q, w, tick),
            KindName::Complaints => go::<Complaint>(env, q, w, tick),
            KindName::Notices => go::<Notice>(env, q, w, tick),
            KindName::Holidays => go::<Holiday>(env, q, w, tick),
            KindName::Leaves => go::<Leave>(env, q, w, tick),
            KindName::Subjects => go::<Subject>(env, q, w, tick),
            KindName::Lenient => go::<LenientMatter>(env, q, w, tick),
            KindName::Plan => go::<PlanItem>(env, q, w, tick),
            KindName::Campaigns => go::<Campaign>(env, q, w, tick),
        }
    }

    /// The kind's rows as a sheet, to be written as CSV or as a workbook.
    pub fn export(self, env: &Env, q: &ExportQuery) -> Result<sheet::Sheet> {
        use export::export as go;
        match self {
            KindName::Officers => go::<Officer>(env, q),
            KindName::Areas => go::<Area>(env, q),
            KindName::Matters => go::<Matter>(env, q),
            KindName::Roster => go::<RosterTeam>(env, q),
            KindName::Patrols => go::<Patrol>(env, q),
            KindName::Complaints => go::<Complaint>(env, q),
            KindName::Notices => go::<Notice>(env, q),
            KindName::Holidays => go::<Holiday>(env, q),
            KindName::Leaves => go::<Leave>(env, q),
            KindName::Subjects => go::<Subject>(env, q),
            KindName::Lenient => go::<LenientMatter>(env, q),
            KindName::Plan => go::<PlanItem>(env, q),
            KindName::Campaigns => go::<Campaign>(env, q),
        }
    }
}
