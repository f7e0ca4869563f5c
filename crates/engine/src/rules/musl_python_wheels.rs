//! `musl-python-wheels`: `pip install` of packages with C extensions on a
//! musl (Alpine) base, where the prebuilt wheels most people get on glibc
//! may not exist.

use crate::catalogue::{Libc, version_key};
use crate::diagnostic::Severity;
use crate::estimate::{PipPackage, SizeTables, Wheels};
use crate::rules::scan;
use crate::rules::{Context, Report};
use crate::shell::{Manager, Package};

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
enum Outcome {
    /// A musllinux wheel is used.
    Wheel,
    /// No wheel: it installs as pure Python.
    PureFallback(String),
    /// No wheel: it is compiled from source.
    Compiled(String),
}

fn outcome(row: &PipPackage, package: &Package) -> Outcome {
    match row.wheels {
        Wheels::Universal => Outcome::Wheel,
        Wheels::SourceOnly => Outcome::Compiled("publishes no Linux wheels".to_owned()),
        Wheels::GlibcOnly => Outcome::Compiled("publishes no musllinux wheel".to_owned()),
        Wheels::Binary => {
            let Some(since) = row.musllinux_since.as_deref() else {
                return Outcome::Wheel;
            };
            let why = match (&package.version, upper_bound(&package.spec)) {
                (Some(pinned), _) if version_key(pinned) < version_key(since) => Some(format!(
                    "{}=={pinned} predates its first musllinux wheel ({since})",
                    row.name
                )),
                (None, Some((bound, inclusive)))
                    if version_key(&bound) < version_key(since)
                        || (!inclusive && version_key(&bound) == version_key(since)) =>
                {
                    Some(format!(
                        "Every version `{}` allows predates its first musllinux wheel ({since})",
                        package.spec
                    ))
                }
                _ => None,
            };
            match why {
                Some(why) if row.pure_fallback => Outcome::PureFallback(why),
                Some(why) => Outcome::Compiled(why),
                None => Outcome::Wheel,
            }
        }
    }
}

/// The tightest `<V` or `<=V` in a requirement (`numpy<1.25`), with whether
/// it is inclusive.
fn upper_bound(spec: &str) -> Option<(String, bool)> {
    let at = spec.find(['<', '>', '=', '!', '~'])?;
    spec[at..]
        .split([',', ';'])
        .filter_map(|c| {
            let c = c.trim();
            if let Some(v) = c.strip_prefix("<=") {
                Some((v.trim().to_owned(), true))
            } else {
                c.strip_prefix('<').map(|v| (v.trim().to_owned(), false))
            }
        })
        .min_by(|a, b| version_key(&a.0).cmp(&version_key(&b.0)))
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let tables = SizeTables::builtin();
    for stage in &cx.model.stages {
        if scan::libc(cx, stage.index) != Some(Libc::Musl) {
            continue;
        }
        let base = scan::base_label(cx, stage.index);
        for run in scan::runs(cx, stage) {
            // What the build tools would be found among: packages installed
            // before this RUN, and in it.
            let mut installed = scan::packages_before(cx, stage.index, run.index);
            for script in &run.scripts {
                for i in script.analysis.installs().filter(|i| i.manager.is_os()) {
                    installed.extend(i.packages.iter().map(|p| p.name.clone()));
                }
            }
            for (si, script) in run.scripts.iter().enumerate() {
                for install in script.analysis.installs() {
                    if install.manager != Manager::Pip {
                        continue;
                    }
                    for file in &install.requirement_files {
                        let Some(range) = run.range(si, &file.range) else {
                            continue;
                        };
                        out.push_with(
                            Severity::Info,
                            range,
                            format!(
                                "fromlab cannot see {}: on musl ({base}), any package in it with C extensions and no musllinux wheel for its pinned version is compiled from source; look for \"Building wheel for\" in the build log",
                                file.text
                            ),
                            None,
                        );
                    }
                    for package in &install.packages {
                        if package.local || package.from_variable {
                            continue;
                        }
                        let Some(row) = tables.pip_package(&package.name) else {
                            continue;
                        };
                        if row.wheels == Wheels::Universal {
                            continue;
                        }
                        let Some(range) = run.range(si, &package.range) else {
                            continue;
                        };
                        match outcome(row, package) {
                            // A wheel for musl exists: nothing to compile, so
                            // nothing to report (the docs still say to test on musl).
                            Outcome::Wheel => {}
                            Outcome::PureFallback(why) => out.push_with(
                                Severity::Info,
                                range,
                                format!(
                                    "{why}, so on musl pip installs its pure-Python version: it works, only more slowly"
                                ),
                                None,
                            ),
                            Outcome::Compiled(why) => {
                                let message = if install.options.only_binary {
                                    format!(
                                        "{why}, and `--only-binary :all:` forbids compiling it, so pip cannot install it on musl ({base})"
                                    )
                                } else {
                                    compiled_message(row, &why, &base, &installed)
                                };
                                out.push(range, message, None);
                            }
                        }
                    }
                }
            }
        }
    }
}

fn compiled_message(row: &PipPackage, why: &str, base: &str, installed: &[String]) -> String {
    let has = |n: &str| {
        installed.iter().any(|i| i == n)
            // build-base brings gcc, g++, make and the C library headers.
            || (matches!(n, "gcc" | "g++" | "make" | "musl-dev")
                && installed.iter().any(|i| i == "build-base"))
    };
    let missing: Vec<&str> = row
        .build_apk
        .iter()
        .map(|n| &**n)
        .filter(|n| !has(n))
        .collect();
    let note = row
        .note
        .as_deref()
        .map(|n| format!("; {n}"))
        .unwrap_or_default();
    if row.build_apk.is_empty() {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_bounds() {
        assert_eq!(upper_bound("numpy<1.25"), Some(("1.25".to_owned(), false)));
        assert_eq!(
            upper_bound("numpy>=1.20,<=1.24.4"),
            Some(("1.24.4".to_owned(), true))
        );
        assert_eq!(upper_bound("numpy>=1.20"), None);
        assert_eq!(upper_bound("numpy"), None);
    }
}
