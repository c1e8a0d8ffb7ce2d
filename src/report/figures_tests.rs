//! The report's figures on a small township worked out by hand (see the comments).

use super::figures::report;
use super::period::Period;
use crate::exchange::KindName;
use crate::store::{Actor, Store};

const NOW: &str = "2026-11-23 08:30";

fn township() -> Store {
    let actor = Actor {
        operator: "T".into(),
        now: crate::clock::parse_now(NOW).unwrap(),
    };
    let mut s = Store::open_in_memory().unwrap();
    let files: [(KindName, &str); 6] = [
        (
            KindName::Officers,
            "工号,姓名,中队,角色,执法证号,证件有效期至,联系电话,状态\n\
             W1,甲,一中队,执法队员,1,2027-12-31,,在岗\n\
             W2,乙,一中队,执法队员,2,2026-12-20,,在岗\n\
             W3,丙,,网格员,,,,在岗\n\
             W4,丁,一中队,执法队员,4,2026-10-31,,在岗\n",
        ),
        (
            KindName::Areas,
            "区域编号,区域名称,类型,巡查频次,所属村\n\
             A1,大街,集镇主干道,每日,\n\
             A2,甲村,行政村,每周,甲村\n\
             A3,市场,重点区域,每3日,\n",
        ),
        (
            KindName::Matters,
            "事项编号,事项名称,所属领域,法律依据\n\
             M1,占道经营,城市管理,条例\n\
             M2,噪声扰民,环境保护,法\n",
        ),
        (
            KindName::Patrols,
            "记录编号,日期,开始时间,结束时间,巡查组,人员,区域,巡查情况,发现问题\n\
             P1,2026-11-09,09:00,10:00,一组,W1、W2,A1,正常,否\n\
             P2,2026-11-10,09:00,10:00,一组,W1、W2,A1、A3,正常,否\n\
             P3,2026-11-10,15:00,16:00,二组,W2、W3,A1,正常,否\n\
             P4,2026-11-11,09:00,10:00,一组,W1、W2,A3,正常,否\n\
             P5,2026-11-12,09:00,10:00,一组,W1、W2,A1,正常,否\n\
             P6,2026-11-13,09:00,10:00,一组,W2,A1,正常,否\n\
             P7,2026-11-14,09:00,10:00,一组,W1、W2,A2,正常,否\n\
             P8,2026-11-16,09:00,10:00,一组,W1、W2,A1,正常,否\n",
        ),
        (
            KindName::Complaints,
            "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间,作废原因\n\
             TS-1,2026-11-09 09:00,12345热线,,,A1,M1,占道,一般,已结案,2026-11-09 15:00,已处理,2026-11-12 10:00,2026-11-13 10:00,\n\
             TS-2,2026-11-10 10:00,信访,,,A1,M2,噪声,一般,已反馈,2026-11-11 12:00,已处理,2026-11-12 10:00,,\n\
             TS-3,2026-11-11 09:00,现场举报,,,A2,,纠纷,复杂,已受理,,,,,\n\
             TS-4,2026-11-13 16:00,12345热线,,,A1,M1,占道,一般,已移送,,移送县市场监管局,,2026-11-13 17:00,\n\
             TS-5,2026-11-14 09:00,网格上报,,,A1,M1,重复,一般,已作废,,,,,重复登记\n\
             TS-6,2026-11-15 10:00,12345热线,,,A3,M2,烧烤,一般,核查中,2026-11-15 11:00,,,,\n\
             TS-7,2026-11-16 09:00,12345热线,,,A1,M1,占道,一般,已受理,,,,,\n",
        ),
        (
            KindName::Notices,
            "文书编号,当事人,地址,所属区域,事项编号,存在问题,法律依据,下达日期,整改期限,状态,复查日期,复查结果,关联投诉编号,延期原因,作废原因\n\
             N1,甲店,大街1号,A1,M1,占道,条例,2026-11-09,2026-11-12,已销号,2026-11-13,已清理,,,\n\
             N2,乙店,大街2号,A1,M1,占道,条例,2026-11-10,2026-11-13,待整改,,,,,\n\
             N3,丙店,市场3号,A3,M2,噪声,法,2026-11-11,2026-11-30,已延期,2026-11-17,部分整改,,设备未到,\n\
             N4,丁户,甲村,A2,M1,违建,条例,2026-11-12,2026-11-13,已立案,2026-11-20,拒不整改,,,\n\
             N5,戊店,大街5号,A1,M1,重复,条例,2026-11-14,2026-11-20,已作废,,,,,误录\n",
        ),
    ];
    for (kind, text) in files {
        kind.import(&mut s, &actor, "fixture.csv", text.as_bytes(), false)
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    }
    s
}

#[test]
fn week_46_complaints_by_hand() {
    let s = township();
    let r = report(
        s.conn(),
        &Period::week("2026-W46").unwrap(),
        crate::clock::parse_now(NOW).unwrap(),
    )
    .unwrap();
    let c = &r.complaints;
    // TS-1..TS-6 fall in 11-09..11-15; TS-5 is voided, TS-7 is the next week.
    assert_eq!((c.received, c.voided), (5, 1));
    let counts = |v: &[super::figures::Count]| {
        v.iter()
            .map(|x| format!("{} {}", x.name, x.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        counts(&c.by_channel),
        ["12345热线 3", "信访 1", "现场举报 1"]
    );
    assert_eq!(
        counts(&c.by_field),
        ["不在清单 1", "城市管理 2", "环境保护 2"]
    );
    // Verified by 24 h: TS-1 (6 h), TS-6 (1 h); TS-2 took 26 h. Fed back within 7 working
    // days: TS-1 and TS-2 (due 11-18 23:59).
    assert_eq!((c.verified_on_time, c.fed_back_on_time), (2, 2));
    assert_eq!((c.closed, c.transferred), (1, 1));
    // Measured: TS-1 (both on time), TS-2 (late verify), TS-3 (both overdue, nothing done).
    // TS-4 was transferred before any step; TS-6's feedback is due 11-24, not yet.
    assert_eq!((c.measured, c.on_time), (3, 1));
    assert!((c.on_time_rate.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    // TS-3 is complex: verification started by 11-16 23:59 (3 working days after Wed 11-11),
    // feedback by 11-20 23:59; at 11-23 08:30 that is 6d8h31m and 2d8h31m late.
    let late: Vec<(String, &str, i64)> = c
        .overdue
        .iter()
        .map(|l| (l.id.clone(), l.step, l.late_minutes))
        .collect();
    assert_eq!(
        late,
        [
            ("TS-3".to_string(), "核查", 6 * 1440 + 511),
            ("TS-3".to_string(), "反馈", 2 * 1440 + 511),
            ("TS-2".to_string(), "核查", 120),
        ]
    );
    assert_eq!(c.overdue[2].late, "超期 2时0分");
    assert_eq!(c.overdue[2].done_at.as_deref(), Some("2026-11-11 12:00"));
    assert_eq!(c.overdue[0].done_at, None);
}

#[test]
fn week_46_notices_patrols_and_certificates_by_hand() {
    let s = township();
    let r = report(
        s.conn(),
        &Period::week("2026-W46").unwrap(),
        crate::clock::parse_now(NOW).unwrap(),
    )
    .unwrap();
    let n = &r.notices;
    // N5 voided. N1 closed out; N3 extended (still open); N4 escalated after a late
    // re-inspection (11-20, due 11-18); N2 open past its due 11-18.
    assert_eq!(
        (n.issued, n.voided, n.closed, n.extended, n.escalated),
        (4, 1, 1, 1, 1)
    );
    assert_eq!((n.open, n.reinspect_overdue), (2, 2));
    assert_eq!(n.closure_rate, Some(0.25));

    let p = &r.patrols;
    assert_eq!(p.logged, 7, "P8 is on 11-16");
    // A1 daily: 7 windows, visited 11-09, 10, 12, 13. A2 weekly: 1 window, visited 11-14.
    // A3 every 3 days: windows 09-11, 12-14, 15; visited 11-10 and 11-11 (both the first).
    let areas: Vec<(&str, usize, usize, usize)> = p
        .by_area
        .iter()
        .map(|a| (a.area.as_str(), a.covered, a.required, a.visits))
        .collect();
    assert_eq!(areas, [("A1", 4, 7, 4), ("A2", 1, 1, 1), ("A3", 1, 3, 2)]);
    assert_eq!((p.covered, p.required), (6, 11));
    assert!((p.coverage_rate.unwrap() - 6.0 / 11.0).abs() < 1e-9);
    let officers: Vec<String> = p
        .by_officer
        .iter()
        .map(|o| format!("{} {}", o.name, o.count))
        .collect();
    assert_eq!(officers, ["W1 甲 5", "W2 乙 7", "W3 丙 1", "W4 丁 0"]);

    let certs: Vec<(&str, i64)> = r
        .certificates
        .iter()
        .map(|c| (c.officer.as_str(), c.days_left))
        .collect();
    assert_eq!(certs, [("W4", -23), ("W2", 27)]);
    assert_eq!(r.target, 0.9);
}

#[test]
fn a_period_still_running_counts_only_the_days_so_far() {
    let s = township();
    let now = crate::clock::parse_now(NOW).unwrap();
    // W48 (11-23..29) has begun today: one day of each area's first window is required.
    let r = report(s.conn(), &Period::week("2026-W48").unwrap(), now).unwrap();
    assert_eq!((r.patrols.required, r.patrols.covered), (3, 0));
    assert_eq!(r.complaints.on_time_rate, None);
    let future = report(s.conn(), &Period::week("2026-W50").unwrap(), now).unwrap();
    assert_eq!(
        (future.patrols.required, future.patrols.coverage_rate),
        (0, None)
    );
    // November so far holds TS-7 too, whose 24 h verification ran out on 11-17.
    let m = report(s.conn(), &Period::month("2026-11").unwrap(), now).unwrap();
    assert_eq!(
        (
            m.complaints.received,
            m.complaints.measured,
            m.complaints.on_time
        ),
        (6, 4, 1)
    );
}
