//! A form: labelled fields checked as they are typed, with the reason in Chinese.

use crossterm::event::{KeyCode, KeyEvent};
use zhifa_desk::written;

use super::text_field::TextField;

/// How a text field's content is checked as it is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Any,
    Date,
    DateTime,
    Time,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Text(TextField, Format),
    /// One of a list; ←/→ step through it, typing jumps to the first option containing the text.
    Choice {
        options: Vec<String>,
        selected: usize,
        query: TextField,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub input: Input,
    pub required: bool,
    initial: String,
}

impl Field {
    pub fn text(label: &'static str, value: &str, format: Format) -> Field {
        Field {
            label,
            input: Input::Text(TextField::new(value), format),
            required: false,
            initial: value.to_string(),
        }
    }

    pub fn choice(label: &'static str, options: Vec<String>, selected: usize) -> Field {
        let initial = options.get(selected).cloned().unwrap_or_default();
        Field {
            label,
            input: Input::Choice {
                options,
                selected,
                query: TextField::default(),
            },
            required: false,
            initial,
        }
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// The value as entered, trimmed (a choice gives its option).
    pub fn value(&self) -> String {
        match &self.input {
            Input::Text(f, _) => f.text().trim().to_string(),
            Input::Choice {
                options, selected, ..
            } => options.get(*selected).cloned().unwrap_or_default(),
        }
    }

    pub fn dirty(&self) -> bool {
        self.value() != self.initial.trim()
    }

    /// What is wrong with the value now, in Chinese.
    pub fn problem(&self) -> Option<String> {
        let v = self.value();
        if v.is_empty() {
            return self.required.then(|| "必填".to_string());
        }
        let Input::Text(_, format) = &self.input else {
            return None;
        };
        match format {
            Format::Any => Ok(()),
            Format::Date => written::date(&v).map(drop),
            Format::DateTime => written::datetime(&v).map(drop),
            Format::Time => written::time(&v).map(drop),
        }
        .err()
    }

    pub fn handle(&mut self, key: KeyEvent) -> bool {
        match &mut self.input {
            Input::Text(f, _) => f.handle(key),
            Input::Choice {
                options,
                selected,
                query,
            } => {
                let n = options.len().max(1);
                match key.code {
                    KeyCode::Left => *selected = (*selected + n - 1) % n,
                    KeyCode::Right => *selected = (*selected + 1) % n,
                    _ => {
                        let before = query.text().to_string();
                        if !query.handle(key) {
                            return false;
                        }
                        let added = query
                            .text()
                            .strip_prefix(before.as_str())
                            .map(str::to_string);
                        search(options, selected, query, added);
                        return true;
                    }
                }
                query.clear();
                true
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        match &mut self.input {
            Input::Text(f, _) => f.insert(text),
            Input::Choice {
                options,
                selected,
                query,
            } => {
                query.insert(text);
                search(options, selected, query, Some(text.to_string()));
            }
        }
    }
}

/// Jumps to the first option containing what was typed. When the text typed so far matches
/// nothing but what was just added does, a new search starts from it: typing 学校 then 农贸
/// finds 农贸, no hidden Backspace needed.
fn search(options: &[String], selected: &mut usize, query: &mut TextField, added: Option<String>) {
    if jump(options, selected, query.text()) {
        return;
    }
    if let Some(added) = added.filter(|a| !a.trim().is_empty())
        && jump(options, selected, &added)
    {
        *query = TextField::new(&added);
    }
}

/// Whether some option contains `query` (and it is now selected).
fn jump(options: &[String], selected: &mut usize, query: &str) -> bool {
    let q = query.trim();
    match options.iter().position(|o| !q.is_empty() && o.contains(q)) {
        Some(i) => {
            *selected = i;
            true
        }
        None => false,
    }
}

/// A form on screen: `T` says what saving it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form<T> {
    pub kind: T,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last save was refused.
    pub error: Option<String>,
}

impl<T> Form<T> {
    pub fn new(kind: T, title: impl Into<String>, fields: Vec<Field>) -> Form<T> {
        Form {
            kind,
            title: title.into(),
            fields,
            focus: 0,
            error: None,
        }
    }

    pub fn dirty(&self) -> bool {
        self.fields.iter().any(Field::dirty)
    }

    /// Whether some field is a choice (so ←/→ chooses here, and the hints say so).
    pub fn chooses(&self) -> bool {
        self.fields
            .iter()
            .any(|f| matches!(f.input, Input::Choice { .. }))
    }

    /// Takes what the fields hold now as where they started: a form filled from a stored
    /// record holds no input of the officer's until they change something.
    pub fn reset_dirty(&mut self) {
        for f in &mut self.fields {
            f.initial = f.value();
        }
    }

    /// Fills the field `label` in as if typed: a text takes `value`, a choice the first
    /// option that is `value` or starts with it. The form then holds input (Esc asks).
    pub fn preset(&mut self, label: &str, value: &str) {
        let Some(f) = self.fields.iter_mut().find(|f| f.label == label) else {
            return;
        };
        match &mut f.input {
            Input::Text(t, _) => *t = TextField::new(value),
            Input::Choice {
                options, selected, ..
            } => {
                if let Some(i) = options
                    .iter()
                    .position(|o| !value.is_empty() && o.starts_with(value))
                {
                    *selected = i;
                }
            }
        }
    }

    /// A choice's search ends when the focus leaves it.
    fn leave(&mut self) {
        if let Some(Field {
            input: Input::Choice { query, .. },
            ..
        }) = self.fields.get_mut(self.focus)
        {
            query.clear();
        }
    }

    pub fn next(&mut self) {
        self.leave();
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    pub fn prev(&mut self) {
        self.leave();
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    pub fn focused(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    /// The value of the field labelled `label`.
    pub fn get(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(Field::value)
            .unwrap_or_default()
    }

    /// The first problem, as "label：reason", moving the focus to it.
    pub fn check(&mut self) -> Result<(), String> {
        for (i, f) in self.fields.iter().enumerate() {
            if let Some(p) = f.problem() {
                self.focus = i;
                return Err(format!("{}：{p}", f.label));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn fields_say_what_is_wrong_as_you_type() {
        let mut f = Field::text("整改期限", "", Format::Date).required();
        assert_eq!(f.problem().as_deref(), Some("必填"));
        for c in "2026-02-30".chars() {
            f.handle(key(c));
        }
        assert!(f.problem().is_some());
        let ok = Field::text("受理时间", "2026-11-23 08:30", Format::DateTime);
        assert_eq!(ok.problem(), None);
        assert!(!ok.dirty());
    }

    #[test]
    fn a_choice_jumps_to_typed_text_and_cycles_with_arrows() {
        let opts = vec![
            "".into(),
            "Q01 集镇中心街".into(),
            "Q05 中心学校周边".into(),
        ];
        let mut f = Field::choice("所属区域", opts, 0);
        f.paste("学校");
        assert_eq!(f.value(), "Q05 中心学校周边");
        f.handle(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(f.value(), "");
        assert!(!f.dirty());
    }

    #[test]
    fn check_moves_focus_to_the_first_problem() {
        let mut form = Form::new(
            (),
            "t",
            vec![
                Field::text("当事人", "某", Format::Any).required(),
                Field::text("地址", "", Format::Any).required(),
            ],
        );
        assert_eq!(form.check(), Err("地址：必填".into()));
        assert_eq!(form.focus, 1);
    }
}
