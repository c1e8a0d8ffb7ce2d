//! The handoff workbook as the city clerk files it: names beside codes and sheets naming every
//! code, cases from earlier months worked on in this one (跨月), lateness in hours as numbers,
//! and every printed page titled and numbered.

mod util;

use std::io::Read;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use util::Desk;

const PREFIX: &str = "卧牛河镇综合行政执法队-2026年11月";

/// The November handoff of the demo, with one complaint received in October and closed in
/// November added; returns the workbook's path and the bundle's folder.
fn handoff(d: &Desk) -> (String, String) {
    d.ok(&["settings", "name", "卧牛河镇综合行政执法队"]);
    let csv = d.ok(&["export", "complaints", "--include-personal"]);
    let mut lines = csv.lines();
    let header = lines.next().unwrap().to_string();
    let first = lines.find(|l| l.starts_with("TS-2026-0001,")).unwrap();
    let mut cells: Vec<String> = first.split(',').map(String::from).collect();
    cells[0] = "TS-2026-0901".into();
    cells[1] = "2026-10-28 09:00".into();
    cells[10] = "2026-10-28 14:00".into();
    cells[23] = "2026-10-29 10:00".into();
    let file = d.file(
        "十月.csv",
        format!("{header}\n{}\n", cells.join(",")).as_bytes(),
    );
    d.ok(&["import", "complaints", &file]);
    let dir = d.path("bundle");
    d.ok(&["export", "handoff", "--month", "2026-11", "--out", &dir]);
    (format!("{dir}/{PREFIX}-移交.xlsx"), dir)
}

fn rows(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<String>> {
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c.as_date() {
                    Some(d) if matches!(c, Data::DateTime(_)) => d.to_string(),
                    _ => c.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The row that is the header (below the title block), and the rows under it.
fn table(all: &[Vec<String>], first: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let at = all.iter().position(|r| r[0] == first).expect("a header");
    (all[at].clone(), all[at + 1..].to_vec())
}

#[test]
fn ledgers_carry_names_beside_codes_and_sheets_name_every_code() {
    let d = Desk::demo();
    let (file, _) = handoff(&d);
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let (head, areas) = table(&rows(&mut book, "区域"), "区域编号");
    assert_eq!(head[..2], ["区域编号", "区域名称"]);
    let area_name = |code: &str| {
        areas
            .iter()
            .find(|r| r[0] == code)
            .map(|r| r[1].clone())
            .unwrap()
    };
    let (head, people) = table(&rows(&mut book, "人员"), "工号");
    assert!(head.contains(&"中队".to_string()), "{head:?}");
    assert!(!head.contains(&"联系电话".to_string()), "{head:?}");
    let person = |code: &str| people.iter().find(|r| r[0] == code).unwrap()[1].clone();

    let (head, ledger) = table(&rows(&mut book, "投诉台账"), "编号");
    let col = |h: &str| head.iter().position(|c| c == h).unwrap();
    assert_eq!(col("区域名称"), col("所属区域") + 1);
    assert_eq!(col("事项名称"), col("事项编号") + 1);
    assert_eq!(col("承办人员姓名"), col("承办人员") + 1);
    for r in ledger.iter().filter(|r| !r[col("所属区域")].is_empty()) {
        assert_eq!(r[col("区域名称")], area_name(&r[col("所属区域")]), "{r:?}");
        let handlers: Vec<String> = r[col("承办人员")]
            .split('、')
            .filter(|c| !c.is_empty())
            .map(person)
            .collect();
        assert_eq!(r[col("承办人员姓名")], handlers.join("、"));
    }
    let (head, patrols) = table(&rows(&mut book, "巡查记录"), "记录编号");
    let col = |h: &str| head.iter().position(|c| c == h).unwrap();
    let names: Vec<String> = patrols[0][col("区域")].split('、').map(area_name).collect();
    assert_eq!(patrols[0][col("区域名称")], names.join("、"));
}

/// A case from an earlier month worked on in this one is in the month's workbook, at the end
/// of its ledger and marked 跨月 with what was done this month; the CSV files (which the county
/// merges) keep each record in the month it came in.
#[test]
fn cases_from_earlier_months_worked_on_this_month_are_included_and_marked() {
    let d = Desk::demo();
    let (file, dir) = handoff(&d);
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let (head, ledger) = table(&rows(&mut book, "整改通知台账"), "文书编号");
    let carried = head.iter().position(|h| h == "跨月办理").unwrap();
    let marked: Vec<(&str, &str)> = ledger
        .iter()
        .filter(|r| !r[carried].is_empty())
        .map(|r| (r[0].as_str(), r[carried].as_str()))
        .collect();
    let issued = head.iter().position(|h| h == "下达日期").unwrap();
    for r in &ledger {
        let before = r[issued].as_str() < "2026-11-01";
        assert_eq!(before, !r[carried].is_empty(), "{r:?}");
    }
    let said = |id: &str| marked.iter().find(|(i, _)| *i == id).map(|(_, s)| *s);
    assert!(
        said("卧执整〔2026〕第2号").is_some_and(|s| s.contains("复查延期")),
        "{marked:?}"
    );
    assert!(
        said("卧执整〔2026〕第3号").is_some_and(|s| s.contains("复查立案")),
        "{marked:?}"
    );
    assert!(
        said("卧执整〔2026〕第1号").is_none(),
        "closed in October: {marked:?}"
    );

    let (head, ledger) = table(&rows(&mut book, "投诉台账"), "编号");
    let carried = head.iter().position(|h| h == "跨月办理").unwrap();
    let october = ledger.iter().find(|r| r[0] == "TS-2026-0901").unwrap();
    assert!(
        october[carried].starts_with("2026年10月受理；本月：")
            && october[carried].contains("反馈")
            && october[carried].contains("办结")
            && !october[carried].contains("核查"),
        "{}",
        october[carried]
    );
    let csv = std::fs::read_to_string(format!("{dir}/{PREFIX}-投诉台账.csv")).unwrap();
    assert!(!csv.contains("TS-2026-0901"), "{csv}");
    assert!(d.ok(&["verify-handoff", &dir]).contains("一致"));
}

#[test]
fn lateness_is_in_hours_as_numbers_beside_the_words() {
    let d = Desk::demo();
    let (file, _) = handoff(&d);
    let mut book: Xlsx<_> = open_workbook(&file).unwrap();
    let range = book.worksheet_range("超期明细").unwrap();
    let all: Vec<&[Data]> = range.rows().collect();
    let at = all
        .iter()
        .position(|r| r[0] == Data::String("投诉编号".into()))
        .unwrap();
    assert_eq!(all[at][4], Data::String("超期小时".into()));
    assert!(all.len() > at + 1, "the demo has late steps");
    for r in &all[at + 1..] {
        let Data::Float(hours) = r[4] else {
            panic!("hours are a number: {r:?}");
        };
        // "超期 2天16时" is 64 hours; "超期 6时0分" is 6.
        let words = r[5].to_string();
        let (days, rest) = words
            .trim_start_matches("超期 ")
            .split_once('天')
            .unwrap_or(("0", words.trim_start_matches("超期 ")));
        let h: f64 = match rest.split_once('时') {
            Some((h, _)) => h.parse().unwrap(),
            None => 0.0,
        };
        let whole = days.parse::<f64>().unwrap() * 24.0 + h;
        assert!(hours >= whole && hours < whole + 1.0, "{hours} for {words}");
    }
}

#[test]
fn every_printed_page_has_its_title_and_page_number() {
    let d = Desk::demo();
    let (file, _) = handoff(&d);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    assert!(
        zip.by_name("xl/worksheets/sheet10.xml").is_err(),
        "nine sheets"
    );
    for n in 1..=9 {
        let name = format!("xl/worksheets/sheet{n}.xml");
        let mut xml = String::new();
        zip.by_name(&name)
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        let header = xml
            .split("<oddHeader>")
            .nth(1)
            .and_then(|h| h.split("</oddHeader>").next())
            .unwrap_or_else(|| panic!("{name} has no page header"));
        assert!(
            header.contains("卧牛河镇综合行政执法队") && header.contains("2026年11月"),
            "{name}: {header}"
        );
        assert!(
            xml.contains("<oddFooter>") && xml.contains("第 &amp;P 页 共 &amp;N 页"),
            "{name}"
        );
    }
}
