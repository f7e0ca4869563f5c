//! Resolving an image reference against the catalogue: an exact row, an estimate
//! from the nearest row of the same variant, or unknown with a reason.
//!
//! The rule is never to invent an exact size: a tag the catalogue does not list is
//! marked estimated and names the row it borrows from, and an image outside every
//! known family is unknown.

use std::cmp::Reverse;

use serde::Serialize;

use super::Catalogue;
use super::data::{
    Deprecation, Entry, Family, Figure, Libc, Modifier, PackageManager, Publisher, Scheme, Shell,
    TierRange, Tool, User,
};
use super::tags::{TagParts, version_key};
use crate::image_ref::{ImageRef, SCRATCH};

/// How far a candidate row is from a request, compared field by field: distro
/// mismatch, version gap, newer version first, newer distro release first.
type Closeness = (u8, Vec<u64>, Reverse<Vec<u64>>, Reverse<Vec<u64>>);

/// How well a reference matched the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Match {
    /// The reference names a catalogue row (by its tag or an alias).
    Exact,
    /// A known family but an unlisted tag (or a digest, or a modifier that changes
    /// the image): the figures come from the nearest row, widened.
    Estimated,
    /// Not in the catalogue: no figures.
    Unknown,
}

/// A size in bytes with the range it may fall in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SizeRange {
    /// The figure to show.
    pub bytes: u64,
    /// The lower bound.
    pub low: u64,
    /// The upper bound.
    pub high: u64,
}

impl SizeRange {
    fn from_figure(figure: &Figure) -> SizeRange {
        SizeRange {
            bytes: figure.bytes,
            low: figure.low(),
            high: figure.high(),
        }
    }

    fn widen(self, percent: u64) -> SizeRange {
        SizeRange {
            bytes: self.bytes,
            low: self.low.saturating_mul(100u64.saturating_sub(percent)) / 100,
            high: self.high.saturating_mul(100 + percent) / 100,
        }
    }

    fn add(self, extra: &Figure) -> SizeRange {
        SizeRange {
            bytes: self.bytes.saturating_add(extra.bytes),
            low: self.low.saturating_add(extra.low()),
            high: self.high.saturating_add(extra.high()),
        }
    }
}

/// The facts about a base image that rules and the size estimate ask about.
/// Every field is `None` (or empty) when the base is unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BaseFacts {
    /// True when the facts come from a catalogue row (exact or estimated).
    pub known: bool,
    /// The C library.
    pub libc: Option<Libc>,
    /// The shell.
    pub shell: Option<Shell>,
    /// The OS package manager.
    pub package_manager: Option<PackageManager>,
    /// Language installers and build tools shipped.
    pub language_tools: Vec<Tool>,
    /// The default user.
    pub user: Option<User>,
    /// The attack-surface tier.
    pub tier: Option<TierRange>,
    /// Who publishes the image.
    pub publisher: Option<Publisher>,
    /// The language runtime carried.
    pub runtime: Option<String>,
    /// The build toolchain shipped, if any.
    pub build_toolchain: Option<String>,
}

/// The outcome of resolving one reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution<'c> {
    /// The reference as shown to the learner (familiar form, long digests shortened).
    pub reference: String,
    /// Exact, estimated or unknown.
    pub status: Match,
    /// The row the figures come from (for an estimate, the row it borrows from).
    pub entry: Option<&'c Entry>,
    /// The family the reference belongs to, when known.
    pub family: Option<&'c Family>,
    /// What the tag (or name) says.
    pub parts: TagParts,
    /// Modifiers applied on top of the row.
    pub modifiers: Vec<&'c Modifier>,
    /// One sentence saying where the figures come from, or why there are none.
    pub reason: String,
    /// Size to pull, when known.
    pub compressed: Option<SizeRange>,
    /// Size on disk, when known.
    pub disk: Option<SizeRange>,
    /// The deprecation that applies: the row's when the reference names it, else
    /// a retired release of the family or of the distribution underneath, else
    /// the family's (see [`Catalogue::retirement`]).
    pub deprecation: Option<&'c Deprecation>,
}

impl Resolution<'_> {
    /// The base facts, with modifiers applied (a `:debug` tag has a shell).
    pub fn facts(&self) -> BaseFacts {
        let Some(entry) = self.entry else {
            return BaseFacts::default();
        };
        let mut facts = BaseFacts {
            known: true,
            libc: Some(entry.libc),
            shell: Some(entry.shell),
            package_manager: Some(entry.package_manager),
            language_tools: entry.language_tools.to_vec(),
            user: Some(entry.user),
            tier: Some(entry.tier),
            publisher: Some(entry.publisher),
            runtime: entry.runtime.as_deref().map(str::to_owned),
            build_toolchain: entry.build_toolchain.as_deref().map(str::to_owned),
        };
        for modifier in &self.modifiers {
            facts.user = modifier.user.or(facts.user);
            facts.shell = modifier.shell.or(facts.shell);
            facts.package_manager = modifier.package_manager.or(facts.package_manager);
            facts.libc = modifier.libc.or(facts.libc);
        }
        facts
    }
}

/// True when a modifier changes what the row says (beyond the default user).
fn changes_row(modifier: &Modifier, entry: &Entry) -> bool {
    modifier.extra.is_some()
        || modifier.shell.is_some_and(|s| s != entry.shell)
        || modifier
            .package_manager
            .is_some_and(|p| p != entry.package_manager)
        || modifier.libc.is_some_and(|l| l != entry.libc)
}

/// The reference as a learner reads it, with a digest cut to 12 hex digits.
fn shown(reference: &ImageRef) -> String {
    let mut out = reference.familiar_name();
    if let Some(tag) = &reference.tag {
        out.push(':');
        out.push_str(&tag.text);
    }
    if let Some(digest) = &reference.digest {
        out.push('@');
        match digest.text.split_once(':') {
            Some((algorithm, hex)) if hex.len() > 12 => {
                out.push_str(algorithm);
                out.push(':');
                out.push_str(&hex[..12]);
                out.push('…');
            }
            _ => out.push_str(&digest.text),
        }
    }
    out
}

impl Catalogue {
    /// Resolves a parsed reference. Never fails: the worst outcome is
    /// [`Match::Unknown`] with a reason.
    pub fn resolve(&self, reference: &ImageRef) -> Resolution<'_> {
        let mut resolution = self.resolve_figures(reference);
        // Retired releases are looked up once the tag has been read, so a tag
        // with no row of its own (`node:18`, `python:3.12-bullseye`) still
        // carries its end of life.
        resolution.deprecation = self.retirement(&resolution).map(|r| r.deprecation);
        resolution
    }

    /// Resolves a reference to its row, family and figures.
    fn resolve_figures(&self, reference: &ImageRef) -> Resolution<'_> {
        let shown = shown(reference);
        if reference.is_scratch()
            && let Some(entry) = self.images.iter().find(|e| e.repository == SCRATCH)
        {
            return self.exact(
                shown.clone(),
                entry,
                TagParts::default(),
                Vec::new(),
                "scratch is the empty image: nothing to pull and nothing on disk until you COPY files in".to_owned(),
            );
        }
        let repository = reference.familiar_name();
        if repository == SCRATCH {
            return self.unknown(shown.clone(), None, TagParts::default(), format!(
                "{shown} is not the empty image: only the bare word `scratch` means no base, and Docker refuses to pull the reserved name"
            ));
        }
        // A Docker Hub copy of a vendor image resolves like the original.
        let home = self
            .images
            .iter()
            .find(|e| e.published_as(&repository))
            .map_or(repository.as_str(), |e| &*e.repository);
        let family = self.families.iter().find(|f| f.covers(home));
        let parts = self.read(family, home, reference);
        let modifiers: Vec<&Modifier> = parts
            .modifiers
            .iter()
            .filter_map(|word| self.modifiers.iter().find(|m| &m.word == word))
            .collect();

        if let Some(resolution) = self.exact_match(&shown, reference, home, &parts, &modifiers) {
            return resolution;
        }
        let Some(family) = family else {
            let hint = if reference.is_official_library() {
                "it is an official image, but the catalogue has no figures for it yet"
            } else {
                "fromlab knows only the images listed in its catalogue"
            };
            return self.unknown(
                shown.clone(),
                None,
                parts,
                format!("{shown} is not in the catalogue, so its size is unknown ({hint})"),
            );
        };
        if !parts.unrecognised.is_empty() {
            let words = parts.unrecognised.join("`, `");
            return self.unknown(shown.clone(), Some(family), parts, format!(
                "fromlab cannot read `{words}` in {shown}, so it makes no estimate for this {} image",
                family.title
            ));
        }
        let variant = parts.variant.clone().unwrap_or_else(|| "full".to_owned());
        let flavour = parts
            .flavour
            .clone()
            .or_else(|| family.default_flavour.as_deref().map(str::to_owned));
        let candidates: Vec<&Entry> = self
            .images
            .iter()
            .filter(|e| {
                e.family == family.name
                    && e.variant == variant
                    && e.flavour.as_deref() == flavour.as_deref()
            })
            .collect();
        let requested = parts.clone();
        let Some(best) = candidates
            .iter()
            .copied()
            .min_by_key(|e| self.distance(e, &requested))
        else {
            let what = match &flavour {
                Some(f) => format!("{variant} {f}"),
                None => variant,
            };
            return self.unknown(shown.clone(), Some(family), parts, format!(
                "the catalogue has no {} image of the {what} variant, so {shown} cannot be estimated",
                family.title
            ));
        };

        let why = if reference.tag.is_none() && reference.digest.is_some() {
            format!("{shown} pins one build by digest without naming its tag")
        } else if parts.channel.is_some() || (parts.version.is_none() && parts.distro.is_none()) {
            format!("{shown} follows the newest release, which the catalogue has no row for")
        } else {
            format!("{shown} is not in the catalogue")
        };
        let percent = self.estimation.nearby_spread_percent;
        let mut compressed = SizeRange::from_figure(&best.compressed).widen(percent);
        let mut disk = SizeRange::from_figure(&best.disk).widen(percent);
        for modifier in &modifiers {
            if let Some(extra) = &modifier.extra {
                disk = disk.add(extra);
            }
            if let Some(extra) = &modifier.extra_compressed {
                compressed = compressed.add(extra);
            }
        }
        let nearest = match &best.flavour {
            Some(f) => format!("{} {f}", best.variant),
            None => best.variant.to_string(),
        };
        Resolution {
            reference: shown.clone(),
            status: Match::Estimated,
            entry: Some(best),
            family: Some(family),
            parts,
            modifiers,
            reason: format!(
                "{why}: estimated from {}, the nearest {nearest} row (±{percent}%, figures from {})",
                best.id(),
                best.date
            ),
            compressed: Some(compressed),
            disk: Some(disk),
            // Filled in by `resolve` once the whole resolution is known.
            deprecation: None,
        }
    }

    /// Resolves reference text; text that does not parse is [`Match::Unknown`] with
    /// the parser's message as the reason.
    pub fn resolve_str(&self, text: &str) -> Resolution<'_> {
        match ImageRef::parse(text) {
            Ok(reference) => self.resolve(&reference),
            Err(error) => Resolution {
                reference: text.to_owned(),
                status: Match::Unknown,
                entry: None,
                family: None,
                parts: TagParts::default(),
                modifiers: Vec::new(),
                reason: format!("not a valid image reference: {}", error.message),
                compressed: None,
                disk: None,
                deprecation: None,
            },
        }
    }

    /// Reads what a reference's tag (and, for name-scheme families, its name) says.
    fn read(&self, family: Option<&Family>, repository: &str, reference: &ImageRef) -> TagParts {
        let tag = reference.tag.as_ref().map_or("", |t| t.text.as_str());
        let from_tag = TagParts::parse(tag, &self.vocabulary, &self.modifiers);
        match family {
            Some(f) if f.scheme == Scheme::Name => match f.name_descriptor(repository) {
                Some(descriptor) => {
                    TagParts::parse(descriptor, &self.vocabulary, &self.modifiers).merge(from_tag)
                }
                None => from_tag,
            },
            _ => from_tag,
        }
    }

    /// What a row's own tag (and name) says, read the same way as a request.
    pub(crate) fn row_parts(&self, entry: &Entry) -> TagParts {
        let family = self.families.iter().find(|f| f.name == entry.family);
        let from_tag = TagParts::parse(&entry.tag, &self.vocabulary, &self.modifiers);
        match family {
            Some(f) if f.scheme == Scheme::Name => match f.name_descriptor(&entry.repository) {
                Some(descriptor) => {
                    TagParts::parse(descriptor, &self.vocabulary, &self.modifiers).merge(from_tag)
                }
                None => from_tag,
            },
            _ => from_tag,
        }
    }

    /// Finds the row a reference names exactly, directly or once its modifier words
    /// are set aside (`static-debian12:nonroot` is `static-debian12:latest` as nonroot).
    fn exact_match<'c>(
        &'c self,
        shown: &str,
        reference: &ImageRef,
        repository: &str,
        parts: &TagParts,
        modifiers: &[&'c Modifier],
    ) -> Option<Resolution<'c>> {
        let tag = reference.effective_tag()?;
        let rows = || self.images.iter().filter(|e| e.published_as(repository));
        let digest_note = if reference.digest.is_some() {
            "; the digest pins one build, which may differ slightly from these figures"
        } else {
            ""
        };
        if let Some(entry) = rows().find(|e| e.answers_to(tag)) {
            let same = if shown.starts_with(&entry.id()) && entry.tag == tag {
                format!("{} is in the catalogue", entry.id())
            } else {
                format!("{shown} is the catalogue's {}", entry.id())
            };
            return Some(self.exact(
                shown.to_owned(),
                entry,
                parts.clone(),
                Vec::new(),
                format!("{same} (figures from {}){digest_note}", entry.date),
            ));
        }
        if modifiers.is_empty() {
            return None;
        }
        let kept: Vec<&str> = tag
            .split('-')
            .filter(|w| !parts.modifiers.iter().any(|m| m == w))
            .collect();
        let stripped = if kept.is_empty() {
            "latest".to_owned()
        } else {
            kept.join("-")
        };
        let entry = rows().find(|e| e.answers_to(&stripped))?;
        let notes: Vec<String> = modifiers
            .iter()
            .map(|m| format!("`{}`: {}", m.word, m.note))
            .collect();
        let notes = notes.join("; ");
        let mut resolution = self.exact(
            shown.to_owned(),
            entry,
            parts.clone(),
            modifiers.to_vec(),
            format!(
                "{shown} is the catalogue's {}; {notes} (figures from {}){digest_note}",
                entry.id(),
                entry.date
            ),
        );
        if modifiers.iter().any(|m| changes_row(m, entry)) {
            resolution.status = Match::Estimated;
            let addition = if modifiers.iter().any(|m| m.extra.is_some()) {
                ", plus that addition"
            } else {
                ""
            };
            resolution.reason = format!(
                "{shown} is estimated from {}; {notes} (figures from {}{addition})",
                entry.id(),
                entry.date
            );
            for modifier in modifiers {
                if let (Some(extra), Some(disk)) = (&modifier.extra, resolution.disk) {
                    resolution.disk = Some(disk.add(extra));
                }
                if let (Some(extra), Some(compressed)) =
                    (&modifier.extra_compressed, resolution.compressed)
                {
                    resolution.compressed = Some(compressed.add(extra));
                }
            }
        }
        Some(resolution)
    }

    fn unknown<'c>(
        &'c self,
        shown: String,
        family: Option<&'c Family>,
        parts: TagParts,
        reason: String,
    ) -> Resolution<'c> {
        Resolution {
            reference: shown,
            status: Match::Unknown,
            entry: None,
            family,
            parts,
            modifiers: Vec::new(),
            reason,
            compressed: None,
            disk: None,
            deprecation: None,
        }
    }

    fn exact<'c>(
        &'c self,
        shown: String,
        entry: &'c Entry,
        parts: TagParts,
        modifiers: Vec<&'c Modifier>,
        reason: String,
    ) -> Resolution<'c> {
        let family = self.families.iter().find(|f| f.name == entry.family);
        Resolution {
            reference: shown,
            status: Match::Exact,
            entry: Some(entry),
            family,
            parts,
            modifiers,
            reason,
            compressed: Some(SizeRange::from_figure(&entry.compressed)),
            disk: Some(SizeRange::from_figure(&entry.disk)),
            deprecation: None,
        }
    }

    /// Orders candidate rows for an estimate: the same distro first, then the closest
    /// version, then the newest version, then the newest numbered distro release
    /// (debian13 before debian12).
    fn distance(&self, entry: &Entry, requested: &TagParts) -> Closeness {
        let row = self.row_parts(entry);
        let distro_penalty = match &requested.distro {
            Some(d) => u8::from(
                entry.distro.as_deref() != Some(d.as_str())
                    && row.distro.as_deref() != Some(d.as_str()),
            ),
            None => u8::from(row.distro.is_some()),
        };
        let row_version = version_key(entry.version.as_deref().unwrap_or(""));
        let gap = match &requested.version {
            Some(v) => version_key(v)
                .iter()
                .zip(row_version.iter().chain(std::iter::repeat(&0)))
                .map(|(a, b)| a.abs_diff(*b))
                .collect(),
            None => Vec::new(),
        };
        let distro = entry.distro.as_deref().unwrap_or("");
        let release = version_key(distro.trim_start_matches(|c: char| !c.is_ascii_digit()));
        (distro_penalty, gap, Reverse(row_version), Reverse(release))
    }
}
