//! What the base-image rules share: which base the final image really ships
//! (following `FROM <earlier stage>` to the stage that names an image), where
//! the parts of a reference sit in the source, whether a tag pins a release,
//! and which pinned tag of a catalogue row to propose.
//!
//! Every fact about images comes from the catalogue; this module only reads it.

use crate::catalogue::{
    Anchor, DistroAnchor, Entry, Family, Match, Point, Resolution, TagParts, version_key,
};
use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::image_ref::ImageRef;
use crate::model::{BaseKind, Stage};
use crate::syntax::TextRange;

use super::{Context, StageFacts};

/// The base the final image is built on, found through `FROM <stage>` links.
pub(super) struct Shipped<'r> {
    /// The final stage.
    pub final_stage: &'r Stage,
    /// The stage whose `FROM` names an image, `scratch` or something invalid:
    /// the final stage itself, or the earliest stage of its chain.
    pub root: &'r Stage,
    /// The stages whose instructions end up in the final image, from `root`
    /// to the final stage.
    pub chain: Vec<&'r Stage>,
    /// What the catalogue knows about the root's base.
    pub facts: &'r StageFacts<'static>,
}

impl Shipped<'_> {
    /// True when the final stage inherits its base from an earlier stage.
    pub fn inherited(&self) -> bool {
        self.root.index != self.final_stage.index
    }

    /// The resolution of the shipped image, when it is an image the model could
    /// read with every variable defined.
    pub fn resolution(&self) -> Option<&Resolution<'static>> {
        judged(self.root)?;
        self.facts.resolution.as_ref()
    }

    /// "python:3.12-slim", or "python:3.12-slim (through stage `base`)".
    pub fn describe(&self, cx: &Context<'_, '_>) -> String {
        let name = describe(cx, self.root);
        if self.inherited() {
            format!("{name} (through stage `{}`)", self.root.label())
        } else {
            name
        }
    }
}

/// The final stage and the chain of stages its base comes through.
pub(super) fn shipped<'r>(cx: &'r Context<'_, '_>) -> Option<Shipped<'r>> {
    let chain: Vec<&Stage> = cx
        .model
        .shipped_lineage()
        .into_iter()
        .filter_map(|i| cx.model.stages.get(i))
        .collect();
    let (&root, &final_stage) = (chain.first()?, chain.last()?);
    let facts = cx.stages.get(root.index)?;
    Some(Shipped {
        final_stage,
        root,
        chain,
        facts,
    })
}

/// The image reference of a stage, when it names an image and every variable
/// in it is defined (a base left to `--build-arg` is decided at build time, so
/// the rules do not judge it).
pub(super) fn judged(stage: &Stage) -> Option<&ImageRef> {
    if !stage.base.undefined_args.is_empty() {
        return None;
    }
    match &stage.base.kind {
        BaseKind::Image { reference } => Some(reference),
        _ => None,
    }
}

/// The image as the learner should read it: the expanded reference, and the
/// written word too when an ARG changed it.
pub(super) fn describe(cx: &Context<'_, '_>, stage: &Stage) -> String {
    let expanded = match &stage.base.kind {
        BaseKind::Image { reference } => reference.familiar_string(),
        BaseKind::Scratch => "scratch".to_owned(),
        _ => stage.base.expanded.clone(),
    };
    if lines_up(cx, stage) {
        expanded
    } else {
        format!("{expanded} (from `{}`)", stage.base.written)
    }
}

/// True when the written word is exactly the expanded reference, byte for byte
/// in the source, so offsets inside the reference are offsets in the source.
pub(super) fn lines_up(cx: &Context<'_, '_>, stage: &Stage) -> bool {
    stage.base.written == stage.base.expanded
        && stage.base.range.slice(cx.source()) == stage.base.written
}

/// The source range of a part of a stage's reference (a range into the
/// expanded text); the whole written word when offsets do not line up.
pub(super) fn part_range(
    cx: &Context<'_, '_>,
    stage: &Stage,
    part: &std::ops::Range<usize>,
) -> TextRange {
    let start = stage.base.range.start + part.start;
    let end = stage.base.range.start + part.end;
    if lines_up(cx, stage) && part.start < part.end && end <= stage.base.range.end {
        TextRange::new(start, end)
    } else {
        stage.base.range
    }
}

/// Where the name (registry, namespace and repository, no tag or digest) is.
pub(super) fn name_range(cx: &Context<'_, '_>, stage: &Stage, reference: &ImageRef) -> TextRange {
    part_range(cx, stage, &(0..reference.repository.range.end))
}

/// An unsafe fix that replaces a stage's tag with `tag`, or `None` when the
/// source cannot be edited in place (ARG substitution, no tag written).
pub(super) fn retag(
    cx: &Context<'_, '_>,
    stage: &Stage,
    reference: &ImageRef,
    tag: &str,
    title: String,
) -> Option<Fix> {
    let written = reference.tag.as_ref()?;
    if !lines_up(cx, stage) || written.text == tag {
        return None;
    }
    Some(Fix {
        title,
        edits: vec![Edit {
            range: part_range(cx, stage, &written.range),
            replacement: tag.to_owned(),
        }],
        safety: FixSafety::Unsafe,
    })
}

/// One way a tag fails to pin a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Loose {
    /// A pointer such as `lts` or `stable`.
    Channel(String),
    /// No version at all.
    NoVersion,
    /// A version with fewer components than a release line (`3` for python).
    Coarse(String),
    /// No distribution release where the family needs one.
    NoDistro,
}

/// How a tag read as `parts` fails to pin a release of a family with this
/// anchor; empty when it pins one. `latest` is left to its own rule, and a
/// family with no version tags (only digests pin it) is never loose here.
pub(super) fn looseness(anchor: &Anchor, parts: &TagParts) -> Vec<Loose> {
    let mut out = Vec::new();
    if anchor.version_parts == 0 {
        return out;
    }
    let channel = parts.channel.as_deref().filter(|c| *c != "latest");
    if let Some(c) = channel {
        out.push(Loose::Channel(c.to_owned()));
    }
    let precise = |v: &str| version_key(v).len() >= usize::from(anchor.version_parts);
    let version = match &parts.version {
        Some(v) if precise(v) => None,
        Some(v) => Some(Loose::Coarse(v.clone())),
        None if channel.is_some() => None,
        None => Some(Loose::NoVersion),
    };
    match anchor.distro {
        DistroAnchor::Required => {
            out.extend(version);
            if parts.distro.is_none() {
                out.push(Loose::NoDistro);
            }
        }
        // A codename names the release as well as a version does.
        DistroAnchor::Release if parts.distro.is_some() => {}
        DistroAnchor::Release | DistroAnchor::None => out.extend(version),
    }
    out
}

/// Reads a tag with the catalogue's vocabulary.
pub(super) fn read_tag(cx: &Context<'_, '_>, tag: &str) -> TagParts {
    TagParts::parse(tag, &cx.catalogue.vocabulary, &cx.catalogue.modifiers)
}

/// The pinned tag of a row that keeps what the learner wrote: one of its tags
/// that pins a release, with a version that starts with the written version
/// and the written distribution release, if any. Fewest version components
/// first (so patch releases still arrive), then the shortest.
pub(super) fn pinned_tag(
    cx: &Context<'_, '_>,
    entry: &Entry,
    anchor: &Anchor,
    want: &TagParts,
) -> Option<String> {
    let wanted_version = want.version.as_deref().map(version_key);
    std::iter::once(&entry.tag)
        .chain(entry.aliases.iter())
        .filter(|tag| !tag.is_empty())
        .filter_map(|tag| {
            let parts = read_tag(cx, tag);
            let keeps_version = match (&wanted_version, &parts.version) {
                (None, _) => true,
                (Some(w), Some(v)) => version_key(v).starts_with(w),
                (Some(_), None) => false,
            };
            let keeps_distro = want.distro.is_none() || parts.distro == want.distro;
            let ok = parts.channel.is_none()
                && parts.unrecognised.is_empty()
                && parts.modifiers == want.modifiers
                && parts.variant == want.variant
                && keeps_version
                && keeps_distro
                && looseness(anchor, &parts).is_empty();
            ok.then(|| {
                let precision = parts.version.as_deref().map_or(0, |v| version_key(v).len());
                (precision, tag.len(), tag.to_string())
            })
        })
        .min()
        .map(|(_, _, tag)| tag)
}

/// The newest row of a family with the variant and flavour a tag asks for
/// (and its distribution release, if it names one), leaving out retired rows.
pub(super) fn newest_row(
    cx: &Context<'_, '_>,
    family: &Family,
    parts: &TagParts,
) -> Option<&'static Entry> {
    let variant = parts.variant.as_deref().unwrap_or("full");
    let flavour = parts
        .flavour
        .as_deref()
        .or(family.default_flavour.as_deref());
    cx.catalogue
        .images
        .iter()
        .filter(|e| {
            e.family == family.name
                && e.variant == variant
                && e.flavour.as_deref() == flavour
                && e.deprecation.is_none()
                && parts
                    .distro
                    .as_deref()
                    .is_none_or(|d| e.distro.as_deref() == Some(d))
        })
        .max_by_key(|e| version_key(e.version.as_deref().unwrap_or("")))
}

/// The row a moving tag can be pinned to: the row itself when the reference
/// names it, else the newest row that still matches what the tag says.
pub(super) fn pin_target(
    cx: &Context<'_, '_>,
    resolution: &Resolution<'static>,
) -> Option<(&'static Entry, bool)> {
    let entry = resolution.entry?;
    if resolution.status == Match::Exact && resolution.modifiers.is_empty() {
        return Some((entry, true));
    }
    let family = resolution.family?;
    let newest = newest_row(cx, family, &resolution.parts)?;
    Some((newest, false))
}

/// A smaller runtime variant of the same family for a full image that ships:
/// present when the row is the full point of its family's spectrum and the
/// slim point is a row that carries no build toolchain.
pub(super) struct Slimmer {
    /// The row to suggest (same version and distribution release when the
    /// catalogue has one).
    pub row: &'static Entry,
}

/// The slimmer variant for a shipped full image, if the catalogue has one.
pub(super) fn slimmer(cx: &Context<'_, '_>, resolution: &Resolution<'static>) -> Option<Slimmer> {
    let entry = resolution.entry?;
    let family = cx.catalogue.family(&entry.family)?;
    let spectrum = cx.catalogue.spectrum(family);
    let row_at = |point: Point| {
        spectrum
            .iter()
            .find(|p| p.point == point)
            .and_then(|p| p.row.as_deref())
            .and_then(|id| cx.catalogue.entry(id))
    };
    let full = row_at(Point::Full)?;
    let is_full = full.family == entry.family
        && full.variant == entry.variant
        && full.flavour == entry.flavour;
    let slim = row_at(Point::Slim)?;
    if !is_full || slim.build_toolchain.is_some() {
        return None;
    }
    // The slim row closest to what ships: the same release line and
    // distribution release when listed, then the same distribution release,
    // then the same line, then the spectrum's own slim row.
    let distro = resolution
        .parts
        .distro
        .as_deref()
        .or(entry.distro.as_deref());
    let row = cx
        .catalogue
        .images
        .iter()
        .filter(|e| {
            e.family == slim.family && e.variant == slim.variant && e.flavour == slim.flavour
        })
        .filter_map(|e| {
            let same_distro = distro.is_some() && e.distro.as_deref() == distro;
            let same_line = entry.version.is_some() && e.version == entry.version;
            match (same_line, same_distro) {
                (true, true) => Some((0, e)),
                (false, true) => Some((1, e)),
                (true, false) => Some((2, e)),
                (false, false) => None,
            }
        })
        .min_by_key(|(rank, _)| *rank)
        .map_or(slim, |(_, e)| e);
    Some(Slimmer { row })
}
