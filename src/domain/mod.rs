//! Plain types and rules of the job, with no I/O and no clock: `now` is always a parameter.

/// Defines an enum whose variants have one fixed Chinese label, used in CSV, JSON and the screen.
macro_rules! labelled_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                let t = text.trim();
                Self::ALL.iter().copied().find(|v| v.label() == t)
            }

            /// The accepted labels, for error messages: "甲 / 乙 / 丙".
            pub fn choices() -> String {
                Self::ALL.iter().map(|v| v.label()).collect::<Vec<_>>().join(" / ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.label())
            }
        }
    };
}

pub mod activity;
pub mod area;
pub mod callback;
pub mod checks;
pub mod columns;
pub mod complaint;
mod complaint_steps;
pub mod draw;
pub mod draw_record;
pub mod duty;
pub mod evidence;
pub mod ident;
pub mod inspection;
pub mod leave;
pub mod lookup;
pub mod matter;
pub mod notice;
pub mod officer;
pub mod patrol;
pub mod pause;
pub mod personal;
pub mod phone;
pub mod plan;
pub mod publicity;
pub mod review;
pub mod roster;
pub mod setting_keys;
pub mod settings;
pub mod subject;
pub mod when;
pub mod work;

pub use area::{Area, AreaKind, PatrolInterval};
pub use checks::{Check, CheckCode};
pub use complaint::{Channel, Complaint, ComplaintState, Complexity};
pub use draw_record::{Draw, Filter};
pub use inspection::{Finding, Inspection, LenientMatter, Source};
pub use leave::Leave;
pub use matter::Matter;
pub use notice::{Issuing, Notice, NoticeState, Outcome, SERVICE_METHODS};
pub use officer::{Officer, OfficerStatus, Role};
pub use patrol::Patrol;
pub use roster::RosterTeam;
pub use settings::{DeadlineRules, Settings};
pub use subject::{Risk, Subject, SubjectKind};
pub use work::Work;

/// A refused change: the reason, in Chinese, for the duty officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub(crate) fn refuse<T>(msg: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal(msg.into()))
}
