//! All browser I/O the app does, behind a few plain functions: storage, the clipboard,
//! the document (title, focus, scrolling), files (export and import), randomness, the
//! editor's textarea, the page's own address, performance marks and the offline service
//! worker. Components and hooks call these instead of reaching for `web_sys` themselves,
//! so the list of side effects stays short.

pub mod clipboard;
pub mod editor;
pub mod files;
pub mod frame;
pub mod location;
pub mod modules;
pub mod offline;
pub mod page;
pub mod perf;
pub mod random;
pub mod settings_storage;
pub mod storage;
pub mod store;
pub mod work_storage;
pub mod worker;
