//! One component per page of the app; `app.rs` maps routes to them.

pub mod compare;
pub mod home;
pub mod lesson;
pub mod not_found;
pub mod playground;
pub mod progress;
pub mod quiz;
