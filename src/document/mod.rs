//! The papers the law needs (执法文书): each filled from the ledger by the library, laid out by
//! a template the team may replace, written as a .docx that WPS and Word print on A4.

pub mod docx;
pub mod fields;
pub mod fill;
mod fill_checks;
mod fill_leads;
pub mod schema_order;
pub mod template;

#[cfg(test)]
mod fill_tests;

use std::path::Path;

use crate::error::{Error, Result};
pub use fill::Filled;

/// The documents the desk prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 责令限期整改通知书, with its 送达回证 on a page of its own.
    Notice,
    /// 复查意见书 of a notice's latest re-inspection.
    Reinspection,
    /// 移送函 of a transferred lead.
    Transfer,
    /// 投诉举报受理及处理反馈单.
    Complaint,
    /// 现场检查笔录 of an inspection, with its evidence listed.
    Inspection,
}

impl Paper {
    pub const ALL: [Paper; 5] = [
        Paper::Notice,
        Paper::Reinspection,
        Paper::Transfer,
        Paper::Complaint,
        Paper::Inspection,
    ];

    /// The name on the command line: `document notice KEY`.
    pub fn name(self) -> &'static str {
        match self {
            Paper::Notice => "notice",
            Paper::Reinspection => "reinspection",
            Paper::Transfer => "transfer",
            Paper::Complaint => "complaint",
            Paper::Inspection => "inspection",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Paper::Notice => "责令限期整改通知书",
            Paper::Reinspection => "复查意见书",
            Paper::Transfer => "移送函",
            Paper::Complaint => "投诉举报受理及处理反馈单",
            Paper::Inspection => "现场检查笔录",
        }
    }

    /// The template's file name, in `templates/` beside the database.
    pub fn template_file(self) -> String {
        format!("{}.txt", self.name())
    }

    pub fn builtin(self) -> &'static str {
        match self {
            Paper::Notice => include_str!("templates/notice.txt"),
            Paper::Reinspection => include_str!("templates/reinspection.txt"),
            Paper::Transfer => include_str!("templates/transfer.txt"),
            Paper::Complaint => include_str!("templates/complaint.txt"),
            Paper::Inspection => include_str!("templates/inspection.txt"),
        }
    }

    /// The fields a template of this paper may use.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Paper::Notice => fields::NOTICE_FIELDS,
            Paper::Reinspection => fields::REINSPECTION_FIELDS,
            Paper::Transfer => fields::TRANSFER_FIELDS,
            Paper::Complaint => fields::COMPLAINT_FIELDS,
            Paper::Inspection => fields::INSPECTION_FIELDS,
        }
    }

    pub fn parse(text: &str) -> Result<Paper> {
        Self::ALL
            .into_iter()
            .find(|p| p.name() == text || p.title() == text)
            .ok_or_else(|| {
                let names: Vec<String> = Self::ALL
                    .iter()
                    .map(|p| format!("{}（{}）", p.name(), p.title()))
                    .collect();
                Error::invalid(format!("不认识的文书“{text}”，可用：{}", names.join("、")))
            })
    }
}

/// The document's bytes: `filled` laid out by its template (from `templates`, if the team put
/// one there, else the built-in one).
pub fn render(filled: &Filled, templates: Option<&Path>) -> Result<Vec<u8>> {
    let paper = filled.paper;
    let t = template::load(
        templates,
        &paper.template_file(),
        paper.builtin(),
        paper.fields(),
    )?;
    let blocks = t.fill(|field| filled.get(field));
    docx::write(&blocks, paper.title())
}

/// Writes every built-in template (the papers' and the 案卷自查 checklist) into `dir`, for a team to adapt; returns the files written.
/// A file already there is left as it is.
pub fn write_templates(dir: &Path) -> Result<Vec<(String, bool)>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut out = Vec::new();
    let checklist = (
        crate::domain::review::FILE.to_string(),
        crate::domain::review::BUILTIN,
    );
    let papers = Paper::ALL.map(|p| (p.template_file(), p.builtin()));
    for (name, text) in papers.into_iter().chain([checklist]) {
        let path = dir.join(&name);
        let exists = path.exists();
        if !exists {
            std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        }
        out.push((name, !exists));
    }
    Ok(out)
}

/// Where the papers of the database at `db` go by default, and where its templates are read.
pub fn dirs_beside(db: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = db.parent().unwrap_or(Path::new("."));
    (dir.join("文书"), crate::files::templates_beside(db))
}

/// What printing a paper needs: the store, who prints, where it goes.
pub struct Print<'a> {
    pub paper: Paper,
    pub key: &'a str,
    /// The file to write; None for `文书/<名称>-<编号>.docx` beside the database.
    pub out: Option<&'a Path>,
    pub include_personal: bool,
}

/// Fills, lays out and writes one paper, and audits that `actor` printed it (who printed
/// what, when, where it went). Returns the file written.
pub fn print(
    store: &mut crate::store::Store,
    actor: &crate::store::Actor,
    p: &Print,
) -> Result<std::path::PathBuf> {
    let db = std::path::PathBuf::from(store.path());
    let (out_dir, templates) = dirs_beside(&db);
    let settings = store.settings()?;
    let src = fill::Source {
        conn: store.conn(),
        team: settings.team_name(),
        now: actor.now,
        operator: &actor.operator,
        include_personal: p.include_personal,
    };
    let filled = fill::paper(&src, p.paper, p.key)?;
    let bytes = render(&filled, Some(&templates))?;
    let path = match p.out {
        Some(path) => path.to_path_buf(),
        None => {
            std::fs::create_dir_all(&out_dir).map_err(|e| Error::io(&out_dir, e))?;
            out_dir.join(filled.file_name())
        }
    };
    let personal = p.include_personal && matches!(p.paper, Paper::Transfer | Paper::Complaint);
    // On record before it appears: a paper with the reporter in full never exists unaudited.
    crate::files::write_recorded(&path, &bytes, || {
        let p = crate::store::desk::Printed {
            title: filled.paper.title(),
            key: &filled.key,
            number: filled.number.as_deref(),
            to: &path,
            sha256: &crate::store::chain::sha256_hex(&bytes),
            personal,
        };
        crate::store::desk::printed(store, actor, &p)
    })?;
    // Said in full, so the duty officer finds it from WPS's open dialog: `C:\…` as typed
    // there (canonicalize would say `\\?\C:\…` on Windows).
    Ok(std::path::absolute(&path).unwrap_or(path))
}
