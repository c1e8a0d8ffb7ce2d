//! The demo's inspections: last week's 双随机 draw and its inspections, a 专项 check, a first
//! violation let off with guidance (首违不罚), this week's draw waiting to be done, what was
//! published, the evidence registered; and the call-backs (回访) of leads closed earlier.

use chrono::NaiveDateTime;

use crate::demo::shift_text;
use crate::domain::{Filter, Finding, Inspection, Source};
use crate::error::Result;
use crate::store::{Actor, Store, draws, inspections};

/// Loads them once (a demo loaded again leaves them as they are).
pub fn load(store: &mut Store, days: i64) -> Result<()> {
    let done: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM draws", [], |r| r.get(0))?;
    if done > 0 {
        return Ok(());
    }
    let at = |when: &str| -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&shift_text(when, days), "%Y-%m-%d %H:%M")
            .expect("a demo time")
    };
    let by = |who: &str, when: &str| Actor {
        operator: who.to_string(),
        now: at(when),
    };
    let captain = by("W001", "2026-11-17 16:00");
    let last_week = draws::make(
        store,
        &captain,
        &draws::Request {
            title: "11月第3周双随机抽查".into(),
            date: at("2026-11-18 00:00").date(),
            filter: Filter::default(),
            count: 3,
            seed: Some("福彩3D 第2026305期 开奖号码 4 7 1".into()),
            redraw: None,
        },
    )?;
    for (n, pick) in last_week.picks.iter().enumerate() {
        let mut i = inspection(
            &pick.subject,
            pick.officers.to_vec(),
            at("2026-11-18 09:30"),
        );
        i.at += chrono::Duration::minutes(70 * n as i64);
        i.source = Source::Random;
        i.draw = last_week.id.clone();
        i.matter = crate::store::subjects::get(store.conn(), &pick.subject)?
            .and_then(|s| s.matters.first().cloned());
        i.checked = "经营资质、消防通道、用火用电".into();
        inspections::record(store, &by(&pick.officers[0], "2026-11-18 17:00"), i, None)?;
    }
    let mut campaign = inspection(
        "DX010",
        vec!["W001".into(), "W002".into()],
        at("2026-11-19 10:00"),
    );
    campaign.source = Source::Campaign;
    campaign.matter = Some("M14".into());
    campaign.campaign = "岁末年初烟花爆竹安全专项检查".into();
    campaign.checked = "储存场所、经营许可、消防器材".into();
    inspections::record(store, &by("W002", "2026-11-19 15:00"), campaign, None)?;
    let mut lenient = inspection(
        "DX013",
        vec!["W003".into(), "W004".into()],
        at("2026-11-20 08:40"),
    );
    lenient.matter = Some("M30".into());
    lenient.checked = "集镇中心街早市流动摊点".into();
    lenient.finding = Finding::Lenient;
    lenient.problem = "在集镇中心街人行道摆摊售卖蔬菜".into();
    lenient.guidance = "告知占道经营的规定，引导到农贸市场临时摊位经营，当事人当场收摊离开".into();
    inspections::record(store, &by("W003", "2026-11-20 10:00"), lenient, None)?;
    draws::make(
        store,
        &by("W001", "2026-11-23 08:00"),
        &draws::Request {
            title: "11月第4周餐饮油烟双随机抽查".into(),
            date: at("2026-11-25 00:00").date(),
            filter: Filter {
                matter: Some("M10".into()),
                ..Filter::default()
            },
            count: 2,
            seed: Some("福彩3D 第2026311期 开奖号码 0 5 8".into()),
            redraw: None,
        },
    )?;
    published(store, &at)?;
    evidence(store, &by("W003", "2026-11-20 10:05"))?;
    callbacks(store, &at)
}

/// Call-backs of the leads closed earlier: most satisfied, one not reached, one dissatisfied
/// and not fixed (taken up again as a follow-up lead, 重新办理), the rest of the closed due.
fn callbacks(store: &mut Store, at: &dyn Fn(&str) -> NaiveDateTime) -> Result<()> {
    use crate::domain::callback::CallBack;
    let calls = [
        (
            "TS-2026-0001",
            "2026-11-12 10:00",
            "满意",
            Some(true),
            "店主已装隔音门，夜间不再营业",
        ),
        (
            "TS-2026-0002",
            "2026-11-12 10:20",
            "基本满意",
            Some(true),
            "秸秆已清理，希望多宣传",
        ),
        (
            "TS-2026-0003",
            "2026-11-23 08:10",
            "不满意",
            Some(false),
            "举报人称只拆了围挡，违建主体还在，问题没有解决",
        ),
        ("TS-2026-0005", "2026-11-16 09:30", "满意", Some(true), ""),
        (
            "TS-2026-0006",
            "2026-11-17 09:00",
            "未联系上",
            None,
            "电话无人接听，明日再打",
        ),
    ];
    for (id, when, answer, fixed, note) in calls {
        let t = at(when);
        let officer = Actor {
            operator: "W002".into(),
            now: t,
        };
        let cb = CallBack {
            at: t,
            by: "W002".into(),
            method: "电话".into(),
            answer: answer.into(),
            fixed,
            note: note.into(),
            follow_up: String::new(),
        };
        crate::store::callbacks::record(store, &officer, id, cb)?;
    }
    Ok(())
}

/// A 1×1 PNG: the demo's stand-in for a photo taken on site.
pub(crate) const PHOTO: [u8; 70] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0,
    0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 100, 96, 248, 95, 15, 0, 2,
    135, 1, 128, 235, 71, 186, 146, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// The 首违不罚's photo and note, written into 演示证据 beside the database and registered;
/// a database in memory (the tests' desk) has no folder beside it and gets none.
fn evidence(store: &mut Store, officer: &Actor) -> Result<()> {
    let db = std::path::Path::new(store.path());
    let Some(dir) = db.parent().filter(|_| db.is_file()) else {
        return Ok(());
    };
    let dir = dir.join("演示证据");
    std::fs::create_dir_all(&dir).map_err(|e| crate::Error::io(&dir, e))?;
    let files = [
        ("JC-0005-现场照片.png", &PHOTO[..]),
        (
            "JC-0005-现场记录.txt",
            "2026年11月20日8时40分，集镇中心街人行道，刘某某摆摊售卖蔬菜；告知规定后当场收摊。\n"
                .as_bytes(),
        ),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, bytes).map_err(|e| crate::Error::io(&path, e))?;
        paths.push(path);
    }
    let link = (crate::domain::evidence::LinkKind::Inspection, "JC2026-0005");
    crate::store::evidence::register(store, officer, &paths, link, ("W003", "早市占道现场"))?;
    Ok(())
}

/// The decisions published so far: most on time, one a day late; the last weeks' notices,
/// and last week's draw results, still waiting (three of them late).
fn published(store: &mut Store, at: &dyn Fn(&str) -> NaiveDateTime) -> Result<()> {
    use crate::domain::publicity::{PubKind, Publication};
    let done = [
        (
            PubKind::Notice,
            "卧执整〔2026〕第1号",
            "2026-10-16",
            "政府门户网站",
        ),
        (
            PubKind::Notice,
            "卧执整〔2026〕第2号",
            "2026-10-20",
            "政府门户网站",
        ),
        (
            PubKind::Notice,
            "卧执整〔2026〕第3号",
            "2026-10-22",
            "镇政府公示栏",
        ),
        (
            PubKind::Notice,
            "卧执整〔2026〕第4号",
            "2026-10-28",
            "政府门户网站",
        ),
        (
            PubKind::Notice,
            "卧执整〔2026〕第13号",
            "2026-11-04",
            "政府门户网站",
        ),
        (
            PubKind::Notice,
            "卧执整〔2026〕第6号",
            "2026-11-06",
            "政府门户网站",
        ),
        (
            PubKind::Notice,
            "卧执整〔2026〕第7号",
            "2026-11-13",
            "政府门户网站",
        ),
        (
            PubKind::Case,
            "卧执立〔2026〕第1号",
            "2026-11-10",
            "政府门户网站",
        ),
    ];
    for (kind, key, on, place) in done {
        let when = at(&format!("{on} 16:00"));
        let clerk = Actor {
            operator: "W002".into(),
            now: when,
        };
        let p = Publication {
            kind,
            key: key.into(),
            published_on: when.date(),
            place: place.into(),
        };
        crate::store::publicity::publish(store, &clerk, p)?;
    }
    Ok(())
}

/// A 合格 ad hoc inspection of `subject`; the caller sets what differs.
fn inspection(subject: &str, officers: Vec<String>, at: NaiveDateTime) -> Inspection {
    Inspection {
        id: String::new(),
        at,
        subject: subject.into(),
        matter: None,
        officers,
        source: Source::Routine,
        draw: String::new(),
        campaign: String::new(),
        checked: String::new(),
        finding: Finding::Pass,
        problem: String::new(),
        guidance: String::new(),
        refer_to: String::new(),
        notice: String::new(),
    }
}
