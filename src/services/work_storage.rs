//! The learner's own work in `localStorage`: the playground draft and the compare pair.
//!
//! Keys carry a format version (`fromlab.draft.v1`, `fromlab.compare.v1`), so a later
//! format gets a new key and old and new builds never misread each other. Values are
//! JSON: `{"dockerfile":"..."}` and `{"a":"...","b":"..."}`. Anything else under a key
//! is reported as unreadable, with the raw text so the learner can copy it out, and is
//! never written over until the learner says so (see `work_state.rs`).

use gloo::storage::errors::StorageError;
use gloo::storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Where the playground draft lives.
pub const DRAFT_KEY: &str = "fromlab.draft.v1";

/// Where the compare pair lives.
pub const PAIR_KEY: &str = "fromlab.compare.v1";

/// The stored form of the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftRecord {
    pub dockerfile: String,
}

/// The stored form of the compare pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairRecord {
    pub a: String,
    pub b: String,
}

/// What was found under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored<T> {
    Missing,
    Found(T),
    /// Something is stored but cannot be read: why, and the raw text.
    Unreadable {
        reason: String,
        raw: String,
    },
    /// The browser refuses access to storage.
    Unavailable,
}

/// Whether `localStorage` can be used at all (gloo would abort otherwise).
fn available() -> bool {
    web_sys::window().is_some_and(|window| matches!(window.local_storage(), Ok(Some(_))))
}

/// Reads the record under `key`.
pub fn load<T: DeserializeOwned>(key: &str) -> Stored<T> {
    if !available() {
        return Stored::Unavailable;
    }
    match LocalStorage::get::<T>(key) {
        Ok(record) => Stored::Found(record),
        Err(StorageError::KeyNotFound(_)) => Stored::Missing,
        Err(error) => Stored::Unreadable {
            reason: error.to_string(),
            raw: LocalStorage::raw()
                .get_item(key)
                .ok()
                .flatten()
                .unwrap_or_default(),
        },
    }
}

/// Writes `record` under `key`.
pub fn save<T: Serialize>(key: &str, record: &T) -> Result<(), String> {
    if !available() {
        return Err("this browser does not allow saving here".into());
    }
    LocalStorage::set(key, record).map_err(|error| error.to_string())
}
