//! Size estimates: the tables of what installs and builds add
//! (`content/packages.toml`), and the estimate of one `RUN` layer from its shell
//! analysis and the facts of its base image.
//!
//! The tables hold sizes on disk for common apt, apk and dnf packages, Python
//! packages on glibc and musl (with the first version that ships a musllinux wheel
//! and what a source build needs), npm packages, and what Go, Cargo, Maven and Gradle
//! builds leave behind. Measured figures come from the size reference; everything
//! else is an estimate whose method is written next to it. Sizes to pull are derived
//! from sizes on disk with the reference's compression ratios (OS files 2.2-2.8x,
//! source trees 3.5-4x, native code 1.5-2.3x), also kept in the tables as data.
//!
//! The estimate is always a range with a one-line reason, and a package the tables do
//! not know gets a stated default range, never a made-up exact value.
//!
//! On top of the per-`RUN` estimate: [`estimate`] sizes the whole image a
//! Dockerfile makes (`dockerfile.rs`, reading each stage with `walk.rs` and
//! estimating and tracing it with `plan.rs`), and [`compat`] says what breaks on a
//! base, for the compatibility rules and the what-if table alike.

pub mod compat;
mod dockerfile;
mod layer;
pub(crate) mod plan;
mod table_data;
mod tables;
mod walk;

// The table types name these; `table_data.rs` reaches them through `super::` so that
// the build script can read the same file.
use crate::catalogue::{Evidence, Figure};
use crate::shell::{BuildTool, CleanupKind};

pub use dockerfile::{
    Alternative, Assumptions, BaseSize, DEFAULT_CONTEXT_BYTES, Estimate, FinalStage, LayerRow,
    Totals, estimate, point_name, point_of,
};
pub use layer::{
    ItemKind, LayerContext, LayerEstimate, LayerItem, estimate_layer, run_layer, run_layer_with,
};
pub use table_data::{
    ApkTable, AptTable, BuildRow, CacheRow, Content, CopyTable, DnfTable, Extra, GemTable,
    KnownPath, List, Method, NpmPackage, NpmTable, OsPackage, PathRole, PipPackage, PipTable,
    Ratio, Ratios, Role, SizeTables, TablesMeta, Text, Wheels,
};
pub use tables::{BUILTIN_TOML, TablesError};

/// `bytes` times `percent` / 100, without overflow.
pub(crate) fn scale(bytes: u64, percent: u64) -> u64 {
    (u128::from(bytes) * u128::from(percent) / 100)
        .try_into()
        .unwrap_or(u64::MAX)
}

/// A size in decimal units for people: `0.4 MB`, `7.8 MB`, `72 MB`, `1.1 GB`.
pub fn format_bytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if bytes == 0 {
        "0 MB".to_owned()
    } else if mb < 10.0 {
        format!("{mb:.1} MB")
    } else if mb < 1000.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{:.1} GB", mb / 1000.0)
    }
}

/// A range for people: `~72 MB` (the middle) when the bounds are within 15% of
/// each other, otherwise `51–72 MB` (or with each bound's own unit when they differ).
pub fn format_range(low: u64, high: u64) -> String {
    let (low, high) = (low.min(high), low.max(high));
    if high == 0 {
        return "0 MB".to_owned();
    }
    if scale(low, 115) >= high {
        return format!("~{}", format_bytes(low / 2 + high / 2));
    }
    let (low_text, high_text) = (format_bytes(low), format_bytes(high));
    match (low_text.strip_suffix(" MB"), high_text.strip_suffix(" MB")) {
        (Some(low_number), Some(_)) => format!("{low_number}–{high_text}"),
        _ => format!("{low_text}–{high_text}"),
    }
}
