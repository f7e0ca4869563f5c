//! Helpers shared by the integration tests: locating the shared corpora.

#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared` from the project root. Tests that need it fail loudly when it
/// is missing instead of skipping.
pub fn shared_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    assert!(
        dir.is_dir(),
        "the shared corpora are missing: expected {} (../shared beside the project root)",
        dir.display()
    );
    dir
}

/// Sorted subdirectories of `dir`.
pub fn subdirs(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}
