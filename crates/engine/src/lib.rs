//! The fromlab engine: everything that understands Dockerfiles and course content,
//! in pure Rust with no web dependencies, so the browser app and the `fromlab`
//! command share one implementation and native tests can cover all of it.

pub mod analysis;
pub mod catalogue;
pub mod compat;
pub mod content;
pub mod diagnostic;
pub mod estimate;
pub mod expand;
pub mod image_ref;
pub mod model;
pub mod quiz;
pub mod rules;
pub mod share;
pub mod shell;
pub mod syntax;
pub mod transport;
pub(crate) mod walk;
