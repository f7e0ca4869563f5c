//! The learner's own work in `localStorage`: the playground draft and the compare pair.
//!
//! Keys carry a format version (`fromlab.draft.v1`, `fromlab.compare.v1`), so a later
//! format gets a new key and old and new builds never misread each other. Values are
//! JSON: `{"dockerfile":"..."}` and `{"a":"...","b":"..."}`. Anything else under a key
//! is reported as unreadable, with the raw text so the learner can copy it out, and is
//! never written over until the learner says so (see `work_state.rs`).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use web_sys::Storage;

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

/// `localStorage`, when the browser allows it (some private or embedded contexts refuse
/// it, and asking can throw).
fn storage() -> Option<Storage> {
    web_sys::window().and_then(|window| window.local_storage().ok().flatten())
}

/// Reads the record under `key`.
pub fn load<T: DeserializeOwned>(key: &str) -> Stored<T> {
    let Some(storage) = storage() else {
        return Stored::Unavailable;
    };
    match storage.get_item(key) {
        Err(_) => Stored::Unavailable,
        Ok(None) => Stored::Missing,
        Ok(Some(raw)) => match serde_json::from_str(&raw) {
            Ok(record) => Stored::Found(record),
            Err(error) => Stored::Unreadable {
                reason: error.to_string(),
                raw,
            },
        },
    }
}

/// Writes `record` under `key`.
pub fn save<T: Serialize>(key: &str, record: &T) -> Result<(), String> {
    let storage = storage().ok_or("this browser does not allow saving here")?;
    let text = serde_json::to_string(record).map_err(|error| error.to_string())?;
    storage
        .set_item(key, &text)
        .map_err(|_| "the browser refused to save (its storage may be full)".to_string())
}
