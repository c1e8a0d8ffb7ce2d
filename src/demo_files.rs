//! The demo's case files ready for review (案卷自查): papers printed and site photos
//! registered for some of last month's files, so `review` and the desk show files that pass
//! beside files with faults to put right.

use chrono::NaiveDateTime;

use crate::demo::shift_text;
use crate::document::{Paper, Print};
use crate::domain::evidence::LinkKind;
use crate::error::{Error, Result};
use crate::store::{Actor, Store};

/// Prints and registers them once, for a demo in a file (a database in memory has no folder
/// beside it for papers and photos).
pub fn load(store: &mut Store, days: i64) -> Result<()> {
    let db = std::path::PathBuf::from(store.path());
    let Some(dir) = db.parent().filter(|_| db.is_file()) else {
        return Ok(());
    };
    let printed: i64 = store.conn().query_row(
        "SELECT count(*) FROM audit WHERE kind = 'documents'",
        [],
        |r| r.get(0),
    )?;
    if printed > 0 {
        return Ok(());
    }
    let by = |who: &str, when: &str| Actor {
        operator: who.to_string(),
        now: NaiveDateTime::parse_from_str(&shift_text(when, days), "%Y-%m-%d %H:%M")
            .expect("a demo time"),
    };
    let papers = [
        (
            "W001",
            "2026-10-14 10:00",
            Paper::Notice,
            "卧执整〔2026〕第1号",
        ),
        (
            "W001",
            "2026-10-23 16:00",
            Paper::Reinspection,
            "卧执整〔2026〕第1号",
        ),
        (
            "W005",
            "2026-10-24 11:00",
            Paper::Notice,
            "卧执整〔2026〕第4号",
        ),
        (
            "W005",
            "2026-10-28 15:00",
            Paper::Reinspection,
            "卧执整〔2026〕第4号",
        ),
        ("W002", "2026-11-10 16:00", Paper::Complaint, "TS-2026-0001"),
        ("W002", "2026-11-12 09:00", Paper::Complaint, "TS-2026-0005"),
    ];
    for (who, when, paper, key) in papers {
        let p = Print {
            paper,
            key,
            out: None,
            include_personal: false,
        };
        crate::document::print(store, &by(who, when), &p)?;
    }
    let photos = dir.join("演示证据");
    std::fs::create_dir_all(&photos).map_err(|e| Error::io(&photos, e))?;
    for (who, when, key, name) in [
        (
            "W001",
            "2026-10-14 10:10",
            "卧执整〔2026〕第1号",
            "兴盛超市-占道堆放.png",
        ),
        (
            "W005",
            "2026-10-24 11:10",
            "卧执整〔2026〕第4号",
            "鑫源建材-消防通道.png",
        ),
    ] {
        let path = photos.join(name);
        std::fs::write(&path, crate::demo_checks::PHOTO).map_err(|e| Error::io(&path, e))?;
        let link = (LinkKind::Notice, key);
        crate::store::evidence::register(store, &by(who, when), &[path], link, (who, "现场照片"))?;
    }
    Ok(())
}
