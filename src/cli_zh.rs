//! clap's own words in Chinese: help headings and flags, and every parse error said plainly,
//! so nothing the duty officer reads on the command line is English.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// clap's fixed English in help text, and what the desk says instead.
const HELP_WORDS: [(&str, &str); 11] = [
    ("Usage: ", "用法："),
    ("[OPTIONS]", "[选项]"),
    ("<COMMAND>", "<命令>"),
    ("[COMMAND]", "[命令]"),
    ("Commands:", "命令："),
    ("Arguments:", "参数："),
    ("Options:", "选项："),
    (
        "Print this message or the help of the given subcommand(s)",
        "显示本帮助，或某个命令的帮助",
    ),
    ("Print help", "显示帮助"),
    ("Print version", "显示版本"),
    ("[default: ", "[默认："),
];

/// Help text as clap renders it, in Chinese.
pub fn help(text: &str) -> String {
    let mut out = text.to_string();
    for (en, zh) in HELP_WORDS {
        out = out.replace(en, zh);
    }
    // An empty default says nothing.
    out.replace(" [默认：\"\"]", "")
}

const MORE: &str = "查看全部命令：zhifa-desk --help；查看某个命令的用法：zhifa-desk 命令 --help";

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// What a parse error says, in Chinese: what was wrong, a suggestion if clap has one, and
/// where to look.
pub fn error(e: &clap::Error) -> String {
    let invalid = || context(e, ContextKind::InvalidArg);
    let value = || context(e, ContextKind::InvalidValue);
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "不认识的命令「{}」",
            context(e, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument => format!("不认识的选项「{}」", invalid()),
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue);
            let valid = if valid.is_empty() {
                String::new()
            } else {
                format!("，可用的值：{valid}")
            };
            format!("{} 的值「{}」无效{valid}", invalid(), value())
        }
        ErrorKind::ValueValidation => format!("{} 的值「{}」无效", invalid(), value()),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{}", invalid()),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少要执行的命令".to_string()
        }
        ErrorKind::ArgumentConflict => match context(e, ContextKind::PriorArg) {
            prior if prior == invalid() => format!("{prior} 只能写一次"),
            prior => format!("{} 不能与 {prior} 同时使用", invalid()),
        },
        ErrorKind::TooManyValues => format!("{} 给的值太多：「{}」", invalid(), value()),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{} 给的值个数不对", invalid())
        }
        ErrorKind::NoEquals => format!("{} 的写法不对", invalid()),
        ErrorKind::InvalidUtf8 => "命令行中有无法识别的文字（不是 UTF-8）".to_string(),
        _ => "命令行有误".to_string(),
    };
    let what = what.replace("「」", "");
    let suggestion = match context(e, ContextKind::SuggestedSubcommand) {
        s if !s.is_empty() => format!("\n是不是想用命令「{s}」？"),
        _ => match context(e, ContextKind::SuggestedArg) {
            s if !s.is_empty() => format!("\n是不是想用选项「{s}」？"),
            _ => String::new(),
        },
    };
    format!("错误：{what}{suggestion}\n{MORE}")
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::Cli;

    fn err(args: &[&str]) -> String {
        let mut all = vec!["zhifa-desk"];
        all.extend(args);
        error(&Cli::try_parse_from(all).unwrap_err())
    }

    #[test]
    fn parse_errors_are_chinese_and_name_what_was_wrong() {
        let e = err(&["frobnicate"]);
        assert!(e.contains("不认识的命令「frobnicate」"), "{e}");
        let e = err(&["todya"]);
        assert!(e.contains("是不是想用命令「today」"), "{e}");
        let e = err(&["void"]);
        assert!(
            e.contains("缺少必需的参数") && e.contains("--reason"),
            "{e}"
        );
        let e = err(&["today", "--jsn"]);
        assert!(e.contains("不认识的选项「--jsn」"), "{e}");
        let e = err(&["report", "week", "--csv", "--json"]);
        assert!(e.contains("不能与"), "{e}");
        for e in [
            err(&["frobnicate"]),
            err(&["void"]),
            err(&["today", "--jsn"]),
        ] {
            assert!(
                !e.contains("error") && !e.contains("Usage") && !e.contains("tip"),
                "{e}"
            );
        }
    }
}
