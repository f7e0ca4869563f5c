//! `musl-python-wheels`: `pip install` of packages with C extensions on a
//! musl (Alpine) base, where the prebuilt wheels most people get on glibc
//! may not exist.

use crate::compat::{Detail, Outcome};
use crate::diagnostic::Severity;
use crate::estimate::NoWheel;
use crate::rules::scan;
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Looks at every `pip install` in a stage whose base uses musl (Alpine
    /// and the images built on it) and, for each package fromlab's table knows
    /// to contain compiled code:
    /// - when no musllinux wheel exists for the version you pinned (or the
    ///   package publishes none), warns that pip will compile it from source,
    ///   and names the build tools that needs;
    /// - when the package falls back to a slower pure-Python version on musl,
    ///   says so in a note.
    ///
    /// When a musllinux wheel exists for the pin, nothing is compiled and the
    /// rule stays quiet: the package installs, which is what this rule is
    /// about (testing on musl is still wise; see below).
    ///
    /// A `-r requirements.txt` gets a note: fromlab cannot see the file, so it
    /// cannot tell what will compile. Stages on glibc bases are left alone.
    ///
    /// No other linter checks this: it takes knowing the base's libc and
    /// which releases of a package publish musllinux wheels.
    ///
    /// ## Why it matters
    /// Python packages with C, C++, Fortran or Rust inside ship as *wheels*,
    /// compiled once per platform. The common ones are `manylinux` wheels,
    /// built against glibc; musl needs `musllinux` wheels, which many projects
    /// only started publishing recently (numpy from 1.25.0, pandas from 2.1.0).
    /// Without one, pip downloads the source and compiles it: the build needs
    /// `gcc`, `g++`, sometimes `gfortran` or a Rust toolchain and `-dev`
    /// headers, takes minutes instead of seconds, and if those tools stay in
    /// the layer the image ends up bigger than the `-slim` image you left. The
    /// Alpine image saves tens of megabytes on the base and can lose them all
    /// here. Even with wheels, musl behaves differently from glibc (DNS
    /// resolution, locales, thread stack sizes), so test on the image you ship.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-alpine
    /// RUN pip install --no-cache-dir numpy==1.24.4 pandas==2.0.3
    /// ```
    ///
    /// ## Use instead
    /// Use a glibc base for the scientific stack, or pin versions that ship
    /// musllinux wheels:
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// RUN pip install --no-cache-dir numpy==1.26.4 pandas==2.2.2
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: changing a pinned version or the base image is a
    /// decision to test, not an edit to apply.
    ///
    /// ## Learn more
    /// The lesson on Alpine and musl.
    pub static RULE = {
        name: "musl-python-wheels",
        code: "FL203",
        severity: Warning,
        category: Compatibility,
        summary: "pip installs packages with C extensions on a musl base",
        lesson: "alpine-and-musl",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

/// What pip does with one package on musl.
fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for found in cx.own_breaks() {
        let Detail::Wheels(finding) = &found.detail else {
            continue;
        };
        let base = scan::base_label(cx, finding.stage);
        let range = found.range;
        match &finding.outcome {
            Outcome::RequirementFile { file } => out.push_with(
                Severity::Info,
                range,
                format!(
                    "fromlab cannot see {file}: on musl ({base}), any package in it with C extensions and no musllinux wheel for its pinned version is compiled from source; look for \"Building wheel for\" in the build log"
                ),
                None,
            ),
            Outcome::PureFallback { name, why } => out.push_with(
                Severity::Info,
                range,
                format!(
                    "{}, so on musl pip installs its pure-Python version: it works, only more slowly",
                    reason(name, why)
                ),
                None,
            ),
            Outcome::Compiled {
                name,
                why,
                only_binary,
                build_apk,
                missing,
                note,
            } => {
                let why = reason(name, why);
                let message = if *only_binary {
                    format!(
                        "{why}, and `--only-binary :all:` forbids compiling it, so pip cannot install it on musl ({base})"
                    )
                } else {
                    let note = note.as_deref().map(|n| format!("; {n}")).unwrap_or_default();
                    if build_apk.is_empty() {
                        format!("{why}, so on musl ({base}) pip compiles it from source{note}")
                    } else if missing.is_empty() {
                        format!(
                            "{why}, so on musl ({base}) pip compiles it from source with the build tools installed here: minutes of build time, and the tools stay in the image unless removed in the same RUN{note}"
                        )
                    } else {
                        format!(
                            "{why}, so on musl ({base}) pip compiles it from source, which needs {} installed first or the build fails{note}",
                            missing.join(", ")
                        )
                    }
                };
                out.push(range, message, None);
            }
        }
    }
}

/// Why pip finds no musl wheel, as the start of a sentence.
fn reason(name: &str, why: &NoWheel) -> String {
    match why {
        NoWheel::NoLinuxWheels => "publishes no Linux wheels".to_owned(),
        NoWheel::GlibcOnly => "publishes no musllinux wheel".to_owned(),
        NoWheel::Pinned { version, since } => {
            format!("{name}=={version} predates its first musllinux wheel ({since})")
        }
        NoWheel::Bounded { spec, since } => {
            format!("Every version `{spec}` allows predates its first musllinux wheel ({since})")
        }
    }
}
