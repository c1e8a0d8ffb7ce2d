//! A document's wording as a plain-text template a team can rewrite: each line a paragraph
//! (or a title, a table row, a page break), `{字段}` filled from the record.

use std::path::Path;

use crate::error::{Error, Result};

/// One laid-out piece of a document, its text already filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Title(String),
    /// A body paragraph: indented by two characters unless `Align::Flush`.
    Line(Align, String),
    /// Consecutive rows make one table.
    Row(Vec<String>),
    Blank,
    PageBreak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Indented,
    Flush,
    Center,
    Right,
}

/// A template read and checked: its lines, each naming only known fields.
#[derive(Debug, Clone)]
pub struct Template {
    name: String,
    lines: Vec<String>,
}

impl Template {
    /// Reads `text` (from `name`), refusing a `{字段}` not among `fields`.
    pub fn parse(name: &str, text: &str, fields: &[&str]) -> Result<Template> {
        let mut lines = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.starts_with(';') {
                continue;
            }
            for field in placeholders(line) {
                if !fields.contains(&field) {
                    return Err(Error::invalid(format!(
                        "模板 {name} 第{}行：不认识的字段「{{{field}}}」，可用的字段：{}",
                        i + 1,
                        fields.join("、")
                    )));
                }
            }
            if line.matches('{').count() != line.matches('}').count() {
                return Err(Error::invalid(format!(
                    "模板 {name} 第{}行：花括号不成对，字段应写成 {{字段名}}",
                    i + 1
                )));
            }
            lines.push(line.to_string());
        }
        Ok(Template {
            name: name.to_string(),
            lines,
        })
    }

    /// The blocks of the document with every field filled by `value`.
    pub fn fill(&self, value: impl Fn(&str) -> String) -> Vec<Block> {
        let fill = |s: &str| {
            let mut out = String::new();
            let mut rest = s;
            while let Some(start) = rest.find('{') {
                out.push_str(&rest[..start]);
                let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
                out.push_str(&value(&rest[start + 1..end]));
                rest = rest.get(end + 1..).unwrap_or("");
            }
            out.push_str(rest);
            out
        };
        self.lines
            .iter()
            .map(|line| {
                let marked = |tag: &str| line.strip_prefix(tag).map(fill);
                if line.trim().is_empty() {
                    Block::Blank
                } else if line.trim() == "【分页】" {
                    Block::PageBreak
                } else if let Some(t) = marked("【标题】") {
                    Block::Title(t)
                } else if let Some(t) = marked("【居中】") {
                    Block::Line(Align::Center, t)
                } else if let Some(t) = marked("【居右】") {
                    Block::Line(Align::Right, t)
                } else if let Some(t) = marked("【顶格】") {
                    Block::Line(Align::Flush, t)
                } else if line.trim_start().starts_with('|') {
                    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
                    // Only the spaces around "|" go: full-width spaces (　) are the paper's own,
                    // room left to sign by hand.
                    let cell = |c: &str| fill(c.trim_matches(|ch: char| ch == ' ' || ch == '\t'));
                    Block::Row(inner.split('|').map(cell).collect())
                } else {
                    Block::Line(Align::Indented, fill(line))
                }
            })
            .collect()
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

/// The field names a line refers to.
fn placeholders(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    out
}

/// The template `file` from `dir` if the team placed one there, else the built-in text.
pub fn load(dir: Option<&Path>, file: &str, builtin: &str, fields: &[&str]) -> Result<Template> {
    if let Some(path) = dir.map(|d| d.join(file)).filter(|p| p.exists()) {
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let text = crate::exchange::stream::decode_all(&bytes).map_err(|s| {
            Error::invalid(format!("模板 {} 无法读取：{}", path.display(), s.reason))
        })?;
        return Template::parse(&path.display().to_string(), &text, fields);
    }
    Template::parse(&format!("（内置）{file}"), builtin, fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_blocks_with_fields_filled() {
        let t = Template::parse(
            "t.txt",
            "; 说明\n【标题】{甲}通知\n\n【顶格】{乙}：\n正文{甲}。\n| 名称 | {乙} |\n【分页】\n【居右】{甲}",
            &["甲", "乙"],
        )
        .unwrap();
        let value = |f: &str| {
            if f == "甲" {
                "一".into()
            } else {
                "二".into()
            }
        };
        assert_eq!(
            t.fill(value),
            [
                Block::Title("一通知".into()),
                Block::Blank,
                Block::Line(Align::Flush, "二：".into()),
                Block::Line(Align::Indented, "正文一。".into()),
                Block::Row(vec!["名称".into(), "二".into()]),
                Block::PageBreak,
                Block::Line(Align::Right, "一".into()),
            ]
        );
    }

    #[test]
    fn an_unknown_field_is_refused_with_its_line_and_the_known_ones() {
        let err = Template::parse("t.txt", "第一行\n{当事人}与{党事人}", &["当事人"])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("第2行") && err.contains("「{党事人}」"),
            "{err}"
        );
        assert!(err.contains("可用的字段：当事人"), "{err}");
        let err = Template::parse("t.txt", "{当事人", &["当事人"]).unwrap_err();
        assert!(err.to_string().contains("花括号不成对"));
    }
}
