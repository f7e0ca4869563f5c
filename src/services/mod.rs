//! All browser I/O the app does, behind a few plain functions: storage, the clipboard,
//! files (export and import), randomness and the document (title, focus, scrolling). Components and hooks call these instead
//! of reaching for `web_sys` themselves, so the list of side effects stays short.

pub mod clipboard;
pub mod files;
pub mod page;
pub mod random;
pub mod storage;
