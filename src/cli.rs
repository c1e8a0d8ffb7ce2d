//! The command line: one clap variant per command, global options for database, clock, operator.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "zhifa-desk",
    version = concat!(env!("CARGO_PKG_VERSION"), "（", env!("ZHIFA_BUILD"), "）"),
    about = "乡镇综合行政执法队值班台：排班、投诉计时、整改通知、台账导入导出"
)]
pub struct Cli {
    /// 数据库文件（默认：环境变量 ZHIFA_DB，或本机数据目录下的 zhifa-desk.sqlite）
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// 固定“现在”的时间，如 "2026-11-23 08:30"（测试与补录用）
    #[arg(long, global = true, value_name = "YYYY-MM-DD HH:MM")]
    pub now: Option<String>,
    /// 操作人工号（记入审计；默认为系统用户名）
    #[arg(long, global = true, value_name = "工号")]
    pub operator: Option<String>,
    /// 值班台只用 ASCII 边框和符号（老式 Windows 控制台默认开启）
    #[arg(long, global = true)]
    pub ascii: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 导入 CSV：全部通过才写入，否则一行不写并列出每处问题
    Import {
        /// 数据类别：officers / areas / matters / roster / patrols / complaints / notices / holidays / leaves / subjects / lenient / plan / campaigns
        #[arg(value_name = "类别")]
        kind: String,
        /// 要导入的文件：CSV（UTF-8 或 GBK），或工作簿 .xlsx / .xls / .ods（按内容识别）
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 只检查、不写入
        #[arg(long)]
        dry_run: bool,
        /// 更正已登记的时间（受理、核查、反馈、办结时间，下达日期、整改期限、复查日期）并写明原因；更正记入审计，列入周报、月报
        #[arg(long, value_name = "原因")]
        correct: Option<String>,
        /// 文件中与原值相比像是被电子表格自动转换（如 3-12 变成日期）的文字确是有意修改，照常导入
        #[arg(long)]
        accept_converted: bool,
    },
    /// 导出 CSV（UTF-8 带 BOM）或 .xlsx 工作簿（--out 文件.xlsx）；`export handoff --month 2026-10 --out 目录` 导出月度移交包
    Export {
        /// officers / areas / matters / roster / patrols / complaints / notices / holidays / leaves / subjects / lenient / plan / campaigns / handoff
        kind: String,
        /// 月度移交包的月份（YYYY-MM），只用于 handoff
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        /// 起始日期（含）
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// 截止日期（含）
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// 输出文件（默认输出到屏幕）；handoff 为输出目录
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// 文件格式：csv 或 xlsx（默认按 --out 的扩展名，.xlsx 即为工作簿）
        #[arg(long, value_name = "格式")]
        format: Option<String>,
        /// 包含举报人姓名和电话（默认打码）
        #[arg(long)]
        include_personal: bool,
    },
    /// 核对月度移交包：逐个文件对照 manifest.csv 的行数和 SHA-256
    VerifyHandoff { dir: PathBuf },
    /// 县级汇总（须用 --db 指定县里的汇总库，与乡镇的数据库分开）：import 导入各乡镇移交包，report 排名通报
    County {
        #[command(subcommand)]
        action: CountyAction,
    },
    /// 打印文书（.docx，WPS / Word 打开即可打印）：notice 责令限期整改通知书（含送达回证）、reinspection 复查意见书、transfer 移送函、complaint 投诉举报受理及处理反馈单、inspection 现场检查笔录；templates 写出模板供修改
    Document {
        /// 文书：notice / reinspection / transfer / complaint / inspection，或 templates
        #[arg(value_name = "文书")]
        paper: String,
        /// 整改通知的文书编号，或投诉编号（templates 不需要）
        #[arg(value_name = "编号")]
        key: Option<String>,
        /// 输出文件（默认写到数据库旁的「文书」文件夹）；templates 为输出目录
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// 移送函、反馈单中写出举报人姓名和电话（默认打码；会记入审计）
        #[arg(long)]
        include_personal: bool,
    },
    /// 上报：每周一检点、每月一通报、年度统计（文字、--csv 或 --json）
    Report {
        #[command(subcommand)]
        period: ReportPeriod,
    },
    /// 今日值班概况：排班检查、巡查提醒、投诉计时、整改通知
    Today {
        /// 以 JSON 输出，供脚本使用
        #[arg(long)]
        json: bool,
    },
    /// 说明期限：一件投诉或一份整改通知的每个期限从何而来（规则与设置、逐日计数、节假日与调休、延期、暂定）
    Explain {
        /// 投诉编号或整改通知文书编号
        #[arg(value_name = "编号")]
        key: String,
    },
    /// 日历：`calendar 2026-10` 显示当月休/班；`calendar add 2026-09-30 3` 计算第 N 个工作日；`calendar template 2027` 写出该年法定节假日的底稿
    Calendar {
        /// 月份（YYYY-MM），或 add 日期 天数，或 template 年份
        #[arg(num_args = 0..=3, value_name = "MONTH | add DATE N | template YEAR")]
        args: Vec<String>,
    },
    /// 演示：打开演示数据库（第一次运行时新建，数据按整周平移到本周；再次运行时打开上次的，演示中办理的事都在）
    Demo {
        /// 只载入演示数据，不打开值班台
        #[arg(long)]
        load_only: bool,
        /// 重新开始：先把现有的演示数据库备份到 backups/，再新建（按本周平移）
        #[arg(long)]
        fresh: bool,
    },
    /// 作废一条记录（不会删除；须写明原因）
    Void {
        /// 数据类别：officers / areas / matters / roster / patrols / complaints / notices / leaves / subjects / lenient / plan / campaigns
        #[arg(value_name = "类别")]
        kind: String,
        /// 记录的编号；排班为“日期 巡查组”
        #[arg(value_name = "编号")]
        key: String,
        /// 作废原因（必填，记入审计）
        #[arg(long, value_name = "原因")]
        reason: String,
    },
    /// 检查数据库：SQLite 完整性检查、审计链，以及每条记录与其审计记录是否一致；有问题时逐条列出并以非零状态退出
    Verify {
        /// 再对照已交出的月度移交包：审计链须仍经过包中清单记录的链头（可写多个）
        #[arg(long, value_name = "DIR")]
        against: Vec<PathBuf>,
    },
    /// 备份数据库（经 SQLite 备份接口；默认存到数据库旁的 backups/）
    Backup {
        /// 备份到此文件
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
    },
    /// 从备份恢复：先检查备份，再把当前数据库另存，然后替换（请先关闭值班台）
    Restore { file: PathBuf },
    /// 生成规模测试用的数据：多年的台账 CSV 与导入后的数据库（写入新目录）
    GenDemo {
        #[arg(long, default_value_t = 10)]
        years: u32,
        /// 规模：1 约为 2 万件投诉、5 千份整改通知、10 万条巡查；50 约为 100 万件投诉
        #[arg(long, default_value_t = 1)]
        scale: u32,
        /// 输出目录（写入生成的 CSV 和数据库；--townships 时每个乡镇一个子目录）
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// 生成多个乡镇（各自的数据库和每月移交包，供 county import 汇总）
        #[arg(long, value_name = "N")]
        townships: Option<usize>,
        /// 只为最近几个完整月份导出移交包（默认全部月份；只用于 --townships）
        #[arg(long, value_name = "M")]
        months: Option<usize>,
    },
    /// 基准测试用：在内存终端上绘制看板若干次，输出每帧耗时（JSON）
    #[command(hide = true)]
    BenchFrames {
        #[arg(long, default_value_t = 120)]
        width: u16,
        #[arg(long, default_value_t = 40)]
        height: u16,
        #[arg(long, default_value_t = 200)]
        frames: usize,
        /// 测统计页：先画出（统计数字尚未算好的）第一帧，再计时统计本身，然后画统计页
        #[arg(long)]
        stats: bool,
    },
    /// 投诉线索：中止计时（stop）、恢复计时（resume）、超时申诉（appeal）、申诉审批（review）
    Complaint {
        #[command(subcommand)]
        action: crate::cli_leads::ComplaintAction,
    },
    /// 排班：查看某天的排班与检查，设置或撤下一个巡查组
    Roster {
        #[command(subcommand)]
        action: RosterAction,
    },
    /// 案卷自查：按评查清单（可替换的 templates/checklist.txt）给整改通知和投诉案卷评分，列出扣分项和合格率
    Review(crate::cli_files::ReviewArgs),
    /// 年度归档：写出该年的台账、文书、证据登记、案卷自查结果、年度统计和带 SHA-256 的清单（verify-handoff 可核对）
    Archive(crate::cli_files::ArchiveArgs),
    /// 双随机抽查：抽取（new）、列出（list）、查看（show）、复核（verify）、导出结果公示（export）
    Draw {
        #[command(subcommand)]
        action: crate::cli_checks::DrawAction,
    },
    /// 现场检查：登记（record）、首违不罚判断（lenient）、列出（list）、作废（void）
    Inspection {
        #[command(subcommand)]
        action: crate::cli_checks::InspectionAction,
    },
    /// 证据登记：登记照片、录音、录像文件的 SHA-256（add）、列出（list）、核对（check）
    Evidence {
        #[command(subcommand)]
        action: crate::cli_checks::EvidenceAction,
    },
    /// 公示：列出须公示的执法决定和期限（list）、登记已公示（done）、导出待公示清单（export）
    Publicity {
        #[command(subcommand)]
        action: crate::cli_checks::PublicityAction,
    },
    /// 查看或修改设置：期限、按时率目标、临期提醒、执法队名称
    Settings {
        /// 以 JSON 输出全部设置（供脚本使用）
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<SettingsAction>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RosterAction {
    /// 显示某天的排班和检查（默认今天）
    Show {
        #[arg(value_name = "日期")]
        date: Option<String>,
    },
    /// 设置一个巡查组（没有则新增）：人员、区域可写工号 / 编号或姓名 / 名称
    Set {
        #[arg(value_name = "日期")]
        date: String,
        #[arg(value_name = "巡查组")]
        team: String,
        /// 人员，如 W001、W002 或 赵建国、钱志强
        #[arg(long, value_name = "人员")]
        officers: String,
        /// 区域，如 Q01、Q02 或 集镇中心街
        #[arg(long, value_name = "区域")]
        areas: String,
        /// 班次，如 全天、上午
        #[arg(long, value_name = "班次", default_value = "")]
        shift: String,
        /// 过去日期的排班是历史记录，只能写明原因更正
        #[arg(long, value_name = "原因")]
        correct: Option<String>,
    },
    /// 撤下一个巡查组（作废，不删除；须写明原因）
    Remove {
        #[arg(value_name = "日期")]
        date: String,
        #[arg(value_name = "巡查组")]
        team: String,
        #[arg(long, value_name = "原因")]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingsAction {
    /// 显示当前设置
    Show,
    /// 修改一项设置：verify_hours_simple（小时）、verify_workdays_complex、feedback_workdays、reinspect_workdays（工作日）、on_time_target（如 0.95 或 95%）、soon_hours（临期提醒小时数）
    Set {
        /// 设置项
        key: String,
        /// 新的值
        value: String,
        /// 只对该来源渠道生效（如 12345热线；只用于四项期限）
        #[arg(long)]
        channel: Option<String>,
    },
    /// 设置执法队名称（显示在值班台顶部），如 卧牛河镇综合行政执法队
    Name { name: String },
    /// 设置本乡镇的统计用区划代码（9–12 位数字，如 150783101），写入移交包，县里据此区分各乡镇
    Code { code: String },
}

#[derive(Debug, Subcommand)]
pub enum ReportPeriod {
    /// 周检点（默认上一个完整的周）
    Week {
        /// ISO 周，如 2026-W41
        #[arg(long, value_name = "YYYY-Www")]
        week: Option<String>,
        #[command(flatten)]
        form: ReportForm,
    },
    /// 月通报（默认上一个完整的月）
    Month {
        /// 月份，如 2026-10
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        #[command(flatten)]
        form: ReportForm,
    },
    /// 年度统计（默认今年截至今天）
    Year {
        #[arg(long, value_name = "YYYY")]
        year: Option<String>,
        #[command(flatten)]
        form: ReportForm,
    },
}

#[derive(Debug, Args)]
pub struct ReportForm {
    /// 以 CSV 输出（部分, 指标, 数值, 目标）
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// 以 JSON 输出（比率为 0 到 1 的小数）
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum CountyAction {
    /// 导入乡镇的月度移交包（一个或多个目录）：先按清单核对每个文件，同一移交包再导入不产生改动
    Import {
        /// 移交包目录（export handoff 写出的目录，内有 manifest.csv），可写多个或用通配符
        #[arg(value_name = "目录", required = true)]
        dirs: Vec<PathBuf>,
    },
    /// 核对汇总库：完整性、每个移交包导入后的数据是否被改动、各乡镇逐月的审计链是否接上
    Verify,
    /// 导出给省级分析引擎（DuckDB、Spark、ClickHouse）：按 county=/month=/town= 分区的 CSV 和带 SHA-256 的清单
    Export {
        /// 输出目录（须为空或尚不存在）
        #[arg(long, value_name = "目录")]
        out: PathBuf,
    },
    /// 排名通报：month 月度监测、quarter 季度通报、year 年度总评（文字、--json、--csv 或 --xlsx 文件）
    Report {
        /// month / quarter / year
        #[arg(value_name = "期间")]
        period: String,
        /// 所在月份（YYYY-MM），默认为已导入的最近一个月
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        /// 输出 JSON（比率为 0–1 的小数）
        #[arg(long)]
        json: bool,
        /// 输出 CSV（排名表）
        #[arg(long)]
        csv: bool,
        /// 写出工作簿：排名、约谈、热力图三张表
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
}
