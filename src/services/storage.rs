//! The learner's progress in `localStorage`.
//!
//! The key carries the format version (`fromlab.progress.v2`); a later format gets a
//! new key, so old and new builds never misread each other's values. When there is no
//! format-2 value, the read marks of format 1 (`fromlab.progress.v1`) are migrated;
//! the old value is never written or removed. A value that cannot be read is copied
//! aside to `fromlab.progress.unreadable.<n>` before anything could overwrite it, and
//! the learner is told where it went (see `state.rs` and `progress_notice.rs`).

use web_sys::Storage;

use crate::progress::{self, Record};

/// Where the progress lives.
pub const PROGRESS_KEY: &str = "fromlab.progress.v2";

/// Where format 1 kept the read marks.
pub const LEGACY_KEY: &str = "fromlab.progress.v1";

/// Unreadable values are copied to this key with `.1`, `.2`, ... appended.
pub const SET_ASIDE_KEY: &str = "fromlab.progress.unreadable";

/// How many set-aside copies to keep before giving up on making another.
const SET_ASIDE_SLOTS: u32 = 20;

/// What was found in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    Missing,
    Found(Record),
    /// Read marks of format 1, migrated.
    Migrated(Record),
    /// Something is stored but it is not a progress record. The reason is for the
    /// notice; `kept_under` is the key holding a copy, when there is one.
    Unreadable {
        reason: String,
        kept_under: Option<String>,
    },
    /// The browser refuses access to storage.
    Unavailable,
}

/// `localStorage`, when the browser allows it (some private or embedded contexts
/// refuse it, and asking can throw).
fn storage() -> Option<Storage> {
    web_sys::window().and_then(|window| window.local_storage().ok().flatten())
}

pub fn load_progress() -> Loaded {
    let Some(storage) = storage() else {
        return Loaded::Unavailable;
    };
    match storage.get_item(PROGRESS_KEY) {
        Err(_) => Loaded::Unavailable,
        Ok(Some(text)) => match progress::parse(&text) {
            Ok(record) => Loaded::Found(record),
            Err(reason) => Loaded::Unreadable {
                reason,
                kept_under: set_aside(&storage, &text),
            },
        },
        Ok(None) => match storage.get_item(LEGACY_KEY) {
            Ok(Some(text)) => match progress::migrate_v1(&text) {
                Ok(record) => Loaded::Migrated(record),
                // Nothing ever writes the old key, so the value stays where it is.
                Err(reason) => Loaded::Unreadable {
                    reason,
                    kept_under: Some(LEGACY_KEY.to_string()),
                },
            },
            Ok(None) | Err(_) => Loaded::Missing,
        },
    }
}

/// Copies an unreadable value to the first free set-aside key (or finds the copy an
/// earlier visit made) and returns that key; `None` when no copy could be made.
fn set_aside(storage: &Storage, text: &str) -> Option<String> {
    for slot in 1..=SET_ASIDE_SLOTS {
        let key = format!("{SET_ASIDE_KEY}.{slot}");
        match storage.get_item(&key) {
            Ok(Some(existing)) if existing == text => return Some(key),
            Ok(Some(_)) => continue,
            Ok(None) => return storage.set_item(&key, text).ok().map(|()| key),
            Err(_) => return None,
        }
    }
    None
}

pub fn save_progress(record: &Record) -> Result<(), String> {
    let Some(storage) = storage() else {
        return Err("this browser does not allow saving here".into());
    };
    storage
        .set_item(PROGRESS_KEY, &progress::to_json(record, false))
        .map_err(|_| "the browser refused to store it (storage may be full)".to_string())
}

/// The text stored under `key`, for downloading a set-aside copy.
pub fn read_raw(key: &str) -> Option<String> {
    storage().and_then(|storage| storage.get_item(key).ok().flatten())
}
