//! The types of `content/packages.toml`, in a file of their own because the build
//! script (`build.rs`) reads them too: keep it free of crate paths. Text and lists are
//! `Cow<'static, …>` so the built-in tables can be `static` data.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{BuildTool, CleanupKind, Evidence, Figure};

/// Text that is usually borrowed from the compiled-in tables.
pub type Text = Cow<'static, str>;

/// A list that is usually borrowed from the compiled-in tables.
pub type List<T> = Cow<'static, [T]>;

/// What a layer's bytes are made of, which decides how well they compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Content {
    /// Files installed by an OS package manager.
    OsPackages,
    /// Python or JavaScript source trees.
    TextTree,
    /// Executables, shared libraries, object files and JARs.
    NativeBinary,
    /// Files that are already compressed (wheels, tarballs, jars in a cache).
    Archives,
    /// Package index files (apt lists, APKINDEX, dnf metadata).
    IndexText,
}

/// An on-disk to compressed ratio range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratio {
    /// The smallest ratio seen.
    pub low: f64,
    /// The largest ratio seen.
    pub high: f64,
    /// Where the ratio comes from.
    pub method: Text,
}

/// The compression ratios by content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratios {
    /// OS package files.
    pub os_packages: Ratio,
    /// Python and JavaScript trees.
    pub text_tree: Ratio,
    /// Native code.
    pub native_binary: Ratio,
    /// Already compressed files.
    pub archives: Ratio,
    /// Package indexes.
    pub index_text: Ratio,
}

impl Ratios {
    /// The ratio for a kind of content.
    pub fn of(&self, content: Content) -> &Ratio {
        match content {
            Content::OsPackages => &self.os_packages,
            Content::TextTree => &self.text_tree,
            Content::NativeBinary => &self.native_binary,
            Content::Archives => &self.archives,
            Content::IndexText => &self.index_text,
        }
    }
}

/// What a package is for, so rules can ask whether a layer ships a build toolchain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Compilers, SDKs and build tools.
    Toolchain,
    /// Headers and static libraries (`-dev`, `-devel`).
    Headers,
    /// Libraries and runtimes a program needs to run.
    Runtime,
    /// Command-line tools.
    Tool,
}

/// An OS package (apt, apk or dnf) and what it adds with its missing dependencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OsPackage {
    /// The package name.
    pub name: Text,
    /// Bytes added on disk (apt: without Recommends).
    pub disk: u64,
    /// Lower bound, when the table gives a range.
    #[serde(default)]
    pub low: Option<u64>,
    /// Upper bound, when the table gives a range.
    #[serde(default)]
    pub high: Option<u64>,
    /// apt: bytes added when Recommends are installed too.
    #[serde(default)]
    pub disk_recommends: Option<u64>,
    /// dnf: bytes added with weak dependencies.
    #[serde(default)]
    pub disk_weak: Option<u64>,
    /// Bytes downloaded, when known.
    #[serde(default)]
    pub download: Option<u64>,
    /// apt: bytes downloaded with Recommends.
    #[serde(default)]
    pub download_recommends: Option<u64>,
    /// What the package is for.
    pub role: Role,
    /// How sure the figure is.
    pub evidence: Evidence,
    /// A key into [`SizeTables::methods`].
    pub method: Text,
    /// When the figure was made.
    pub date: Text,
}

/// apt's settings and packages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AptTable {
    /// What `apt-get update` leaves in /var/lib/apt/lists.
    pub lists: Figure,
    /// A package not in the table.
    pub unknown_package: Figure,
    /// A package not in the table, with Recommends.
    pub unknown_package_recommends: Figure,
    /// An upgrade of installed packages.
    pub upgrade: Figure,
    /// Share of Installed-Size that is documentation slim images drop.
    pub docs_share_percent: u64,
    /// Overlap assumed between the dependencies of several packages.
    pub shared_dependencies_percent: u64,
    /// What packages purged in the same layer leave behind, at most.
    pub removed_residue_percent: u64,
    /// The packages.
    pub packages: List<OsPackage>,
}

/// apk's settings and packages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApkTable {
    /// The index files kept without `--no-cache`.
    pub index: Figure,
    /// A package not in the table.
    pub unknown_package: Figure,
    /// An upgrade.
    pub upgrade: Figure,
    /// What packages deleted in the same layer leave behind, at most.
    pub removed_residue_percent: u64,
    /// The packages.
    pub packages: List<OsPackage>,
}

/// dnf's (and yum's and microdnf's) settings and packages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DnfTable {
    /// Repository metadata kept until `dnf clean all`.
    pub metadata: Figure,
    /// A package not in the table.
    pub unknown_package: Figure,
    /// An upgrade.
    pub upgrade: Figure,
    /// Share of a package that is documentation (`--nodocs` drops it).
    pub docs_share_percent: u64,
    /// What packages removed in the same layer leave behind, at most.
    pub removed_residue_percent: u64,
    /// The packages.
    pub packages: List<OsPackage>,
}

/// Which wheels a Python package publishes for Linux.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wheels {
    /// Pure Python: one wheel for every platform.
    Universal,
    /// manylinux wheels, and musllinux wheels from `musllinux_since`.
    Binary,
    /// manylinux wheels only: musl always compiles (or cannot).
    GlibcOnly,
    /// No Linux wheels: always compiled from source.
    SourceOnly,
}

/// A Python package and what it installs on glibc and on musl.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipPackage {
    /// The normalised project name.
    pub name: Text,
    /// Bytes on disk from the glibc (manylinux) wheel, before `.pyc` files.
    pub glibc: u64,
    /// Lower bound on glibc, when the size varies a lot.
    #[serde(default)]
    pub glibc_low: Option<u64>,
    /// Upper bound on glibc.
    #[serde(default)]
    pub glibc_high: Option<u64>,
    /// Bytes on disk from the musl (musllinux) wheel; the glibc figure when absent.
    #[serde(default)]
    pub musl: Option<u64>,
    /// The glibc wheel's download size (what pip's cache keeps).
    pub wheel: u64,
    /// The musl wheel's download size; the glibc figure when absent.
    #[serde(default)]
    pub wheel_musl: Option<u64>,
    /// Which wheels exist.
    pub wheels: Wheels,
    /// The first version with a musllinux wheel.
    #[serde(default)]
    pub musllinux_since: Option<Text>,
    /// Installs as pure Python when no wheel fits, instead of compiling.
    #[serde(default)]
    pub pure_fallback: bool,
    /// Dependencies that are also in the table.
    #[serde(default)]
    pub requires: List<Text>,
    /// Extras and the table packages they add (`uvicorn[standard]`).
    #[serde(default)]
    pub extras: List<Extra>,
    /// Alpine packages a source build needs.
    #[serde(default)]
    pub build_apk: List<Text>,
    /// Debian packages a source build needs.
    #[serde(default)]
    pub build_apt: List<Text>,
    /// What else to know.
    #[serde(default)]
    pub note: Option<Text>,
    /// How sure the figure is.
    pub evidence: Evidence,
    /// A key into [`SizeTables::methods`].
    pub method: Text,
    /// When the figure was made.
    pub date: Text,
}

/// A pip extra (`standard` in `uvicorn[standard]`) and the packages it adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extra {
    /// The extra's name.
    pub name: Text,
    /// Table packages it adds.
    pub packages: List<Text>,
}

/// pip's settings and packages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipTable {
    /// Share `.pyc` compilation adds at most.
    pub pyc_percent: u64,
    /// A package not in the table.
    pub unknown_package: Figure,
    /// A requirements file.
    pub unknown_requirements: Figure,
    /// A project installed from a path.
    pub local_project: Figure,
    /// pip's cache after a source build, as a share of the wheel size.
    pub source_build_cache_percent: u64,
    /// The packages.
    pub packages: List<PipPackage>,
}

/// An npm package and its tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NpmPackage {
    /// The package name (with its scope).
    pub name: Text,
    /// Bytes of node_modules it adds on glibc.
    pub disk: u64,
    /// Bytes on musl, when different.
    #[serde(default)]
    pub musl: Option<u64>,
    /// Tarball bytes (what npm's cache keeps).
    pub download: u64,
    /// Dependencies that are also in the table.
    #[serde(default)]
    pub requires: List<Text>,
    /// What else to know.
    #[serde(default)]
    pub note: Option<Text>,
    /// How sure the figure is.
    pub evidence: Evidence,
    /// A key into [`SizeTables::methods`].
    pub method: Text,
    /// When the figure was made.
    pub date: Text,
}

/// npm's, yarn's and pnpm's settings and packages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NpmTable {
    /// A project whose package.json is unknown.
    pub unknown_project: Figure,
    /// What development dependencies add.
    pub dev_dependencies: Figure,
    /// A package not in the table.
    pub unknown_package: Figure,
    /// Yarn's or pnpm's cache as a share of the tree.
    pub yarn_cache_percent: u64,
    /// The packages.
    pub packages: List<NpmPackage>,
}

/// RubyGems' and Bundler's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GemTable {
    /// A gem, with its dependencies.
    pub unknown_package: Figure,
    /// ri and rdoc documentation, unless `--no-document`.
    pub documentation: Figure,
    /// A Gemfile's bundle.
    pub unknown_bundle: Figure,
}

/// A cache a build leaves behind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheRow {
    /// The cleanup that removes it.
    pub kind: CleanupKind,
    /// Where it lives (for cache mounts).
    pub path: Text,
    /// Its size.
    pub size: Figure,
}

/// What a build tool produces and leaves behind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildRow {
    /// The tool.
    pub tool: BuildTool,
    /// What the build writes (the binary, target/ or build/).
    pub output: Figure,
    /// The output when symbols are stripped, if different.
    #[serde(default)]
    pub output_stripped: Option<Figure>,
    /// What a later stage usually copies out of the output (the binary or jar rather
    /// than the whole `target/`), when that differs from `output`.
    #[serde(default)]
    pub artifact: Option<Figure>,
    /// What the output is made of.
    pub output_kind: Content,
    /// The caches it fills.
    pub caches: List<CacheRow>,
}

/// What a well-known path holds, so the estimate and the compatibility checks can
/// recognise it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PathRole {
    /// CA certificates (TLS needs them).
    CaCertificates,
    /// The time zone database.
    TimeZones,
    /// `/etc/passwd` and `/etc/group`.
    Accounts,
}

/// A well-known path that is copied on its own (`/etc/ssl/certs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownPath {
    /// The absolute path; a copy of it or of anything inside it matches.
    pub path: Text,
    /// What it holds.
    pub role: PathRole,
    /// How a learner calls it.
    pub what: Text,
    /// Its size on disk.
    pub size: Figure,
}

/// Figures for `COPY` and `ADD` sources that are not installs or builds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopyTable {
    /// A single manifest, lock file, script or config from the build context.
    pub small_file: Figure,
    /// A path in another stage or image that cannot be traced.
    pub unknown_path: Figure,
    /// `ADD` of a URL or git repository.
    pub remote_file: Figure,
    /// A fresh virtual environment before anything is installed in it.
    pub venv: Figure,
    /// Well-known paths.
    pub paths: List<KnownPath>,
}

/// A stated estimation method that rows cite by key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// The key rows use.
    pub key: Text,
    /// How the figures were made.
    pub text: Text,
}

/// Where the tables come from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TablesMeta {
    /// The reference.
    pub source: Text,
    /// When the tables were compiled.
    pub date: Text,
    /// The units.
    pub units: Text,
}

/// All size tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeTables {
    /// Where the tables come from.
    pub meta: TablesMeta,
    /// Estimation methods; rows cite them by key.
    pub methods: List<Method>,
    /// Compression ratios.
    pub ratios: Ratios,
    /// apt.
    pub apt: AptTable,
    /// apk.
    pub apk: ApkTable,
    /// dnf, yum and microdnf.
    pub dnf: DnfTable,
    /// pip.
    pub pip: PipTable,
    /// npm, yarn and pnpm.
    pub npm: NpmTable,
    /// gem and bundle.
    pub gem: GemTable,
    /// Build tools.
    pub builds: List<BuildRow>,
    /// `COPY` and `ADD` sources.
    pub copy: CopyTable,
}
