//! The fromlab engine: everything that understands Dockerfiles and course content,
//! in pure Rust with no web dependencies, so the browser app and the `fromlab`
//! command share one implementation and native tests can cover all of it.

pub mod catalogue;
pub mod estimate;
pub mod image_ref;
pub mod shell;
pub mod syntax;
