//! The classroom settings in `localStorage` (key `fromlab.settings.v1`).

use crate::services::store;
use crate::settings::{SETTINGS_KEY, Settings};

/// The stored settings (defaults when there are none) and whether storage is allowed.
pub fn load() -> (Settings, bool) {
    match store::read(SETTINGS_KEY) {
        Ok(Some(text)) => (Settings::parse(&text), true),
        Ok(None) => (Settings::default(), true),
        Err(()) => (Settings::default(), false),
    }
}

pub fn save(settings: Settings) -> Result<(), String> {
    store::write(SETTINGS_KEY, &settings.to_json())
}
