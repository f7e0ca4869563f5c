//! What breaks when a stage runs on a given base: a package manager the base does
//! not have, shell-form commands with no shell, Python packages with no musl wheel,
//! binaries linked against the other C library, dynamically linked binaries where
//! there is no C library at all, and scratch without CA certificates.
//!
//! One implementation serves two callers. The compatibility rules (FL201–FL206)
//! ask what breaks on each stage's own base: call [`breaks`] with
//! [`Target::of_stage`] (or [`own_breaks`] for every stage at once) and keep the
//! [`Problem`] your rule reports; each [`Break`] has the range to underline, a
//! message and the severity the contract gives the rule. The what-if table of the
//! size estimate asks the same question of every other base on the spectrum, with
//! [`image_breaks`] and [`Target::of_resolution`].
//!
//! Everything is computed from the context's cached reading of the Dockerfile
//! ([`Context`] keeps it), so calling these from several rules costs little.

use serde::Serialize;

use crate::catalogue::{BaseFacts, Libc, PackageManager, Resolution, Shell};
use crate::diagnostic::Severity;
use crate::rules::Context;
use crate::shell::{Action, Manager};
use crate::syntax::{Args, Spanned, TextRange};

use super::SizeTables;
use super::layer::needed_manager;
use super::plan::{Native, Plan};
use super::table_data::PathRole;
use super::walk::{Origin, StepKind, chain};

/// A kind of breakage; each is what one compatibility rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    /// An OS package manager the base does not have (FL201).
    PackageManagerMismatch,
    /// A shell-form instruction on a base with no shell (FL202).
    ShellRequired,
    /// A Python package with no musl wheel, or one to validate on musl (FL203).
    MuslPythonWheels,
    /// Compiled code for one C library copied onto the other (FL204).
    MuslGlibcBinary,
    /// A dynamically linked binary on a base with no C library (FL205).
    DynamicBinaryOnScratch,
    /// scratch with no CA certificates copied in (FL206).
    MissingCaCertificates,
}

impl Problem {
    /// The name of the rule that reports it.
    pub const fn rule(self) -> &'static str {
        match self {
            Problem::PackageManagerMismatch => "package-manager-mismatch",
            Problem::ShellRequired => "shell-required-on-shell-less-base",
            Problem::MuslPythonWheels => "musl-python-wheels",
            Problem::MuslGlibcBinary => "musl-glibc-binary",
            Problem::DynamicBinaryOnScratch => "dynamic-binary-on-scratch",
            Problem::MissingCaCertificates => "missing-ca-certificates",
        }
    }
}

/// One thing that breaks (or needs checking) on a base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Break {
    /// What kind.
    pub problem: Problem,
    /// Error when it cannot work, warning when it likely fails or costs a lot,
    /// info when it works but deserves a test.
    pub severity: Severity,
    /// The instruction it is in.
    pub instruction: usize,
    /// Exactly what to underline (a command, a package, a copied path, the base).
    pub range: TextRange,
    /// One sentence saying what breaks and why.
    pub message: String,
}

/// The base a stage is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// How messages name it (`alpine:3.24`, `scratch`).
    pub name: String,
    /// What the catalogue knows about it.
    pub facts: BaseFacts,
    /// True for the empty image.
    pub scratch: bool,
}

impl Target {
    /// The stage's own base (following `FROM <stage>` to the image).
    pub fn of_stage(cx: &Context<'_, '_>, stage: usize) -> Target {
        let root = chain(cx, stage).first().copied().unwrap_or(stage);
        let name = match cx.stages.get(root) {
            Some(s) if s.scratch => "scratch".to_owned(),
            Some(s) => s.resolution.as_ref().map_or_else(
                || {
                    cx.model
                        .stages
                        .get(root)
                        .map_or_else(String::new, |st| st.base.expanded.clone())
                },
                |r| r.reference.clone(),
            ),
            None => String::new(),
        };
        let scratch = cx.stages.get(stage).is_some_and(|s| s.scratch);
        let facts = if scratch {
            // The rules' context keeps no resolution for scratch; its row has the facts.
            cx.catalogue.resolve_str(crate::image_ref::SCRATCH).facts()
        } else {
            cx.stages
                .get(stage)
                .map(|s| s.facts.clone())
                .unwrap_or_default()
        };
        Target {
            name,
            facts,
            scratch,
        }
    }

    /// A catalogue image.
    pub fn of_resolution(resolution: &Resolution<'_>) -> Target {
        Target {
            name: resolution.reference.clone(),
            facts: resolution.facts(),
            scratch: resolution
                .entry
                .is_some_and(|e| e.repository == crate::image_ref::SCRATCH),
        }
    }

    fn no_shell(&self) -> bool {
        self.scratch || self.facts.shell == Some(Shell::None)
    }

    fn package_manager(&self) -> Option<PackageManager> {
        if self.scratch {
            Some(PackageManager::None)
        } else {
            self.facts.package_manager
        }
    }

    fn libc(&self) -> Option<Libc> {
        if self.scratch {
            Some(Libc::None)
        } else {
            self.facts.libc
        }
    }
}

/// What breaks in a stage's own instructions on `target`.
pub fn breaks(cx: &Context<'_, '_>, stage: usize, target: &Target) -> Vec<Break> {
    check(cx, cx.plan(), &[stage], target)
}

/// What breaks in the image a stage makes (its instructions and those of the
/// stages it is built on) on `target`, as if the root `FROM` named it.
pub fn image_breaks(cx: &Context<'_, '_>, stage: usize, target: &Target) -> Vec<Break> {
    check(cx, cx.plan(), &chain(cx, stage), target)
}

/// What breaks in every stage on its own base, in stage order.
pub fn own_breaks(cx: &Context<'_, '_>) -> Vec<Break> {
    (0..cx.model.stages.len())
        .flat_map(|stage| breaks(cx, stage, &Target::of_stage(cx, stage)))
        .collect()
}

/// Words that show a shell was copied into a shell-less image.
const SHELL_WORDS: [&str; 4] = ["busybox", "/bin/sh", "/bin/bash", "/bin/ash"];

/// Programs that are shells.
const SHELLS: [&str; 5] = ["sh", "bash", "ash", "dash", "zsh"];

/// The program of an exec-form `RUN`, `CMD`, `ENTRYPOINT` or `HEALTHCHECK`.
fn exec_program<'s>(args: &'s Args<'_>) -> Option<&'s Spanned<'s>> {
    match args {
        Args::Exec(exec) => exec.items.first(),
        Args::Healthcheck { command, .. } => exec_program(command),
        _ => None,
    }
}

/// Words that show a CA bundle was copied in.
const CA_WORDS: [&str; 4] = ["ca-certificates", "cacert", "ca-bundle", "/etc/ssl/certs"];

pub(crate) fn check<'a>(
    cx: &Context<'a, '_>,
    plan: &Plan<'a>,
    stages: &[usize],
    target: &Target,
) -> Vec<Break> {
    let mut out: Vec<Break> = Vec::new();
    let name = target.name.as_str();
    let copied_paths = || {
        stages.iter().flat_map(|&s| {
            plan.walk(cx, s)
                .map_or(&[][..], |w| w.steps.as_slice())
                .iter()
                .filter_map(|step| match &step.kind {
                    StepKind::Copy { sources, dest, .. } => Some((sources, dest)),
                    _ => None,
                })
        })
    };
    let shell_brought = copied_paths().any(|(sources, dest)| {
        SHELL_WORDS
            .iter()
            .any(|w| dest.contains(w) || sources.iter().any(|s| s.text.contains(w)))
    });
    let no_shell = target.no_shell() && !shell_brought;
    for &stage in stages {
        let Some(walk) = plan.walk(cx, stage) else {
            continue;
        };
        let cached = plan.estimated_layers(stage);
        for (index, step) in walk.steps.iter().enumerate() {
            let Some(inst) = cx.instructions.get(step.instruction).copied() else {
                continue;
            };
            let whole = inst.args.range().unwrap_or(inst.range);
            match &step.kind {
                StepKind::Run {
                    scripts,
                    shell_form,
                    ..
                } => {
                    if no_shell && *shell_form {
                        out.push(Break {
                            problem: Problem::ShellRequired,
                            severity: Severity::Error,
                            instruction: step.instruction,
                            range: whole,
                            message: format!(
                                "RUN in shell form runs `/bin/sh -c`, and {name} has no shell"
                            ),
                        });
                    }
                    for script in scripts {
                        let map = |range: &std::ops::Range<usize>| {
                            script.script.source_range(inst, range.start, range.end)
                        };
                        package_managers(
                            &script.analysis,
                            target,
                            step.instruction,
                            &map,
                            &mut out,
                        );
                        if target.libc() == Some(Libc::Musl) {
                            musl_wheels(&script.analysis, name, step.instruction, &map, &mut out);
                        }
                    }
                }
                StepKind::Copy {
                    origin, sources, ..
                } => {
                    let from = match origin {
                        Origin::Stage(index) => cx
                            .model
                            .stages
                            .get(*index)
                            .map_or_else(String::new, |s| format!(" in stage {}", s.label())),
                        _ => String::new(),
                    };
                    // Only what the copy carries matters here, not the base, so
                    // the stage's own estimate serves when it is already made.
                    let made;
                    let layer = match cached.and_then(|layers| layers.get(index)) {
                        Some(layer) => layer,
                        None => {
                            made = plan.layer(cx, stage, step, &BaseFacts::default());
                            &made
                        }
                    };
                    for traced in &layer.traced {
                        let Some(source) = sources.get(traced.source) else {
                            continue;
                        };
                        for native in &traced.natives {
                            if let Some((problem, severity, message)) =
                                native_break(native, &source.text, &from, target)
                            {
                                out.push(Break {
                                    problem,
                                    severity,
                                    instruction: step.instruction,
                                    range: source.range,
                                    message,
                                });
                            }
                        }
                    }
                }
                StepKind::Command { shell_form: true } if no_shell => {
                    let keyword = inst.kind.name();
                    out.push(Break {
                        problem: Problem::ShellRequired,
                        severity: Severity::Error,
                        instruction: step.instruction,
                        range: whole,
                        message: format!(
                            "{keyword} in shell form runs through `/bin/sh -c`, which {name} lacks: write it in exec form ({keyword} [\"program\", \"arg\"])"
                        ),
                    });
                }
                _ => {}
            }
            // Exec form that starts a shell needs one just as much.
            if no_shell
                && matches!(step.kind, StepKind::Run { .. } | StepKind::Command { .. })
                && let Some(program) = exec_program(&inst.args)
                && SHELLS.contains(&program.as_str().rsplit('/').next().unwrap_or_default())
            {
                out.push(Break {
                    problem: Problem::ShellRequired,
                    severity: Severity::Error,
                    instruction: step.instruction,
                    range: program.range,
                    message: format!(
                        "{} runs `{}`, and {name} has no shell",
                        inst.kind.name(),
                        program.as_str()
                    ),
                });
            }
        }
    }
    if target.scratch
        && let Some(&root) = stages.first()
        && let Some(stage) = cx.model.stages.get(root)
    {
        let tables = SizeTables::builtin();
        let has_ca = copied_paths().any(|(sources, dest)| {
            sources.iter().any(|s| {
                tables
                    .known_path(&s.path)
                    .is_some_and(|k| k.role == PathRole::CaCertificates)
            }) || CA_WORDS
                .iter()
                .any(|w| dest.contains(w) || sources.iter().any(|s| s.text.contains(w)))
        });
        if !has_ca {
            out.push(Break {
                problem: Problem::MissingCaCertificates,
                severity: Severity::Warning,
                instruction: stage.from_instruction,
                range: stage.base.range,
                message: format!(
                    "{name} has no CA certificates, so HTTPS and other TLS connections fail unless you copy a bundle in (COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/)"
                ),
            });
        }
    }
    let mut seen: Vec<(Problem, TextRange)> = Vec::new();
    out.retain(|b| {
        let key = (b.problem, b.range);
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
    out
}

/// OS package commands for a package manager the target does not have.
fn package_managers(
    analysis: &crate::shell::ScriptAnalysis,
    target: &Target,
    instruction: usize,
    map: &dyn Fn(&std::ops::Range<usize>) -> TextRange,
    out: &mut Vec<Break>,
) {
    let Some(present) = target.package_manager() else {
        return;
    };
    let mut flagged: Vec<usize> = Vec::new();
    for action in &analysis.actions {
        let (manager, command, range) = match action {
            Action::Install(i) => (i.manager, i.command, &i.range),
            Action::Update(u) => (u.manager, u.command, &u.range),
            Action::Remove(r) => (r.manager, r.command, &r.range),
            _ => continue,
        };
        let Some(needed) = needed_manager(manager) else {
            continue;
        };
        if needed == present || flagged.contains(&command) {
            continue;
        }
        flagged.push(command);
        let words: Vec<&str> = analysis
            .commands
            .get(command)
            .map(|c| c.words.iter().take(2).map(|w| w.text.as_str()).collect())
            .unwrap_or_default();
        let has = if present == PackageManager::None {
            "has no package manager".to_owned()
        } else {
            format!("uses {present}")
        };
        out.push(Break {
            problem: Problem::PackageManagerMismatch,
            severity: Severity::Error,
            instruction,
            range: map(range),
            message: format!(
                "`{}` needs {needed}, but {} {has}",
                words.join(" "),
                target.name
            ),
        });
    }
}

/// pip installs of packages that have no musl wheel (or have one worth testing).
fn musl_wheels(
    analysis: &crate::shell::ScriptAnalysis,
    name: &str,
    instruction: usize,
    map: &dyn Fn(&std::ops::Range<usize>) -> TextRange,
    out: &mut Vec<Break>,
) {
    let tables = SizeTables::builtin();
    for install in analysis.installs().filter(|i| i.manager == Manager::Pip) {
        for package in install
            .packages
            .iter()
            .filter(|p| !p.local && !p.from_variable)
        {
            let Some(row) = tables.pip_package(&package.name) else {
                continue;
            };
            // The named package and its table dependencies (unpinned).
            let mut closure = vec![(row, package.version.as_deref())];
            let mut queue: Vec<&str> = row.requires.iter().map(|r| &**r).collect();
            while let Some(dependency) = queue.pop() {
                if let Some(dep) = tables.pip_package(dependency)
                    && !closure.iter().any(|(r, _)| r.name == dep.name)
                {
                    queue.extend(dep.requires.iter().map(|r| &**r));
                    closure.push((dep, None));
                }
            }
            let compiled: Vec<String> = closure
                .iter()
                .filter(|(r, pinned)| !r.has_wheel(true, *pinned) && !r.pure_fallback)
                .map(|(r, pinned)| format!("{} {}", r.name, r.why_no_wheel(*pinned)))
                .collect();
            let range = map(&package.range);
            if !compiled.is_empty() {
                let outcome = if install.options.only_binary {
                    "pip stops, because --only-binary forbids building from source".to_owned()
                } else {
                    format!(
                        "pip compiles it from source on {name}, which needs {} and takes minutes",
                        if row.build_apk.is_empty() {
                            "a compiler".to_owned()
                        } else {
                            row.build_apk.join(", ")
                        }
                    )
                };
                out.push(Break {
                    problem: Problem::MuslPythonWheels,
                    severity: Severity::Warning,
                    instruction,
                    range,
                    message: format!("{} on musl: {outcome}", compiled.join("; ")),
                });
            } else if closure
                .iter()
                .any(|(r, _)| r.wheels != super::Wheels::Universal)
            {
                out.push(Break {
                    problem: Problem::MuslPythonWheels,
                    severity: Severity::Info,
                    instruction,
                    range,
                    message: format!(
                        "{} has musllinux wheels, but compiled code can behave differently on musl: test the image on {name} before you ship it",
                        package.spec
                    ),
                });
            }
        }
    }
}

/// What a copied piece of compiled code breaks on the target, if anything.
fn native_break(
    native: &Native,
    source: &str,
    from: &str,
    target: &Target,
) -> Option<(Problem, Severity, String)> {
    let name = &target.name;
    let there = target.libc()?;
    match native {
        Native::Binary {
            language,
            dynamic: true,
            libc,
            label,
        } => {
            if there == Libc::None {
                return Some((
                    Problem::DynamicBinaryOnScratch,
                    Severity::Error,
                    format!(
                        "{source} is a dynamically linked {language} binary (`{label}`{from}), and {name} has no C library to load it: build it static ({})",
                        if *language == "Go" {
                            "CGO_ENABLED=0"
                        } else {
                            "for example --target x86_64-unknown-linux-musl"
                        }
                    ),
                ));
            }
            let built = (*libc)?;
            (built != there && built != Libc::None).then(|| {
                (
                    Problem::MuslGlibcBinary,
                    Severity::Warning,
                    format!(
                        "{source} is a {language} binary linked against {built} (`{label}`{from}), and {name} has {there}: it will not start there"
                    ),
                )
            })
        }
        Native::Extensions { libc, packages } => {
            let built = (*libc)?;
            (there != Libc::None && built != there && built != Libc::None).then(|| {
                let message = if packages.is_empty() {
                    format!(
                        "{source} holds Python packages installed on {built}{from}, and {name} has {there}: any with compiled extensions will not load, so install them on the {there} base instead"
                    )
                } else {
                    format!(
                        "{source} holds Python packages compiled for {built}{from} ({}), and {name} has {there}: their extensions will not load",
                        packages.join(", ")
                    )
                };
                (Problem::MuslGlibcBinary, Severity::Warning, message)
            })
        }
        Native::Binary { dynamic: false, .. } => None,
    }
}
