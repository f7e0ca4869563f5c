//! The one door to `localStorage`. Some browsers, private windows and sandboxed
//! iframes refuse storage, and merely asking for it can throw; every reader and writer
//! in `services/` comes through here, gets `None` or an error instead, and the app
//! keeps its state in memory with a notice (see `progress_notice.rs`,
//! `work_notice.rs` and the classroom panel).

use web_sys::Storage;

/// `localStorage`, when the browser allows it.
pub fn local() -> Option<Storage> {
    web_sys::window().and_then(|window| window.local_storage().ok().flatten())
}

/// The text under `key`: `Err(())` when storage is refused.
pub fn read(key: &str) -> Result<Option<String>, ()> {
    local().ok_or(())?.get_item(key).map_err(|_| ())
}

/// Writes `text` under `key`, or says why it could not.
pub fn write(key: &str, text: &str) -> Result<(), String> {
    local()
        .ok_or("this browser does not allow saving here")?
        .set_item(key, text)
        .map_err(|_| "the browser refused to save (its storage may be full)".to_string())
}

/// Removes what is under `key`, or says why it could not.
pub fn remove(key: &str) -> Result<(), String> {
    local()
        .ok_or("this browser does not allow saving here")?
        .remove_item(key)
        .map_err(|_| "the browser refused to change what it keeps".to_string())
}
