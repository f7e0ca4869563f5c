//! The learner's progress in `localStorage`, through gloo.
//!
//! The key carries a format version (`fromlab.progress.v1`); a later format gets a new
//! key, so old and new builds never misread each other's values. The value is JSON:
//! `{"read":["<slug>", ...]}`. Anything else under the key is reported as unreadable and
//! left alone (see `state.rs`).

use gloo::storage::errors::StorageError;
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

/// Where the read marks live.
pub const PROGRESS_KEY: &str = "fromlab.progress.v1";

/// The stored form of the read marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressRecord {
    pub read: Vec<String>,
}

/// What was found under [`PROGRESS_KEY`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    Missing,
    Found(ProgressRecord),
    /// Something is stored but it is not a progress record; the reason is for the notice.
    Unreadable(String),
    /// The browser refuses access to storage.
    Unavailable,
}

/// Whether `localStorage` can be used at all. gloo assumes it can and would abort the
/// app otherwise, so this is asked first.
fn available() -> bool {
    web_sys::window().is_some_and(|window| matches!(window.local_storage(), Ok(Some(_))))
}

pub fn load_progress() -> Loaded {
    if !available() {
        return Loaded::Unavailable;
    }
    match LocalStorage::get::<ProgressRecord>(PROGRESS_KEY) {
        Ok(record) => Loaded::Found(record),
        Err(StorageError::KeyNotFound(_)) => Loaded::Missing,
        Err(error) => Loaded::Unreadable(error.to_string()),
    }
}

pub fn save_progress(record: &ProgressRecord) -> Result<(), String> {
    if !available() {
        return Err("this browser does not allow saving here".into());
    }
    LocalStorage::set(PROGRESS_KEY, record).map_err(|error| error.to_string())
}
