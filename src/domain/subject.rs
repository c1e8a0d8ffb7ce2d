//! 检查对象: the units, businesses and people a team inspects, as its 检查对象名录 lists them.

use serde::Serialize;

labelled_enum!(SubjectKind {
    Unit => "单位",
    Business => "个体工商户",
    Person => "个人",
});

labelled_enum!(Risk {
    Low => "低",
    Medium => "中",
    High => "高",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    /// 对象编号, the key.
    pub id: String,
    pub name: String,
    pub kind: SubjectKind,
    /// 统一社会信用代码, or a person's 身份证号; empty when there is none.
    pub code: String,
    pub address: String,
    pub area: Option<String>,
    /// The matters (事项编号) that apply to it: what a draw by matter selects on.
    pub matters: Vec<String>,
    pub risk: Risk,
}

impl Subject {
    /// Checks the fields that belong together; returns (column, reason) pairs.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let person = self.kind == SubjectKind::Person;
        match super::ident::problem(&self.code, person) {
            Some(why) => vec![(
                if person {
                    "身份证号"
                } else {
                    "统一社会信用代码"
                },
                why.to_string(),
            )],
            None => Vec::new(),
        }
    }

    /// The name and code as a 公示 shows them: a person's name and 身份证号 masked unless
    /// `reveal`; a unit's or a business's shown (they are public on its licence).
    pub fn shown(&self, reveal: bool) -> (String, String) {
        if reveal || self.kind != SubjectKind::Person {
            (self.name.clone(), self.code.clone())
        } else {
            (
                super::personal::name(&self.name),
                super::ident::masked_id(&self.code),
            )
        }
    }
}
