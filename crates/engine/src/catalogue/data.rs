//! The catalogue's data types, deserialised from `content/catalogue.toml`.
//!
//! These are plain serde structs and enums: every fact about an image lives in the
//! TOML file, and the code only reads, checks and compares it. Text and lists are
//! `Cow<'static, …>` so the build script (`build.rs`, which reads this file too:
//! keep it free of crate paths) can turn the TOML into `static` data borrowed from
//! the binary, while the same types still deserialise owned data at run time.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize, Serializer};

/// Text that is usually borrowed from the compiled-in catalogue.
pub type Text = Cow<'static, str>;

/// A list that is usually borrowed from the compiled-in catalogue.
pub type List<T> = Cow<'static, [T]>;

/// How sure a figure is, following the evidence levels of the size reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// Exact, from docker-library/repo-info (\[RI\]).
    Exact,
    /// Exact, from a repo-info fork snapshot of a retired tag (\[RI-fork\]).
    Fork,
    /// Measured directly, for example packages downloaded and unpacked (\[M\]).
    Measured,
    /// The publisher's own approximate statement ("around 2 MiB").
    FirstParty,
    /// An estimate; the figure's `method` says how it was made (\[E\]).
    Estimate,
    /// Published by a third party in an issue, pull request or blog (\[3P\]).
    ThirdParty,
    /// A marketing or unverified figure whose basis is not given (\[3P-low\]).
    ThirdPartyLow,
}

impl Evidence {
    /// True when the figure is a direct reading rather than an estimate or a quote.
    pub fn is_exact(self) -> bool {
        matches!(self, Evidence::Exact | Evidence::Fork | Evidence::Measured)
    }

    /// The short label the reference uses (`RI`, `E`, `3P-low`, ...).
    pub fn label(self) -> &'static str {
        match self {
            Evidence::Exact => "RI",
            Evidence::Fork => "RI-fork",
            Evidence::Measured => "M",
            Evidence::FirstParty => "1P",
            Evidence::Estimate => "E",
            Evidence::ThirdParty => "3P",
            Evidence::ThirdPartyLow => "3P-low",
        }
    }
}

/// One size figure in bytes, with an optional range and its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The figure to show (decimal bytes).
    pub bytes: u64,
    /// Lower bound when the sources disagree or the figure is estimated.
    #[serde(default)]
    pub low: Option<u64>,
    /// Upper bound when the sources disagree or the figure is estimated.
    #[serde(default)]
    pub high: Option<u64>,
    /// How sure the figure is.
    pub evidence: Evidence,
    /// How an estimate was made, or what a reading was taken from.
    #[serde(default)]
    pub method: Option<Text>,
}

impl Figure {
    /// The lower bound (the figure itself when no range is given).
    pub fn low(&self) -> u64 {
        self.low.unwrap_or(self.bytes)
    }

    /// The upper bound (the figure itself when no range is given).
    pub fn high(&self) -> u64 {
        self.high.unwrap_or(self.bytes)
    }
}

/// The C library an image's binaries link against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Libc {
    /// GNU libc (Debian, Ubuntu, RHEL, Wolfi, distroless base).
    Glibc,
    /// musl (Alpine).
    Musl,
    /// No C library at all (scratch, distroless static): only static binaries run.
    None,
}

impl fmt::Display for Libc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Libc::Glibc => "glibc",
            Libc::Musl => "musl",
            Libc::None => "none",
        })
    }
}

/// The shell available for `RUN` and `docker exec`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shell {
    /// No shell: shell-form `RUN`, `CMD` and `ENTRYPOINT` cannot work.
    None,
    /// BusyBox `sh`/`ash`.
    Busybox,
    /// GNU bash (with dash or sh beside it).
    Bash,
}

impl fmt::Display for Shell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Shell::None => "none",
            Shell::Busybox => "busybox",
            Shell::Bash => "bash",
        })
    }
}

/// The operating system's package manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PackageManager {
    /// apt and dpkg (Debian, Ubuntu).
    Apt,
    /// apk (Alpine, Wolfi `-dev` tags).
    Apk,
    /// dnf or yum (RHEL, UBI standard).
    Dnf,
    /// microdnf (UBI minimal).
    Microdnf,
    /// None: nothing can be installed inside the image.
    None,
}

impl fmt::Display for PackageManager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PackageManager::Apt => "apt",
            PackageManager::Apk => "apk",
            PackageManager::Dnf => "dnf",
            PackageManager::Microdnf => "microdnf",
            PackageManager::None => "none",
        })
    }
}

/// A language-level installer or build tool shipped in the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tool {
    /// Python's pip.
    Pip,
    /// Node's npm.
    Npm,
    /// Yarn.
    Yarn,
    /// Rust's cargo.
    Cargo,
    /// The Go toolchain.
    Go,
    /// RubyGems.
    Gem,
    /// Ruby's Bundler.
    Bundler,
}

/// A qualitative attack-surface class from the reference (not a CVE count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tier {
    /// An empty image.
    T0,
    /// No shell and no package manager; a handful of libraries.
    T1,
    /// A small userland or a language runtime only.
    T2,
    /// A distro's slim or minimal userland with a package manager.
    T3,
    /// A full distro plus compilers and -dev libraries.
    T4,
}

impl Tier {
    const ALL: [(Tier, &'static str); 5] = [
        (Tier::T0, "T0"),
        (Tier::T1, "T1"),
        (Tier::T2, "T2"),
        (Tier::T3, "T3"),
        (Tier::T4, "T4"),
    ];

    /// The tier's name (`T0` to `T4`).
    pub fn name(self) -> &'static str {
        Tier::ALL
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("T?", |(_, n)| n)
    }

    const fn from_digit(digit: u8) -> Tier {
        match digit {
            b'0' => Tier::T0,
            b'1' => Tier::T1,
            b'2' => Tier::T2,
            b'3' => Tier::T3,
            _ => Tier::T4,
        }
    }

    fn parse(text: &str) -> Option<Tier> {
        Tier::ALL.iter().find(|(_, n)| *n == text).map(|(t, _)| *t)
    }
}

/// A tier or a span of tiers (`T2` or `T2-T3`), as the reference gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct TierRange {
    /// The lower tier.
    pub low: Tier,
    /// The upper tier (equal to `low` for a single tier).
    pub high: Tier,
}

impl TryFrom<String> for TierRange {
    type Error = String;

    fn try_from(text: String) -> Result<TierRange, String> {
        let bad = || format!("`{text}` is not a tier: write T0 to T4, or a span such as T2-T3");
        let (low, high) = match text.split_once('-') {
            Some((a, b)) => (
                Tier::parse(a).ok_or_else(bad)?,
                Tier::parse(b).ok_or_else(bad)?,
            ),
            None => {
                let t = Tier::parse(&text).ok_or_else(bad)?;
                (t, t)
            }
        };
        Ok(TierRange { low, high })
    }
}

impl TierRange {
    /// Reads `T2` or `T2-T3` in a constant context (the build script writes tiers
    /// this way); text that is not a tier reads as `T4`, the cautious answer.
    pub const fn from_static(text: &str) -> TierRange {
        match text.as_bytes() {
            [b'T', low, b'-', b'T', high] => TierRange {
                low: Tier::from_digit(*low),
                high: Tier::from_digit(*high),
            },
            [b'T', only] => TierRange {
                low: Tier::from_digit(*only),
                high: Tier::from_digit(*only),
            },
            _ => TierRange {
                low: Tier::T4,
                high: Tier::T4,
            },
        }
    }
}

/// Written as its text (`"T2-T3"`) inside a newtype named `TierRange`, which JSON
/// shows as the plain string and the build script turns back into a constant.
impl Serialize for TierRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct("TierRange", &self.to_string())
    }
}

impl fmt::Display for TierRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.low == self.high {
            f.write_str(self.low.name())
        } else {
            write!(f, "{}-{}", self.low.name(), self.high.name())
        }
    }
}

/// Who publishes an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Publisher {
    /// A Docker Official Image (Docker Hub `library/`).
    Official,
    /// A Docker Hub Verified Publisher.
    VerifiedPublisher,
    /// A vendor's own registry (Google distroless, Chainguard, Red Hat).
    Vendor,
    /// Nobody vouches for it.
    None,
}

/// The user an image runs as unless the Dockerfile says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum User {
    /// uid 0.
    #[default]
    Root,
    /// An unprivileged user (65532 for distroless and Chainguard).
    Nonroot,
}

/// How far along its end an image is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeprecationStatus {
    /// The publisher asks users to move away; it may still be pullable.
    Deprecated,
    /// No more updates, including security fixes.
    EndOfLife,
    /// Deleted from the registry or no longer built.
    Removed,
}

/// A deprecation or end of life, with its date and what to use instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deprecation {
    /// Deprecated, end of life, or removed.
    pub status: DeprecationStatus,
    /// When (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: Text,
    /// The image to move to, when one is known.
    #[serde(default)]
    pub replacement: Option<Text>,
    /// Where the fact comes from or what it means.
    #[serde(default)]
    pub note: Option<Text>,
}

/// One image:tag row of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The familiar repository name (`python`, `gcr.io/distroless/static-debian12`).
    pub repository: Text,
    /// The catalogue's canonical tag (empty only for `scratch`).
    pub tag: Text,
    /// Other tags naming the very same image (`latest`, `3.12.14`, `3.12-slim-trixie`).
    #[serde(default)]
    pub aliases: List<Text>,
    /// Other repositories that publish the same image (Docker Hub copies).
    #[serde(default)]
    pub mirrors: List<Text>,
    /// The family this row belongs to (a [`Family::name`]).
    pub family: Text,
    /// The version the image carries (`3.12`, `21`, `12`).
    #[serde(default)]
    pub version: Option<Text>,
    /// The variant (`full`, `slim`, `alpine`, `static`, `python`, `minimal`...).
    pub variant: Text,
    /// The distribution release underneath (`trixie`, `alpine3.24`, `debian12`, `ubi9`).
    #[serde(default)]
    pub distro: Option<Text>,
    /// JDK or JRE for Java images.
    #[serde(default)]
    pub flavour: Option<Text>,
    /// The family whose spectrum the what-if comparisons use, when not `family`
    /// (distroless python3 compares against the python family).
    #[serde(default)]
    pub spectrum: Option<Text>,
    /// What the tag pointed at when the figure was taken.
    pub resolved: Text,
    /// Size to pull (compressed, linux/amd64).
    pub compressed: Figure,
    /// Size on disk (uncompressed, what `docker images` shows).
    pub disk: Figure,
    /// Number of layers, when known.
    #[serde(default)]
    pub layers: Option<u32>,
    /// The C library.
    pub libc: Libc,
    /// The shell.
    pub shell: Shell,
    /// The OS package manager.
    pub package_manager: PackageManager,
    /// Language installers and build tools shipped (pip, npm, cargo...).
    #[serde(default)]
    pub language_tools: List<Tool>,
    /// The attack-surface tier.
    pub tier: TierRange,
    /// Who publishes it.
    pub publisher: Publisher,
    /// The default user.
    #[serde(default)]
    pub user: User,
    /// The language runtime it carries, if any.
    #[serde(default)]
    pub runtime: Option<Text>,
    /// The build toolchain it ships (compilers, an SDK), if any: the answer to
    /// "does this final base ship a build toolchain?".
    #[serde(default)]
    pub build_toolchain: Option<Text>,
    /// What is inside, in one phrase.
    pub carries: Text,
    /// Deprecation or end of life of this tag.
    #[serde(default)]
    pub deprecation: Option<Deprecation>,
    /// Anything else a learner should know about this row.
    #[serde(default)]
    pub note: Option<Text>,
    /// Where the figures come from (the reference's cited path).
    pub source: Text,
    /// The date of the figures (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: Text,
}

impl Entry {
    /// The row's reference: `repository:tag`, or just the repository for `scratch`.
    pub fn id(&self) -> String {
        if self.tag.is_empty() {
            self.repository.to_string()
        } else {
            format!("{}:{}", self.repository, self.tag)
        }
    }

    /// True when `tag` names this row (its tag or one of its aliases).
    pub fn answers_to(&self, tag: &str) -> bool {
        self.tag == tag || self.aliases.iter().any(|a| a == tag)
    }

    /// True when `repository` names this row's repository or one of its mirrors.
    pub fn published_as(&self, repository: &str) -> bool {
        self.repository == repository || self.mirrors.iter().any(|m| m == repository)
    }

    /// The family whose spectrum applies to this row.
    pub fn spectrum_family(&self) -> &str {
        self.spectrum.as_deref().unwrap_or(&self.family)
    }
}

/// How a family's repositories encode their variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// In the tag: `python:3.12-slim-bookworm`.
    Tag,
    /// In the repository name after the family's prefix: `distroless/python3-debian13`.
    Name,
}

/// A point on the base-image spectrum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Point {
    /// The full image (often with compilers).
    Full,
    /// The slim or minimal image.
    Slim,
    /// The Alpine (musl) image.
    Alpine,
    /// A distroless image: runtime only.
    Distroless,
    /// The empty image.
    Scratch,
    /// Another natural choice (Chainguard, UBI, a slimmer variant).
    Alternative,
}

impl Point {
    /// The five points every family spectrum names, in order.
    pub const SPECTRUM: [Point; 5] = [
        Point::Full,
        Point::Slim,
        Point::Alpine,
        Point::Distroless,
        Point::Scratch,
    ];
}

/// One point of a family's spectrum: a catalogue row, or why the point does not apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpectrumPoint {
    /// Which point.
    pub point: Point,
    /// The catalogue row at this point (an [`Entry::id`]).
    #[serde(default)]
    pub row: Option<Text>,
    /// Why the point does not apply to this family.
    #[serde(default)]
    pub not_applicable: Option<Text>,
    /// What to keep in mind when moving to this point.
    #[serde(default)]
    pub note: Option<Text>,
}

/// A family of related images and how to read their names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// Short name (`python`, `distroless`).
    pub name: Text,
    /// Display name.
    pub title: Text,
    /// Familiar repository names; an entry ending in `/` matches every repository
    /// under that prefix (`gcr.io/distroless/`).
    pub repositories: List<Text>,
    /// Where the variant is encoded.
    pub scheme: Scheme,
    /// Who publishes the family.
    pub publisher: Publisher,
    /// The flavour a tag means when it names none (`jdk` for eclipse-temurin).
    #[serde(default)]
    pub default_flavour: Option<Text>,
    /// A deprecation of the whole family (every tag of `openjdk`).
    #[serde(default)]
    pub deprecation: Option<Deprecation>,
    /// The family's spectrum, in order.
    #[serde(default)]
    pub spectrum: List<SpectrumPoint>,
    /// Another family whose spectrum this one shares (alpine shares debian's).
    #[serde(default)]
    pub spectrum_like: Option<Text>,
    /// What a tag must name to stay on one release; `None` when the catalogue
    /// does not say.
    #[serde(default)]
    pub anchor: Option<Anchor>,
    /// Releases of the family that are deprecated or past their end of life, for
    /// tags the catalogue has no row for (`node:18`, `debian:bullseye`).
    #[serde(default)]
    pub releases: List<Release>,
    /// Anything else worth knowing.
    #[serde(default)]
    pub note: Option<Text>,
}

impl Family {
    /// The part of `repository` that encodes the variant when the family's scheme is
    /// [`Scheme::Name`] (`python3-debian13` for `gcr.io/distroless/python3-debian13`),
    /// or `None` when the repository does not belong to this family.
    pub fn name_descriptor<'a>(&self, repository: &'a str) -> Option<&'a str> {
        self.repositories.iter().find_map(|pattern| {
            if pattern.ends_with('/') {
                repository
                    .strip_prefix(&**pattern)
                    .filter(|rest| !rest.is_empty())
            } else if pattern == repository {
                Some(repository.rsplit('/').next().unwrap_or(repository))
            } else {
                None
            }
        })
    }

    /// True when `repository` belongs to this family.
    pub fn covers(&self, repository: &str) -> bool {
        self.name_descriptor(repository).is_some()
    }
}

/// A tag word that changes an image's facts without being a row of its own
/// (`nonroot`, `debug`, `dev`, `musl`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Modifier {
    /// The tag word.
    pub word: Text,
    /// The user it switches to.
    #[serde(default)]
    pub user: Option<User>,
    /// The shell it adds.
    #[serde(default)]
    pub shell: Option<Shell>,
    /// The package manager it adds.
    #[serde(default)]
    pub package_manager: Option<PackageManager>,
    /// The C library it switches to.
    #[serde(default)]
    pub libc: Option<Libc>,
    /// What it adds on disk.
    #[serde(default)]
    pub extra: Option<Figure>,
    /// What it adds to the download.
    #[serde(default)]
    pub extra_compressed: Option<Figure>,
    /// What it means, in one phrase.
    pub note: Text,
}

/// The words image tags and names are made of, by role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Variant words (`slim`, `alpine`, `static`, `java`...).
    pub variants: List<Text>,
    /// Distribution words (`bookworm`, `debian`, `ubi`...); a number may follow.
    pub distros: List<Text>,
    /// Flavour words (`jdk`, `jre`).
    pub flavours: List<Text>,
    /// Moving pointers that name no version (`latest`, `stable`).
    pub channels: List<Text>,
    /// Words with no meaning for resolution.
    pub ignored: List<Text>,
}

/// Settings for estimating tags the catalogue does not list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Estimation {
    /// How far (in percent) an estimate from a neighbouring row widens its range.
    pub nearby_spread_percent: u64,
}

/// Where the catalogue's data comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The reference document.
    pub source: Text,
    /// Which snapshot of the sources.
    pub snapshot: Text,
    /// The units used.
    pub units: Text,
}

/// What a family's tags must name to stay on one release, so a tag that moves can
/// be told from one that does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// How many version components name one release line: 2 for `python:3.12`,
    /// 1 for `node:20`. 0 means the family publishes no version tags at all, so
    /// only a digest pins it (distroless, Chainguard's free tier).
    pub version_parts: u8,
    /// What the tag must say about the distribution release underneath.
    pub distro: DistroAnchor,
}

/// What a tag must say about the distribution release under an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DistroAnchor {
    /// The tag must name it (`-bookworm`, `-alpine3.21`): the default moves when
    /// a new distribution release comes out.
    Required,
    /// The image is the distribution, so a version (`debian:12`, `alpine:3.21`)
    /// or a codename (`debian:bookworm`) names the release.
    Release,
    /// Nothing to name: the repository name carries it (`ubi9/ubi`), or there is
    /// no distribution (`busybox`).
    None,
}

/// A release of a family (a version line or a distribution release) that is
/// deprecated or past its end of life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// What it is called (`Debian 11 (bullseye)`, `Node.js 18`).
    pub title: Text,
    /// The version line (`3.9`, `18`, `11`), compared component by component.
    #[serde(default)]
    pub version: Option<Text>,
    /// Distribution words that name this release in tags (`bullseye`,
    /// `alpine3.19`, `debian12`), in any family's tags.
    #[serde(default)]
    pub names: List<Text>,
    /// The variants it applies to (`java`, `nodejs`); empty for all of them.
    /// A release limited to some variants applies only within its own family.
    #[serde(default)]
    pub variants: List<Text>,
    /// True when every older release is retired too (families that retire
    /// releases in order; not Node.js or Ubuntu, whose short-lived releases end
    /// before older long-term ones).
    #[serde(default)]
    pub and_older: bool,
    /// Deprecated or end of life, since when, and what to use instead.
    pub deprecation: Deprecation,
    /// Where the fact comes from.
    pub source: Text,
}

/// A registry or Docker Hub namespace whose publisher the catalogue knows, for
/// images that have no family of their own (`mcr.microsoft.com/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// A prefix of the familiar name, ending in `/` (`mcr.microsoft.com/`,
    /// `public.ecr.aws/docker/library/`).
    pub prefix: Text,
    /// Who vouches for what it holds.
    pub publisher: Publisher,
    /// The publisher's name.
    pub name: Text,
    /// Anything else worth knowing.
    #[serde(default)]
    pub note: Option<Text>,
    /// Where the fact comes from.
    pub source: Text,
    /// When the fact was recorded (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: Text,
}

/// The whole catalogue: vocabulary, modifiers, families and image rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Where the data comes from.
    pub meta: Meta,
    /// Settings for estimates.
    pub estimation: Estimation,
    /// The words tags are made of.
    pub vocabulary: Vocabulary,
    /// Tag words that change an image's facts.
    #[serde(default)]
    pub modifiers: List<Modifier>,
    /// Families of related images.
    #[serde(default)]
    pub families: List<Family>,
    /// Registries and namespaces whose publisher is known.
    #[serde(default)]
    pub registries: List<Registry>,
    /// The image:tag rows.
    #[serde(default)]
    pub images: List<Entry>,
}
