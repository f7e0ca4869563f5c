//! The repository's own Dockerfile practises what the lessons teach:
//! `fromlab check` finds no warning or error in it, and every note it raises
//! is explained in the file's comments.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn the_site_dockerfile_passes_fromlab_check() {
    let dockerfile = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../Dockerfile");
    let source = std::fs::read_to_string(&dockerfile).expect("the repository has a Dockerfile");
    let out = Command::new(env!("CARGO_BIN_EXE_fromlab"))
        .args(["check", "--format", "json"])
        .arg(&dockerfile)
        .output()
        .expect("run fromlab");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let diagnostics = report["diagnostics"].as_array().expect("a list");
    for d in diagnostics {
        let rule = d["rule"].as_str().unwrap_or_default();
        assert_eq!(
            d["severity"], "info",
            "the Dockerfile must get no warning or error, got {rule}: {}",
            d["message"]
        );
        let explained = source
            .lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .any(|l| l.contains(&format!("{rule} (info)")));
        assert!(
            explained,
            "the note {rule} must be justified in a comment as `{rule} (info)`"
        );
    }
    // The final stage is the one the lessons recommend: small, official, non-root.
    assert!(source.contains("USER 101"));
}
