//! Officers and areas as people write them (desk forms, the command line): by 工号 / 编号 or by
//! name, several separated by 、 or ; — a name shared by two is refused with both numbers shown.

use super::{Area, Officer};
use crate::written;

/// The keys of the items written in `text`, each given by key or by exact name.
fn resolve<'a>(
    text: &str,
    what: &str,
    items: impl Iterator<Item = (&'a str, &'a str)> + Clone,
) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for word in written::list(text) {
        let by_key = items.clone().find(|(k, _)| k.eq_ignore_ascii_case(&word));
        let key = match by_key {
            Some((k, _)) => k.to_string(),
            None => {
                let named: Vec<(&str, &str)> = items.clone().filter(|(_, n)| *n == word).collect();
                match named.as_slice() {
                    [(k, _)] => k.to_string(),
                    [] => return Err(format!("找不到{what}「{word}」（可写编号或全名）")),
                    many => {
                        let list: Vec<String> =
                            many.iter().map(|(k, n)| format!("{k} {n}")).collect();
                        return Err(format!(
                            "{what}「{word}」有 {} 个同名：{}，请写编号",
                            many.len(),
                            list.join("、")
                        ));
                    }
                }
            }
        };
        if !out.contains(&key) {
            out.push(key);
        }
    }
    Ok(out)
}

pub fn officers(text: &str, all: &[Officer]) -> Result<Vec<String>, String> {
    resolve(
        text,
        "人员",
        all.iter().map(|o| (o.id.as_str(), o.name.as_str())),
    )
}

pub fn areas(text: &str, all: &[Area]) -> Result<Vec<String>, String> {
    resolve(
        text,
        "区域",
        all.iter().map(|a| (a.id.as_str(), a.name.as_str())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officer(id: &str, name: &str) -> Officer {
        Officer {
            id: id.into(),
            name: name.into(),
            squad: String::new(),
            role: crate::domain::Role::Officer,
            cert_no: None,
            cert_expiry: None,
            phone: String::new(),
            status: crate::domain::OfficerStatus::OnDuty,
        }
    }

    #[test]
    fn names_and_numbers_both_find_officers_and_a_shared_name_is_refused() {
        let all = [
            officer("W001", "赵建国"),
            officer("W002", "钱志强"),
            officer("W007", "张伟"),
            officer("W009", "张伟"),
        ];
        assert_eq!(officers("赵建国、钱志强", &all).unwrap(), ["W001", "W002"]);
        assert_eq!(officers("w001;钱志强", &all).unwrap(), ["W001", "W002"]);
        let err = officers("张伟", &all).unwrap_err();
        assert!(
            err.contains("2 个同名") && err.contains("W007 张伟"),
            "{err}"
        );
        assert!(
            officers("李四", &all)
                .unwrap_err()
                .contains("找不到人员「李四」")
        );
    }
}
