//! The one door to `localStorage` (and to `sessionStorage`, used only for the hand-over
//! between modules, see `modules.rs`). Some browsers, private windows and sandboxed
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

/// `sessionStorage`, for what must survive one reload of this tab and no more.
fn session() -> Option<Storage> {
    web_sys::window().and_then(|window| window.session_storage().ok().flatten())
}

/// Keeps `text` under `key` for this tab; quietly nothing when storage is refused.
pub fn session_write(key: &str, text: &str) {
    if let Some(storage) = session() {
        let _ = storage.set_item(key, text);
    }
}

/// The text under `key` for this tab, removed as it is read.
pub fn session_take(key: &str) -> Option<String> {
    let storage = session()?;
    let text = storage.get_item(key).ok().flatten()?;
    let _ = storage.remove_item(key);
    Some(text)
}
