//! The size tables of `content/packages.toml`: what packages, language
//! dependencies and builds add to a layer, each with its evidence, method and date.

use serde::Serialize;

use super::table_data::{
    BuildRow, KnownPath, NpmPackage, OsPackage, PipPackage, SizeTables, Wheels,
};
use crate::catalogue::{Figure, version_key};
use crate::shell::BuildTool;

/// The tables' TOML source, for tools and tests that read it themselves (the engine
/// uses the data [`SizeTables::builtin`] holds).
pub const BUILTIN_TOML: &str = include_str!("../../../../content/packages.toml");

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

/// The built-in tables as `static` data, written by `build.rs` from
/// `content/packages.toml` (see the catalogue module for why).
mod generated {
    use std::borrow::Cow;

    use super::super::table_data::*;
    use crate::catalogue::{Evidence, Figure};
    use crate::shell::{BuildTool, CleanupKind};

    include!(concat!(env!("OUT_DIR"), "/tables.rs"));
}

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

    /// The built-in tables, compiled in from `content/packages.toml`.
    pub fn builtin() -> &'static SizeTables {
        &generated::BUILTIN
    }

    /// The text of a method key (`pypi-estimate`), or the text itself when it is
    /// not a key (figures may state their method directly).
    pub fn method_text<'a>(&'a self, key: &'a str) -> &'a str {
        self.methods
            .iter()
            .find(|m| m.key == key)
            .map_or(key, |m| &m.text)
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

    /// The well-known path `path` is, or lies inside (`/etc/ssl/certs/x.pem` is in
    /// `/etc/ssl/certs`); the most specific row wins.
    pub fn known_path(&self, path: &str) -> Option<&KnownPath> {
        let path = path.trim_end_matches('/');
        self.copy
            .paths
            .iter()
            .filter(|known| {
                path == known.path
                    || path
                        .strip_prefix(&*known.path)
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .max_by_key(|known| known.path.len())
    }

    /// Everything wrong with the tables, one sentence each; empty when sound.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let method_ok = |key: &str| self.methods.iter().any(|m| m.key == key);
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
            ("copy small file", &self.copy.small_file),
            ("copy unknown path", &self.copy.unknown_path),
            ("copy remote file", &self.copy.remote_file),
            ("copy venv", &self.copy.venv),
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
            for dependency in p
                .requires
                .iter()
                .chain(p.extras.iter().flat_map(|e| e.packages.iter()))
            {
                if self.pip_package(dependency).is_none() {
                    problems.push(format!(
                        "{what}: requires `{dependency}`, which is not in the table"
                    ));
                }
            }
            for dependency in p.build_apk.iter() {
                if self.apk_package(dependency).is_none() {
                    problems.push(format!(
                        "{what}: build dependency `{dependency}` is not in the apk table"
                    ));
                }
            }
            for dependency in p.build_apt.iter() {
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
            for dependency in p.requires.iter() {
                if self.npm_package(dependency).is_none() {
                    problems.push(format!(
                        "{what}: requires `{dependency}`, which is not in the table"
                    ));
                }
            }
        }
        for build in self.builds.iter() {
            let what = format!("build {:?}", build.tool);
            check_figure(format!("{what} output"), &build.output, &mut problems);
            if let Some(stripped) = &build.output_stripped {
                check_figure(format!("{what} stripped output"), stripped, &mut problems);
            }
            if let Some(artifact) = &build.artifact {
                check_figure(format!("{what} artifact"), artifact, &mut problems);
            }
            for cache in build.caches.iter() {
                check_figure(
                    format!("{what} cache {}", cache.path),
                    &cache.size,
                    &mut problems,
                );
            }
        }
        for (i, known) in self.copy.paths.iter().enumerate() {
            let what = format!("copy path {}", known.path);
            if !known.path.starts_with('/') || known.path.ends_with('/') {
                problems.push(format!("{what}: write an absolute path without a final /"));
            }
            if self.copy.paths[..i].iter().any(|k| k.path == known.path) {
                problems.push(format!("{what}: listed twice"));
            }
            check_figure(what, &known.size, &mut problems);
        }
        problems
    }
}

/// Why pip finds no wheel for a Python package (and so compiles it from source,
/// or installs its pure-Python version when it has one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoWheel {
    /// The project publishes no Linux wheels at all.
    NoLinuxWheels,
    /// It publishes manylinux (glibc) wheels only.
    GlibcOnly,
    /// The pinned version predates the project's first musllinux wheel.
    Pinned {
        /// The version pinned with `==`.
        version: String,
        /// The first version with a musllinux wheel.
        since: String,
    },
    /// Every version the requirement allows predates the first musllinux wheel
    /// (`numpy<1.25`).
    Bounded {
        /// The requirement as written.
        spec: String,
        /// The first version with a musllinux wheel.
        since: String,
    },
}

impl NoWheel {
    /// The reason in a phrase that follows the package name ("publishes no Linux
    /// wheels", "1.24.4 predates its first musllinux wheel (1.25.0)").
    pub fn phrase(&self) -> String {
        match self {
            NoWheel::NoLinuxWheels => "publishes no Linux wheels".to_owned(),
            NoWheel::GlibcOnly => "has no musl wheel".to_owned(),
            NoWheel::Pinned { version, since } => {
                format!("{version} predates its first musllinux wheel ({since})")
            }
            NoWheel::Bounded { spec, since } => {
                format!(
                    "as `{spec}` allows only versions before its first musllinux wheel ({since})"
                )
            }
        }
    }
}

impl PipPackage {
    /// Whether pip finds a binary (or universal) wheel for a requirement of this
    /// package, on glibc (`musl` false) or on musl: `pinned` is the version an `==`
    /// pins, `spec` the requirement as written (`numpy<1.25`), whose upper bound
    /// counts when nothing is pinned. This is the one answer the size estimate,
    /// the what-if table and the `musl-python-wheels` rule all use.
    pub fn wheel(&self, musl: bool, pinned: Option<&str>, spec: &str) -> Result<(), NoWheel> {
        match (self.wheels, musl) {
            (Wheels::Universal, _) => Ok(()),
            (Wheels::SourceOnly, _) => Err(NoWheel::NoLinuxWheels),
            (_, false) => Ok(()),
            (Wheels::GlibcOnly, true) => Err(NoWheel::GlibcOnly),
            (Wheels::Binary, true) => {
                let Some(since) = self.musllinux_since.as_deref() else {
                    return Ok(());
                };
                let since_key = version_key(since);
                match (pinned, upper_bound(spec)) {
                    (Some(version), _) if version_key(version) < since_key => {
                        Err(NoWheel::Pinned {
                            version: version.to_owned(),
                            since: since.to_owned(),
                        })
                    }
                    (None, Some((bound, inclusive)))
                        if version_key(&bound) < since_key
                            || (!inclusive && version_key(&bound) == since_key) =>
                    {
                        Err(NoWheel::Bounded {
                            spec: spec.to_owned(),
                            since: since.to_owned(),
                        })
                    }
                    _ => Ok(()),
                }
            }
        }
    }

    /// Whether pip finds a wheel for an exact `pinned` version (or the newest one).
    pub fn has_wheel(&self, musl: bool, pinned: Option<&str>) -> bool {
        self.wheel(musl, pinned, "").is_ok()
    }
}

/// The lowest upper bound of a requirement (`<1.25` or `<=1.24.4`), and whether
/// it is inclusive.
fn upper_bound(spec: &str) -> Option<(String, bool)> {
    let at = spec.find(['<', '>', '=', '!', '~'])?;
    spec[at..]
        .split([',', ';'])
        .filter_map(|c| {
            let c = c.trim();
            if let Some(v) = c.strip_prefix("<=") {
                Some((v.trim().to_owned(), true))
            } else {
                c.strip_prefix('<').map(|v| (v.trim().to_owned(), false))
            }
        })
        .min_by(|a, b| version_key(&a.0).cmp(&version_key(&b.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_bounds() {
        assert_eq!(upper_bound("numpy<1.25"), Some(("1.25".to_owned(), false)));
        assert_eq!(
            upper_bound("numpy>=1.20,<=1.24.4"),
            Some(("1.24.4".to_owned(), true))
        );
        assert_eq!(upper_bound("numpy>=1.20"), None);
        assert_eq!(upper_bound("numpy"), None);
    }

    #[test]
    fn musl_wheels_follow_pins_and_bounds() {
        let tables = SizeTables::builtin();
        let numpy = tables.pip_package("numpy").expect("numpy is in the tables");
        assert!(numpy.wheel(true, None, "numpy").is_ok());
        assert!(numpy.wheel(true, Some("1.26.4"), "numpy==1.26.4").is_ok());
        assert!(matches!(
            numpy.wheel(true, Some("1.24.4"), "numpy==1.24.4"),
            Err(NoWheel::Pinned { .. })
        ));
        assert!(matches!(
            numpy.wheel(true, None, "numpy<1.25.0"),
            Err(NoWheel::Bounded { .. })
        ));
        assert!(numpy.wheel(true, None, "numpy<=1.25.0").is_ok());
        // On glibc every version has a wheel.
        assert!(numpy.wheel(false, Some("1.24.4"), "numpy==1.24.4").is_ok());
        let psycopg2 = tables
            .pip_package("psycopg2")
            .expect("psycopg2 is in the tables");
        assert_eq!(psycopg2.wheel(false, None, ""), Err(NoWheel::NoLinuxWheels));
    }
}
