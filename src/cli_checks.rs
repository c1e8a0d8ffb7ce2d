//! The command line of inspections: 双随机 draws and on-site inspection records.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum DrawAction {
    /// 抽取：从检查对象名录中随机抽取对象，并为每个对象抽取两名当天在岗、持有效执法证的执法人员（回避上次检查的人员）
    New {
        /// 抽查任务名称，如 "2026年12月餐饮油烟双随机抽查"
        #[arg(long, value_name = "名称")]
        title: String,
        /// 检查日期：抽取当天能够执法的人员
        #[arg(long, value_name = "日期")]
        date: String,
        /// 抽取对象的数量
        #[arg(long, value_name = "N")]
        count: usize,
        /// 只从适用该事项的对象中抽取（事项编号）
        #[arg(long, value_name = "事项编号")]
        matter: Option<String>,
        /// 只从该风险等级的对象中抽取：低 / 中 / 高
        #[arg(long, value_name = "等级")]
        risk: Option<String>,
        /// 只从该区域的对象中抽取（区域编号）
        #[arg(long, value_name = "区域编号")]
        area: Option<String>,
        /// 事先公布的随机种子（如当期福彩号码）；不填则随机生成，一并记录
        #[arg(long, value_name = "种子")]
        seed: Option<String>,
        /// 重新抽取：要代替的抽查编号（原抽查作废，须写明原因）
        #[arg(long, value_name = "抽查编号", requires = "reason")]
        redraw: Option<String>,
        /// 重新抽取的原因
        #[arg(long, value_name = "原因", requires = "redraw")]
        reason: Option<String>,
    },
    /// 列出全部抽查（含已作废的）
    List,
    /// 显示一次抽查的条件和结果
    Show {
        #[arg(value_name = "抽查编号")]
        id: String,
    },
    /// 复核：按记录的名录、人员和种子重新计算，结果须与记录逐项相同
    Verify {
        #[arg(value_name = "抽查编号")]
        id: String,
    },
    /// 导出抽查结果公示表（CSV，或 --out 文件.xlsx）；个人的姓名和身份证号打码
    Export {
        #[arg(value_name = "抽查编号")]
        id: String,
        /// 输出文件（.csv 或 .xlsx）；不填则输出到屏幕
        #[arg(long, value_name = "文件")]
        out: Option<std::path::PathBuf>,
        /// 公示个人的完整姓名和身份证号（一般不应公示）
        #[arg(long)]
        include_personal: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum InspectionAction {
    /// 登记一次现场检查；检查结论为「责令整改」时同时下达整改通知
    Record(Box<RecordArgs>),
    /// 首违不罚：该对象的该事项违法是否可以首违不罚（事项在清单中，且期限内没有同一事项的违法记录）
    Lenient {
        #[arg(value_name = "对象编号")]
        subject: String,
        #[arg(long, value_name = "事项编号")]
        matter: String,
    },
    /// 列出一段时间的现场检查（默认本月）
    List {
        #[arg(long, value_name = "日期")]
        from: Option<String>,
        #[arg(long, value_name = "日期")]
        to: Option<String>,
    },
    /// 作废一次登记错误的检查（不删除，须写明原因）
    Void {
        #[arg(value_name = "检查编号")]
        id: String,
        #[arg(long, value_name = "原因")]
        reason: String,
    },
}

/// What `inspection record` is told.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// 检查对象（对象编号）
    #[arg(long, value_name = "对象编号")]
    pub subject: String,
    /// 两名检查人员的工号，如 W001、W002
    #[arg(long, value_name = "工号")]
    pub officers: String,
    /// 检查来源：日常检查 / 计划检查 / 双随机抽查 / 专项检查
    #[arg(long, value_name = "来源", default_value = "日常检查")]
    pub source: String,
    /// 双随机抽查的抽查编号
    #[arg(long, value_name = "抽查编号", default_value = "")]
    pub draw: String,
    /// 专项检查的专项名称，或计划检查的计划项目
    #[arg(long, value_name = "名称", default_value = "")]
    pub campaign: String,
    /// 所查事项（事项编号）；发现违法时必填
    #[arg(long, value_name = "事项编号")]
    pub matter: Option<String>,
    /// 检查内容
    #[arg(long, value_name = "内容", default_value = "")]
    pub checked: String,
    /// 检查结论：合格 / 责令整改 / 首违不罚 / 移送
    #[arg(long, value_name = "结论")]
    pub finding: String,
    /// 存在的问题（结论不是合格时必填）
    #[arg(long, value_name = "问题", default_value = "")]
    pub problem: String,
    /// 首违不罚给予的指导意见
    #[arg(long, value_name = "意见", default_value = "")]
    pub guidance: String,
    /// 移送的单位
    #[arg(long, value_name = "单位", default_value = "")]
    pub refer_to: String,
    /// 责令整改的整改期限（据此下达整改通知）
    #[arg(long, value_name = "日期")]
    pub deadline: Option<String>,
    /// 责令整改的整改要求
    #[arg(long, value_name = "要求", default_value = "")]
    pub requirement: String,
    /// 检查时间（默认现在）
    #[arg(long, value_name = "时间")]
    pub at: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PublicityAction {
    /// 列出近 60 日须公示的执法决定（整改通知、立案、抽查结果）及公示期限；默认只列未公示的
    List {
        /// 也列出已公示的
        #[arg(long)]
        all: bool,
    },
    /// 登记一项决定已公示
    Done {
        /// 类别：整改通知 / 立案 / 抽查结果
        #[arg(value_name = "类别")]
        kind: String,
        /// 文书编号、立案编号或抽查编号
        #[arg(value_name = "编号")]
        key: String,
        /// 公示日期（默认今天）
        #[arg(long, value_name = "日期")]
        on: Option<String>,
        /// 公示渠道，如 政府门户网站、公示栏
        #[arg(long, value_name = "渠道")]
        place: String,
    },
    /// 导出待公示的决定（CSV，或 --out 文件.xlsx），供门户网站录入；个人姓名打码
    Export {
        #[arg(long, value_name = "文件")]
        out: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum EvidenceAction {
    /// 登记证据文件（照片、录音、执法记录仪视频）：记下位置、大小和 SHA-256，文件本身不复制；可给文件夹（登记其中全部文件）
    Add {
        /// 文件或文件夹
        #[arg(value_name = "文件", required = true)]
        files: Vec<std::path::PathBuf>,
        /// 所属记录的类别：现场检查 / 整改通知 / 投诉
        #[arg(long = "for", value_name = "类别")]
        link_kind: String,
        /// 所属记录的编号
        #[arg(long, value_name = "编号")]
        key: String,
        /// 提供证据的执法人员（工号）
        #[arg(long, value_name = "工号")]
        by: String,
        /// 说明，如 "店外占道全景"
        #[arg(long, value_name = "说明", default_value = "")]
        note: String,
    },
    /// 列出证据（可只列一条记录的）
    List {
        #[arg(long = "for", value_name = "类别", requires = "key")]
        link_kind: Option<String>,
        #[arg(long, value_name = "编号")]
        key: Option<String>,
    },
    /// 核对证据文件是否仍与登记时一致（verify 也会核对）
    Check,
}
