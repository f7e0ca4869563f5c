//! The size of every layer of every stage, and what each stage leaves at which
//! path: the binaries its builds write, the packages pip and npm install, the
//! files it copies in. A `COPY --from` is traced through these, so copying
//! `/out/app` from a Go builder counts the binary, not the builder.
//!
//! Every stage is estimated once, on its own base; the what-if table then
//! re-estimates only the stages that ship, on each other base.

use std::cell::OnceCell;

use crate::catalogue::{BaseFacts, Figure, Libc};
use crate::image_ref::ImageRef;
use crate::rules::Context;
use crate::shell::{Build, BuildTool, Install, Manager, ScriptAnalysis, SimpleCommand, basename};
use crate::syntax::InstructionKind;
use crate::walk::{Origin, Source, StageWalk, Step, StepKind, absolute, within};

use super::layer::{ItemKind, LayerEstimate, LayerItem, estimate_layer_in, label};
use super::table_data::{PathRole, Ratio, SizeTables};
use super::{format_bytes, format_range};

/// A size on disk and to pull, each as a range around a point estimate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Size {
    /// Smallest size on disk.
    pub low: u64,
    /// The estimate on disk.
    pub point: u64,
    /// Largest size on disk.
    pub high: u64,
    /// Smallest size to pull.
    pub compressed_low: u64,
    /// The estimate to pull.
    pub compressed_point: u64,
    /// Largest size to pull.
    pub compressed_high: u64,
}

impl Size {
    /// A range on disk, and what it pulls as at `ratio`.
    pub fn new(low: u64, point: u64, high: u64, ratio: &Ratio) -> Size {
        let (low, high) = (low.min(high), low.max(high));
        let point = point.clamp(low, high);
        let mid = (ratio.low + ratio.high) / 2.0;
        Size {
            low,
            point,
            high,
            compressed_low: (low as f64 / ratio.high) as u64,
            compressed_point: (point as f64 / mid) as u64,
            compressed_high: (high as f64 / ratio.low) as u64,
        }
    }

    /// A table figure.
    pub fn figure(figure: &Figure, ratio: &Ratio) -> Size {
        Size::new(figure.low(), figure.bytes, figure.high(), ratio)
    }

    /// One exact size.
    pub fn exact(bytes: u64, ratio: &Ratio) -> Size {
        Size::new(bytes, bytes, bytes, ratio)
    }

    /// A `RUN` layer.
    pub fn of_layer(layer: &LayerEstimate) -> Size {
        Size {
            low: layer.low_bytes,
            point: layer.bytes,
            high: layer.high_bytes,
            compressed_low: layer.compressed_low_bytes,
            compressed_point: layer.compressed_bytes,
            compressed_high: layer.compressed_high_bytes,
        }
    }

    /// One part of a `RUN` layer.
    fn of_item(item: &LayerItem) -> Size {
        Size {
            low: item.low_bytes,
            point: item.bytes,
            high: item.high_bytes,
            compressed_low: item.compressed_low_bytes,
            compressed_point: item.compressed_bytes,
            compressed_high: item.compressed_high_bytes,
        }
    }

    /// The sum of two sizes.
    pub fn plus(self, other: Size) -> Size {
        Size {
            low: self.low.saturating_add(other.low),
            point: self.point.saturating_add(other.point),
            high: self.high.saturating_add(other.high),
            compressed_low: self.compressed_low.saturating_add(other.compressed_low),
            compressed_point: self.compressed_point.saturating_add(other.compressed_point),
            compressed_high: self.compressed_high.saturating_add(other.compressed_high),
        }
    }

    /// No larger than `bytes` on disk (a part of an image cannot exceed it).
    fn capped(self, bytes: u64, compressed: u64) -> Size {
        Size {
            low: self.low.min(bytes),
            point: self.point.min(bytes),
            high: self.high.min(bytes),
            compressed_low: self.compressed_low.min(compressed),
            compressed_point: self.compressed_point.min(compressed),
            compressed_high: self.compressed_high.min(compressed),
        }
    }

    /// The range for people (`4.6–30 MB`).
    pub fn range_text(&self) -> String {
        format_range(self.low, self.high)
    }
}

/// Compiled code a stage produced, which decides where it can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Native {
    /// A program built in the stage.
    Binary {
        /// `Go` or `Rust`.
        language: &'static str,
        /// Linked against a C library at run time.
        dynamic: bool,
        /// The C library of the stage that built it.
        libc: Option<Libc>,
        /// How it was built, for messages (`go build -o /out/app`).
        label: String,
    },
    /// Python packages with compiled extensions.
    Extensions {
        /// The C library they were built for.
        libc: Option<Libc>,
        /// Their names.
        packages: Vec<String>,
    },
}

/// What kind of thing sits at an artifact's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArtifactKind {
    /// A build's output.
    Build,
    /// Packages pip or npm installed.
    Packages,
    /// A fresh virtual environment.
    Venv,
    /// Files from the build context.
    Context,
    /// Files copied from another stage or image.
    Copied,
}

impl ArtifactKind {
    /// Which wins when a copied path lies inside several artifacts.
    fn priority(self) -> u8 {
        match self {
            ArtifactKind::Build => 3,
            ArtifactKind::Packages => 2,
            ArtifactKind::Venv => 1,
            ArtifactKind::Context | ArtifactKind::Copied => 0,
        }
    }
}

/// Something a stage leaves at a path.
#[derive(Debug, Clone)]
pub(crate) struct Artifact {
    /// Where it is (absolute).
    pub path: String,
    /// What it is.
    pub kind: ArtifactKind,
    /// Its size.
    pub size: Size,
    /// How a learner calls it ("the Go binary from `go build -o /out/app` (line 12)").
    pub what: String,
    /// What copying a path inside it usually takes (the binary in `target/`), when
    /// that is not the whole.
    pub part: Option<(Size, String)>,
    /// Compiled code in it.
    pub natives: Vec<Native>,
    /// Sized from the assumed size of the build context.
    pub assumed: bool,
}

/// What one source of a `COPY` or `ADD` brings in.
#[derive(Debug, Clone)]
pub(crate) struct Traced {
    /// Index into the step's sources.
    pub source: usize,
    /// Its size.
    pub size: Size,
    /// What it is, in a phrase.
    pub what: String,
    /// Compiled code it carries.
    pub natives: Vec<Native>,
    /// The well-known path it is, if any.
    pub role: Option<PathRole>,
    /// Sized from the assumed size of the build context.
    pub assumed: bool,
}

/// The estimate of one instruction.
#[derive(Debug, Clone)]
pub(crate) struct Layer {
    /// Its index in the parse.
    pub instruction: usize,
    /// Its size.
    pub size: Size,
    /// One line a learner understands.
    pub reason: String,
    /// For a `RUN`, the estimate of each script.
    pub runs: Vec<LayerEstimate>,
    /// For a `COPY` or `ADD`, what each source brings.
    pub traced: Vec<Traced>,
}

/// Every stage estimated on its own base when first asked for (the image that
/// ships usually needs only a few of a large file's stages).
pub(crate) struct Plan<'a> {
    /// Each stage's estimate, made on first use.
    estimated: Vec<OnceCell<Estimated>>,
    /// The assumed size of the build context.
    pub context_bytes: u64,
    /// Ties the plan to the walk it reads.
    read: std::marker::PhantomData<&'a ()>,
}

/// One stage estimated on its own base.
struct Estimated {
    /// Its layers.
    layers: Vec<Layer>,
    /// What it holds at the end (including what it is built on).
    artifacts: Vec<Artifact>,
}

/// Packages that put a C compiler in an image (Go then enables cgo by default).
const C_COMPILERS: [&str; 7] = [
    "gcc",
    "g++",
    "clang",
    "build-essential",
    "build-base",
    "gcc-c++",
    "cc",
];

/// Names of context files that are small on their own (manifests and lock files).
const SMALL_NAMES: [&str; 12] = [
    "Gemfile",
    "Gemfile.lock",
    "Pipfile",
    "Pipfile.lock",
    "Makefile",
    "Dockerfile",
    "Procfile",
    "go.mod",
    "go.sum",
    "LICENSE",
    "entrypoint",
    "docker-entrypoint",
];

/// Extensions of context files that are small on their own.
const SMALL_EXTENSIONS: [&str; 32] = [
    "txt",
    "json",
    "lock",
    "toml",
    "yaml",
    "yml",
    "cfg",
    "ini",
    "conf",
    "sh",
    "py",
    "js",
    "mjs",
    "cjs",
    "ts",
    "mod",
    "sum",
    "xml",
    "gradle",
    "kts",
    "properties",
    "env",
    "md",
    "rb",
    "go",
    "rs",
    "html",
    "css",
    "pem",
    "crt",
    "npmrc",
    "yarnrc",
];

/// Extensions of packaged Java programs.
const JAR_EXTENSIONS: [&str; 3] = ["jar", "war", "ear"];

fn extension(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (stem, extension) = name.rsplit_once('.')?;
    (!stem.is_empty()).then_some(extension)
}

/// The 1-based line an instruction starts on.
pub(crate) fn line_of(cx: &Context<'_, '_>, instruction: usize) -> usize {
    cx.instructions
        .get(instruction)
        .map_or(0, |inst| cx.parse.line_col(inst.range.start).line)
}

/// The size of a stage's base image (following `FROM <stage>` to the image):
/// zero for scratch, `None` when the catalogue does not know it.
pub(crate) fn base_size(cx: &Context<'_, '_>, stage: usize) -> Option<Size> {
    let root = *cx.model.lineage(stage).first()?;
    let facts = cx.stages.get(root)?;
    if facts.scratch {
        return Some(Size::default());
    }
    let resolution = facts.resolution.as_ref()?;
    let (disk, compressed) = (resolution.disk?, resolution.compressed?);
    Some(Size {
        low: disk.low,
        point: disk.bytes,
        high: disk.high,
        compressed_low: compressed.low,
        compressed_point: compressed.bytes,
        compressed_high: compressed.high,
    })
}

fn tables() -> &'static SizeTables {
    SizeTables::builtin()
}

impl<'a> Plan<'a> {
    /// A plan of the Dockerfile; stages are estimated when asked for.
    pub fn new(cx: &Context<'a, '_>, context_bytes: u64) -> Plan<'a> {
        let count = cx.model.stages.len();
        Plan {
            estimated: (0..count).map(|_| OnceCell::new()).collect(),
            context_bytes,
            read: std::marker::PhantomData,
        }
    }

    /// A stage as read.
    pub fn walk<'c>(&self, cx: &'c Context<'a, '_>, stage: usize) -> Option<&'c StageWalk<'a>> {
        cx.walk().stage(stage)
    }

    fn estimated(&self, cx: &Context<'a, '_>, stage: usize) -> Option<&Estimated> {
        let cell = self.estimated.get(stage)?;
        Some(cell.get_or_init(|| {
            let facts = cx
                .stages
                .get(stage)
                .map(|s| s.facts.clone())
                .unwrap_or_default();
            let layers = self.stage_layers(cx, stage, &facts);
            let artifacts = self.derive(cx, stage, &layers, &facts);
            Estimated { layers, artifacts }
        }))
    }

    /// A stage's layers on its own base.
    pub fn layers(&self, cx: &Context<'a, '_>, stage: usize) -> &[Layer] {
        self.estimated(cx, stage)
            .map_or(&[][..], |e| e.layers.as_slice())
    }

    /// What a stage holds at the end.
    fn artifacts(&self, cx: &Context<'a, '_>, stage: usize) -> &[Artifact] {
        self.estimated(cx, stage)
            .map_or(&[][..], |e| e.artifacts.as_slice())
    }

    /// A stage's layers on a base with `facts` (its own base, or another for the
    /// what-if table). `COPY --from` is traced through the earlier stages, each
    /// on its own base.
    pub fn stage_layers(
        &self,
        cx: &Context<'a, '_>,
        stage: usize,
        facts: &BaseFacts,
    ) -> Vec<Layer> {
        let Some(walk) = self.walk(cx, stage) else {
            return Vec::new();
        };
        walk.steps
            .iter()
            .map(|step| self.layer(cx, stage, step, facts))
            .collect()
    }

    /// The size of a `RUN` step of `walk` on a base with `facts`.
    pub fn run_size(
        &self,
        walk: &StageWalk<'_>,
        step: &Step<'_>,
        facts: &BaseFacts,
    ) -> Option<Size> {
        let StepKind::Run {
            scripts, mounts, ..
        } = &step.kind
        else {
            return None;
        };
        let env = walk.scope(step).env();
        Some(scripts.iter().fold(Size::default(), |sum, s| {
            sum.plus(Size::of_layer(&estimate_layer_in(
                tables(),
                &s.analysis,
                facts,
                mounts,
                env,
            )))
        }))
    }

    /// One instruction's estimate on a base with `facts`.
    pub fn layer(
        &self,
        cx: &Context<'a, '_>,
        stage: usize,
        step: &Step<'_>,
        facts: &BaseFacts,
    ) -> Layer {
        let mut layer = Layer {
            instruction: step.instruction,
            size: Size::default(),
            reason: String::new(),
            runs: Vec::new(),
            traced: Vec::new(),
        };
        match &step.kind {
            StepKind::Run {
                scripts, mounts, ..
            } => {
                let env = self
                    .walk(cx, stage)
                    .map_or(&[][..], |w| w.scope(step).env());
                layer.runs = scripts
                    .iter()
                    .map(|s| estimate_layer_in(tables(), &s.analysis, facts, mounts, env))
                    .collect();
                layer.size = layer
                    .runs
                    .iter()
                    .fold(Size::default(), |sum, run| sum.plus(Size::of_layer(run)));
                layer.reason = run_reason(&layer.runs);
            }
            StepKind::Copy {
                origin, sources, ..
            } => {
                layer.traced = sources
                    .iter()
                    .enumerate()
                    .map(|(index, source)| self.trace(cx, stage, origin, source, index))
                    .collect();
                layer.size = layer
                    .traced
                    .iter()
                    .fold(Size::default(), |sum, t| sum.plus(t.size));
                let whats: Vec<&str> = layer.traced.iter().map(|t| t.what.as_str()).collect();
                let whats = whats.join("; ");
                layer.reason = match origin {
                    Origin::Context => whats,
                    Origin::Stage(index) => format!(
                        "from stage {}: {whats}",
                        cx.model
                            .stages
                            .get(*index)
                            .map_or_else(|| index.to_string(), |s| s.label())
                    ),
                    Origin::Image(reference) => {
                        format!("from the image {}: {whats}", reference.familiar_string())
                    }
                    Origin::Unknown(name) => {
                        format!("--from={name} names no earlier stage or image: {whats}")
                    }
                };
            }
            StepKind::Command | StepKind::Other => {
                let kind = cx
                    .instructions
                    .get(step.instruction)
                    .map_or(InstructionKind::Unknown, |i| i.kind);
                layer.reason = match kind {
                    InstructionKind::Workdir => {
                        "creates the directory if it is missing: a few bytes".to_owned()
                    }
                    InstructionKind::Onbuild => {
                        "runs only when another image builds FROM this one: adds nothing here"
                            .to_owned()
                    }
                    InstructionKind::Unknown => {
                        "not an instruction Docker knows: adds nothing".to_owned()
                    }
                    _ => "metadata only: changes the image's settings, adds no files".to_owned(),
                };
            }
        }
        layer
    }

    /// What one source of a `COPY` or `ADD` brings in.
    fn trace(
        &self,
        cx: &Context<'a, '_>,
        stage: usize,
        origin: &Origin,
        source: &Source,
        index: usize,
    ) -> Traced {
        let tables = tables();
        let mut traced = Traced {
            source: index,
            size: Size::default(),
            what: String::new(),
            natives: Vec::new(),
            role: None,
            assumed: false,
        };
        if !matches!(origin, Origin::Context)
            && let Some(known) = tables.known_path(&source.path)
        {
            traced.size = Size::figure(&known.size, &tables.ratios.text_tree);
            traced.what = format!("{} ({})", source.text, known.what);
            traced.role = Some(known.role);
            return traced;
        }
        match origin {
            Origin::Context => self.trace_context(source, &mut traced),
            // The model links only to earlier stages; the check keeps a broken
            // link from asking a stage for its own estimate.
            Origin::Stage(from) if *from < stage => {
                self.trace_stage(cx, *from, source, &mut traced)
            }
            Origin::Stage(_) => self.trace_unknown(source, &mut traced),
            Origin::Image(reference) => trace_image(cx, reference, source, &mut traced),
            Origin::Unknown(_) => self.trace_unknown(source, &mut traced),
        }
        traced
    }

    fn trace_unknown(&self, source: &Source, traced: &mut Traced) {
        let tables = tables();
        traced.size = Size::figure(&tables.copy.unknown_path, &tables.ratios.os_packages);
        traced.what = format!(
            "{}, size unknown ({} assumed)",
            source.text,
            traced.size.range_text()
        );
    }

    fn trace_context(&self, source: &Source, traced: &mut Traced) {
        let tables = tables();
        let ratios = &tables.ratios;
        let context = self.context_bytes;
        let small = &tables.copy.small_file;
        if let Some(length) = source.heredoc {
            traced.size = Size::exact(length as u64, &ratios.text_tree);
            traced.what = format!(
                "a heredoc written into the image ({})",
                format_bytes(length as u64)
            );
        } else if source.remote {
            traced.size = Size::figure(&tables.copy.remote_file, &ratios.archives);
            traced.what = format!(
                "{}: a download fromlab cannot see ({} assumed)",
                source.text,
                traced.size.range_text()
            );
        } else if source.path.is_empty() && !source.glob {
            traced.assumed = true;
            traced.size = Size::exact(context, &ratios.os_packages);
            traced.what = format!(
                "the whole build context, assumed {} (a .dockerignore keeps it small; change the assumption to match yours)",
                format_bytes(context)
            );
        } else if extension(&source.path).is_some_and(|e| JAR_EXTENSIONS.contains(&e)) {
            let artifact = tables
                .build(BuildTool::Maven)
                .and_then(|row| row.artifact.as_ref());
            traced.size = artifact
                .map(|f| Size::figure(f, &ratios.archives))
                .unwrap_or_else(|| Size::figure(&tables.copy.unknown_path, &ratios.archives));
            traced.what = format!(
                "{}: a jar built outside Docker ({})",
                source.text,
                traced.size.range_text()
            );
        } else if !source.glob
            && (SMALL_NAMES.contains(&basename(&source.path))
                || extension(&source.path).is_some_and(|e| SMALL_EXTENSIONS.contains(&e)))
        {
            traced.size = Size::figure(small, &ratios.text_tree);
            traced.what = format!("{}: a small file from the build context", source.text);
        } else {
            traced.assumed = true;
            traced.size = Size::new(small.low(), context / 2, context, &ratios.os_packages);
            traced.what = format!(
                "{}: part of the build context (at most the {} assumed)",
                source.text,
                format_bytes(context)
            );
        }
    }

    fn trace_stage(&self, cx: &Context<'a, '_>, from: usize, source: &Source, traced: &mut Traced) {
        let tables = tables();
        let label = cx
            .model
            .stages
            .get(from)
            .map_or_else(|| from.to_string(), |s| s.label());
        if source.path == "/" && !source.glob {
            let mut size = Size::default();
            for stage in cx.model.lineage(from) {
                for layer in self.layers(cx, stage) {
                    size = size.plus(layer.size);
                }
            }
            match base_size(cx, from) {
                Some(base) => {
                    traced.size = size.plus(base);
                    traced.what = format!("everything in stage {label}, its base image included");
                }
                None => {
                    traced.size = size;
                    traced.what = format!(
                        "everything in stage {label} (its base image is unknown, so only its own layers are counted)"
                    );
                }
            }
            for artifact in self.artifacts(cx, from) {
                traced.natives.extend(artifact.natives.iter().cloned());
            }
            return;
        }
        let artifacts = self.artifacts(cx, from);
        let matched = matched(artifacts, &source.path, source.glob);
        if matched.is_empty() {
            traced.size = Size::figure(&tables.copy.unknown_path, &tables.ratios.os_packages);
            traced.what = format!(
                "fromlab cannot tell what {} holds in stage {label} ({} assumed)",
                source.path,
                traced.size.range_text()
            );
            return;
        }
        let taken = take(&matched);
        traced.size = taken.size;
        traced.natives = taken.natives;
        traced.assumed = taken.assumed;
        traced.what = format!("{}: {}", source.path, taken.what);
    }

    /// What a stage holds at the end, from its layers.
    fn derive(
        &self,
        cx: &Context<'a, '_>,
        stage: usize,
        layers: &[Layer],
        facts: &BaseFacts,
    ) -> Vec<Artifact> {
        let mut out: Vec<Artifact> = match cx.model.stages.get(stage).map(|s| &s.base.kind) {
            Some(crate::model::BaseKind::Stage { index }) if *index < stage => {
                self.artifacts(cx, *index).to_vec()
            }
            _ => Vec::new(),
        };
        let Some(walk) = self.walk(cx, stage) else {
            return out;
        };
        let compiler = facts
            .build_toolchain
            .as_deref()
            .is_some_and(|t| t.contains("gcc"))
            || walk
                .end()
                .os_packages()
                .iter()
                .any(|p| C_COMPILERS.contains(&p.as_str()));
        for (step, layer) in walk.steps.iter().zip(layers) {
            let line = line_of(cx, step.instruction);
            match &step.kind {
                StepKind::Run {
                    scripts, mounts, ..
                } => {
                    for (script, estimate) in scripts.iter().zip(&layer.runs) {
                        let found = Found {
                            analysis: &script.analysis,
                            estimate,
                            env: walk.scope(step).env(),
                            mounts,
                            workdir: step.workdir(),
                            line,
                            facts,
                            compiler,
                        };
                        found.collect(&mut out);
                    }
                }
                StepKind::Copy {
                    origin,
                    sources,
                    dest,
                    into_dir,
                    ..
                } => {
                    for traced in &layer.traced {
                        let Some(source) = sources.get(traced.source) else {
                            continue;
                        };
                        let binary = traced
                            .natives
                            .iter()
                            .any(|n| matches!(n, Native::Binary { .. }));
                        let path = if *into_dir
                            && !source.path.is_empty()
                            && source.path != "/"
                            && (extension(&source.path).is_some() || binary)
                        {
                            absolute(dest, basename(&source.path))
                        } else {
                            dest.clone()
                        };
                        let context = matches!(origin, Origin::Context);
                        let size = traced.size;
                        out.push(Artifact {
                            path,
                            kind: if context {
                                ArtifactKind::Context
                            } else {
                                ArtifactKind::Copied
                            },
                            size,
                            what: if context {
                                format!("files from the build context (line {line})")
                            } else {
                                traced.what.clone()
                            },
                            part: context.then(|| {
                                (
                                    Size::new(
                                        size.low.min(tables().copy.small_file.low()),
                                        size.point / 2,
                                        size.high,
                                        &tables().ratios.os_packages,
                                    ),
                                    format!("part of the build context copied on line {line}"),
                                )
                            }),
                            natives: traced.natives.clone(),
                            assumed: traced.assumed,
                        });
                    }
                }
                StepKind::Command | StepKind::Other => {}
            }
        }
        out
    }
}

/// The artifacts a source takes: all those at or under its path, or else the most
/// specific one its path lies inside (with `false`: only part of it is taken).
fn matched<'x>(artifacts: &'x [Artifact], path: &str, glob: bool) -> Vec<(&'x Artifact, bool)> {
    let under: Vec<(&Artifact, bool)> = artifacts
        .iter()
        .filter(|a| within(&a.path, path) && !(glob && a.path == path))
        .map(|a| (a, true))
        .collect();
    if !under.is_empty() {
        return under;
    }
    artifacts
        .iter()
        .enumerate()
        .filter(|(_, a)| within(path, &a.path))
        .max_by_key(|(i, a)| (a.path.len(), a.kind.priority(), *i))
        .map(|(_, a)| vec![(a, false)])
        .unwrap_or_default()
}

/// What copying matched artifacts takes: their sizes (or the usual part of each
/// one only partly taken), descriptions and compiled code.
fn take(matched: &[(&Artifact, bool)]) -> Artifact {
    let mut taken = Artifact {
        path: String::new(),
        kind: ArtifactKind::Copied,
        size: Size::default(),
        what: String::new(),
        part: None,
        natives: Vec::new(),
        assumed: false,
    };
    let mut whats: Vec<String> = Vec::new();
    for (artifact, whole) in matched {
        let (size, what) = match (&artifact.part, whole) {
            (Some((part, what)), false) => (*part, what.clone()),
            _ => (artifact.size, artifact.what.clone()),
        };
        taken.size = taken.size.plus(size);
        // With several parts, each says its share; one part is the row's size.
        whats.push(if matched.len() > 1 {
            format!("{what} ({})", size.range_text())
        } else {
            what
        });
        taken.natives.extend(artifact.natives.iter().cloned());
        taken.assumed |= artifact.assumed;
    }
    taken.what = whats.join(" + ");
    taken
}

fn trace_image(cx: &Context<'_, '_>, reference: &ImageRef, source: &Source, traced: &mut Traced) {
    let tables = tables();
    let resolution = cx.catalogue.resolve(reference);
    let image = resolution.reference.clone();
    let unknown = Size::figure(&tables.copy.unknown_path, &tables.ratios.os_packages);
    match (resolution.disk, resolution.compressed) {
        (Some(disk), Some(compressed)) if source.path == "/" && !source.glob => {
            traced.size = Size {
                low: disk.low,
                point: disk.bytes,
                high: disk.high,
                compressed_low: compressed.low,
                compressed_point: compressed.bytes,
                compressed_high: compressed.high,
            };
            traced.what = format!("all of {image}");
        }
        (Some(disk), Some(compressed)) => {
            traced.size = unknown.capped(disk.high, compressed.high);
            traced.what = format!(
                "{}: fromlab cannot tell its size ({} assumed; the whole image is {})",
                source.path,
                traced.size.range_text(),
                format_bytes(disk.bytes)
            );
        }
        _ => {
            traced.size = unknown;
            traced.what = format!(
                "{}: {image} is not in the catalogue ({} assumed)",
                source.path,
                unknown.range_text()
            );
        }
    }
}

/// The reason of a `RUN` row: what its scripts install, build and keep.
fn run_reason(runs: &[LayerEstimate]) -> String {
    let telling: Vec<&str> = runs
        .iter()
        .filter(|r| !r.items.is_empty() || !r.warnings.is_empty())
        .map(|r| r.reason.as_str())
        .collect();
    if !telling.is_empty() {
        return telling.join("; ");
    }
    match runs.last() {
        Some(run) => run.reason.clone(),
        None => {
            "exec form: fromlab cannot see what the program writes, so 0 MB is assumed".to_owned()
        }
    }
}

/// What one `RUN` script leaves behind, as artifacts.
struct Found<'f> {
    analysis: &'f ScriptAnalysis,
    estimate: &'f LayerEstimate,
    env: &'f [(String, String)],
    mounts: &'f [String],
    workdir: &'f str,
    line: usize,
    facts: &'f BaseFacts,
    compiler: bool,
}

impl Found<'_> {
    /// Adds what the script leaves to the stage's artifacts.
    fn collect(&self, stage: &mut Vec<Artifact>) {
        let tables = tables();
        let mut out: Vec<Artifact> = Vec::new();
        for command in &self.analysis.commands {
            if let Some(path) = venv_path(command) {
                out.push(Artifact {
                    path: absolute(self.workdir, &path),
                    kind: ArtifactKind::Venv,
                    size: Size::figure(&tables.copy.venv, &tables.ratios.text_tree),
                    what: format!("the virtual environment made on line {}", self.line),
                    part: None,
                    natives: Vec::new(),
                    assumed: false,
                });
            }
        }
        for install in self.analysis.installs() {
            let size = self
                .estimate
                .items
                .iter()
                .filter(|i| {
                    i.kind == ItemKind::Installed && i.range.as_ref() == Some(&install.range)
                })
                .fold(Size::default(), |sum, i| sum.plus(Size::of_item(i)));
            let what = format!("what `{}` installed (line {})", label(install), self.line);
            match install.manager {
                Manager::Pip => {
                    let venvs: Vec<String> = stage
                        .iter()
                        .chain(out.iter())
                        .filter(|a| a.kind == ArtifactKind::Venv)
                        .map(|a| a.path.clone())
                        .collect();
                    out.push(Artifact {
                        path: self.pip_location(install, &venvs),
                        kind: ArtifactKind::Packages,
                        size,
                        what,
                        part: None,
                        natives: extensions(install, self.facts.libc).into_iter().collect(),
                        assumed: false,
                    });
                }
                Manager::Npm | Manager::Yarn | Manager::Pnpm => out.push(Artifact {
                    path: if install.options.global {
                        "/usr/local/lib/node_modules".to_owned()
                    } else {
                        absolute(self.workdir, "node_modules")
                    },
                    kind: ArtifactKind::Packages,
                    size,
                    what,
                    part: None,
                    natives: Vec::new(),
                    assumed: false,
                }),
                _ => {}
            }
        }
        for build in self.analysis.builds() {
            if !build.downloads_only
                && let Some(artifact) = self.build(build)
            {
                out.push(artifact);
            }
        }
        self.copies(stage, &mut out);
        // What the script writes into a mount is gone when the RUN ends.
        out.retain(|a| !self.mounts.iter().any(|m| within(&a.path, m)));
        stage.extend(out);
    }

    /// `cp`, `mv` and `install` of an artifact to another path (`cp
    /// target/release/app /app` after a cargo build whose target/ is a cache mount).
    fn copies(&self, stage: &[Artifact], out: &mut Vec<Artifact>) {
        for command in &self.analysis.commands {
            let Some(program) = command.name() else {
                continue;
            };
            if !matches!(basename(program), "cp" | "mv" | "install") {
                continue;
            }
            let operands: Vec<&str> = command
                .words
                .iter()
                .skip(1)
                .map(|w| w.text.as_str())
                .filter(|w| !w.starts_with('-'))
                .collect();
            let Some((dest, sources)) = operands.split_last() else {
                continue;
            };
            let into_dir = dest.ends_with('/') || sources.len() > 1;
            for source in sources {
                let glob = source.contains(['*', '?', '[']);
                let path = absolute(
                    self.workdir,
                    source.split(['*', '?', '[']).next().unwrap_or_default(),
                );
                let known: Vec<Artifact> = stage.iter().chain(out.iter()).cloned().collect();
                let matched = matched(&known, &path, glob);
                if matched.is_empty() {
                    continue;
                }
                let mut taken = take(&matched);
                taken.path = if into_dir {
                    absolute(&absolute(self.workdir, dest), basename(source))
                } else {
                    absolute(self.workdir, dest)
                };
                taken.what = format!("{}, copied to {dest}", taken.what);
                out.push(taken);
            }
        }
    }

    fn var(&self, command: usize, name: &str) -> Option<String> {
        self.analysis
            .env_at(command, name)
            .map(str::to_owned)
            .or_else(|| {
                self.env
                    .iter()
                    .rev()
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value.clone())
            })
    }

    fn words(&self, command: usize) -> &[crate::shell::Word] {
        self.analysis
            .commands
            .get(command)
            .map_or(&[][..], |c| c.words.as_slice())
    }

    /// Where a pip install puts its packages.
    fn pip_location(&self, install: &Install, venvs: &[String]) -> String {
        let words = self.words(install.command);
        for (i, word) in words.iter().enumerate() {
            for option in ["--target", "--prefix", "--root", "-t"] {
                let value = if word.text == option {
                    words.get(i + 1).map(|w| w.text.as_str())
                } else {
                    word.text
                        .strip_prefix(option)
                        .and_then(|rest| rest.strip_prefix('='))
                };
                if let Some(value) = value {
                    return absolute(self.workdir, value);
                }
            }
        }
        if install.options.user {
            let home = self
                .var(install.command, "HOME")
                .unwrap_or_else(|| "/root".to_owned());
            return absolute(&home, ".local");
        }
        if let Some(program) = words.first()
            && let Some((dir, _)) = program.text.rsplit_once("/bin/")
            && !matches!(dir, "" | "/" | "/usr" | "/usr/local")
        {
            return absolute(self.workdir, dir);
        }
        if let Some(venv) = self.var(install.command, "VIRTUAL_ENV")
            && !venv.is_empty()
        {
            return absolute(self.workdir, &venv);
        }
        if let Some(path) = self.var(install.command, "PATH") {
            for entry in path.split(':') {
                if let Some(dir) = entry.strip_suffix("/bin")
                    && (venvs.iter().any(|v| v == dir) || dir.contains("venv"))
                {
                    return absolute(self.workdir, dir);
                }
            }
        }
        // The official python images install into /usr/local/lib/python3.X.
        "/usr/local/lib".to_owned()
    }

    fn build(&self, build: &Build) -> Option<Artifact> {
        let tables = tables();
        let row = tables.build(build.tool)?;
        let installs = self
            .words(build.command)
            .iter()
            .any(|w| w.text == "install");
        let output = build
            .output
            .as_ref()
            .map(|w| w.text.as_str())
            .filter(|o| !o.contains('$'));
        let ratio = tables.ratios.of(row.output_kind);
        let binary_of = |figure: &Figure| Size::figure(figure, ratio);
        let artifact = row.artifact.as_ref().map(binary_of);
        let line = self.line;
        let libc = self.facts.libc;
        match build.tool {
            BuildTool::Go => {
                let figure = match (&row.output_stripped, build.stripped) {
                    (Some(stripped), true) => stripped,
                    _ => &row.output,
                };
                let size = binary_of(figure);
                let path = match output {
                    Some(o) => absolute(self.workdir, o),
                    None if installs => self
                        .var(build.command, "GOBIN")
                        .unwrap_or_else(|| "/go/bin".to_owned()),
                    None => self.workdir.to_owned(),
                };
                let cgo = build.cgo_enabled.or_else(|| {
                    match self.var(build.command, "CGO_ENABLED").as_deref() {
                        Some("0") => Some(false),
                        Some("1") => Some(true),
                        _ => None,
                    }
                });
                let dynamic = !build.static_link && cgo.unwrap_or(self.compiler);
                let command = match output {
                    Some(o) => format!("go build -o {o}"),
                    None if installs => "go install".to_owned(),
                    None => "go build".to_owned(),
                };
                let what = format!("the Go binary from `{command}` (line {line})");
                Some(Artifact {
                    path,
                    kind: ArtifactKind::Build,
                    size,
                    what: what.clone(),
                    part: Some((size, what)),
                    natives: vec![Native::Binary {
                        language: "Go",
                        dynamic,
                        libc,
                        label: command,
                    }],
                    assumed: false,
                })
            }
            BuildTool::Cargo => {
                let rustflags = self.var(build.command, "RUSTFLAGS").unwrap_or_default();
                let dynamic = !build.static_link
                    && libc != Some(Libc::Musl)
                    && !rustflags.contains("crt-static");
                let command = if installs {
                    "cargo install"
                } else {
                    "cargo build"
                };
                let binary = artifact.unwrap_or_else(|| binary_of(&row.output));
                let binary_what = format!("the Rust binary from `{command}` (line {line})");
                let natives = vec![Native::Binary {
                    language: "Rust",
                    dynamic,
                    libc,
                    label: command.to_owned(),
                }];
                Some(if installs {
                    Artifact {
                        path: output.map_or_else(
                            || "/usr/local/cargo/bin".to_owned(),
                            |root| absolute(&absolute(self.workdir, root), "bin"),
                        ),
                        kind: ArtifactKind::Build,
                        size: binary,
                        what: binary_what.clone(),
                        part: Some((binary, binary_what)),
                        natives,
                        assumed: false,
                    }
                } else {
                    Artifact {
                        path: absolute(self.workdir, output.unwrap_or("target")),
                        kind: ArtifactKind::Build,
                        size: binary_of(&row.output),
                        what: format!("the whole target directory of `cargo build` (line {line})"),
                        part: Some((binary, binary_what)),
                        natives,
                        assumed: false,
                    }
                })
            }
            BuildTool::Maven | BuildTool::Gradle => {
                let (dir, command) = if build.tool == BuildTool::Maven {
                    ("target", "mvn package")
                } else {
                    ("build", "gradle build")
                };
                // A jar is a zip: it pulls at about its size on disk.
                let jar = row.artifact.as_ref().map_or_else(
                    || binary_of(&row.output),
                    |f| Size::figure(f, &tables.ratios.archives),
                );
                Some(Artifact {
                    path: absolute(self.workdir, dir),
                    kind: ArtifactKind::Build,
                    size: binary_of(&row.output),
                    what: format!("the whole {dir}/ directory of `{command}` (line {line})"),
                    part: Some((jar, format!("the jar from `{command}` (line {line})"))),
                    natives: Vec::new(),
                    assumed: false,
                })
            }
        }
    }
}

/// The directory `python -m venv DIR`, `virtualenv DIR` or `uv venv [DIR]` creates.
fn venv_path(command: &SimpleCommand) -> Option<String> {
    let words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
    let program = basename(words.first()?);
    let positional = |rest: &[&str]| {
        rest.iter()
            .find(|w| !w.starts_with('-'))
            .map(|w| (*w).to_owned())
    };
    if program.starts_with("python") {
        let at = words.windows(2).position(|w| w == ["-m", "venv"])?;
        return positional(words.get(at + 2..)?);
    }
    match program {
        "virtualenv" => positional(words.get(1..)?),
        "uv" if words.get(1) == Some(&"venv") => {
            Some(positional(words.get(2..)?).unwrap_or_else(|| ".venv".to_owned()))
        }
        _ => None,
    }
}

/// The table packages with compiled code that a pip install brings in. An install
/// of packages fromlab cannot see (a requirements file, an unknown name, a local
/// project) may bring some too: that is an empty list.
fn extensions(install: &Install, libc: Option<Libc>) -> Option<Native> {
    let tables = tables();
    let unseen = !install.requirement_files.is_empty()
        || install
            .packages
            .iter()
            .any(|p| p.local || p.from_variable || tables.pip_package(&p.name).is_none());
    let mut queue: Vec<String> = install
        .packages
        .iter()
        .filter(|p| !p.local && !p.from_variable)
        .map(|p| p.name.clone())
        .collect();
    let mut seen: Vec<String> = Vec::new();
    let mut packages: Vec<String> = Vec::new();
    while let Some(name) = queue.pop() {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        let Some(row) = tables.pip_package(&name) else {
            continue;
        };
        if row.wheels != super::Wheels::Universal {
            packages.push(row.name.to_string());
        }
        queue.extend(row.requires.iter().map(|r| r.to_string()));
    }
    packages.sort();
    (!packages.is_empty() || unseen).then_some(Native::Extensions { libc, packages })
}
