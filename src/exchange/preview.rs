//! What an import would do, record by record: the new keys and, for each updated record, the
//! fields that change (old → new, personal data masked), so a wrong edit is seen before it lands.

use super::cells::Col;
use crate::domain::personal;

/// Records listed; past this they are only counted.
const LISTED: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    pub new: Vec<String>,
    pub changed: Vec<Changed>,
    /// New and changed records past the listed ones.
    pub more_new: usize,
    pub more_changed: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub key: String,
    /// Header, old value, new value.
    pub fields: Vec<(&'static str, String, String)>,
}

/// Notes one record: new when nothing is stored, else its changed fields (if any).
pub fn note(p: &mut Preview, cols: &[Col], key: &str, old: Option<Vec<String>>, new: Vec<String>) {
    let Some(old) = old else {
        if p.new.len() < LISTED {
            p.new.push(key.to_string());
        } else {
            p.more_new += 1;
        }
        return;
    };
    let fields: Vec<_> = cols
        .iter()
        .zip(old.into_iter().zip(new))
        .filter(|(_, (o, n))| o != n)
        .map(|(c, (o, n))| (c.name, shown(c, &o), shown(c, &n)))
        .collect();
    if fields.is_empty() {
        return;
    }
    if p.changed.len() < LISTED {
        p.changed.push(Changed {
            key: key.to_string(),
            fields,
        });
    } else {
        p.more_changed += 1;
    }
}

/// A value as the preview shows it: reporters and phones masked.
fn shown(c: &Col, v: &str) -> String {
    match personal::kind(c.name) {
        Some(kind) => personal::shown(kind, v, false),
        None => v.to_string(),
    }
}

impl Preview {
    /// The lines a dry run prints under its summary.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.new.is_empty() {
            let more = if self.more_new > 0 {
                format!(" 等，另有 {} 条", self.more_new)
            } else {
                String::new()
            };
            out.push(format!("将新增：{}{more}", self.new.join("、")));
        }
        if !self.changed.is_empty() {
            out.push("将更新：".to_string());
        }
        for c in &self.changed {
            let fields: Vec<String> = c
                .fields
                .iter()
                .map(|(h, o, n)| format!("{h}：{} → {}", or_empty(o), or_empty(n)))
                .collect();
            out.push(format!("  {}　{}", c.key, fields.join("；")));
        }
        if self.more_changed > 0 {
            out.push(format!("  ……另有 {} 条更新未列出", self.more_changed));
        }
        out
    }
}

fn or_empty(v: &str) -> &str {
    if v.is_empty() { "（空）" } else { v }
}
