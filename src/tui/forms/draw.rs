//! The draw form (双随机抽取): the task, the day, how many, which part of the list, and the
//! seed (an announced number, or left empty for a random one; recorded either way).

use chrono::{Duration, NaiveDate};
use zhifa_desk::domain::{Filter, Risk};
use zhifa_desk::store::draws::Request;

use super::super::data::Data;
use super::super::effect::Write;
use super::super::form::{Field, Form, Format};
use super::find::{area_options, date, key_of, labels, matter_options};
use super::kind::FormKind;
use super::labels::{AREA, COUNT, DRAW_DATE, DRAW_TITLE, MATTER, RISK, SEED};

/// "（不限）": a part of the list not narrowed.
const ANY: &str = "（不限）";

pub fn form(data: &Data, today: NaiveDate) -> Form<FormKind> {
    let mut risks = vec![ANY.to_string()];
    risks.extend(labels(Risk::ALL, Risk::label));
    // The list's first options say "none"; here they mean "any".
    let mut matters = matter_options(data);
    matters[0] = ANY.to_string();
    let mut areas = area_options(data);
    areas[0] = ANY.to_string();
    let fields = vec![
        Field::text(DRAW_TITLE, "", Format::Any).required(),
        Field::text(
            DRAW_DATE,
            &(today + Duration::days(1)).to_string(),
            Format::Date,
        )
        .required(),
        Field::text(COUNT, "3", Format::Any).required(),
        Field::choice(MATTER, matters, 0),
        Field::choice(RISK, risks, 0),
        Field::choice(AREA, areas, 0),
        Field::text(SEED, "", Format::Any),
    ];
    Form::new(
        FormKind::Draw,
        "双随机抽取（种子不填则随机生成并记录）",
        fields,
    )
}

pub(super) fn submit(form: &Form<FormKind>) -> Result<Write, String> {
    let get = |label: &str| form.get(label);
    let count = get(COUNT)
        .parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or(format!("{COUNT}：应为 1 以上的整数"))?;
    let risk = get(RISK);
    Ok(Write::Draw(Box::new(Request {
        title: get(DRAW_TITLE),
        date: date(form, DRAW_DATE)?,
        filter: Filter {
            matter: key_of(&get(MATTER)),
            risk: Risk::parse(&risk).map(|r| r.label().to_string()),
            area: key_of(&get(AREA)),
        },
        count,
        seed: Some(get(SEED)).filter(|s| !s.is_empty()),
        redraw: None,
    })))
}
