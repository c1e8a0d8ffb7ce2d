//! `gen-demo`: a busy township (or a county of them) over many years, as CSV ledgers valid
//! under the importer's own checks, imported into a fresh database for scale tests.

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::error::{Error, Result};
use crate::exchange::KindName;
use crate::exchange::export::to_csv;
use crate::store::{Actor, Store};

mod leads;
mod notices;
mod patrols;
mod people;
mod rng;

use rng::Rng;

/// What `gen-demo` made.
pub struct Generated {
    pub db: PathBuf,
    pub files: Vec<(PathBuf, usize)>,
}

/// Writes `years` of ledgers at `scale` into `dir` and imports them into `dir/zhifa-desk.sqlite`.
/// What makes one generated township differ from another, and who hears how far it got.
#[derive(Debug, Clone, Copy)]
pub struct Profile<'a> {
    /// Mixed into the random seed.
    pub seed: u64,
    /// The share (percent) of steps done in time.
    pub on_time: usize,
    /// Told the files imported so far, of all.
    pub tick: Option<crate::progress::Tick<'a>>,
}

impl Default for Profile<'_> {
    fn default() -> Self {
        Profile {
            seed: 0,
            on_time: 85,
            tick: None,
        }
    }
}

pub fn gen_demo(years: u32, scale: u32, dir: &Path, now: NaiveDateTime) -> Result<Generated> {
    gen_demo_with(years, scale, dir, now, Profile::default())
}

/// One year of the generated span: its first and last day, its place in the span, the scale.
pub struct Year {
    pub index: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub now: NaiveDateTime,
    pub scale: usize,
}

impl Year {
    /// How many days it spans (at least one).
    pub fn days(&self) -> usize {
        (self.to - self.from).num_days().max(1) as usize
    }
}

/// Where the generated ledgers go: each is written as a CSV file and imported at once.
struct Out<'a> {
    dir: &'a Path,
    store: Store,
    actor: Actor,
    files: Vec<(PathBuf, usize)>,
    tick: Option<crate::progress::Tick<'a>>,
    total: u64,
}

impl Out<'_> {
    fn import(
        &mut self,
        kind: KindName,
        name: String,
        head: &[&str],
        rows: &[Vec<String>],
    ) -> Result<()> {
        self.import_bytes(kind, name, to_csv(head, rows), rows.len())
    }

    fn import_bytes(
        &mut self,
        kind: KindName,
        name: String,
        bytes: Vec<u8>,
        rows: usize,
    ) -> Result<()> {
        let path = self.dir.join(&name);
        std::fs::write(&path, &bytes).map_err(|e| Error::io(&path, e))?;
        kind.import(&mut self.store, &self.actor, &name, &bytes, false)?;
        self.files.push((path, rows));
        if let Some(t) = self.tick {
            t.at(self.files.len() as u64, self.total);
        }
        Ok(())
    }
}

/// As `gen_demo`, for a township of the given `profile`.
pub fn gen_demo_with(
    years: u32,
    scale: u32,
    dir: &Path,
    now: NaiveDateTime,
    profile: Profile,
) -> Result<Generated> {
    if years == 0 || scale == 0 {
        return Err(Error::invalid("--years 和 --scale 须为正整数"));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let db = dir.join("zhifa-desk.sqlite");
    if db.exists() {
        return Err(Error::invalid(format!(
            "{} 已存在；gen-demo 只写入新的目录",
            db.display()
        )));
    }
    let scale = scale as usize;
    let mut rng = Rng(0x5EED ^ scale as u64 ^ u64::from(years) << 32 ^ profile.seed << 40);
    let mut out = Out {
        dir,
        store: Store::open(&db)?,
        actor: Actor {
            operator: "gen-demo".into(),
            now,
        },
        files: Vec::new(),
        tick: profile.tick,
        // officers, areas, matters and roster, and complaints, notices and patrols for each year.
        total: 4 + 3 * u64::from(years),
    };

    let (officers, enforcers) = people::officers(&mut rng, scale, now.date());
    out.import(
        KindName::Officers,
        "officers.csv".into(),
        &people::OFFICER_HEAD,
        &officers,
    )?;
    let areas = people::areas(scale);
    out.import(
        KindName::Areas,
        "areas.csv".into(),
        &people::AREA_HEAD,
        &areas,
    )?;
    let areas: Vec<String> = areas.into_iter().map(|r| r[0].clone()).collect();
    let matters = crate::demo::SEEDS[2].2.to_string();
    out.import_bytes(
        KindName::Matters,
        "matters.csv".into(),
        matters.into_bytes(),
        30,
    )?;
    let matter_ids: Vec<String> = (1..=30).map(|i| format!("M{i:02}")).collect();
    let codes = (areas.as_slice(), matter_ids.as_slice());

    let start = now.date() - Duration::days(365 * i64::from(years));
    let days = (now.date() - start).num_days().max(1) as usize;
    let mut standing: Vec<String> = Vec::new();
    for y in 0..years as usize {
        let year = Year {
            index: y,
            from: start + Duration::days((y * days / years as usize) as i64),
            to: start + Duration::days(((y + 1) * days / years as usize) as i64),
            now,
            scale,
        };
        let n = y + 1;
        let rows = leads::year(&mut rng, &year, profile.on_time, codes, &mut standing);
        out.import(
            KindName::Complaints,
            format!("complaints-{n}.csv"),
            &leads::HEAD,
            &rows,
        )?;
        let rows = notices::year(&mut rng, &year, codes, &standing);
        out.import(
            KindName::Notices,
            format!("notices-{n}.csv"),
            &notices::HEAD,
            &rows,
        )?;
        let rows = patrols::year(&mut rng, &year, &enforcers, &areas);
        out.import(
            KindName::Patrols,
            format!("patrols-{n}.csv"),
            &patrols::HEAD,
            &rows,
        )?;
    }
    let rows = patrols::roster(now.date(), scale, &enforcers, &areas);
    out.import(
        KindName::Roster,
        "roster.csv".into(),
        &patrols::ROSTER_HEAD,
        &rows,
    )?;
    Ok(Generated {
        db,
        files: out.files,
    })
}
