//! What `pip install` does on a musl base (Alpine): a package with compiled
//! code and no musllinux wheel for the version asked for is compiled from
//! source (or stops with `--only-binary`), one with a pure-Python fallback
//! installs slowly but works, and one with a musllinux wheel for the version
//! asked for compiles nothing, so nothing breaks (the lesson still says to
//! test on musl). A requirements file hides what it installs.

use crate::catalogue::Libc;
use crate::diagnostic::Severity;
use crate::estimate::{NoWheel, SizeTables, Wheels};
use crate::shell::Manager;
use crate::syntax::TextRange;
use crate::walk::{Scope, Script};

use super::{Break, Detail, Problem, Target};

/// What pip does with one requirement on musl.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WheelFinding {
    /// The stage it is in.
    pub stage: usize,
    /// What happens.
    pub outcome: Outcome,
}

/// What pip does on musl.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// No wheel: pip compiles the package from source (or, with
    /// `--only-binary`, stops).
    Compiled {
        /// The package as the tables name it.
        name: String,
        /// Why there is no wheel.
        why: NoWheel,
        /// `--only-binary` forbids the source build.
        only_binary: bool,
        /// The Alpine packages a source build needs.
        build_apk: Vec<String>,
        /// Those of them not installed before or in this `RUN`
        /// (`build-base` counts for the compilers and headers it brings).
        missing: Vec<String>,
        /// What the tables add about the build.
        note: Option<String>,
    },
    /// No wheel, but a pure-Python version installs instead.
    PureFallback {
        /// The package as the tables name it.
        name: String,
        /// Why there is no wheel.
        why: NoWheel,
    },
    /// A requirements file fromlab cannot read.
    RequirementFile {
        /// The file as written.
        file: String,
    },
}

/// Reports what the `pip install`s of one `RUN` do on a musl target.
pub(super) fn check(
    stage: usize,
    instruction: usize,
    scripts: &[Script<'_>],
    scope: Scope<'_>,
    target: &Target,
    out: &mut Vec<Break>,
) {
    if target.libc() != Some(Libc::Musl) {
        return;
    }
    let tables = SizeTables::builtin();
    let name = &target.name;
    let pip_installs = || {
        scripts.iter().flat_map(|s| {
            s.analysis
                .installs()
                .filter(|i| i.manager == Manager::Pip)
                .map(move |i| (s, i))
        })
    };
    if pip_installs().next().is_none() {
        return;
    }
    // What the build tools would be found among: packages installed before
    // this RUN, and in it.
    let installed: Vec<&str> = scope
        .os_packages()
        .iter()
        .map(String::as_str)
        .chain(scripts.iter().flat_map(|s| {
            s.analysis
                .installs()
                .filter(|i| i.manager.is_os())
                .flat_map(|i| i.packages.iter().map(|p| p.name.as_str()))
        }))
        .collect();
    let mut push = |severity, range, message: String, outcome| {
        out.push(Break {
            problem: Problem::MuslPythonWheels,
            severity,
            instruction,
            range,
            message,
            detail: Detail::Wheels(WheelFinding { stage, outcome }),
        });
    };
    for (script, install) in pip_installs() {
        let map = |r: &std::ops::Range<usize>| -> TextRange {
            script.script.source_range(r.start, r.end)
        };
        for file in &install.requirement_files {
            push(
                Severity::Info,
                map(&file.range),
                format!(
                    "fromlab cannot see {}: any package in it with compiled code and no musllinux wheel is compiled from source on {name}",
                    file.text
                ),
                Outcome::RequirementFile {
                    file: file.text.clone(),
                },
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
            let range = map(&package.range);
            match row.wheel(true, package.version.as_deref(), &package.spec) {
                // A musllinux wheel exists for the pin: nothing is compiled,
                // so nothing breaks (testing on musl is still wise; the
                // lesson says so).
                Ok(()) => {}
                Err(why) if row.pure_fallback => push(
                    Severity::Info,
                    range,
                    format!(
                        "{} {} on musl: pip installs its pure-Python version on {name}, which works, only more slowly",
                        row.name,
                        why.phrase()
                    ),
                    Outcome::PureFallback {
                        name: row.name.to_string(),
                        why,
                    },
                ),
                Err(why) => {
                    let build_apk: Vec<String> =
                        row.build_apk.iter().map(|n| n.to_string()).collect();
                    let has = |n: &str| {
                        installed.contains(&n)
                            // build-base brings gcc, g++, make and the C library headers.
                            || (matches!(n, "gcc" | "g++" | "make" | "musl-dev")
                                && installed.contains(&"build-base"))
                    };
                    let missing = build_apk.iter().filter(|n| !has(n)).cloned().collect();
                    let outcome = if install.options.only_binary {
                        "pip stops, because --only-binary forbids building from source".to_owned()
                    } else {
                        format!(
                            "pip compiles it from source on {name}, which needs {} and takes minutes",
                            if build_apk.is_empty() {
                                "a compiler".to_owned()
                            } else {
                                build_apk.join(", ")
                            }
                        )
                    };
                    push(
                        Severity::Warning,
                        range,
                        format!("{} {} on musl: {outcome}", row.name, why.phrase()),
                        Outcome::Compiled {
                            name: row.name.to_string(),
                            why,
                            only_binary: install.options.only_binary,
                            build_apk,
                            missing,
                            note: row.note.as_deref().map(str::to_owned),
                        },
                    );
                }
            }
        }
    }
}
