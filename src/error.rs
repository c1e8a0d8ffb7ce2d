//! The library's one error type; every message is Chinese and meant for the duty officer.

use std::path::PathBuf;

/// One problem found in an input file, located by line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// The worksheet of a workbook; empty for a CSV file.
    pub sheet: String,
    /// 1-based physical line in the file (the header is line 1).
    pub line: u64,
    /// 1-based column number; 0 when the problem concerns the whole row or file.
    pub column: usize,
    pub header: String,
    pub value: String,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            // About the file as a whole (a year's arrangement that is not complete).
            write!(f, "{}", self.file)?;
        } else if self.sheet.is_empty() {
            write!(f, "{} 第{}行", self.file, self.line)?;
        } else {
            write!(f, "{} 工作表「{}」第{}行", self.file, self.sheet, self.line)?;
        }
        if self.column > 0 && !self.sheet.is_empty() {
            write!(f, " {}列", column_letters(self.column))?;
            if !self.header.is_empty() {
                write!(f, "「{}」", self.header)?;
            }
        } else if self.column > 0 {
            write!(f, " 第{}列", self.column)?;
            if !self.header.is_empty() {
                write!(f, "「{}」", self.header)?;
            }
        }
        if !self.value.is_empty() {
            // A message never quotes what may be someone's phone, whatever the column.
            let value = if crate::text::looks_like_phone(&self.value) {
                crate::domain::personal::phone(&self.value)
            } else {
                crate::text::one_line(&self.value).into_owned()
            };
            write!(f, " 值“{value}”")?;
        }
        write!(f, "：{}", self.reason)
    }
}

/// A spreadsheet's name for a 1-based column: 1 → A, 27 → AA.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let d = (column - 1) % 26;
        letters.push(b'A' + d as u8);
        column = (column - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", db_message(.0))]
    Db(#[from] rusqlite::Error),
    #[error(
        "数据库文件 {path} 由更新版本（架构版本 {found}）创建，本程序只支持到版本 {supported}，请升级程序后再打开"
    )]
    SchemaTooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("{}", io_message(path, source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("导入未执行，{}（数据库未作任何修改）：\n{}", found(*total), join_problems(problems, *total))]
    Import {
        /// The first problems found (at most `LISTED_PROBLEMS`).
        problems: Vec<Problem>,
        /// All of them, counted.
        total: usize,
    },
    #[error("{0}")]
    Invalid(String),
    #[error("找不到{kind}「{key}」")]
    NotFound { kind: &'static str, key: String },
}

/// SQLite's failures that the duty officer can act on, said plainly; others as they come.
fn db_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    let unchanged = "本次操作未作任何修改";
    // A value of a type the program never writes: someone edited the file behind its back.
    let untyped = |col: &str, ty: &rusqlite::types::Type| {
        let ty = match ty {
            rusqlite::types::Type::Null => "空值",
            rusqlite::types::Type::Integer => "整数",
            rusqlite::types::Type::Real => "小数",
            rusqlite::types::Type::Text => "文字",
            rusqlite::types::Type::Blob => "二进制数据",
        };
        format!(
            "数据库中有一行的{}是{ty}，本程序不会这样写，无法读取（数据被绕过本程序改动）；请运行 zhifa-desk verify 查看是哪一行",
            match col {
                "" => "某一列".to_string(),
                col => format!("「{}」", crate::domain::columns::label(col)),
            }
        )
    };
    match e {
        rusqlite::Error::InvalidColumnType(_, col, ty) => return untyped(col, ty),
        rusqlite::Error::FromSqlConversionFailure(_, ty, _) => return untyped("", ty),
        _ => {}
    }
    match e.sqlite_error_code() {
        Some(DatabaseBusy | DatabaseLocked) => format!(
            "数据库正被另一个程序占用（例如正在进行的导入），等了 5 秒仍未释放；{unchanged}，请稍后再试"
        ),
        Some(ReadOnly) => {
            format!("数据库文件是只读的，无法写入；{unchanged}（请检查文件权限或磁盘写保护）")
        }
        Some(DiskFull) => format!("磁盘已满，无法写入；{unchanged}，请清理磁盘后重试"),
        // SQLite says only "disk I/O error"; a full disk is the usual cause on an office PC.
        Some(SystemIoFailure) => format!(
            "读写数据库文件时磁盘出错：磁盘可能已满，或 U 盘、网络盘已断开；{unchanged}，请清理磁盘或检查存储后重试"
        ),
        Some(CannotOpen) => "无法打开数据库文件（目录不存在或没有权限）".to_string(),
        Some(NotADatabase) => "该文件不是 SQLite 数据库，或已损坏".to_string(),
        Some(DatabaseCorrupt) => {
            "数据库文件已损坏；请用 zhifa-desk restore 从 backups/ 中的备份恢复".to_string()
        }
        _ => format!("数据库错误：{e}"),
    }
}

/// An operating-system failure on a file, said in Chinese (the OS words are English).
fn io_message(path: &std::path::Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let path = crate::text::printable(&path.display().to_string()).into_owned();
    match e.kind() {
        StorageFull | QuotaExceeded => format!("磁盘已满，无法写入 {path}；请清理磁盘后重试"),
        NotFound => format!("找不到文件或文件夹 {path}"),
        PermissionDenied => format!("没有权限读写 {path}（请检查文件权限，或换一个文件夹）"),
        ReadOnlyFilesystem => format!("{path} 所在的磁盘是只读的，无法写入"),
        AlreadyExists => format!("{path} 已存在"),
        IsADirectory => format!("{path} 是文件夹，不是文件"),
        NotADirectory => format!("{path} 的上级不是文件夹"),
        _ => match e.raw_os_error() {
            Some(code) => format!("无法读写文件 {path}（系统错误代码 {code}）"),
            None => format!("无法读写文件 {path}"),
        },
    }
}

/// Problems listed in a message; the rest are counted (a broken file can have thousands).
pub const LISTED_PROBLEMS: usize = 50;

/// Past this many problems an import stops reading: the file is not a ledger with mistakes in
/// it, and a small file that expands to millions of rows must not run on for minutes.
pub const STOP_AFTER: usize = 1000;

fn found(total: usize) -> String {
    if total >= STOP_AFTER {
        format!("发现的问题已超过 {STOP_AFTER} 处，其余的行不再检查")
    } else {
        format!("共发现 {total} 处问题")
    }
}

fn join_problems(problems: &[Problem], total: usize) -> String {
    let listed = problems.len().min(LISTED_PROBLEMS);
    let mut lines: Vec<String> = problems[..listed]
        .iter()
        .map(|p| format!("  {p}"))
        .collect();
    if total > listed {
        let more = if total >= STOP_AFTER { "以上" } else { "" };
        lines.push(format!(
            "  ……另有 {} 处{more}问题未列出，请先改正以上各处",
            total - listed
        ));
    }
    lines.join("\n")
}

impl Error {
    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }
    /// An import refused: the first problems found, and how many there were in all.
    pub fn import(problems: Vec<Problem>, total: usize) -> Self {
        Error::Import {
            total: total.max(problems.len()),
            problems,
        }
    }
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
