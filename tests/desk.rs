//! The real desk in a pseudo-terminal: sign in, take a complaint typed in Chinese, see its
//! countdown on the dashboard, quit, and find it in the exported ledger.
#![cfg(unix)]

mod util;

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::Session;
use expectrl::session::OsSession;
use util::{Desk, NOW};

const COLS: u16 = 120;
const ROWS: u16 = 40;

/// The desk running in a pty, with a vt100 screen fed from its output.
struct Screen {
    session: OsSession,
    parser: vt100::Parser,
    raw: Vec<u8>,
}

impl Screen {
    fn open(desk: &Desk) -> Screen {
        Screen::open_sized(desk, (COLS, ROWS))
    }

    fn open_sized(desk: &Desk, size: (u16, u16)) -> Screen {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhifa-desk"));
        cmd.arg("--db")
            .arg(&desk.db)
            .args(["--now", NOW])
            .env("TERM", "xterm-256color")
            .env_remove("ZHIFA_DB");
        Screen::spawn_sized(cmd, size)
    }

    fn spawn(cmd: Command) -> Screen {
        Screen::spawn_sized(cmd, (COLS, ROWS))
    }

    fn spawn_sized(cmd: Command, (cols, rows): (u16, u16)) -> Screen {
        let mut session = Session::spawn(cmd).expect("desk starts in a pty");
        session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("pty size");
        Screen {
            session,
            parser: vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0),
            raw: Vec::new(),
        }
    }

    /// The screen's last line: the footer.
    fn footer(&self) -> String {
        self.text()
            .lines()
            .last()
            .unwrap_or_default()
            .trim_end()
            .to_string()
    }

    fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        while let Ok(n) = self.session.try_read(&mut buf) {
            if n == 0 {
                break;
            }
            self.parser.process(&buf[..n]);
            self.raw.extend_from_slice(&buf[..n]);
        }
    }

    fn text(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `what`; fails with the screen as it is.
    fn wait_for(&mut self, what: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            self.pump();
            let text = self.text();
            if text.contains(what) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "waited for {what:?}; the screen shows:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Signs `name` in and acknowledges the previous shift's handover note.
    fn sign_in_and_take_over(&mut self, name: &str) {
        self.wait_for("请选择值班人员签到");
        self.send(name);
        self.send("\r");
        self.wait_for("上一班交接事项");
        self.send("\r");
        self.wait_for("已确认接班");
    }

    fn send(&mut self, bytes: &str) {
        self.session.write_all(bytes.as_bytes()).expect("send keys");
        self.session.flush().expect("flush keys");
        // Let the desk read each batch on its own, as a person would type.
        std::thread::sleep(Duration::from_millis(150));
    }
}

#[test]
fn sign_in_take_a_complaint_in_chinese_and_find_it_in_the_ledger() {
    let desk = Desk::demo();
    let mut s = Screen::open(&desk);
    s.wait_for("请选择值班人员签到");

    s.send("孙丽华");
    s.wait_for("值班人员（1 人）");
    s.send("\r");
    s.wait_for("值班：W003 孙丽华");
    // Friday's handover note is shown until it is read.
    s.wait_for("上一班交接事项");
    s.wait_for("周末值守");
    s.send("\r");
    s.wait_for("投诉计时（23 件未办结");

    s.send("3");
    s.send("n");
    s.wait_for("受理投诉（编号将为 TS-2026-0042）");
    // 来源渠道 → 受理时间 → 举报人: Tab twice, then type; then 执法事项 is chosen by typing
    // (no silent default), and on to 问题描述.
    s.send("\t\t");
    s.send("王先生");
    s.send("\t\t\t");
    s.send("占道");
    s.send("\t");
    s.send("学校门口流动摊贩占道");
    s.send("\x13"); // Ctrl+S
    s.wait_for("已受理投诉 TS-2026-0042");

    s.send("1");
    let screen = s.wait_for("投诉计时（24 件未办结");
    let row = screen
        .lines()
        .find(|l| l.contains("TS-2026-0042"))
        .unwrap_or_else(|| panic!("the new complaint is on the dashboard:\n{screen}"));
    assert!(row.contains("学校门口流动摊贩占道"), "{row}");
    assert!(
        row.contains("剩余 23时59分") || row.contains("剩余 1天0时"),
        "{row}"
    );

    // Another process imports a complaint while the desk is open: it appears by itself.
    let csv = desk.file(
        "more.csv",
        "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,\
         核查时间,处置结果,反馈时间,办结时间,作废原因\n\
         TS-2026-0043,2026-11-23 08:00,12345热线,,,Q01,M01,夜市摊点占道经营,一般,已受理,,,,,\n"
            .as_bytes(),
    );
    desk.ok(&["import", "complaints", &csv]);
    let screen = s.wait_for("投诉计时（25 件未办结");
    assert!(screen.contains("夜市摊点占道经营"), "{screen}");

    // A restore while the desk is open is refused, and the desk's file stays as it is.
    let backup = desk.path("b.sqlite");
    desk.ok(&["backup", "--to", &backup]);
    let audits = desk.count("audit");
    let err = desk.fails(&["restore", &backup]);
    assert!(err.contains("正被使用：值班台"), "{err}");
    assert_eq!(desk.count("audit"), audits);

    s.send("q");
    let status = s.session.get_process_mut().wait().expect("desk exits");
    let status = format!("{status:?}");
    assert!(
        status.starts_with("Exited(") && status.ends_with(", 0)"),
        "{status}"
    );
    s.pump();
    // The terminal is given back: the alternate screen is left.
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(
        raw.contains("\x1b[?1049l"),
        "the alternate screen was not left"
    );

    let ledger = desk.ok(&["export", "complaints"]);
    let row = ledger
        .lines()
        .find(|l| l.starts_with("TS-2026-0042"))
        .unwrap_or_else(|| panic!("not in the ledger:\n{ledger}"));
    assert!(row.contains("学校门口流动摊贩占道"), "{row}");
    assert!(
        row.contains("王**") && !row.contains("王先生"),
        "masked: {row}"
    );
    assert!(row.contains("已受理"), "{row}");
}

#[test]
fn a_day_run_from_the_desk_roster_leave_and_a_handover_seen_by_the_next_shift() {
    let desk = Desk::demo();
    let mut s = Screen::open(&desk);
    s.sign_in_and_take_over("孙丽华");

    // Tomorrow's roster: 王海军 is on leave (the demo's leave period), flagged on 第三组.
    s.send("2");
    s.send("\x1b[C"); // →
    s.wait_for("2026-11-24 星期二");
    s.send("\x1b[B\x1b[B"); // ↓↓ to 第三组
    let screen = s.wait_for("第三组");
    assert!(screen.contains("项问题"), "{screen}");
    s.send("e");
    s.wait_for("修改排班：2026-11-24 第三组");
    s.wait_for("王海军 当前状态为请假");
    // 人员: replace the officer on leave, live checks clear, save.
    s.send("\t\t");
    s.send("\x15"); // Ctrl+U clears the field before the caret
    s.send("吴晓燕、周海涛");
    s.send("\x13"); // Ctrl+S
    s.wait_for("已保存 2026-11-24 第三组 的排班");

    // Hand over with two lines of our own; the next officer sees them after sign-in.
    s.send("x");
    s.wait_for("交接班：写下下一班要知道的事");
    s.send("门岗钥匙在抽屉");
    s.send("\r");
    s.send("明早八点前复查顺达汽修");
    s.send("\x13");
    s.wait_for("请选择值班人员签到");
    s.send("周海涛");
    s.send("\r");
    let screen = s.wait_for("上一班交接事项");
    assert!(screen.contains("门岗钥匙在抽屉"), "{screen}");
    s.wait_for("明早八点前复查顺达汽修");
    s.send("\r");
    s.send("7");
    s.wait_for("值班记录（最近");
    s.send("q");
    s.session.get_process_mut().wait().expect("desk exits");
    let shown = desk.ok(&["roster", "show", "2026-11-24"]);
    assert!(
        shown.contains("第三组（全天）  人员 W006 吴晓燕、W005 周海涛"),
        "{shown}"
    );
}

#[test]
fn leave_a_correction_and_a_dispatched_verification_run_through_the_real_desk() {
    let desk = Desk::demo();
    let mut s = Screen::open(&desk);
    s.sign_in_and_take_over("孙丽华");

    // 赵建国 takes three days' leave; tomorrow's roster flags him on 第一组.
    s.send("5");
    s.wait_for("执法人员");
    s.send("l");
    s.wait_for("请假：W001 赵建国");
    s.send("\t\t");
    s.send("省里培训");
    s.send("\x13");
    s.wait_for("已登记 W001 2026-11-23 至 2026-11-25 请假");
    s.send("2");
    s.send("\x1b[C");
    s.wait_for("2026-11-24 星期二");
    s.wait_for("赵建国 当前状态为请假");

    // A wrong area on a complaint is corrected on the desk: an audited 修改.
    s.send("3");
    s.send("/");
    s.send("TS-2026-0041");
    s.send("\r");
    s.send("\r");
    s.wait_for("投诉详情");
    s.send("a");
    s.wait_for("办理投诉 TS-2026-0041");
    s.send("\x1b[6~"); // PgDn: the last item, 修改登记内容
    s.send("\r");
    s.wait_for("修改投诉 TS-2026-0041");
    s.send("\t\t\t\t");
    s.send("农贸");
    s.send("\x13");
    s.wait_for("已修改投诉 TS-2026-0041");
    s.wait_for("Q04 农贸市场");

    // An undispatched lead is dispatched to two officers and verified with a finding.
    s.send("\x1b");
    s.send("\x1b");
    s.send("/");
    s.send("TS-2026-0026");
    s.send("\r");
    s.send("\r");
    s.wait_for("承办：未分派");
    s.send("a");
    s.wait_for("分派（承办中队、承办人员）");
    s.send("\r");
    s.wait_for("分派：投诉 TS-2026-0026");
    s.send("\t");
    s.send("周海涛、吴晓燕");
    s.send("\x13");
    // 三中队's officers for 一中队's matter: asked first, then saved.
    s.wait_for("周海涛（三中队）不属于承办中队一中队");
    s.send("y");
    s.wait_for("承办：一中队 周海涛、吴晓燕");
    s.send("a");
    s.wait_for("改派（承办中队、承办人员）");
    s.send("\x1b[B");
    s.send("\r");
    s.wait_for("核查：投诉 TS-2026-0026");
    s.send("\t\t");
    s.send("现场确认占用耕地建库房");
    s.send("\x13");
    s.wait_for("核查：周海涛、吴晓燕：现场确认占用耕地建库房");
    s.send("q");
    s.session.get_process_mut().wait().expect("desk exits");
    assert!(desk.ok(&["verify"]).contains("均与审计记录一致"));
    let exported = desk.ok(&["export", "complaints"]);
    let row = exported
        .lines()
        .find(|l| l.starts_with("TS-2026-0026"))
        .unwrap();
    assert!(
        row.contains("一中队,W005、W006,W005、W006,现场确认占用耕地建库房"),
        "{row}"
    );
}

#[test]
fn a_notice_is_printed_and_its_service_recorded_from_the_desk() {
    let desk = Desk::demo();
    let mut s = Screen::open(&desk);
    s.sign_in_and_take_over("孙丽华");
    let screen = s.wait_for("份未送达");
    assert!(screen.contains("[未送达4天] 金福酒家"), "{screen}");

    // The notices list, down to 第15号 (sixth, nearest re-inspection first), its detail.
    s.send("4");
    s.wait_for("整改通知（检查—整改—复查—销号）");
    s.send("\x1b[B\x1b[B\x1b[B\x1b[B\x1b[B");
    s.send("\r");
    s.wait_for("送达：未送达4天（a 登记送达）");
    s.send("p");
    s.wait_for("打印责令限期整改通知书（含送达回证）");
    s.send("\r");
    let screen = s.wait_for("已写出责令限期整改通知书");
    let file = desk
        .dir
        .path()
        .join("文书")
        .join("责令限期整改通知书-卧执整〔2026〕第15号.docx");
    assert!(file.exists(), "{screen}");

    s.send("a");
    s.wait_for("登记送达（送达日期、方式）");
    s.send("\x1b[B\x1b[B");
    s.send("\r");
    s.wait_for("登记送达：卧执整〔2026〕第15号");
    s.send("\t");
    s.send("\x1b[C"); // → 留置送达
    // Left with a party who would not sign: not without a witness.
    s.send("\x13");
    s.wait_for("留置送达须写明见证人");
    s.send("\t\t");
    s.send("村委会主任王某");
    s.send("\x13");
    s.wait_for("已登记送达：2026-11-23 留置送达");
    s.wait_for("送达：2026-11-23 留置送达");
    s.send("q");
    s.session.get_process_mut().wait().expect("desk exits");
    let csv = desk.ok(&["export", "notices"]);
    // 送达人 prefilled with those who issued it, the witness as typed.
    assert!(
        csv.contains("2026-11-23,留置送达,W001、W002,村委会主任王某,"),
        "{csv}"
    );
}

#[test]
fn the_desk_opens_first_and_makes_the_days_backup_behind_it() {
    let desk = Desk::demo();
    let backups = desk.dir.path().join("backups");
    let _ = std::fs::remove_dir_all(&backups);
    let mut s = Screen::open(&desk);
    s.wait_for("请选择值班人员签到");
    let made = backups.join("desk-2026-11-23.sqlite");
    let deadline = Instant::now() + Duration::from_secs(15);
    while !made.exists() {
        assert!(Instant::now() < deadline, "no backup made behind the desk");
        std::thread::sleep(Duration::from_millis(50));
    }
    s.sign_in_and_take_over("孙丽华");
    s.send("q");
    s.session.get_process_mut().wait().expect("desk exits");
    // The backup is a whole database that passes verify.
    let out = Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(&made)
        .args(["--now", NOW, "verify"])
        .output()
        .expect("verify runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `demo` a second time opens the same demo database, with what was done in it; `--fresh`
/// keeps a backup of it before starting anew.
#[test]
fn the_demo_reopens_with_the_days_work_and_starts_afresh_only_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("zhifa-desk.sqlite");
    let demo = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhifa-desk"));
        cmd.args(["--now", NOW, "--operator", "W001"])
            .arg("demo")
            .args(args)
            .env("ZHIFA_DB", &home)
            .env("TERM", "xterm-256color");
        cmd
    };
    let first = demo(&["--load-only"]).output().unwrap();
    assert!(first.status.success());
    let db = dir.path().join("demo.sqlite");
    // A day's work in the demo: an appeal filed.
    let work = Command::new(env!("CARGO_BIN_EXE_zhifa-desk"))
        .arg("--db")
        .arg(&db)
        .args(["--now", NOW, "--operator", "W003"])
        .args([
            "complaint",
            "appeal",
            "TS-2026-0030",
            "--reason",
            "河道涨水",
        ])
        .output()
        .unwrap();
    assert!(
        work.status.success(),
        "{}",
        String::from_utf8_lossy(&work.stderr)
    );
    let appeals = |path: &std::path::Path| -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM complaints WHERE appeal <> ''",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(appeals(&db), 3);

    // Run again: the desk opens on the same database, the appeal still there.
    let mut s = Screen::spawn(demo(&[]));
    s.sign_in_and_take_over("孙丽华");
    s.send("q");
    drop(s);
    assert_eq!(appeals(&db), 3, "nothing was wiped");

    // --fresh: the old one is kept in backups/, the new one has only the demo's own.
    let fresh = demo(&["--fresh", "--load-only"]).output().unwrap();
    let said = String::from_utf8_lossy(&fresh.stderr);
    assert!(
        fresh.status.success() && said.contains("原演示数据库已备份到"),
        "{said}"
    );
    assert_eq!(appeals(&db), 2);
    let kept: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("demo-重建前-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(appeals(&kept[0]), 3, "the backup holds the day's work");
}

/// A duty day lived at the office PC's two usual sizes: sign in, every page with the help
/// key in its footer, help run from its list, a lead taken, dispatched and verified, a notice
/// served with its witness, a handover; then the day's work is in the ledgers and verify
/// passes.
#[test]
fn a_duty_day_at_80x24_and_120x40() {
    for size in [(80, 24), (120, 40)] {
        let desk = Desk::demo();
        let mut s = Screen::open_sized(&desk, size);
        s.sign_in_and_take_over("孙丽华");
        for page in ["1", "2", "3", "4", "5", "6", "7"] {
            s.send(page);
            std::thread::sleep(Duration::from_millis(100));
            s.pump();
            assert!(
                s.footer().ends_with("F1 帮助"),
                "{size:?} page {page}: {}",
                s.text()
            );
        }
        // Help on the lead list, its chosen line run with Enter: the first line opens.
        s.send("3");
        s.send("?");
        s.wait_for("Enter 执行所选的操作");
        s.send("\x1b");
        s.send("n");
        s.wait_for("受理投诉（编号将为 TS-2026-0042）");
        s.send("\t\t");
        s.send("王先生");
        s.send("\t\t\t");
        s.send("占道");
        s.send("\t");
        s.send("学校门口流动摊贩占道");
        s.send("\x13");
        s.wait_for("已受理投诉 TS-2026-0042");

        // The notice list's 第15号: served, left with the party, a village cadre witnessing.
        s.send("4");
        s.wait_for("整改通知");
        s.send("/金福");
        s.send("\r");
        s.wait_for("共 1 份");
        s.send("\r");
        s.wait_for("a 登记送达");
        s.send("a");
        s.wait_for("登记送达（送达日期、方式）");
        s.send("\x1b[B\x1b[B");
        s.send("\r");
        s.wait_for("登记送达：卧执整〔2026〕第15号");
        s.send("\t");
        s.send("\x1b[C");
        s.send("\t\t");
        s.send("村委会主任王某");
        s.send("\x13");
        s.wait_for("已登记送达");
        s.send("\x1b");

        // Hand over; the next shift signs in.
        s.send("x");
        s.wait_for("交接班");
        s.send("TS-2026-0042 待核查");
        s.send("\x13");
        s.wait_for("请选择值班人员签到");
        // Letters are typed into the sign-in search: Ctrl+Q quits here.
        s.send("\x11");
        s.session.get_process_mut().wait().expect("desk exits");

        let leads = desk.ok(&["export", "complaints"]);
        assert!(leads.contains("学校门口流动摊贩占道"), "{size:?}");
        let notices = desk.ok(&["export", "notices"]);
        assert!(
            notices.contains("留置送达,W001、W002,村委会主任王某"),
            "{size:?}"
        );
        let verified = desk.ok(&["verify"]);
        assert!(verified.contains("通过"), "{size:?}: {verified}");
    }
}
