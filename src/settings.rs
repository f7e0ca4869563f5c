//! The classroom settings: presenter mode (large type, high contrast), quiz answers
//! hidden until revealed, and whether single-key shortcuts are on. Stored as JSON under
//! `fromlab.settings.v1`; a missing field takes its default, so a later build can add
//! one without a new key.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::Reducible;

/// Where the settings live.
pub const SETTINGS_KEY: &str = "fromlab.settings.v1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Large type and high contrast, for a projector.
    pub presenter: bool,
    /// Quiz verdicts and explanations stay hidden until "Reveal the answer".
    pub hide_answers: bool,
    /// `j` and `k` step through sections and questions (WCAG 2.1.4: can be turned off).
    pub single_keys: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            presenter: false,
            hide_answers: false,
            single_keys: true,
        }
    }
}

impl Settings {
    /// What an embed runs with, whatever the app's own settings are: a documentation
    /// page is not a classroom, and single keys there would take keys from its readers.
    pub fn embedded() -> Settings {
        Settings {
            single_keys: false,
            ..Settings::default()
        }
    }

    /// Reads stored settings; anything unreadable gives the defaults (settings are
    /// cheap to set again, unlike progress or a draft).
    pub fn parse(text: &str) -> Settings {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(self) -> String {
        serde_json::to_string(&self).unwrap_or_default()
    }
}

/// One setting, for toggling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Presenter,
    HideAnswers,
    SingleKeys,
}

/// The settings and whether they can be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsState {
    pub settings: Settings,
    /// False when the browser refuses storage: settings then last for this page only.
    pub stored: bool,
    /// Bumped by every change; 0 means nothing to save.
    pub revision: u32,
}

impl Reducible for SettingsState {
    type Action = (Setting, bool);

    fn reduce(self: Rc<Self>, (setting, on): (Setting, bool)) -> Rc<Self> {
        let mut next = (*self).clone();
        let field = match setting {
            Setting::Presenter => &mut next.settings.presenter,
            Setting::HideAnswers => &mut next.settings.hide_answers,
            Setting::SingleKeys => &mut next.settings.single_keys,
        };
        if *field == on {
            return self;
        }
        *field = on;
        next.revision += 1;
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_default_missing_fields() {
        let settings = Settings {
            presenter: true,
            hide_answers: true,
            single_keys: false,
        };
        assert_eq!(Settings::parse(&settings.to_json()), settings);
        assert_eq!(
            Settings::parse(r#"{"presenter":true}"#),
            Settings {
                presenter: true,
                ..Settings::default()
            }
        );
        assert_eq!(Settings::parse("not json"), Settings::default());
        assert!(Settings::default().single_keys);
        assert!(!Settings::embedded().single_keys);
    }

    #[test]
    fn toggling_bumps_the_revision_only_on_change() {
        let state = Rc::new(SettingsState {
            settings: Settings::default(),
            stored: true,
            revision: 0,
        });
        let same = state.clone().reduce((Setting::SingleKeys, true));
        assert!(Rc::ptr_eq(&same, &state));
        let next = state.reduce((Setting::Presenter, true));
        assert!(next.settings.presenter);
        assert_eq!(next.revision, 1);
    }
}
