//! The parse benchmark's inputs, shared with the profiling driver
//! (`examples/prof.rs`) so both measure the same text.

/// The typical 40-line multi-stage Dockerfile.
pub const TYPICAL: &str = include_str!("../fixtures/typical.Dockerfile");

/// The typical file repeated to 1 MB, every copy with its own stage names so
/// the file stays a valid multi-stage build (the peer rejects duplicate stage
/// names).
pub fn one_megabyte() -> String {
    let mut out = String::new();
    let mut i = 0;
    while out.len() < 1_000_000 {
        out.push_str(
            &TYPICAL
                .replace("AS build", &format!("AS build{i}"))
                .replace("--from=build", &format!("--from=build{i}"))
                .replace("AS test", &format!("AS test{i}")),
        );
        i += 1;
    }
    out
}
