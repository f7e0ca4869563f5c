//! What breaks when an image is built on a given base: a package manager the
//! base does not have, shell forms (or shells) with no shell, Python packages
//! with no musl wheel, programs linked against the other C library or against
//! a C library where there is none, and `scratch` without CA certificates.
//!
//! One implementation serves two callers. The compatibility rules (FL201–FL206)
//! ask what breaks on each stage's own base ([`own_breaks`], computed once per
//! analysis and kept by the [`Context`]) and each reports its [`Problem`] in its
//! own words; the what-if table of the size estimate asks the same question of
//! every other base on the spectrum ([`image_breaks`] with
//! [`Target::of_resolution`]) and lists [`Break::message`].
//!
//! What is checked where:
//! - every stage: package managers, shells and Python wheels break the build
//!   wherever they happen;
//! - only the stages whose layers ship (the final stage and the stages it is
//!   built `FROM`): programs copied in with `COPY --from` and CA certificates
//!   matter when the image runs, and only the final image runs.
//!
//! The files: `packages.rs` (which package manager a command needs),
//! `shell.rs` (what has a shell to run it), `wheels.rs` (pip on musl),
//! `linking.rs` (what a `COPY --from` takes from a build and how it is
//! linked), `certs.rs` (CA bundles on `scratch`).

mod certs;
pub(crate) mod linking;
mod packages;
mod shell;
mod wheels;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::catalogue::{BaseFacts, Libc, PackageManager, Resolution, Shell};
use crate::diagnostic::Severity;
use crate::rules::Context;
use crate::syntax::TextRange;

pub(crate) use certs::Certificates;
pub(crate) use linking::{Copied, Linking};
pub(crate) use packages::ManagerUse;
pub(crate) use shell::{ShellKind, ShellNeed};
pub(crate) use wheels::{Outcome, WheelFinding};

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
    /// One sentence saying what breaks and why, naming the base.
    pub message: String,
    /// What the rules need to say it their way and to offer a fix.
    #[serde(skip)]
    pub(crate) detail: Detail,
}

/// The facts behind a [`Break`], one kind per problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Detail {
    /// A command of a package manager the base lacks.
    PackageManager(ManagerUse),
    /// Something that needs a shell the base lacks.
    Shell(ShellNeed),
    /// What pip does on musl.
    Wheels(WheelFinding),
    /// A program or Python packages copied from a build stage.
    Binary(Box<Copied>),
    /// No CA bundle on scratch.
    Certificates(Certificates),
}

/// The base an image is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// How messages name it (`alpine:3.24`, `scratch`).
    pub name: String,
    /// What the catalogue knows about it.
    pub facts: BaseFacts,
    /// True for the empty image.
    pub scratch: bool,
    /// True for a distroless `:debug` tag: its busybox shell is at
    /// `/busybox/sh`, not `/bin/sh`.
    pub busybox: bool,
}

impl Target {
    /// The stage's own base (following `FROM <stage>` to the image).
    pub fn of_stage(cx: &Context<'_, '_>, stage: usize) -> Target {
        let root = cx.model.root(stage).map_or(stage, |s| s.index);
        let own = cx.stages.get(stage);
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
        let scratch = own.is_some_and(|s| s.scratch);
        let facts = if scratch {
            // The rules' context keeps no resolution for scratch; its row has the facts.
            cx.catalogue.resolve_str(crate::image_ref::SCRATCH).facts()
        } else {
            own.map(|s| s.facts.clone()).unwrap_or_default()
        };
        let busybox = cx
            .stages
            .get(root)
            .and_then(|s| s.resolution.as_ref())
            .is_some_and(is_busybox_debug);
        Target {
            name,
            facts,
            scratch,
            busybox,
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
            busybox: is_busybox_debug(resolution),
        }
    }

    /// Whether fromlab knows what the base holds.
    fn known(&self) -> bool {
        self.scratch || self.facts.known
    }

    /// Whether it has `/bin/sh`; `None` when fromlab does not know.
    fn has_shell(&self) -> Option<bool> {
        if self.scratch {
            Some(false)
        } else if !self.facts.known {
            None
        } else {
            Some(!self.busybox && self.facts.shell != Some(Shell::None))
        }
    }

    /// Its OS package manager (`None` when unknown).
    fn package_manager(&self) -> Option<PackageManager> {
        if self.scratch {
            Some(PackageManager::None)
        } else if self.facts.known {
            self.facts.package_manager
        } else {
            None
        }
    }

    /// Its C library (`None` when unknown).
    fn libc(&self) -> Option<Libc> {
        if self.scratch {
            Some(Libc::None)
        } else {
            self.facts.libc
        }
    }
}

/// A distroless `:debug` tag, whose shell lives in `/busybox`.
fn is_busybox_debug(resolution: &Resolution<'_>) -> bool {
    resolution.family.is_some_and(|f| f.name == "distroless")
        && resolution.modifiers.iter().any(|m| m.word == "debug")
}

/// What breaks in a stage's own instructions on `target` (as if the `FROM` its
/// chain starts from named `target`).
pub fn breaks(cx: &Context<'_, '_>, stage: usize, target: &Target) -> Vec<Break> {
    let own = cx
        .model
        .stages
        .get(stage)
        .map_or(0..0, |s| s.instructions.clone());
    let mut found = image_breaks(cx, stage, target);
    found.retain(|b| own.contains(&b.instruction));
    found
}

/// What breaks in the image a stage makes (its instructions and those of the
/// stages it is built on) on `target`, as if the root `FROM` named it.
pub fn image_breaks(cx: &Context<'_, '_>, stage: usize, target: &Target) -> Vec<Break> {
    let chain = cx.model.lineage(stage);
    let mut out = Vec::new();
    let mut shell = shell::ShellState::start(target);
    for &s in &chain {
        check_stage(cx, s, target, &mut shell, true, &mut out);
    }
    certs::check(cx, &chain, target, &mut out);
    dedup(out)
}

/// What breaks in every stage on its own base, in stage order, and what
/// breaks when the final image runs.
pub fn own_breaks(cx: &Context<'_, '_>) -> Vec<Break> {
    cx.own_breaks().to_vec()
}

/// The findings behind [`own_breaks`] (the context keeps them).
pub(crate) fn own(cx: &Context<'_, '_>) -> Vec<Break> {
    let shipped = cx.model.shipped_lineage();
    let mut states: Vec<Option<shell::ShellState>> = Vec::with_capacity(cx.model.stages.len());
    let mut out = Vec::new();
    let mut final_target = None;
    for stage in &cx.model.stages {
        let target = Target::of_stage(cx, stage.index);
        let mut state = match stage.base.kind {
            crate::model::BaseKind::Stage { index } => states.get(index).cloned().flatten(),
            _ => shell::ShellState::start(&target),
        };
        let runs = shipped.contains(&stage.index);
        check_stage(cx, stage.index, &target, &mut state, runs, &mut out);
        states.push(state);
        if cx.model.stages.len() == stage.index + 1 {
            final_target = Some(target);
        }
    }
    if let Some(target) = final_target {
        certs::check(cx, &shipped, &target, &mut out);
    }
    dedup(out)
}

/// Checks one stage's own instructions. `state` is what runs shell commands
/// there (carried from the stage it is built on); `runs` says whether the
/// stage ships, so that what it copies in has to run on `target`.
fn check_stage(
    cx: &Context<'_, '_>,
    stage: usize,
    target: &Target,
    state: &mut Option<shell::ShellState>,
    runs: bool,
    out: &mut Vec<Break>,
) {
    let Some(walk) = cx.walk().stage(stage) else {
        return;
    };
    let copied = if runs && target.known() {
        cx.copied(stage)
    } else {
        &[]
    };
    let mut copied = copied.iter().peekable();
    for (step, scope) in walk.scoped() {
        let Some(inst) = cx.instructions.get(step.instruction).copied() else {
            continue;
        };
        if let Some(state) = state.as_mut() {
            state.step(stage, target, inst, step, out);
        }
        if let crate::walk::StepKind::Run { scripts, .. } = &step.kind {
            packages::check(stage, step.instruction, inst, scripts, target, out);
            wheels::check(stage, step.instruction, scripts, scope, target, out);
        }
        while let Some(c) = copied.next_if(|c| c.instruction <= step.instruction) {
            linking::check(cx, c, target, out);
        }
    }
}

/// Drops repeated findings (the same problem at the same place).
fn dedup(mut found: Vec<Break>) -> Vec<Break> {
    // A set, not a list: a long Dockerfile on a shell-less base breaks at
    // every RUN, and a list would make this quadratic.
    let mut seen: BTreeSet<(u8, usize, usize)> = BTreeSet::new();
    found.retain(|b| seen.insert((b.problem as u8, b.range.start, b.range.end)));
    found
}

/// ` in stage build` for messages about what a stage produced.
fn in_stage(cx: &Context<'_, '_>, stage: usize) -> String {
    cx.model
        .stages
        .get(stage)
        .map_or_else(String::new, |s| format!(" in stage {}", s.label()))
}
