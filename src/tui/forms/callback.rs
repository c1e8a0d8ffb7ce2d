//! The call-back form (回访): when and how the reporter was called, what they said, and
//! whether the problem is actually fixed (not fixed opens a follow-up lead).

use chrono::NaiveDateTime;
use zhifa_desk::domain::callback::{Answer, CALLBACK_METHODS, CallBack};

use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::find::{datetime, labels, now_text, unchosen};
use super::kind::FormKind;
use super::labels::{
    CALLBACK_ANSWER, CALLBACK_AT, CALLBACK_BY, CALLBACK_METHOD, CALLBACK_NOTE, FIXED,
};

/// Left as it is when nobody answered.
const NOT_REACHED: &str = "（未联系上，不填）";

pub fn form(id: &str, now: NaiveDateTime) -> Form<FormKind> {
    let fields = vec![
        Field::text(CALLBACK_AT, &now_text(now), Format::DateTime).required(),
        Field::choice(
            CALLBACK_METHOD,
            CALLBACK_METHODS.iter().map(|m| m.to_string()).collect(),
            0,
        ),
        Field::choice(
            CALLBACK_ANSWER,
            unchosen(labels(Answer::ALL, Answer::label)),
            0,
        )
        .required(),
        Field::choice(FIXED, vec![NOT_REACHED.into(), "是".into(), "否".into()], 0),
        Field::text(CALLBACK_BY, "", Format::Any).required(),
        Field::text(CALLBACK_NOTE, "", Format::Any),
    ];
    let kind = FormKind::CallBack { id: id.to_string() };
    Form::new(
        kind,
        format!("回访：投诉 {id}（问题未解决的另立一件重新办理）"),
        fields,
    )
}

pub(super) fn submit(
    form: &Form<FormKind>,
    data: &super::super::data::Data,
    id: &str,
) -> Result<Write, String> {
    let fixed = match form.get(FIXED).as_str() {
        "是" => Some(true),
        "否" => Some(false),
        _ => None,
    };
    let by = super::find::officers(form, CALLBACK_BY, data)?;
    let [by] = by.as_slice() else {
        return Err(format!("{CALLBACK_BY}：写一名回访人"));
    };
    Ok(Write::CallBack {
        id: id.to_string(),
        call: Box::new(CallBack {
            at: datetime(form, CALLBACK_AT)?,
            by: by.clone(),
            method: form.get(CALLBACK_METHOD),
            answer: form.get(CALLBACK_ANSWER),
            fixed,
            note: form.get(CALLBACK_NOTE),
            follow_up: String::new(),
        }),
    })
}
