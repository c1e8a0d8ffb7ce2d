//! What a key does over a page: in an open menu, and in an open form (save, or ask first).

use super::super::action::Action;
use super::super::app::App;
use super::super::effect::Effect;
use super::super::forms;
use super::super::state::{Confirm, Pick};

impl App {
    pub(super) fn update_menu(&mut self, action: Action) -> Effect {
        let Some(menu) = self.menu.as_mut() else {
            return Effect::None;
        };
        match action {
            Action::Back => self.menu = None,
            Action::Open => {
                let pick = menu.items.get(menu.cursor.0).map(|(_, p)| p.clone());
                self.menu = None;
                match pick {
                    Some(Pick::Write(w)) => return Effect::Write(w),
                    Some(Pick::Confirm { question, write }) => {
                        self.confirm = Some(Confirm::Write { question, write });
                    }
                    Some(Pick::Form(kind)) => {
                        self.form = forms::step_form(&self.data, kind, self.now);
                    }
                    None => {}
                }
            }
            a => {
                menu.cursor.apply(a, menu.items.len());
            }
        }
        Effect::None
    }

    pub(super) fn update_form(&mut self, action: Action) -> Effect {
        let Some(form) = self.form.as_mut() else {
            return Effect::None;
        };
        match action {
            Action::Cancel if form.dirty() => self.confirm = Some(Confirm::Discard),
            Action::Cancel => self.form = None,
            Action::NextField => form.next(),
            Action::PrevField => form.prev(),
            Action::Save => {
                let built = form.check().and_then(|()| forms::submit(form, &self.data));
                // A team that breaks a rule, or a deadline set by hand on a day off, is saved
                // only after the officer has seen why.
                let problems = super::super::forms::team::live_checks(form, &self.data);
                let mut questions = Vec::new();
                if !problems.is_empty() {
                    questions.push(format!(
                        "该组有 {} 项问题：{}",
                        problems.len(),
                        problems.join("；")
                    ));
                }
                questions.extend(super::super::questions::before_saving(
                    form, &self.data, self.now,
                ));
                match built {
                    Ok(write) if !questions.is_empty() => {
                        let question = format!("{}。仍要保存吗？", questions.join("；"));
                        self.confirm = Some(Confirm::Write { question, write });
                    }
                    Ok(w) => return Effect::Write(w),
                    Err(why) => form.error = Some(why),
                }
            }
            _ => {}
        }
        Effect::None
    }
}
