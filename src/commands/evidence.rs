//! Commands for the evidence register: register files by hash, list them, check them.

use zhifa_desk::domain::evidence::{FileState, LinkKind};
use zhifa_desk::error::{Error, Result};
use zhifa_desk::store::{Actor, Store, evidence};
use zhifa_desk::text;

use crate::cli_checks::EvidenceAction;

fn link_kind(text: &str) -> Result<LinkKind> {
    LinkKind::parse(text).ok_or_else(|| {
        Error::invalid(format!(
            "所属记录类别“{text}”无效：应为 {}",
            LinkKind::choices()
        ))
    })
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / f64::from(1u32 << 30)),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1u32 << 20)),
        b if b >= 1 << 10 => format!("{:.0} KB", b as f64 / 1024.0),
        b => format!("{b} 字节"),
    }
}

pub(super) fn run(store: &mut Store, actor: &Actor, action: EvidenceAction) -> Result<()> {
    match action {
        EvidenceAction::Add {
            files,
            link_kind: kind,
            key,
            by,
            note,
        } => {
            let link = (link_kind(&kind)?, key.trim());
            let files = evidence::files_in(&files)?;
            let done = evidence::register(store, actor, &files, link, (by.trim(), &note))?;
            for e in &done {
                println!(
                    "已登记证据 {}：{} {}（{}，SHA-256 {}）",
                    e.id,
                    e.kind,
                    text::printable(&e.path),
                    size(e.size),
                    &e.sha256[..16]
                );
            }
            println!(
                "共 {} 个文件登记为{} {} 的证据；文件留在原处，请勿改动或移走",
                done.len(),
                link.0,
                link.1
            );
            Ok(())
        }
        EvidenceAction::List {
            link_kind: kind,
            key,
        } => {
            let of = match (kind, key) {
                (Some(k), Some(key)) => Some((link_kind(&k)?, key)),
                _ => None,
            };
            let all = evidence::list(store.conn(), of.as_ref().map(|(k, s)| (*k, s.as_str())))?;
            for e in &all {
                println!(
                    "{}  {} {}  {}  {}  {}  {}",
                    e.id,
                    e.link_kind,
                    e.link,
                    e.kind,
                    size(e.size),
                    e.by,
                    text::printable(&e.path)
                );
            }
            println!("共 {} 个", all.len());
            Ok(())
        }
        EvidenceAction::Check => {
            let checked = evidence::check_files(store.conn())?;
            let mut bad = 0;
            for (e, state) in &checked {
                let path = text::printable(&e.path);
                bad += usize::from(matches!(state, FileState::Changed { .. }));
                // Two cells a character: 一致 padded to the width of 找不到.
                let pad = " ".repeat(8 - 2 * state.label().chars().count());
                println!("{}{pad}{} {path}", state.label(), e.id);
            }
            if bad > 0 {
                return Err(Error::invalid(format!(
                    "{bad} 个证据文件与登记时不一致（内容被改动）"
                )));
            }
            println!("共 {} 个证据文件，没有被改动的", checked.len());
            Ok(())
        }
    }
}
