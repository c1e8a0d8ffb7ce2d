//! Which folders `county import` was given: wildcards expanded here (cmd.exe and PowerShell
//! pass `全县/*/20*` as it is), and a folder that holds bundles rather than being one taken
//! for every bundle beneath it.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::exchange::handoff::MANIFEST;

/// Every bundle folder the arguments name, in order, each once.
pub fn bundle_dirs(args: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for arg in args {
        let text = arg.to_string_lossy();
        let matched: Vec<PathBuf> = if text.contains(['*', '?', '[']) {
            let pattern = text.replace('\\', "/");
            let found: Vec<PathBuf> = glob::glob(&pattern)
                .map_err(|e| Error::invalid(format!("通配符「{text}」写得不对：{}", e.msg)))?
                .flatten()
                .collect();
            if found.is_empty() {
                return Err(Error::invalid(format!("「{text}」没有匹配到任何文件夹")));
            }
            found
        } else {
            vec![arg.clone()]
        };
        for dir in matched {
            bundles_in(&dir, 2, &mut out);
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|d| seen.insert(d.clone()));
    Ok(out)
}

/// `dir` if it is a bundle (or not a folder at all: the import says why); else the bundles
/// in its subfolders, `depth` levels down, in name order.
fn bundles_in(dir: &Path, depth: u32, out: &mut Vec<PathBuf>) {
    if dir.join(MANIFEST).exists() || !dir.is_dir() || depth == 0 {
        out.push(dir.to_path_buf());
        return;
    }
    let mut subs: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    subs.sort();
    let before = out.len();
    for s in subs {
        if s.join(MANIFEST).exists() || depth > 1 {
            bundles_in(&s, depth - 1, out);
        }
    }
    // A folder with no bundle anywhere below is named as given, so the import says so.
    if out.len() == before {
        out.push(dir.to_path_buf());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_and_a_folder_of_bundles_are_expanded_here() {
        let root = tempfile::tempdir().unwrap();
        let county = root.path().join("全县");
        for (town, month) in [
            ("150783101", "2026-10"),
            ("150783101", "2026-11"),
            ("150783102", "2026-11"),
        ] {
            let d = county.join(town).join(month);
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join(MANIFEST), "").unwrap();
        }
        std::fs::create_dir_all(county.join("150783102").join("说明")).unwrap();
        let pattern = county.join("*").join("2026-1*");
        let found = bundle_dirs(&[pattern]).unwrap();
        assert_eq!(found.len(), 3, "{found:?}");
        // The folder itself: every bundle beneath it, once, whatever else is given too.
        let all = bundle_dirs(&[county.clone(), county.join("150783101").join("2026-10")]).unwrap();
        assert_eq!(all.len(), 3, "{all:?}");
        let none = bundle_dirs(&[county.join("*").join("1999-*")]).unwrap_err();
        assert!(none.to_string().contains("没有匹配到任何文件夹"), "{none}");
    }
}
