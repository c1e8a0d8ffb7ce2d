//! The printed papers through the real binary: each .docx opened as a package and every field
//! found in its text; templates written out, overridden and checked; the two certified issuers
//! at issue; service recorded and the unserved notices listed; printing audited.

mod util;

use std::io::Read;

use util::Desk;

/// The text of a .docx's body, tags removed, and the raw XML.
fn docx(path: &str) -> (String, String) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("the file")).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("a Word document")
        .read_to_string(&mut xml)
        .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    (text, xml)
}

fn printed(d: &Desk, args: &[&str]) -> (String, String) {
    let out = d.ok(args);
    let path = out
        .split('：')
        .nth(1)
        .expect("says where")
        .trim()
        .to_string();
    assert!(path.ends_with(".docx"), "{out}");
    let path = if std::path::Path::new(&path).is_absolute() {
        path
    } else {
        d.dir.path().join(path).display().to_string()
    };
    docx(&path)
}

#[test]
fn the_rectification_notice_carries_every_field_and_its_service_receipt() {
    let d = Desk::demo();
    let out = d.path("n.docx");
    let (text, xml) = printed(
        &d,
        &["document", "notice", "卧执整〔2026〕第15号", "--out", &out],
    );
    for want in [
        "卧牛河镇综合行政执法队",
        "责令限期整改通知书",
        "卧执整〔2026〕第15号",
        "金福酒家",
        "集镇中心街40号",
        "后厨违规私拉电线",
        "《消防法》第六十三条",
        "于2026年11月26日前",
        "拆除私拉电线，由持证电工规范敷设",
        "依法立案查处",
        "赵建国（执法证号 15070001）、钱志强（执法证号 15070002）",
        "2026年11月19日",
        "（印章）",
        "送达回证",
        "□直接送达",
        "见证人",
    ] {
        assert!(text.contains(want), "{want} not in: {text}");
    }
    assert!(
        xml.contains(r#"w:type="page""#),
        "the receipt starts a page"
    );
    assert!(
        xml.contains("仿宋_GB2312") && xml.contains("黑体"),
        "fonts named"
    );
    assert!(
        xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#),
        "A4"
    );
    assert!(
        xml.contains(r#"w:top="2098""#) && xml.contains(r#"w:left="1587""#),
        "公文 margins"
    );
}

#[test]
fn reinspection_transfer_and_complaint_papers_carry_their_fields() {
    let d = Desk::demo();
    let (text, _) = printed(&d, &["document", "reinspection", "卧执整〔2026〕第2号"]);
    for want in [
        "复查意见书",
        "老王烧烤",
        "2026年11月1日",
        "设备厂家供货延迟",
        "延期至2027年1月8日",
    ] {
        assert!(text.contains(want), "{want} not in: {text}");
    }
    let (text, _) = printed(&d, &["document", "transfer", "TS-2026-0007"]);
    for want in [
        "移送函",
        "县市场监督管理局",
        "12345热线",
        "2026年11月7日10时00分",
        "小卖部销售过期食品",
        "黄**",
    ] {
        assert!(text.contains(want), "{want} not in: {text}");
    }
    assert!(!text.contains("黄志明"), "the reporter is masked");
    let (text, _) = printed(
        &d,
        &[
            "document",
            "complaint",
            "TS-2026-0001",
            "--include-personal",
        ],
    );
    for want in [
        "投诉举报受理及处理反馈单",
        "TS-2026-0001",
        "王国华",
        "13930246633",
        "夜间烧烤店噪声扰民",
        "赵建国、钱志强",
        "烧烤店夜间营业至凌晨，噪声属实",
        "2026-11-06 11:00",
        "电话",
    ] {
        assert!(text.contains(want), "{want} not in: {text}");
    }
    let err = d.fails(&["document", "transfer", "TS-2026-0001"]);
    assert!(err.contains("只有已移送的投诉"), "{err}");
    // Every paper printed is on record: who, what, where; the reporter in full is said.
    let conn = rusqlite::Connection::open(&d.db).unwrap();
    let rows: Vec<(String, String, String)> = conn
        .prepare(
            "SELECT operator, key, after FROM audit WHERE action = '打印文书'
             AND at >= '2026-11-23' ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0].0, "W001");
    assert!(rows[2].1.contains("TS-2026-0001") && rows[2].2.contains(r#""含举报人":true"#));
    d.ok(&["verify"]);
}

#[test]
fn a_team_template_overrides_the_builtin_one_and_an_unknown_field_is_refused() {
    let d = Desk::demo();
    let out = d.ok(&["document", "templates"]);
    let dir = d.dir.path().join("templates");
    assert!(
        out.contains("notice.txt") && dir.join("transfer.txt").exists(),
        "{out}"
    );
    let notice = std::fs::read_to_string(dir.join("notice.txt")).unwrap();
    let county = notice.replace(
        "【标题】责令限期整改通知书",
        "【标题】责令限期整改通知书\n【居中】（本县示范文本）当事人{当事人}",
    );
    std::fs::write(dir.join("notice.txt"), county).unwrap();
    let (text, _) = printed(&d, &["document", "notice", "卧执整〔2026〕第15号"]);
    assert!(text.contains("（本县示范文本）当事人金福酒家"), "{text}");

    std::fs::write(dir.join("notice.txt"), "【标题】{当事人}\n{整改日期}").unwrap();
    let err = d.fails(&["document", "notice", "卧执整〔2026〕第15号"]);
    assert!(
        err.contains("第2行") && err.contains("「{整改日期}」"),
        "{err}"
    );
    assert!(
        err.contains("可用的字段") && err.contains("整改期限"),
        "{err}"
    );
}

const NOTICE_HEADER: &str = "文书编号,当事人,地址,所属区域,事项编号,存在问题,法律依据,下达日期,整改期限,状态,复查日期,复查结果,关联投诉编号,执法人员,整改要求,送达日期,送达方式";

#[test]
fn a_notice_needs_two_certified_issuers_and_keeps_their_numbers() {
    let d = Desk::demo();
    // W009 is on leave; W007's certificate ran out on 2026-10-31.
    for (officers, n, why) in [
        ("W001、W009", 1, "冯雪 当日请假"),
        ("W001、W007", 1, "郑伟 执法证已过期"),
        ("W001、W010", 1, "陈春生 没有执法证"),
        ("W001", 1, "只有 1 名"),
    ] {
        let row = format!(
            "卧执整〔2026〕第20号,某店,中心街1号,Q01,M01,占道,,2026-11-20,2026-11-27,待整改,,,,{officers},清理,,"
        );
        let f = d.file("n.csv", format!("{NOTICE_HEADER}\r\n{row}\r\n").as_bytes());
        let err = d.fails(&["import", "notices", &f]);
        assert!(
            err.contains("第14列「执法人员」")
                && err.contains(&format!("只有 {n} 名"))
                && err.contains(why),
            "{officers}: {err}"
        );
    }
    let row = "卧执整〔2026〕第20号,某店,中心街1号,Q01,M01,占道,,2026-11-20,2026-11-27,待整改,,,,W001、W003,清理,,";
    let f = d.file("n.csv", format!("{NOTICE_HEADER}\r\n{row}\r\n").as_bytes());
    d.ok(&["import", "notices", &f]);
    let csv = util::text(d.ok(&["export", "notices"]).as_bytes());
    let line = csv
        .lines()
        .find(|l| l.starts_with("卧执整〔2026〕第20号"))
        .unwrap();
    assert!(
        line.contains(",W001、W003,清理,,,,,,15070001、15070003,"),
        "{line}"
    );
}

#[test]
fn service_is_recorded_and_notices_left_unserved_are_listed() {
    let d = Desk::demo();
    let today = d.ok(&["today"]);
    assert!(
        today.contains("金福酒家 待整改（期限 2026-11-26，未送达4天）"),
        "{today}"
    );
    let unserved = |d: &Desk| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_str(&d.ok(&["today", "--json"])).unwrap();
        json["notices"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| !n["unserved_days"].is_null())
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        unserved(&d),
        ["卧执整〔2026〕第15号", "卧执整〔2026〕第14号"]
    );

    let csv = util::text(d.ok(&["export", "notices"]).as_bytes());
    let served = csv.replacen(
        "拆除私拉电线，由持证电工规范敷设,,",
        "拆除私拉电线，由持证电工规范敷设,2026-11-20,留置送达",
        1,
    );
    assert_ne!(served, csv);
    d.ok(&["import", "notices", &d.file("s.csv", served.as_bytes())]);
    assert_eq!(unserved(&d), ["卧执整〔2026〕第14号"]);
    let (text, _) = printed(&d, &["document", "notice", "卧执整〔2026〕第15号"]);
    assert!(
        text.contains("留置送达") && text.contains("2026年11月20日"),
        "{text}"
    );
    assert!(!text.contains("□直接送达"), "{text}");

    // A service date, once recorded, changes only as a declared correction.
    let moved = served.replacen("2026-11-20,留置送达", "2026-11-21,留置送达", 1);
    let err = d.fails(&["import", "notices", &d.file("m.csv", moved.as_bytes())]);
    assert!(
        err.contains("送达日期") && err.contains("--correct"),
        "{err}"
    );
}

#[test]
fn a_noncharacter_is_refused_on_import_and_escaped_from_a_stored_value_in_a_paper() {
    let d = Desk::demo();
    let exported = d.ok(&["export", "notices"]);
    let header = exported
        .lines()
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}');
    let line = exported.lines().nth(1).unwrap();
    let id = line.split(',').next().unwrap().to_string();
    let party = line.split(',').nth(1).unwrap();
    let bad = line.replacen(party, &format!("{party}\u{FFFF}"), 1);
    let file = d.file("n.csv", format!("{header}\r\n{bad}\r\n").as_bytes());
    let err = d.fails(&["import", "notices", &file]);
    assert!(err.contains("第2行") && err.contains("U+FFFF"), "{err}");
    // Stored behind the importer's back, it is written escaped: the paper stays valid XML.
    let c = rusqlite::Connection::open(&d.db).unwrap();
    c.execute(
        "UPDATE notices SET party = party || char(65535) WHERE id = ?1",
        [&id],
    )
    .unwrap();
    drop(c);
    let (text, xml) = printed(&d, &["document", "notice", &id]);
    assert!(!xml.contains('\u{FFFF}'), "U+FFFF written raw into the XML");
    assert!(text.contains(&format!("{party}\\u{{FFFF}}")), "{text}");
}

/// A 移送函 printed from the command line by someone who is not one of the team names the
/// team's contact (the captain when the lead has no handler) with a phone, never a login
/// name or 未知用户; a lead never verified was 审查, not 核查.
#[test]
fn a_transfer_letter_printed_by_an_outsider_names_a_team_contact() {
    let d = Desk::demo();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(&d.db)
        .args(["--now", util::NOW, "--operator", "administrator"])
        .args(["document", "transfer", "TS-2026-0015"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = said.split('：').nth(1).unwrap().trim().to_string();
    let path = if std::path::Path::new(&path).is_absolute() {
        path
    } else {
        d.dir.path().join(path).display().to_string()
    };
    let (text, _) = docx(&path);
    assert!(
        text.contains("本队联系人：赵建国　联系电话：13904701001"),
        "{text}"
    );
    assert!(
        !text.contains("administrator") && !text.contains("未知用户"),
        "{text}"
    );
    assert!(
        text.contains("经审查，该事项不在本镇综合行政执法事项清单内"),
        "{text}"
    );
}

/// A notice left with a party who would not sign names who served it and who witnessed it on
/// its 送达回证; its 复查意见书 names the case it was escalated to.
#[test]
fn service_people_and_the_case_number_reach_the_papers() {
    let d = Desk::demo();
    let out = d.path("n3.docx");
    let (text, _) = printed(
        &d,
        &["document", "notice", "卧执整〔2026〕第3号", "--out", &out],
    );
    for want in ["留置送达", "西沟村村委会委员赵某", "送达人孙丽华、李明"] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    assert!(!text.contains("留置送达时由见证人签名"), "{text}");
    // An unserved notice leaves the witness line to be signed.
    let out = d.path("n15.docx");
    let (text, _) = printed(
        &d,
        &["document", "notice", "卧执整〔2026〕第15号", "--out", &out],
    );
    assert!(text.contains("留置送达时由见证人签名"), "{text}");
    // Room to sign before the date: the template's full-width spaces are kept.
    assert!(
        text.contains("受送达人签名或盖章　　　　　　　　　年"),
        "{text}"
    );
    let out = d.path("r3.docx");
    let (text, _) = printed(
        &d,
        &[
            "document",
            "reinspection",
            "卧执整〔2026〕第3号",
            "--out",
            &out,
        ],
    );
    assert!(
        text.contains("本队已依法立案查处（立案编号：卧执立〔2026〕第1号）"),
        "{text}"
    );
}

/// The parts of every paper, read back from the .docx.
fn parts(path: &str) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("the file")).unwrap();
    ["word/document.xml", "word/styles.xml"]
        .into_iter()
        .map(|name| {
            let mut xml = String::new();
            zip.by_name(name)
                .expect("a Word part")
                .read_to_string(&mut xml)
                .unwrap();
            (name.to_string(), xml)
        })
        .collect()
}

/// Every paper the program writes holds its run, paragraph, cell, table and section
/// properties in the order the Office Open XML schema requires (Word may drop them
/// otherwise), and it still says what it said.
#[test]
fn every_paper_keeps_the_schemas_property_order() {
    let d = Desk::demo();
    for (paper, key) in [
        ("notice", "卧执整〔2026〕第15号"),
        ("reinspection", "卧执整〔2026〕第3号"),
        ("transfer", "TS-2026-0007"),
        ("complaint", "TS-2026-0010"),
        ("inspection", "JC2026-0005"),
    ] {
        let out = d.path(&format!("{paper}.docx"));
        let (text, _) = printed(&d, &["document", paper, key, "--out", &out]);
        assert!(text.contains("卧牛河镇综合行政执法队"), "{paper}: {text}");
        for (part, xml) in parts(&out) {
            let wrong = zhifa_desk::document::schema_order::check(&xml);
            assert!(wrong.is_empty(), "{paper} {part}: {wrong:?}");
            // The properties themselves are all there: fonts, sizes, alignment, spacing.
            if part == "word/document.xml" {
                for tag in ["<w:rFonts", "<w:sz ", "<w:jc ", "<w:spacing "] {
                    assert!(xml.contains(tag), "{paper}: {tag}");
                }
            }
        }
    }
}

/// A paper printed by someone not on the team's list: the path it was written to.
fn printed_by(d: &Desk, operator: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(&d.db)
        .args(["--now", util::NOW, "--operator", operator])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let path = said.split('：').nth(1).unwrap().trim().to_string();
    match std::path::Path::new(&path).is_absolute() {
        true => path,
        false => d.dir.path().join(path).display().to_string(),
    }
}

/// Papers right in content: a transfer letter's own yearly number, kept by a reprint; a form
/// filled by someone off the list leaves a line to sign; an extended notice's 复查意见书
/// names the deadline it set and the new one; a line break typed into a record stays one.
#[test]
fn papers_number_transfers_leave_lines_to_sign_and_keep_both_deadlines() {
    let d = Desk::demo();
    let (first, _) = printed(&d, &["document", "transfer", "TS-2026-0007"]);
    assert!(first.contains("移送函卧执移〔2026〕第1号"), "{first}");
    let (other, _) = printed(&d, &["document", "transfer", "TS-2026-0015"]);
    assert!(other.contains("卧执移〔2026〕第2号"), "{other}");
    let (again, _) = printed(&d, &["document", "transfer", "TS-2026-0007"]);
    assert!(
        again.contains("卧执移〔2026〕第1号"),
        "a reprint keeps its number: {again}"
    );

    let path = printed_by(
        &d,
        "administrator",
        &["document", "complaint", "TS-2026-0001"],
    );
    let (text, _) = docx(&path);
    assert!(text.contains("填表人：__________"), "{text}");
    assert!(
        !text.contains("administrator") && !text.contains("未知用户"),
        "{text}"
    );

    // 第7号 extended on the desk from 11-13 to 12-07: the paper says both.
    let id = "卧执整〔2026〕第7号";
    let mut store = zhifa_desk::store::Store::open(&d.db).unwrap();
    let actor = zhifa_desk::store::Actor {
        operator: "W001".into(),
        now: zhifa_desk::clock::parse_now(util::NOW).unwrap(),
    };
    let step = zhifa_desk::store::desk::NoticeStep::Reinspect {
        date: actor.now.date(),
        result: "部分整改".into(),
        outcome: zhifa_desk::domain::Outcome::Extend {
            new_deadline: "2026-12-07".parse().unwrap(),
            reason: "当事人申请延期".into(),
        },
        officers: vec!["W001".into(), "W002".into()],
    };
    zhifa_desk::store::desk::notice_step(&mut store, &actor, id, step).unwrap();
    drop(store);
    let (text, _) = printed(&d, &["document", "reinspection", id]);
    assert!(text.contains("于2026年11月13日前改正"), "{text}");
    assert!(text.contains("同意延期至2026年12月7日"), "{text}");

    // 第2号 came in from the ledger already extended (to 2027-01-08), its re-inspection with
    // no officers on record: no second date that contradicts the extension, and blanks that
    // a line cannot break.
    let (text, _) = printed(&d, &["document", "reinspection", "卧执整〔2026〕第2号"]);
    assert!(text.contains("于原定期限前改正"), "{text}");
    assert_eq!(text.matches("2027年1月8日").count(), 1, "{text}");
    assert!(
        text.contains(
            "执法人员__________（执法证号 __________）、__________（执法证号 __________）"
        ),
        "{text}"
    );

    // A description typed on two lines prints on two.
    let csv = d.file(
        "two.csv",
        "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,\
         核查时间,处置结果,反馈时间,办结时间,作废原因\n\
         TS-2026-0042,2026-11-23 08:00,12345热线,,,Q01,M01,\"夜市摊点占道\n晚十点后噪声\",一般,已受理,,,,,\n"
            .as_bytes(),
    );
    d.ok(&["import", "complaints", &csv]);
    let (_, xml) = printed(&d, &["document", "complaint", "TS-2026-0042"]);
    assert!(xml.contains("夜市摊点占道</w:t><w:br"), "{xml}");
}

/// The 现场检查笔录: the subject, the two officers with their certificates that day, what was
/// found and done (a first violation let off with its guidance), and each evidence file by
/// number, kind, name and hash.
#[test]
fn the_inspection_record_lists_its_finding_and_its_evidence() {
    let d = Desk::demo();
    let photo = d.file("IMG_0042.JPG", b"the stall on the pavement");
    d.ok(&[
        "evidence",
        "add",
        &photo,
        "--for",
        "现场检查",
        "--key",
        "JC2026-0005",
        "--by",
        "W003",
    ]);
    let out = d.path("笔录.docx");
    let (text, _) = printed(
        &d,
        &["document", "inspection", "JC2026-0005", "--out", &out],
    );
    for want in [
        "现场检查笔录",
        "JC2026-0005",
        "2026年11月20日8时40分",
        "刘某某（流动摊贩）",
        "150783197805122130",
        "孙丽华（执法证号 15070003）、李明（执法证号 15070004）",
        "流动摊贩占道",
        "依本镇首违不罚清单不予处罚",
        "引导到农贸市场临时摊位经营",
        "ZJ2026-0005 照片 IMG_0042.JPG",
        // The demo's own photo, registered with it.
        "ZJ2026-0001 照片 JC-0005-现场照片.png",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(b"the stall on the pavement")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(text.contains(&hash[..16]), "{text}");
    // An inspection not on record prints nothing.
    let err = d.fails(&["document", "inspection", "JC2026-9999"]);
    assert!(err.contains("JC2026-9999"), "{err}");
}
