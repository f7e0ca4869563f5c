//! The size tables of `content/packages.toml`: what packages, language
//! dependencies and builds add to a layer, each with its evidence, method and date.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::catalogue::{Evidence, Figure};
use crate::shell::{BuildTool, CleanupKind};

/// The table file compiled into the engine.
pub const BUILTIN_TOML: &str = include_str!("../../../../content/packages.toml");

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
    pub method: String,
}

/// The compression ratios by content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
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
    pub name: String,
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
    pub method: String,
    /// When the figure was made.
    pub date: String,
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
    pub packages: Vec<OsPackage>,
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
    pub packages: Vec<OsPackage>,
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
    pub packages: Vec<OsPackage>,
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
    pub name: String,
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
    pub musllinux_since: Option<String>,
    /// Installs as pure Python when no wheel fits, instead of compiling.
    #[serde(default)]
    pub pure_fallback: bool,
    /// Dependencies that are also in the table.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Extras and the table packages they add (`uvicorn[standard]`).
    #[serde(default)]
    pub extras: BTreeMap<String, Vec<String>>,
    /// Alpine packages a source build needs.
    #[serde(default)]
    pub build_apk: Vec<String>,
    /// Debian packages a source build needs.
    #[serde(default)]
    pub build_apt: Vec<String>,
    /// What else to know.
    #[serde(default)]
    pub note: Option<String>,
    /// How sure the figure is.
    pub evidence: Evidence,
    /// A key into [`SizeTables::methods`].
    pub method: String,
    /// When the figure was made.
    pub date: String,
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
    pub packages: Vec<PipPackage>,
}

/// An npm package and its tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NpmPackage {
    /// The package name (with its scope).
    pub name: String,
    /// Bytes of node_modules it adds on glibc.
    pub disk: u64,
    /// Bytes on musl, when different.
    #[serde(default)]
    pub musl: Option<u64>,
    /// Tarball bytes (what npm's cache keeps).
    pub download: u64,
    /// Dependencies that are also in the table.
    #[serde(default)]
    pub requires: Vec<String>,
    /// What else to know.
    #[serde(default)]
    pub note: Option<String>,
    /// How sure the figure is.
    pub evidence: Evidence,
    /// A key into [`SizeTables::methods`].
    pub method: String,
    /// When the figure was made.
    pub date: String,
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
    pub packages: Vec<NpmPackage>,
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
    pub path: String,
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
    /// What the output is made of.
    pub output_kind: Content,
    /// The caches it fills.
    pub caches: Vec<CacheRow>,
}

/// Where the tables come from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TablesMeta {
    /// The reference.
    pub source: String,
    /// When the tables were compiled.
    pub date: String,
    /// The units.
    pub units: String,
}

/// All size tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeTables {
    /// Where the tables come from.
    pub meta: TablesMeta,
    /// Estimation methods by key; rows cite them.
    pub methods: BTreeMap<String, String>,
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
    #[serde(rename = "build")]
    pub builds: Vec<BuildRow>,
}

/// Why a tables file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TablesError {
    /// What the TOML reader says.
    pub message: String,
    /// The 1-based line, when known.
    pub line: Option<usize>,
}

impl std::fmt::Display for TablesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "size tables line {line}: {}", self.message),
            None => write!(f, "size tables: {}", self.message),
        }
    }
}

impl std::error::Error for TablesError {}

static BUILTIN: OnceLock<Result<SizeTables, TablesError>> = OnceLock::new();

impl SizeTables {
    /// Reads tables from TOML text; never panics.
    pub fn from_toml(text: &str) -> Result<SizeTables, TablesError> {
        toml::from_str(text).map_err(|error: toml::de::Error| TablesError {
            message: error.message().trim().to_owned(),
            line: error.span().map(|span| {
                text.get(..span.start)
                    .map_or(0, |before| before.matches('\n').count())
                    + 1
            }),
        })
    }

    /// The built-in tables, read once, or why they could not be read (a test keeps
    /// that from shipping).
    pub fn builtin() -> Result<&'static SizeTables, &'static TablesError> {
        BUILTIN
            .get_or_init(|| SizeTables::from_toml(BUILTIN_TOML))
            .as_ref()
    }

    /// An apt package by name.
    pub fn apt_package(&self, name: &str) -> Option<&OsPackage> {
        self.apt.packages.iter().find(|p| p.name == name)
    }

    /// An apk package by name.
    pub fn apk_package(&self, name: &str) -> Option<&OsPackage> {
        self.apk.packages.iter().find(|p| p.name == name)
    }

    /// A dnf package by name.
    pub fn dnf_package(&self, name: &str) -> Option<&OsPackage> {
        self.dnf.packages.iter().find(|p| p.name == name)
    }

    /// A Python package by normalised name.
    pub fn pip_package(&self, name: &str) -> Option<&PipPackage> {
        self.pip.packages.iter().find(|p| p.name == name)
    }

    /// An npm package by name.
    pub fn npm_package(&self, name: &str) -> Option<&NpmPackage> {
        self.npm.packages.iter().find(|p| p.name == name)
    }

    /// The row for a build tool.
    pub fn build(&self, tool: BuildTool) -> Option<&BuildRow> {
        self.builds.iter().find(|b| b.tool == tool)
    }

    /// Everything wrong with the tables, one sentence each; empty when sound.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let method_ok = |key: &str| self.methods.contains_key(key);
        let check_figure = |what: String, figure: &Figure, problems: &mut Vec<String>| {
            if !(figure.low() <= figure.bytes && figure.bytes <= figure.high()) {
                problems.push(format!("{what}: low ≤ value ≤ high does not hold"));
            }
            if figure.method.as_deref().is_none_or(|m| m.trim().is_empty())
                && !figure.evidence.is_exact()
            {
                problems.push(format!("{what}: an estimate needs a method"));
            }
        };
        for (name, ratio) in [
            ("os-packages", &self.ratios.os_packages),
            ("text-tree", &self.ratios.text_tree),
            ("native-binary", &self.ratios.native_binary),
            ("archives", &self.ratios.archives),
            ("index-text", &self.ratios.index_text),
        ] {
            if !(ratio.low >= 1.0 && ratio.low <= ratio.high) {
                problems.push(format!("ratio {name}: needs 1 ≤ low ≤ high"));
            }
        }
        for (what, figure) in [
            ("apt lists", &self.apt.lists),
            ("apt unknown package", &self.apt.unknown_package),
            (
                "apt unknown package with recommends",
                &self.apt.unknown_package_recommends,
            ),
            ("apt upgrade", &self.apt.upgrade),
            ("apk index", &self.apk.index),
            ("apk unknown package", &self.apk.unknown_package),
            ("apk upgrade", &self.apk.upgrade),
            ("dnf metadata", &self.dnf.metadata),
            ("dnf unknown package", &self.dnf.unknown_package),
            ("dnf upgrade", &self.dnf.upgrade),
            ("pip unknown package", &self.pip.unknown_package),
            ("pip requirements", &self.pip.unknown_requirements),
            ("pip local project", &self.pip.local_project),
            ("npm unknown project", &self.npm.unknown_project),
            ("npm dev dependencies", &self.npm.dev_dependencies),
            ("npm unknown package", &self.npm.unknown_package),
            ("gem unknown package", &self.gem.unknown_package),
            ("gem documentation", &self.gem.documentation),
            ("gem unknown bundle", &self.gem.unknown_bundle),
        ] {
            check_figure(what.to_owned(), figure, &mut problems);
        }
        for (manager, packages) in [
            ("apt", &self.apt.packages),
            ("apk", &self.apk.packages),
            ("dnf", &self.dnf.packages),
        ] {
            for (i, p) in packages.iter().enumerate() {
                let what = format!("{manager} {}", p.name);
                if packages[..i].iter().any(|q| q.name == p.name) {
                    problems.push(format!("{what}: listed twice"));
                }
                if !method_ok(&p.method) {
                    problems.push(format!("{what}: method `{}` is not described", p.method));
                }
                if !crate::catalogue::is_date(&p.date) {
                    problems.push(format!("{what}: date `{}`", p.date));
                }
                if !(p.low.unwrap_or(p.disk) <= p.disk && p.disk <= p.high.unwrap_or(p.disk)) {
                    problems.push(format!("{what}: low ≤ disk ≤ high does not hold"));
                }
                if p.disk_recommends.is_some_and(|r| r < p.disk)
                    || p.disk_weak.is_some_and(|w| w < p.disk)
                {
                    problems.push(format!("{what}: extra dependencies cannot make it smaller"));
                }
            }
        }
        for (i, p) in self.pip.packages.iter().enumerate() {
            let what = format!("pip {}", p.name);
            if self.pip.packages[..i].iter().any(|q| q.name == p.name) {
                problems.push(format!("{what}: listed twice"));
            }
            if !method_ok(&p.method) {
                problems.push(format!("{what}: method `{}` is not described", p.method));
            }
            if !crate::catalogue::is_date(&p.date) {
                problems.push(format!("{what}: date `{}`", p.date));
            }
            if !(p.glibc_low.unwrap_or(p.glibc) <= p.glibc
                && p.glibc <= p.glibc_high.unwrap_or(p.glibc))
            {
                problems.push(format!("{what}: low ≤ glibc ≤ high does not hold"));
            }
            if (p.wheels == Wheels::Binary) != p.musllinux_since.is_some() {
                problems.push(format!(
                    "{what}: musllinux_since belongs to binary wheels, and binary wheels need it"
                ));
            }
            let needs_build_deps =
                matches!(p.wheels, Wheels::Binary | Wheels::SourceOnly) && !p.pure_fallback;
            if needs_build_deps && (p.build_apk.is_empty() || p.build_apt.is_empty()) {
                problems.push(format!(
                    "{what}: a package that may compile needs its build dependencies"
                ));
            }
            for dependency in p.requires.iter().chain(p.extras.values().flatten()) {
                if self.pip_package(dependency).is_none() {
                    problems.push(format!(
                        "{what}: requires `{dependency}`, which is not in the table"
                    ));
                }
            }
            for dependency in &p.build_apk {
                if self.apk_package(dependency).is_none() {
                    problems.push(format!(
                        "{what}: build dependency `{dependency}` is not in the apk table"
                    ));
                }
            }
            for dependency in &p.build_apt {
                if self.apt_package(dependency).is_none() {
                    problems.push(format!(
                        "{what}: build dependency `{dependency}` is not in the apt table"
                    ));
                }
            }
        }
        for (i, p) in self.npm.packages.iter().enumerate() {
            let what = format!("npm {}", p.name);
            if self.npm.packages[..i].iter().any(|q| q.name == p.name) {
                problems.push(format!("{what}: listed twice"));
            }
            if !method_ok(&p.method) {
                problems.push(format!("{what}: method `{}` is not described", p.method));
            }
            if !crate::catalogue::is_date(&p.date) {
                problems.push(format!("{what}: date `{}`", p.date));
            }
            if p.download > p.disk {
                problems.push(format!("{what}: the download is larger than the tree"));
            }
            for dependency in &p.requires {
                if self.npm_package(dependency).is_none() {
                    problems.push(format!(
                        "{what}: requires `{dependency}`, which is not in the table"
                    ));
                }
            }
        }
        for build in &self.builds {
            let what = format!("build {:?}", build.tool);
            check_figure(format!("{what} output"), &build.output, &mut problems);
            if let Some(stripped) = &build.output_stripped {
                check_figure(format!("{what} stripped output"), stripped, &mut problems);
            }
            for cache in &build.caches {
                check_figure(
                    format!("{what} cache {}", cache.path),
                    &cache.size,
                    &mut problems,
                );
            }
        }
        problems
    }
}
