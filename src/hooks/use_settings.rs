//! The classroom settings, read and changed through a handle. Outside a
//! `SettingsProvider` (in embeds) the handle holds `Settings::embedded()` and ignores
//! changes.

use yew::prelude::*;

use crate::settings::{Setting, Settings, SettingsState};

#[derive(Clone, PartialEq)]
pub struct SettingsHandle {
    state: Option<UseReducerHandle<SettingsState>>,
}

impl SettingsHandle {
    pub fn new(state: UseReducerHandle<SettingsState>) -> Self {
        SettingsHandle { state: Some(state) }
    }

    pub fn get(&self) -> Settings {
        self.state
            .as_ref()
            .map_or_else(Settings::embedded, |state| state.settings)
    }

    /// Whether the settings are kept in storage (false: for this page only).
    pub fn stored(&self) -> bool {
        self.state.as_ref().is_some_and(|state| state.stored)
    }

    pub fn set(&self, setting: Setting, on: bool) {
        if let Some(state) = &self.state {
            state.dispatch((setting, on));
        }
    }
}

#[hook]
pub fn use_settings() -> SettingsHandle {
    use_context::<SettingsHandle>().unwrap_or(SettingsHandle { state: None })
}
