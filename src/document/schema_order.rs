//! The order Office Open XML requires of a property element's children (ECMA-376 Part 1,
//! §17.3.1.26 pPr, §17.3.2.28 rPr, §17.4.42 tcPr, §17.4.60 tblPr, §17.6.17 sectPr): the
//! writer puts some out of order, which LibreOffice forgives and Word may drop silently.
//! `reorder` puts them in the schema's sequence; `check` says where a file breaks it.

/// Each property element and its children in the schema's sequence.
const SEQUENCES: &[(&str, &[&str])] = &[
    (
        "w:rPr",
        &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:ins",
            "w:del",
            "w:rPrChange",
        ],
    ),
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
        ],
    ),
];

fn sequence(name: &str) -> Option<&'static [&'static str]> {
    SEQUENCES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// One element as it stands in the text: its name and where it starts and ends.
struct Element<'a> {
    name: &'a str,
    start: usize,
    /// Just past its start tag.
    open_end: usize,
    /// Where its end tag starts (== open_end for an empty element).
    close_start: usize,
    end: usize,
}

/// The elements directly inside `xml[from..to]` (comments and text between are skipped).
fn children(xml: &str, from: usize, to: usize) -> Vec<Element<'_>> {
    let mut out = Vec::new();
    let mut at = from;
    while let Some(rel) = xml[at..to].find('<') {
        let start = at + rel;
        let rest = &xml[start + 1..to];
        if rest.starts_with('/') || rest.starts_with('!') || rest.starts_with('?') {
            // A stray end tag or a comment: step over it.
            at = start + 1 + rest.find('>').unwrap_or(rest.len());
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        let open_end = start + 1 + rest.find('>').map_or(rest.len(), |i| i + 1);
        if xml[..open_end].ends_with("/>") {
            out.push(Element {
                name,
                start,
                open_end,
                close_start: open_end,
                end: open_end,
            });
            at = open_end;
            continue;
        }
        // Find the matching end tag, counting elements of the same name opened inside.
        let (open_tag, close_tag) = (format!("<{name}"), format!("</{name}>"));
        let mut depth = 1;
        let mut scan = open_end;
        let mut close_start = to;
        while depth > 0 {
            let next_close = xml[scan..to].find(&close_tag).map(|i| scan + i);
            let next_open = xml[scan..to]
                .match_indices(&open_tag)
                .map(|(i, _)| scan + i)
                .find(|&i| {
                    let after = xml[i + open_tag.len()..].chars().next();
                    matches!(after, Some(c) if c.is_whitespace() || c == '>' || c == '/')
                });
            match (next_open, next_close) {
                (Some(o), Some(c)) if o < c => {
                    let tag_end = o + xml[o..].find('>').unwrap_or(0);
                    if !xml[..=tag_end].ends_with("/>") {
                        depth += 1;
                    }
                    scan = tag_end + 1;
                }
                (_, Some(c)) => {
                    depth -= 1;
                    close_start = c;
                    scan = c + close_tag.len();
                }
                (_, None) => {
                    scan = to;
                    break;
                }
            }
        }
        out.push(Element {
            name,
            start,
            open_end,
            close_start,
            end: scan,
        });
        at = scan;
    }
    out
}

/// `xml[from..to]` with every property element in it (at any depth) holding its children in
/// the schema's sequence.
fn reorder_in(xml: &str, from: usize, to: usize) -> String {
    let mut out = String::new();
    let mut at = from;
    for e in children(xml, from, to) {
        out.push_str(&xml[at..e.start]);
        out.push_str(&element(xml, &e));
        at = e.end;
    }
    out.push_str(&xml[at..to]);
    out
}

/// One element written out: a property element's children sorted into the schema's sequence
/// (those it does not name keep their place at the end), every descendant likewise.
fn element(xml: &str, e: &Element) -> String {
    let mut out = xml[e.start..e.open_end].to_string();
    if e.close_start > e.open_end {
        match sequence(e.name) {
            Some(seq) => {
                let mut kids = children(xml, e.open_end, e.close_start);
                let rank = |k: &Element| seq.iter().position(|n| *n == k.name);
                kids.sort_by_key(|k| rank(k).unwrap_or(usize::MAX));
                for k in &kids {
                    out.push_str(&element(xml, k));
                }
            }
            None => out.push_str(&reorder_in(xml, e.open_end, e.close_start)),
        }
    }
    out.push_str(&xml[e.close_start..e.end]);
    out
}

/// `xml` with the children of every property element in the schema's sequence.
pub fn reorder(xml: &str) -> String {
    reorder_in(xml, 0, xml.len())
}

/// Where `xml` breaks the schema's sequence: "w:rPr: w:sz before w:rFonts", one line each.
pub fn check(xml: &str) -> Vec<String> {
    let mut found = Vec::new();
    walk(xml, 0, xml.len(), &mut found);
    found
}

fn walk(xml: &str, from: usize, to: usize, found: &mut Vec<String>) {
    for e in children(xml, from, to) {
        if let Some(seq) = sequence(e.name) {
            let kids = children(xml, e.open_end, e.close_start);
            let ranks: Vec<(usize, &str)> = kids
                .iter()
                .filter_map(|k| seq.iter().position(|n| *n == k.name).map(|r| (r, k.name)))
                .collect();
            for pair in ranks.windows(2) {
                if pair[0].0 > pair[1].0 {
                    found.push(format!("{}: {} before {}", e.name, pair[0].1, pair[1].1));
                }
            }
        }
        if e.close_start > e.open_end {
            walk(xml, e.open_end, e.close_start, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_and_paragraph_properties_are_put_in_the_schemas_sequence() {
        let xml = r#"<w:p><w:pPr><w:rPr><w:sz w:val="32"/><w:szCs w:val="32"/><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr><w:jc w:val="center"/><w:ind w:firstLine="640"/><w:spacing w:line="560"/></w:pPr><w:r><w:rPr><w:sz w:val="32"/><w:rFonts w:ascii="黑体"/></w:rPr><w:t xml:space="preserve">  年</w:t></w:r></w:p>"#;
        assert_eq!(check(xml).len(), 5, "{:?}", check(xml));
        let fixed = reorder(xml);
        assert!(check(&fixed).is_empty(), "{fixed}");
        assert_eq!(
            fixed,
            r#"<w:p><w:pPr><w:spacing w:line="560"/><w:ind w:firstLine="640"/><w:jc w:val="center"/><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:ascii="黑体"/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">  年</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn cells_tables_and_sections_too_and_unknown_children_stay_last() {
        let xml = r#"<w:tbl><w:tblPr><w:tblBorders></w:tblBorders><w:tblW w:w="9000"/></w:tblPr><w:tc><w:tcPr><w:vAlign w:val="center"/><w:gridSpan w:val="3"/><w:tcW w:w="1"/></w:tcPr></w:tc></w:tbl><w:sectPr><w:pgMar/><w:x/><w:pgSz/></w:sectPr>"#;
        let fixed = reorder(xml);
        assert!(check(&fixed).is_empty(), "{fixed}");
        assert!(fixed.contains(r#"<w:tblW w:w="9000"/><w:tblBorders></w:tblBorders>"#));
        assert!(
            fixed.contains(r#"<w:tcW w:w="1"/><w:gridSpan w:val="3"/><w:vAlign w:val="center"/>"#)
        );
        assert!(fixed.contains("<w:pgSz/><w:pgMar/><w:x/>"));
    }
}
