//! The estimated size of the image a Dockerfile makes, layer by layer, and the
//! same Dockerfile on every other point of its base's spectrum.
//!
//! Only the final stage ships (BuildKit builds the last stage when no `--target`
//! is given), so the estimate is that stage's base plus one row per instruction
//! (and the rows of the stages it is built `FROM`, which ship with it):
//!
//! - the base comes from the catalogue: exact, estimated from the row it borrows
//!   from, or unknown with the reason and no size at all;
//! - `RUN` is the per-layer estimate of its scripts ([`super::run_layer_with`]),
//!   with the stage's `ENV` and `ARG` values and its cache mounts;
//! - `COPY` and `ADD` of the build context count [`Assumptions::context_bytes`]
//!   for the whole context (5 MB unless the learner says otherwise), a small
//!   figure for a named manifest or lock file, and up to the whole context for a
//!   named directory;
//! - `COPY --from=<stage>` counts what that stage produced at the copied path:
//!   the binary of a Go build, the release binary rather than Cargo's `target/`,
//!   the jar rather than Maven's `target/`, the packages pip installed into the
//!   copied virtual environment, `node_modules`, the context files copied there;
//!   a path fromlab cannot trace gets a stated range. The builder's toolchain and
//!   caches stay behind, as they do in Docker;
//! - `COPY --from=<image>` counts a well-known path (CA certificates, time zones)
//!   by its figure, the whole image for `/`, and a stated range capped at the
//!   image's size otherwise;
//! - metadata instructions (`ENV`, `LABEL`, `USER`, `CMD`...) are listed with
//!   zero bytes, so every line of the stage has a row.
//!
//! Each row has a low and a high figure on disk and to pull; the totals add a
//! point estimate, the sum of the catalogue's and the tables' own figures (the
//! middle of a range where a table gives only a range).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::catalogue::{
    BaseFacts, Catalogue, Entry, Libc, Match, Point, Resolution, Shell, SizeRange, TagParts,
};
use crate::diagnostic::Severity;
use crate::rules::Context;
use crate::syntax::{InstructionKind, TextRange};

use super::compat::{self, Target};
use super::format_bytes;
use super::plan::{Layer, Plan, Size, base_size, line_of};

/// The build context a `COPY . .` is assumed to send when the learner does not say:
/// 5 MB, a small service's sources with a `.dockerignore` that keeps `.git`,
/// `node_modules` and build output out.
pub const DEFAULT_CONTEXT_BYTES: u64 = 5_000_000;

/// What the estimate cannot see and the learner can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assumptions {
    /// The size of the build context (what `COPY . .` copies), in bytes.
    pub context_bytes: u64,
}

impl Default for Assumptions {
    fn default() -> Assumptions {
        Assumptions {
            context_bytes: DEFAULT_CONTEXT_BYTES,
        }
    }
}

/// The estimated size of the image a Dockerfile makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    /// The stage that ships.
    pub final_stage: FinalStage,
    /// Its base image.
    pub base: BaseSize,
    /// One row per instruction that ships, in order.
    pub layers: Vec<LayerRow>,
    /// Base plus layers.
    pub total: Totals,
    /// The same Dockerfile on the other points of the base's spectrum.
    pub alternatives: Vec<Alternative>,
    /// What the estimate assumed.
    pub assumptions: Assumptions,
    /// What to keep in mind when reading the figures.
    pub notes: Vec<String>,
}

/// The stage that ships.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalStage {
    /// Its position among the stages, from 0.
    pub index: usize,
    /// Its `AS` name.
    pub name: Option<String>,
    /// What its `FROM` names, after `ARG` substitution.
    pub base: String,
}

/// The base image of the image that ships.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseSize {
    /// The image, as a learner reads it (`python:3.12-slim`).
    pub reference: String,
    /// The catalogue row the figures come from (`None` when unknown).
    pub catalogue_entry: Option<String>,
    /// True when the catalogue knows the image (exactly or by estimate).
    pub known: bool,
    /// True when the figures are borrowed from a neighbouring row.
    pub estimated: bool,
    /// Where the figures come from, or why there are none.
    pub reason: String,
    /// Size to pull, when known.
    pub compressed_bytes: Option<u64>,
    /// Size on disk, when known.
    pub uncompressed_bytes: Option<u64>,
    /// Smallest size on disk, when known.
    pub low_bytes: Option<u64>,
    /// Largest size on disk, when known.
    pub high_bytes: Option<u64>,
    /// The C library (`glibc`, `musl`, `none`, or `unknown`).
    pub libc: String,
    /// The shell (`bash`, `busybox`, `none`, or `unknown`).
    pub shell: String,
    /// The package manager (`apt`, `apk`, `dnf`, `microdnf`, `none`, or `unknown`).
    pub package_manager: String,
    /// The attack-surface tier (`T0` to `T4`, or `unknown`).
    pub tier: String,
    /// Its point on the spectrum: `full`, `slim`, `alpine`, `distroless`,
    /// `scratch` or `alternative`.
    pub point: Option<String>,
}

/// One instruction's share of the image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerRow {
    /// Its index in the parse.
    pub instruction: usize,
    /// The 1-based line it starts on.
    pub line: usize,
    /// `RUN`, `COPY`, `ENV`...
    pub keyword: String,
    /// Where it is.
    pub range: TextRange,
    /// Smallest size on disk.
    pub low_bytes: u64,
    /// Largest size on disk.
    pub high_bytes: u64,
    /// Smallest size to pull.
    pub compressed_low_bytes: u64,
    /// Largest size to pull.
    pub compressed_high_bytes: u64,
    /// Why, in one line.
    pub reason: String,
}

/// The whole image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// The estimate to pull (compressed).
    pub compressed_bytes: u64,
    /// The estimate on disk (what `docker images` shows).
    pub uncompressed_bytes: u64,
    /// Smallest size on disk.
    pub low_bytes: u64,
    /// Largest size on disk.
    pub high_bytes: u64,
}

/// The same Dockerfile on another base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    /// The base image (a catalogue row).
    pub base: String,
    /// Its point on the spectrum.
    pub point: String,
    /// The estimate on disk.
    pub uncompressed_bytes: u64,
    /// The estimate to pull.
    pub compressed_bytes: u64,
    /// Smallest size on disk.
    pub low_bytes: u64,
    /// Largest size on disk.
    pub high_bytes: u64,
    /// The C library.
    pub libc: String,
    /// The shell.
    pub shell: String,
    /// The package manager.
    pub package_manager: String,
    /// The attack-surface tier.
    pub tier: String,
    /// How hard it is to look inside a running container: `easy`, `moderate`,
    /// `hard` or `very hard`.
    pub debuggability: String,
    /// True for the base the Dockerfile uses now.
    pub current: bool,
    /// What would break there, one sentence each (with the line).
    pub breaks: Vec<String>,
}

/// Estimates the image the final stage makes. `None` when there is no stage.
pub fn estimate<'a>(cx: &Context<'a, '_>, assumptions: &Assumptions) -> Option<Estimate> {
    let final_stage = cx.model.final_stage()?;
    let owned;
    let plan: &Plan<'a> = if assumptions.context_bytes == DEFAULT_CONTEXT_BYTES {
        cx.plan()
    } else {
        owned = Plan::new(cx, assumptions.context_bytes);
        &owned
    };
    let chain = cx.model.lineage(final_stage.index);
    let root = chain.first().copied().unwrap_or(final_stage.index);
    let base_resolution = base_resolution(cx, root);
    let base = base_row(cx, root, base_resolution.as_ref());
    let base_size = base_size(cx, final_stage.index);
    let layers: Vec<&Layer> = chain.iter().flat_map(|s| plan.layers(cx, *s)).collect();
    let added = layers
        .iter()
        .fold(Size::default(), |sum, layer| sum.plus(layer.size));
    let total = totals(base_size.unwrap_or_default().plus(added));
    let rows = layers.iter().map(|layer| row(cx, layer)).collect();
    let alternatives = match base_resolution.as_ref() {
        Some(resolution) if resolution.status != Match::Unknown => {
            alternatives(cx, plan, &chain, resolution, total)
        }
        _ => Vec::new(),
    };
    let notes = notes(cx, plan, &chain, &base, assumptions);
    Some(Estimate {
        final_stage: FinalStage {
            index: final_stage.index,
            name: final_stage.name.clone(),
            base: final_stage.base.expanded.clone(),
        },
        base,
        layers: rows,
        total,
        alternatives,
        assumptions: *assumptions,
        notes,
    })
}

fn totals(size: Size) -> Totals {
    Totals {
        compressed_bytes: size.compressed_point,
        uncompressed_bytes: size.point,
        low_bytes: size.low,
        high_bytes: size.high,
    }
}

/// The resolution of a stage's base image; `scratch` resolves to its row.
fn base_resolution(cx: &Context<'_, '_>, root: usize) -> Option<Resolution<'static>> {
    let facts = cx.stages.get(root)?;
    if facts.scratch {
        return Some(cx.catalogue.resolve_str(crate::image_ref::SCRATCH));
    }
    facts.resolution.clone()
}

fn text<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "unknown".to_owned(), |v| v.to_string())
}

fn base_row(cx: &Context<'_, '_>, root: usize, resolution: Option<&Resolution<'_>>) -> BaseSize {
    let Some(resolution) = resolution else {
        let (reference, reason) = match cx.model.stages.get(root).map(|s| &s.base) {
            Some(base) => (
                if base.expanded.is_empty() {
                    base.written.clone()
                } else {
                    base.expanded.clone()
                },
                match &base.kind {
                    crate::model::BaseKind::Invalid { reason } => reason.clone(),
                    _ => "the base image could not be read".to_owned(),
                },
            ),
            None => (String::new(), "there is no base image".to_owned()),
        };
        return BaseSize {
            reference,
            catalogue_entry: None,
            known: false,
            estimated: false,
            reason,
            compressed_bytes: None,
            uncompressed_bytes: None,
            low_bytes: None,
            high_bytes: None,
            libc: text::<Libc>(None),
            shell: text::<Shell>(None),
            package_manager: text::<String>(None),
            tier: text::<String>(None),
            point: None,
        };
    };
    let facts = resolution.facts();
    BaseSize {
        reference: resolution.reference.clone(),
        catalogue_entry: resolution.entry.map(Entry::id),
        known: resolution.status != Match::Unknown,
        estimated: resolution.status == Match::Estimated,
        reason: resolution.reason.clone(),
        compressed_bytes: resolution.compressed.map(|c| c.bytes),
        uncompressed_bytes: resolution.disk.map(|d| d.bytes),
        low_bytes: resolution.disk.map(|d| d.low),
        high_bytes: resolution.disk.map(|d| d.high),
        libc: text(facts.libc),
        shell: text(facts.shell),
        package_manager: text(facts.package_manager),
        tier: text(facts.tier),
        point: resolution
            .entry
            .and_then(|e| point_of(cx.catalogue, e))
            .map(|p| point_name(p).to_owned()),
    }
}

fn row(cx: &Context<'_, '_>, layer: &Layer) -> LayerRow {
    let inst = cx.instructions.get(layer.instruction);
    LayerRow {
        instruction: layer.instruction,
        line: line_of(cx, layer.instruction),
        keyword: inst.map_or_else(String::new, |i| match i.kind {
            InstructionKind::Unknown => i.keyword.as_str().to_owned(),
            kind => kind.name().to_owned(),
        }),
        range: inst.map_or(TextRange::new(0, 0), |i| i.range),
        low_bytes: layer.size.low,
        high_bytes: layer.size.high,
        compressed_low_bytes: layer.size.compressed_low,
        compressed_high_bytes: layer.size.compressed_high,
        reason: layer.reason.clone(),
    }
}

/// The spectrum point's name as the JSON and the app show it (and as quiz goals
/// write it).
pub fn point_name(point: Point) -> &'static str {
    match point {
        Point::Full => "full",
        Point::Slim => "slim",
        Point::Alpine => "alpine",
        Point::Distroless => "distroless",
        Point::Scratch => "scratch",
        Point::Alternative => "alternative",
    }
}

/// Where a catalogue row sits on the spectrum the what-if table uses for it: the
/// point that names it, or the point whose row is the same kind of image
/// (`python:3.12-slim-bookworm` is the slim point, like `python:3.12-slim`).
/// Quiz goals on the final base use it too, so they agree with the estimate.
pub fn point_of(catalogue: &Catalogue, entry: &Entry) -> Option<Point> {
    let spectrum = catalogue.spectrum_for(entry);
    let id = entry.id();
    if let Some(point) = spectrum
        .iter()
        .find(|p| p.row.as_deref() == Some(id.as_str()))
    {
        return Some(point.point);
    }
    let same_kind = spectrum.iter().find(|p| {
        p.row
            .as_deref()
            .and_then(|row| row_by_id(catalogue, row))
            .is_some_and(|row| {
                row.family == entry.family
                    && row.variant == entry.variant
                    && row.flavour == entry.flavour
            })
    });
    if let Some(point) = same_kind {
        return Some(point.point);
    }
    if entry.repository == crate::image_ref::SCRATCH {
        return Some(Point::Scratch);
    }
    if entry.family == "distroless" {
        return Some(Point::Distroless);
    }
    if entry.family != entry.spectrum_family() {
        return None;
    }
    match &*entry.variant {
        "full" => Some(Point::Full),
        "slim" | "minimal" => Some(Point::Slim),
        "alpine" => Some(Point::Alpine),
        _ => None,
    }
}

/// The row with this id (`python:3.12-slim`, `scratch`), compared without
/// building each row's id.
fn row_by_id<'c>(catalogue: &'c Catalogue, id: &str) -> Option<&'c Entry> {
    catalogue.images.iter().find(|e| {
        if e.tag.is_empty() {
            id == e.repository
        } else {
            id.strip_prefix(&*e.repository)
                .and_then(|rest| rest.strip_prefix(':'))
                == Some(&*e.tag)
        }
    })
}

/// A spectrum row as an exact resolution (what resolving its own id gives).
fn exact<'c>(catalogue: &'c Catalogue, entry: &'c Entry) -> Resolution<'c> {
    let range = |f: &crate::catalogue::Figure| SizeRange {
        bytes: f.bytes,
        low: f.low(),
        high: f.high(),
    };
    Resolution {
        reference: entry.id(),
        status: Match::Exact,
        entry: Some(entry),
        family: catalogue.family(&entry.family),
        parts: TagParts::default(),
        modifiers: Vec::new(),
        reason: String::new(),
        compressed: Some(range(&entry.compressed)),
        disk: Some(range(&entry.disk)),
        deprecation: entry.deprecation.as_ref(),
    }
}

/// How hard it is to look inside a running container of this base.
fn debuggability(facts: &BaseFacts, scratch: bool) -> &'static str {
    match (facts.shell, facts.package_manager) {
        _ if scratch => "very hard",
        (None, _) => "unknown",
        (Some(Shell::None), _) if facts.libc == Some(Libc::None) => "very hard",
        (Some(Shell::None), _) => "hard",
        (Some(Shell::Busybox), _) | (_, Some(crate::catalogue::PackageManager::None)) => "moderate",
        _ => "easy",
    }
}

fn alternatives<'a>(
    cx: &Context<'a, '_>,
    plan: &Plan<'a>,
    chain: &[usize],
    current: &Resolution<'_>,
    current_total: Totals,
) -> Vec<Alternative> {
    let Some(entry) = current.entry else {
        return Vec::new();
    };
    let final_stage = chain.last().copied().unwrap_or(0);
    let current_point = point_of(cx.catalogue, entry);
    let current_target = Target::of_stage(cx, final_stage);
    let current_row = alternative(
        cx,
        chain,
        current,
        &current_target,
        current_point.map_or("other", point_name),
        current_total,
        true,
    );
    let mut out: Vec<Alternative> = Vec::new();
    let mut added_by: Vec<(_, Size)> = Vec::new();
    if current_point.is_none() {
        out.push(current_row.clone());
    }
    for point in cx.catalogue.spectrum_for(entry) {
        if Some(point.point) == current_point {
            out.push(current_row.clone());
            continue;
        }
        let Some(row) = point.row.as_deref() else {
            continue;
        };
        let Some(resolution) = row_by_id(cx.catalogue, row).map(|e| exact(cx.catalogue, e)) else {
            continue;
        };
        let facts = resolution.facts();
        let mut size = Size {
            low: resolution.disk.map_or(0, |d| d.low),
            point: resolution.disk.map_or(0, |d| d.bytes),
            high: resolution.disk.map_or(0, |d| d.high),
            compressed_low: resolution.compressed.map_or(0, |c| c.low),
            compressed_point: resolution.compressed.map_or(0, |c| c.bytes),
            compressed_high: resolution.compressed.map_or(0, |c| c.high),
        };
        // Only a RUN depends on the base, and it reads only the base's package
        // manager, C library and whether a toolchain comes with it: bases that
        // agree on those add the same, so the chain is estimated once for them.
        let key = (
            facts.package_manager,
            facts.libc,
            facts.build_toolchain.is_some(),
        );
        let added = match added_by.iter().find(|(k, _)| *k == key) {
            Some((_, added)) => *added,
            None => {
                let mut added = Size::default();
                for &stage in chain {
                    let Some(walk) = plan.walk(cx, stage) else {
                        continue;
                    };
                    for (step, layer) in walk.steps.iter().zip(plan.layers(cx, stage)) {
                        added = added.plus(plan.run_size(walk, step, &facts).unwrap_or(layer.size));
                    }
                }
                added_by.push((key, added));
                added
            }
        };
        size = size.plus(added);
        let target = Target::of_resolution(&resolution);
        out.push(alternative(
            cx,
            chain,
            &resolution,
            &target,
            point_name(point.point),
            totals(size),
            false,
        ));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn alternative(
    cx: &Context<'_, '_>,
    chain: &[usize],
    resolution: &Resolution<'_>,
    target: &Target,
    point: &str,
    total: Totals,
    current: bool,
) -> Alternative {
    let facts = &target.facts;
    let final_stage = chain.last().copied().unwrap_or(0);
    let mut breaks: Vec<String> = Vec::new();
    // One package-manager line per instruction says enough (`apt-get update`
    // fails first; the install after it would too).
    let mut managers: Vec<usize> = Vec::new();
    // Long files list many breaks: a set keeps the repeat check from growing quadratic.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for found in compat::image_breaks(cx, final_stage, target) {
        if found.severity == Severity::Info {
            continue;
        }
        if found.problem == compat::Problem::PackageManagerMismatch {
            if managers.contains(&found.instruction) {
                continue;
            }
            managers.push(found.instruction);
        }
        let line = line_of(cx, found.instruction);
        let message = format!("line {line}: {}", found.message);
        if !seen.contains(&message) {
            seen.insert(message.clone());
            breaks.push(message);
        }
    }
    Alternative {
        base: resolution.reference.clone(),
        point: point.to_owned(),
        uncompressed_bytes: total.uncompressed_bytes,
        compressed_bytes: total.compressed_bytes,
        low_bytes: total.low_bytes,
        high_bytes: total.high_bytes,
        libc: text(if target.scratch {
            Some(Libc::None)
        } else {
            facts.libc
        }),
        shell: text(facts.shell),
        package_manager: text(facts.package_manager),
        tier: text(facts.tier),
        debuggability: debuggability(facts, target.scratch).to_owned(),
        current,
        breaks,
    }
}

fn notes<'a>(
    cx: &Context<'a, '_>,
    plan: &Plan<'a>,
    chain: &[usize],
    base: &BaseSize,
    assumptions: &Assumptions,
) -> Vec<String> {
    let mut notes = Vec::new();
    if !base.known {
        notes.push(format!(
            "The base image is unknown ({}), so the sizes cover only what this Dockerfile adds.",
            base.reason
        ));
    } else if base.estimated {
        notes.push(format!(
            "The base image's size is an estimate: {}.",
            base.reason
        ));
    }
    let others: Vec<String> = cx
        .model
        .stages
        .iter()
        .filter(|s| !chain.contains(&s.index))
        .map(|s| s.label())
        .collect();
    if !others.is_empty() {
        let named = if others.len() > 6 {
            format!(
                "{} and {} other stages",
                others[..5].join(", "),
                others.len() - 5
            )
        } else {
            others.join(", ")
        };
        notes.push(format!(
            "Only the final stage ships: {named} count{} only through what COPY --from takes from {}.",
            if others.len() == 1 { "s" } else { "" },
            if others.len() == 1 { "it" } else { "them" }
        ));
    }
    if chain.len() > 1 {
        let built_on: Vec<String> = chain[..chain.len() - 1]
            .iter()
            .filter_map(|s| cx.model.stages.get(*s).map(|s| s.label()))
            .collect();
        notes.push(format!(
            "The final stage is built FROM {}, so those layers ship too.",
            built_on.join(" and ")
        ));
    }
    let copies_context = chain.iter().any(|&s| {
        plan.layers(cx, s)
            .iter()
            .any(|l| l.traced.iter().any(|t| t.assumed))
    });
    if copies_context {
        notes.push(format!(
            "Files from the build context are sized from an assumed context of {}: set your own, and keep it small with a .dockerignore.",
            format_bytes(assumptions.context_bytes)
        ));
    }
    notes.push(
        "On disk is what `docker images` shows; to pull is the compressed download. Layers shared with other images are stored once."
            .to_owned(),
    );
    notes
}
