//! The desk's forms: what each asks for, and the write it becomes on Ctrl+S. `kind` says which
//! form is open; each file below builds and reads the forms of one job.

pub mod callback;
pub mod dispatch;
pub mod draw;
pub mod edit;
pub mod find;
pub mod inspect;
pub mod kind;
pub mod labels;
pub mod new;
pub mod pause;
pub mod people;
pub mod serve;
pub mod step;
pub mod subject;
pub mod team;

use chrono::NaiveDateTime;

pub use find::{find_complaint, find_notice, find_tracked};
pub use kind::FormKind;
pub use new::{complaint_from_patrol, new_complaint, new_notice, patrol};
pub use step::step_word;

use super::data::Data;
use super::effect::Write;
use super::form::Form;
use labels::{REMOVAL_REASON, VOID_REASON};

/// The form for a step picked from a menu.
pub fn step_form(data: &Data, kind: FormKind, now: NaiveDateTime) -> Option<Form<FormKind>> {
    match &kind {
        FormKind::EditComplaint { id } => edit::complaint(data, id),
        FormKind::EditNotice { id } => edit::notice(data, id),
        FormKind::Dispatch { id } => Some(dispatch::dispatch(data, find_complaint(data, id)?)),
        FormKind::Extend { id } => Some(dispatch::extend(
            data,
            find_complaint(data, id)?,
            now.date(),
        )),
        FormKind::Pause { id, step } => {
            Some(pause::form(data, find_complaint(data, id)?, *step, now))
        }
        FormKind::Serve { id } => Some(serve::form(data, id, now.date())),
        FormKind::CallBack { id } => Some(callback::form(id, now)),
        _ => step::form(data, kind, now),
    }
}

/// The write a checked form stands for.
pub fn submit(form: &Form<FormKind>, data: &Data) -> Result<Write, String> {
    match &form.kind {
        FormKind::NewComplaint => new::submit_complaint(form),
        FormKind::NewNotice => new::submit_notice(form, data),
        FormKind::Patrol { team } => new::submit_patrol(form, data, team),
        FormKind::ComplaintStep { id, to } => step::submit_complaint(form, data, id, *to),
        FormKind::Reinspect { id } => step::submit_reinspect(form, data, id),
        FormKind::VoidNotice { id } => Ok(Write::NoticeStep {
            id: id.clone(),
            step: zhifa_desk::store::desk::NoticeStep::Void {
                reason: form.get(VOID_REASON),
            },
        }),
        FormKind::Team { .. } => team::submit(form, data),
        FormKind::RemoveTeam { date, team } => Ok(Write::RemoveTeam {
            date: *date,
            team: team.clone(),
            reason: form.get(REMOVAL_REASON),
        }),
        FormKind::Extend { id } => dispatch::submit_extend(form, data, id),
        FormKind::Dispatch { id } => Ok(Write::ComplaintStep {
            id: id.clone(),
            step: dispatch::submit_dispatch(form, data)?,
        }),
        FormKind::Pause { id, step } => pause::submit(form, data, id, *step),
        FormKind::Leave { officer } => people::submit_leave(form, officer),
        FormKind::Officer { id } => {
            let old = data
                .officers
                .iter()
                .find(|o| &o.id == id)
                .ok_or_else(|| format!("找不到人员 {id}"))?;
            people::submit_officer(form, old)
        }
        FormKind::EditComplaint { id } => edit::submit_complaint(form, data, id),
        FormKind::EditNotice { id } => edit::submit_notice(form, data, id),
        FormKind::Serve { id } => serve::submit(form, data, id),
        FormKind::Inspection => inspect::submit(form, data),
        FormKind::Draw => draw::submit(form),
        FormKind::CallBack { id } => callback::submit(form, data, id),
        FormKind::Subject { id } => subject::submit(form, id.as_deref()),
        FormKind::Publish { kind, key } => inspect::submit_publish(form, *kind, key),
    }
}
