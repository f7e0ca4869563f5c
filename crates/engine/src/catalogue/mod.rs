//! The image catalogue: dated sizes and facts about common base images, compiled in
//! from `content/catalogue.toml`.
//!
//! Each row is one image:tag with its size to pull (compressed) and on disk
//! (uncompressed), libc, shell, package manager, attack-surface tier, publisher,
//! deprecation, what it carries, and the source and date of its figures. The figures
//! come from `../shared/reference/base-images.md`: exact repo-info readings where they
//! exist, otherwise third-party figures or estimates, each labelled with its
//! [`Evidence`] and, for estimates, the method.
//!
//! Families group rows and give each its spectrum (full → slim → alpine → distroless →
//! scratch, plus alternatives), which the what-if comparisons walk. [`Catalogue::resolve`]
//! maps any reference to an exact row, an estimate from the nearest row of the same
//! variant, or unknown with a reason.
//!
//! The TOML is turned into `static` data at build time (`build.rs`): parsing it in the
//! browser would cost the wasm about 260 KB for the `toml` parser plus 160 KB of
//! derived deserialisers (measured with opt-level "z" and LTO), ten times the data.
//! [`Catalogue::from_toml`] stays for tools and tests that read other text.

mod data;
mod lifecycle;
mod resolve;
mod tags;

use serde::Serialize;

pub use data::{
    Anchor, Catalogue, Deprecation, DeprecationStatus, DistroAnchor, Entry, Estimation, Evidence,
    Family, Figure, Libc, List, Meta, Modifier, PackageManager, Point, Publisher, Registry,
    Release, Scheme, Shell, SpectrumPoint, Text, Tier, TierRange, Tool, User, Vocabulary,
};
pub use lifecycle::{RetiredBy, Retirement};
pub use resolve::{BaseFacts, Match, Resolution, SizeRange};
pub use tags::TagParts;
pub(crate) use tags::version_key;

/// The catalogue's TOML source, for tools and tests that read it themselves (the
/// engine uses the data [`Catalogue::builtin`] holds).
pub const BUILTIN_TOML: &str = include_str!("../../../../content/catalogue.toml");

/// Why a catalogue file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogueError {
    /// What is wrong, as the TOML reader puts it.
    pub message: String,
    /// The 1-based line of the problem, when known.
    pub line: Option<usize>,
}

impl std::fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "catalogue line {line}: {}", self.message),
            None => write!(f, "catalogue: {}", self.message),
        }
    }
}

impl std::error::Error for CatalogueError {}

/// The built-in catalogue as `static` data, written by `build.rs` from
/// `content/catalogue.toml` (the build fails with the TOML error if the file is
/// malformed), so the wasm build carries no TOML parser.
mod generated {
    use std::borrow::Cow;

    use super::data::*;

    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
}

impl Catalogue {
    /// Reads a catalogue from TOML text. Never panics; a malformed file is an error
    /// with the line it stopped at.
    pub fn from_toml(text: &str) -> Result<Catalogue, CatalogueError> {
        toml::from_str(text).map_err(|error: toml::de::Error| CatalogueError {
            message: error.message().trim().to_owned(),
            line: error.span().map(|span| {
                text.get(..span.start)
                    .map_or(0, |before| before.matches('\n').count())
                    + 1
            }),
        })
    }

    /// The built-in catalogue, compiled in from `content/catalogue.toml`.
    pub fn builtin() -> &'static Catalogue {
        &generated::BUILTIN
    }

    /// The row with this [`Entry::id`] (`python:3.12-slim`, `scratch`).
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.images.iter().find(|e| e.id() == id)
    }

    /// The family with this name.
    pub fn family(&self, name: &str) -> Option<&Family> {
        self.families.iter().find(|f| f.name == name)
    }

    /// A family's spectrum, following `spectrum_like` to the family it borrows from.
    pub fn spectrum<'a>(&'a self, family: &'a Family) -> &'a [SpectrumPoint] {
        let mut current = family;
        // Sharing is one level deep in the data; the bound only guards against a loop.
        for _ in 0..self.families.len() {
            match &current.spectrum_like {
                Some(other) if current.spectrum.is_empty() => match self.family(other) {
                    Some(next) => current = next,
                    None => return &[],
                },
                _ => return &current.spectrum,
            }
        }
        &[]
    }

    /// The spectrum the what-if comparisons use for a row (distroless python3 uses
    /// the python family's).
    pub fn spectrum_for(&self, entry: &Entry) -> &[SpectrumPoint] {
        self.family(entry.spectrum_family())
            .map_or(&[], |f| self.spectrum(f))
    }

    /// Everything wrong with the data, one sentence per problem: missing sources or
    /// dates, inconsistent ranges, estimates without a method, tags that contradict
    /// their row, spectra naming rows that do not exist. Empty for a sound catalogue.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for entry in self.images.iter() {
            let id = entry.id();
            if seen.contains(&id) {
                problems.push(format!("{id}: listed twice"));
            }
            seen.push(id.clone());
            check_row(self, entry, &mut problems);
            for alias in entry.aliases.iter() {
                let clash = self
                    .images
                    .iter()
                    .filter(|other| other.repository == entry.repository && other.answers_to(alias))
                    .count();
                if clash > 1 {
                    problems.push(format!("{id}: alias `{alias}` also names another row"));
                }
            }
        }
        for modifier in self.modifiers.iter() {
            for figure in [&modifier.extra, &modifier.extra_compressed]
                .into_iter()
                .flatten()
            {
                check_figure(
                    &format!("modifier {}", modifier.word),
                    figure,
                    &mut problems,
                );
            }
        }
        for family in self.families.iter() {
            check_family(self, family, &mut problems);
            check_releases(family, &mut problems);
        }
        for registry in self.registries.iter() {
            let what = format!("registry {}", registry.prefix);
            if !registry.prefix.ends_with('/') {
                problems.push(format!("{what}: the prefix must end with `/`"));
            }
            if registry.source.trim().is_empty() {
                problems.push(format!("{what}: no source"));
            }
            if !is_date(&registry.date) {
                problems.push(format!("{what}: date `{}` is not a date", registry.date));
            }
        }
        problems
    }
}

/// True for `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub(crate) fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let widths = [4, 2, 2];
    !parts.is_empty()
        && parts.len() <= 3
        && parts
            .iter()
            .zip(widths)
            .all(|(part, width)| part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
}

fn check_figure(what: &str, figure: &Figure, problems: &mut Vec<String>) {
    if !(figure.low() <= figure.bytes && figure.bytes <= figure.high()) {
        problems.push(format!(
            "{what}: low {} ≤ value {} ≤ high {} does not hold",
            figure.low(),
            figure.bytes,
            figure.high()
        ));
    }
    let needs_method = matches!(
        figure.evidence,
        Evidence::Estimate | Evidence::ThirdPartyLow
    );
    if needs_method && figure.method.as_deref().is_none_or(|m| m.trim().is_empty()) {
        problems.push(format!("{what}: an estimate needs a method"));
    }
}

fn check_row(catalogue: &Catalogue, entry: &Entry, problems: &mut Vec<String>) {
    let id = entry.id();
    if entry.source.trim().is_empty() {
        problems.push(format!("{id}: no source"));
    }
    if !is_date(&entry.date) {
        problems.push(format!(
            "{id}: date `{}` is not YYYY, YYYY-MM or YYYY-MM-DD",
            entry.date
        ));
    }
    check_figure(&format!("{id} compressed"), &entry.compressed, problems);
    check_figure(&format!("{id} disk"), &entry.disk, problems);
    if entry.compressed.bytes > entry.disk.bytes {
        problems.push(format!(
            "{id}: the download is larger than the size on disk"
        ));
    }
    if entry.tier.low > entry.tier.high {
        problems.push(format!("{id}: tier {} runs backwards", entry.tier));
    }
    if let Some(deprecation) = &entry.deprecation
        && !is_date(&deprecation.date)
    {
        problems.push(format!(
            "{id}: deprecation date `{}` is not a date",
            deprecation.date
        ));
    }
    if catalogue.family(&entry.family).is_none() {
        problems.push(format!("{id}: family `{}` does not exist", entry.family));
    } else if catalogue
        .family(&entry.family)
        .is_some_and(|f| !f.covers(&entry.repository))
    {
        problems.push(format!(
            "{id}: repository is not covered by family `{}`",
            entry.family
        ));
    }
    if catalogue.family(entry.spectrum_family()).is_none() {
        problems.push(format!(
            "{id}: spectrum family `{}` does not exist",
            entry.spectrum_family()
        ));
    }
    // The words of the tag (and name) must agree with what the row says about itself.
    let parts = catalogue.row_parts(entry);
    let disagree = |field: &str, said: &Option<String>, row: Option<&str>| match said {
        Some(value) if Some(value.as_str()) != row => Some(format!(
            "{id}: its name says {field} `{value}` but the row says {:?}",
            row.unwrap_or("none")
        )),
        _ => None,
    };
    let variant_said = parts.variant.clone().or_else(|| Some("full".to_owned()));
    let checks = [
        disagree("version", &parts.version, entry.version.as_deref()),
        disagree("distro", &parts.distro, entry.distro.as_deref()),
        disagree("flavour", &parts.flavour, entry.flavour.as_deref()),
        if entry.repository == crate::image_ref::SCRATCH {
            None
        } else {
            disagree("variant", &variant_said, Some(&entry.variant))
        },
    ];
    problems.extend(checks.into_iter().flatten());
    if !parts.unrecognised.is_empty() || !parts.modifiers.is_empty() {
        problems.push(format!(
            "{id}: its tag holds words that are not plain tag parts: {:?}",
            [parts.unrecognised, parts.modifiers].concat()
        ));
    }
}

fn check_releases(family: &Family, problems: &mut Vec<String>) {
    for release in family.releases.iter() {
        let what = format!("family {}: release {}", family.name, release.title);
        if release.version.is_none() && release.names.is_empty() {
            problems.push(format!("{what}: names neither a version nor a distro word"));
        }
        if release
            .version
            .as_deref()
            .is_some_and(|v| version_key(v).is_empty())
        {
            problems.push(format!("{what}: the version is not a number"));
        }
        if release.source.trim().is_empty() {
            problems.push(format!("{what}: no source"));
        }
        if !is_date(&release.deprecation.date) {
            problems.push(format!(
                "{what}: date `{}` is not a date",
                release.deprecation.date
            ));
        }
    }
}

fn check_family(catalogue: &Catalogue, family: &Family, problems: &mut Vec<String>) {
    let name = &family.name;
    if !catalogue.images.iter().any(|e| e.family == *name) {
        problems.push(format!("family {name}: has no rows"));
    }
    match (&family.spectrum_like, family.spectrum.is_empty()) {
        (Some(other), true) => match catalogue.family(other) {
            Some(target) if !target.spectrum.is_empty() => {}
            _ => problems.push(format!(
                "family {name}: spectrum_like `{other}` names no family with a spectrum"
            )),
        },
        (Some(_), false) => problems.push(format!(
            "family {name}: has both a spectrum and spectrum_like"
        )),
        (None, true) => problems.push(format!("family {name}: has no spectrum")),
        (None, false) => {}
    }
    for point in Point::SPECTRUM {
        let count = family.spectrum.iter().filter(|p| p.point == point).count();
        if !family.spectrum.is_empty() && count != 1 {
            problems.push(format!(
                "family {name}: names the {point:?} point {count} times, not once"
            ));
        }
    }
    for point in family.spectrum.iter() {
        match (&point.row, &point.not_applicable) {
            (Some(row), None) => {
                if catalogue.entry(row).is_none() {
                    problems.push(format!(
                        "family {name}: spectrum row `{row}` does not exist"
                    ));
                }
            }
            (None, Some(why)) if !why.trim().is_empty() => {}
            _ => problems.push(format!(
                "family {name}: the {:?} point needs either a row or a reason it does not apply",
                point.point
            )),
        }
    }
}
