//! The command line of one lead's clock, lateness and call-back: stop, resume, appeal,
//! review, callback.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ComplaintAction {
    /// 中止计时：线索等待外部情况时停表，须队长批准；中止期间不计入期限
    Stop {
        #[arg(value_name = "投诉编号")]
        id: String,
        /// 中止原因：当事人无法联系 / 等待其他部门答复 / 不可抗力 / 其他
        #[arg(long, value_name = "原因")]
        reason: String,
        /// 具体情况（原因为「其他」时必填）
        #[arg(long, value_name = "说明", default_value = "")]
        note: String,
        /// 批准的队长（工号）
        #[arg(long, value_name = "工号")]
        approver: String,
        /// 中止时间（默认现在），如 "2026-11-23 10:00"
        #[arg(long, value_name = "时间")]
        at: Option<String>,
    },
    /// 恢复计时：中止的线索重新计时，期限按中止的时间顺延
    Resume {
        #[arg(value_name = "投诉编号")]
        id: String,
        /// 恢复时间（默认现在）
        #[arg(long, value_name = "时间")]
        at: Option<String>,
    },
    /// 超时申诉：已超期的线索可申诉一次；获批后仍记为超期，只从“剔除申诉后按时办理率”中剔除
    Appeal {
        #[arg(value_name = "投诉编号")]
        id: String,
        /// 申诉理由
        #[arg(long, value_name = "理由")]
        reason: String,
    },
    /// 申诉审批：队长批准（--approve）或不予批准（--reject，须写意见）
    Review {
        #[arg(value_name = "投诉编号")]
        id: String,
        /// 批准
        #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
        approve: bool,
        /// 不予批准
        #[arg(long)]
        reject: bool,
        /// 审批的队长（工号）
        #[arg(long, value_name = "工号")]
        by: String,
        /// 审批意见
        #[arg(long, value_name = "意见", default_value = "")]
        opinion: String,
    },
    /// 回访：已结案的投诉回访举报人，记录满意度和问题是否实际解决；未解决的另立一件“重新办理”的投诉
    Callback {
        #[arg(value_name = "投诉编号")]
        id: String,
        /// 回访方式：电话 / 短信 / 上门
        #[arg(long, value_name = "方式", default_value = "电话")]
        method: String,
        /// 回访结果：满意 / 基本满意 / 不满意 / 未联系上
        #[arg(long, value_name = "结果")]
        answer: String,
        /// 问题是否已实际解决：是 / 否（未联系上时不填）
        #[arg(long, value_name = "是/否")]
        fixed: Option<String>,
        /// 回访人（工号）
        #[arg(long, value_name = "工号")]
        by: String,
        /// 回访情况
        #[arg(long, value_name = "说明", default_value = "")]
        note: String,
        /// 回访时间（默认现在）
        #[arg(long, value_name = "时间")]
        at: Option<String>,
    },
    /// 列出待回访的投诉（已结案、尚未回访，最早到期的在前）
    Callbacks,
}
