//! The learner's own work in `localStorage`: the playground draft and the compare pair.
//!
//! Keys carry a format version (`fromlab.draft.v1`, `fromlab.compare.v1`), so a later
//! format gets a new key and old and new builds never misread each other. Values are
//! JSON: `{"dockerfile":"..."}` and `{"a":"...","b":"..."}`. Anything else under a key
//! is reported as unreadable, with the raw text so the learner can copy it out, and is
//! never written over until the learner says so (see `work_state.rs`).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::services::store;

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

/// Reads the record under `key`.
pub fn load<T: DeserializeOwned>(key: &str) -> Stored<T> {
    match store::read(key) {
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
    let text = serde_json::to_string(record).map_err(|error| error.to_string())?;
    store::write(key, &text)
}

/// Forgets the kept draft and compare pair, so that the playground and compare mode start
/// from their starting examples; for a page without a `WorkProvider` (the lessons module),
/// where nothing of them is in memory.
pub fn forget() -> Result<(), String> {
    store::remove(DRAFT_KEY)?;
    store::remove(PAIR_KEY)
}
