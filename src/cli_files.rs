//! The command line of case files: 案卷自查 and the year's archive.

use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// 一件案卷：整改通知文书编号或投诉编号（不写则列出一段期间的案卷）
    #[arg(value_name = "编号")]
    pub key: Option<String>,
    /// 期间：月份（YYYY-MM）；默认为今年
    #[arg(long, value_name = "YYYY-MM", conflicts_with = "year")]
    pub month: Option<String>,
    /// 期间：年份（YYYY）
    #[arg(long, value_name = "YYYY")]
    pub year: Option<String>,
    /// 连合格的案卷一并列出（默认只列不合格和有扣分的）
    #[arg(long)]
    pub all: bool,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ArchiveArgs {
    /// 归档年份（YYYY）
    #[arg(value_name = "年份")]
    pub year: String,
    /// 归档写到的文件夹（须为空或尚不存在）
    #[arg(long, value_name = "目录")]
    pub out: PathBuf,
    /// 写出举报人姓名和电话（默认打码；会记入审计，并在封面注明）
    #[arg(long)]
    pub include_personal: bool,
}
