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
//! Dockerfile makes (`dockerfile.rs`, estimating and tracing each stage with
//! `plan.rs` from the shared reading of the stages in [`crate::walk`]), and
//! [`compat`] says what breaks on a base, for the compatibility rules and the
//! what-if table alike.

mod dockerfile;
mod layer;
pub(crate) mod plan;
mod table_data;
mod tables;

/// What breaks on a base lives in [`crate::compat`] (the compatibility rules
/// use it too); it stays reachable here, where the what-if table uses it.
pub use crate::compat;

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
pub use tables::{BUILTIN_TOML, NoWheel, TablesError};

/// `bytes` times `percent` / 100, without overflow.
pub(crate) fn scale(bytes: u64, percent: u64) -> u64 {
    (u128::from(bytes) * u128::from(percent) / 100)
        .try_into()
        .unwrap_or(u64::MAX)
}

/// A size in decimal units for people: `0.4 MB`, `7.8 MB`, `72 MB`, `1.1 GB`.
pub fn format_bytes(bytes: u64) -> String {
    // Whole-number arithmetic writes the same digits as formatting the float
    // and is many times faster (the estimate writes thousands of these). An
    // exact tie, or a size too large for the shortcut to be exact, goes
    // through the float, whose binary value decides the rounding.
    let mb = bytes as f64 / 1e6;
    if bytes == 0 {
        "0 MB".to_owned()
    } else if bytes < 10_000_000 {
        match rounded(bytes, 100_000) {
            Some(tenths) => format!("{}.{} MB", tenths / 10, tenths % 10),
            None => format!("{mb:.1} MB"),
        }
    } else if bytes < 1_000_000_000 {
        match rounded(bytes, 1_000_000) {
            Some(whole) => format!("{whole} MB"),
            None => format!("{mb:.0} MB"),
        }
    } else {
        match rounded(bytes, 100_000_000).filter(|_| bytes < 10_000_000_000_000) {
            Some(tenths) => format!("{}.{} GB", tenths / 10, tenths % 10),
            None => format!("{:.1} GB", mb / 1000.0),
        }
    }
}

/// `bytes / unit` rounded to the nearest whole number, or `None` on an exact
/// tie.
fn rounded(bytes: u64, unit: u64) -> Option<u64> {
    let (whole, rest) = (bytes / unit, bytes % unit);
    match (rest * 2).cmp(&unit) {
        std::cmp::Ordering::Less => Some(whole),
        std::cmp::Ordering::Greater => Some(whole + 1),
        std::cmp::Ordering::Equal => None,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The float formatting `format_bytes` must match digit for digit.
    fn by_float(bytes: u64) -> String {
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

    #[test]
    fn sizes_read_as_the_float_formatting_would() {
        let mut values: Vec<u64> = vec![1, 49_999, 50_000, 250_000, 350_000, 450_000, 9_950_000];
        for unit in [100_000u64, 1_000_000, 100_000_000] {
            for k in [1u64, 9, 10, 99, 100, 999, 1_000, 12_345] {
                let at = k * unit;
                values.extend([
                    at - 1,
                    at,
                    at + 1,
                    at + unit / 2 - 1,
                    at + unit / 2,
                    at + unit / 2 + 1,
                ]);
            }
        }
        values.extend([
            u64::MAX,
            u64::MAX / 3,
            10_000_000_000_000,
            9_999_999_999_999,
        ]);
        // A deterministic spread over every magnitude.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(x >> (x % 50));
        }
        for v in values {
            assert_eq!(format_bytes(v), by_float(v), "{v}");
        }
    }
}
