//! The size one `RUN` adds to an image, from what its script installs, builds,
//! leaves in caches and cleans up, on a given base.
//!
//! A layer keeps whatever exists when its command ends: files removed in the same
//! `RUN` cost nothing, while a removal in a later `RUN` cannot shrink this one. Every
//! figure is a range, and every part of the estimate says where it comes from.

use std::ops::Range;

use serde::Serialize;

use super::table_data::{Content, OsPackage, PipPackage, SizeTables};
use super::tables::NoWheel;
use super::{format_range, scale};
use crate::catalogue::{BaseFacts, Figure, Libc, PackageManager};
use crate::shell::{Action, BuildTool, CleanupKind, Install, Manager, ScriptAnalysis};
use crate::walk::{covers, lookup};

/// What the estimate knows about a `RUN` beyond its script.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LayerContext {
    /// Targets of `--mount=type=cache` (and other mounts): files written there do
    /// not end up in the layer.
    pub cache_mounts: Vec<String>,
    /// Variables from `ENV` and `ARG` in effect (`PIP_NO_CACHE_DIR`, `NODE_ENV`).
    pub env: Vec<(String, String)>,
}

/// What part of a layer an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// Packages or dependencies installed.
    Installed,
    /// A build's output.
    Built,
    /// A cache or index left in the layer.
    CacheKept,
    /// A cache removed in the same `RUN` (or kept in a cache mount): no cost.
    CacheRemoved,
    /// A cleanup of files an earlier layer holds: it saves nothing.
    CleanupTooLate,
}

/// One part of a layer estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerItem {
    /// What part this is.
    pub kind: ItemKind,
    /// What it is (`apt-get install curl git`, `the apt lists`).
    pub label: String,
    /// Smallest size on disk.
    pub low_bytes: u64,
    /// The estimate on disk (the table's figure where it has one, else the
    /// middle of the range).
    pub bytes: u64,
    /// Largest size on disk.
    pub high_bytes: u64,
    /// Smallest size to pull (compressed).
    pub compressed_low_bytes: u64,
    /// The estimate to pull.
    pub compressed_bytes: u64,
    /// Largest size to pull (compressed).
    pub compressed_high_bytes: u64,
    /// What the bytes are made of (sets the compression ratio).
    pub content: Content,
    /// The script range it comes from.
    pub range: Option<Range<usize>>,
    /// How the figure was reached, in plain words.
    pub note: String,
}

/// The estimate for one `RUN` layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayerEstimate {
    /// Smallest size on disk.
    pub low_bytes: u64,
    /// The estimate on disk: the sum of its items' estimates.
    pub bytes: u64,
    /// Largest size on disk.
    pub high_bytes: u64,
    /// Smallest size to pull.
    pub compressed_low_bytes: u64,
    /// The estimate to pull.
    pub compressed_bytes: u64,
    /// Largest size to pull.
    pub compressed_high_bytes: u64,
    /// One plain line a learner understands.
    pub reason: String,
    /// The parts, for a detailed view.
    pub items: Vec<LayerItem>,
    /// Problems the estimate noticed (a package manager the base lacks, a compile
    /// that needs tools nobody installed).
    pub warnings: Vec<String>,
}

/// Estimates a `RUN` layer with the built-in tables.
pub fn run_layer(analysis: &ScriptAnalysis, base: &BaseFacts) -> LayerEstimate {
    run_layer_with(analysis, base, &LayerContext::default())
}

/// Estimates a `RUN` layer with the built-in tables, knowing its mounts and variables.
pub fn run_layer_with(
    analysis: &ScriptAnalysis,
    base: &BaseFacts,
    context: &LayerContext,
) -> LayerEstimate {
    estimate_layer(SizeTables::builtin(), analysis, base, context)
}

/// Estimates a `RUN` layer with the given tables.
pub fn estimate_layer(
    tables: &SizeTables,
    analysis: &ScriptAnalysis,
    base: &BaseFacts,
    context: &LayerContext,
) -> LayerEstimate {
    estimate_layer_in(tables, analysis, base, &context.cache_mounts, &context.env)
}

/// Estimates a `RUN` layer whose mounts (absolute targets) and variables are
/// borrowed from where they are kept.
pub(crate) fn estimate_layer_in(
    tables: &SizeTables,
    analysis: &ScriptAnalysis,
    base: &BaseFacts,
    mounts: &[String],
    env: &[(String, String)],
) -> LayerEstimate {
    let mut estimator = Estimator {
        tables,
        analysis,
        base,
        mounts,
        env,
        items: Vec::new(),
        warnings: Vec::new(),
        pip_installed: Vec::new(),
    };
    estimator.os_installs();
    estimator.indexes();
    estimator.language_installs();
    estimator.builds();
    estimator.late_cleanups();
    estimator.finish()
}

struct Estimator<'a> {
    tables: &'a SizeTables,
    analysis: &'a ScriptAnalysis,
    base: &'a BaseFacts,
    /// Mount targets: what is written there does not stay in the layer.
    mounts: &'a [String],
    /// Variables from `ENV` and `ARG` in effect (later ones win).
    env: &'a [(String, String)],
    items: Vec<LayerItem>,
    warnings: Vec<String>,
    /// Python packages already counted in this layer.
    pip_installed: Vec<String>,
}

/// A low/high pair of bytes with the estimate between them.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    low: u64,
    point: u64,
    high: u64,
}

impl Span {
    /// A range whose estimate is its middle.
    fn new(low: u64, high: u64) -> Span {
        Span {
            low,
            point: low / 2 + high / 2,
            high,
        }
    }

    /// A range with its own estimate (kept inside the range).
    fn with(low: u64, point: u64, high: u64) -> Span {
        Span {
            low,
            point: point.clamp(low.min(high), high.max(low)),
            high,
        }
    }

    fn exact(bytes: u64) -> Span {
        Span::with(bytes, bytes, bytes)
    }

    fn of(figure: &Figure) -> Span {
        Span::with(figure.low(), figure.bytes, figure.high())
    }

    fn plus(self, other: Span) -> Span {
        Span {
            low: self.low.saturating_add(other.low),
            point: self.point.saturating_add(other.point),
            high: self.high.saturating_add(other.high),
        }
    }

    fn scaled(self, percent: u64) -> Span {
        Span {
            low: scale(self.low, percent),
            point: scale(self.point, percent),
            high: scale(self.high, percent),
        }
    }
}

/// The command words an install is usually written with, for labels.
pub(crate) fn verb(install: &Install) -> &'static str {
    match install.manager {
        Manager::Apt => "apt-get install",
        Manager::Apk => "apk add",
        Manager::Dnf => "dnf install",
        Manager::Yum => "yum install",
        Manager::Microdnf => "microdnf install",
        Manager::Pip => "pip install",
        Manager::Npm if install.options.lockfile => "npm ci",
        Manager::Npm => "npm install",
        Manager::Yarn if install.packages.is_empty() => "yarn install",
        Manager::Yarn => "yarn add",
        Manager::Pnpm if install.packages.is_empty() => "pnpm install",
        Manager::Pnpm => "pnpm add",
        Manager::Gem => "gem install",
        Manager::Bundler => "bundle install",
    }
}

pub(crate) fn label(install: &Install) -> String {
    let names: Vec<&str> = install.packages.iter().map(|p| p.name.as_str()).collect();
    let mut label = verb(install).to_owned();
    if install.options.upgrade && names.is_empty() {
        label = label
            .replace("install", "upgrade")
            .replace("add", "upgrade");
    }
    for name in names.iter().take(4) {
        label.push(' ');
        label.push_str(name);
    }
    if names.len() > 4 {
        label.push_str(&format!(" (+{} more)", names.len() - 4));
    }
    for file in &install.requirement_files {
        label.push_str(" -r ");
        label.push_str(&file.text);
    }
    label
}

/// The package manager an install needs in the base image.
pub(crate) fn needed_manager(manager: Manager) -> Option<PackageManager> {
    match manager {
        Manager::Apt => Some(PackageManager::Apt),
        Manager::Apk => Some(PackageManager::Apk),
        Manager::Dnf | Manager::Yum => Some(PackageManager::Dnf),
        Manager::Microdnf => Some(PackageManager::Microdnf),
        _ => None,
    }
}

impl Estimator<'_> {
    fn add(
        &mut self,
        kind: ItemKind,
        label: String,
        span: Span,
        content: Content,
        range: Option<Range<usize>>,
        note: String,
    ) {
        let ratio = self.tables.ratios.of(content);
        self.items.push(LayerItem {
            kind,
            label,
            low_bytes: span.low,
            bytes: span.point,
            high_bytes: span.high,
            compressed_low_bytes: (span.low as f64 / ratio.high) as u64,
            compressed_bytes: (span.point as f64 / ((ratio.low + ratio.high) / 2.0)) as u64,
            compressed_high_bytes: (span.high as f64 / ratio.low) as u64,
            content,
            range,
            note,
        });
    }

    fn mounted(&self, path: &str) -> bool {
        self.mounts.iter().any(|mount| covers(mount, path))
    }

    fn cleaned_after(&self, kind: CleanupKind, command: usize) -> bool {
        self.analysis
            .cleanups()
            .any(|c| c.kind == kind && c.command >= command)
    }

    fn env(&self, command: usize, name: &str) -> Option<String> {
        self.analysis
            .env_at(command, name)
            .map(str::to_owned)
            .or_else(|| lookup(self.env, name).map(str::to_owned))
    }

    /// Names of OS packages installed anywhere in this layer.
    fn os_packages_here(&self) -> Vec<&str> {
        self.analysis
            .installs()
            .filter(|i| i.manager.is_os())
            .flat_map(|i| i.packages.iter().map(|p| p.name.as_str()))
            .collect()
    }

    fn os_installs(&mut self) {
        let installs: Vec<&Install> = self
            .analysis
            .installs()
            .filter(|i| i.manager.is_os())
            .collect();
        for install in installs {
            if let (Some(needed), Some(present)) =
                (needed_manager(install.manager), self.base.package_manager)
                && needed != present
            {
                let warning = if present == PackageManager::None {
                    format!(
                        "{} cannot run here: this image has no package manager",
                        verb(install)
                    )
                } else {
                    format!(
                        "{} cannot run here: this image's package manager is {present}",
                        verb(install)
                    )
                };
                if !self.warnings.contains(&warning) {
                    self.warnings.push(warning);
                }
            }
            self.os_install(install);
        }
    }

    fn os_install(&mut self, install: &Install) {
        let tables = self.tables;
        let options = &install.options;
        let (rows, unknown, docs, residue) = match install.manager {
            Manager::Apt => (
                &tables.apt.packages,
                if options.no_install_recommends {
                    &tables.apt.unknown_package
                } else {
                    &tables.apt.unknown_package_recommends
                },
                tables.apt.docs_share_percent,
                tables.apt.removed_residue_percent,
            ),
            Manager::Apk => (
                &tables.apk.packages,
                &tables.apk.unknown_package,
                0,
                tables.apk.removed_residue_percent,
            ),
            _ => (
                &tables.dnf.packages,
                &tables.dnf.unknown_package,
                tables.dnf.docs_share_percent,
                tables.dnf.removed_residue_percent,
            ),
        };
        let removed_whole = self.removed_whole(install);
        let removed_names: Vec<&str> = self
            .analysis
            .removals()
            .filter(|r| {
                r.command > install.command
                    && needed_manager(r.manager) == needed_manager(install.manager)
            })
            .flat_map(|r| r.packages.iter().map(|p| p.name.as_str()))
            .collect();
        let mut spans: Vec<Span> = Vec::new();
        let mut unknown_names: Vec<&str> = Vec::new();
        let mut removed_any = false;
        for package in &install.packages {
            let row = if package.from_variable {
                None
            } else {
                rows.iter().find(|r| r.name == package.name)
            };
            let span = match row {
                Some(row) => self.os_span(install, row, docs),
                None => {
                    unknown_names.push(&package.name);
                    Span::of(unknown)
                }
            };
            if removed_whole || removed_names.contains(&package.name.as_str()) {
                removed_any = true;
                spans.push(Span::new(0, scale(span.high, residue)));
            } else {
                spans.push(span);
            }
        }
        let low_sum: u64 = spans.iter().map(|s| s.low).sum();
        let largest = spans.iter().map(|s| s.low).max().unwrap_or(0);
        let mut total = Span::with(
            largest.max(scale(
                low_sum,
                100 - self.tables.apt.shared_dependencies_percent.min(100),
            )),
            spans.iter().map(|s| s.point).sum(),
            spans.iter().map(|s| s.high).sum(),
        );
        if options.upgrade {
            let upgrade = match install.manager {
                Manager::Apt => &tables.apt.upgrade,
                Manager::Apk => &tables.apk.upgrade,
                _ => &tables.dnf.upgrade,
            };
            total = total.plus(Span::of(upgrade));
        }
        let mut note = String::new();
        if install.manager == Manager::Apt {
            note.push_str(if options.no_install_recommends {
                "without Recommends"
            } else {
                "with Recommends (apt's default)"
            });
        }
        if matches!(
            install.manager,
            Manager::Dnf | Manager::Yum | Manager::Microdnf
        ) {
            note.push_str(if options.weak_deps == Some(false) {
                "without weak dependencies"
            } else {
                "with weak dependencies (the default)"
            });
            if options.nodocs {
                note.push_str(", no documentation");
            }
        }
        if !unknown_names.is_empty() {
            note.push_str(&format!(
                "; not in fromlab's table, so {} each: {}",
                format_range(unknown.low(), unknown.high()),
                unknown_names.join(", ")
            ));
        }
        if removed_whole {
            note.push_str("; removed again in this RUN, so only leftovers remain");
        } else if removed_any {
            note.push_str("; some are removed again in this RUN");
        }
        let note = note.trim_start_matches("; ").to_owned();
        self.add(
            ItemKind::Installed,
            label(install),
            total,
            Content::OsPackages,
            Some(install.range.clone()),
            note,
        );
    }

    /// The span one OS package adds, with the install's options applied.
    fn os_span(&self, install: &Install, row: &OsPackage, docs: u64) -> Span {
        let options = &install.options;
        match install.manager {
            Manager::Apt => {
                let disk = if options.no_install_recommends {
                    row.disk
                } else {
                    row.disk_recommends.unwrap_or(row.disk)
                };
                Span::new(scale(disk, 100 - docs.min(100)), disk)
            }
            Manager::Apk => Span::with(
                row.low.unwrap_or(row.disk),
                row.disk,
                row.high.unwrap_or(row.disk),
            ),
            _ => {
                let disk = if options.weak_deps == Some(false) {
                    row.disk
                } else {
                    row.disk_weak.unwrap_or(row.disk)
                };
                let without_docs = scale(disk, 100 - docs.min(100));
                if options.nodocs {
                    Span::new(scale(without_docs, 100 - docs.min(100)), without_docs)
                } else {
                    Span::new(without_docs, disk)
                }
            }
        }
    }

    /// True when a later command in this layer removes everything this install added
    /// (`apk del` of its virtual group, or the apt-mark auto + autoremove idiom).
    fn removed_whole(&self, install: &Install) -> bool {
        self.analysis.removals().any(|r| {
            r.command > install.command
                && needed_manager(r.manager) == needed_manager(install.manager)
                && ((r.autoremove && r.after_mark_auto)
                    || install
                        .options
                        .virtual_group
                        .as_ref()
                        .is_some_and(|group| r.groups.contains(&group.text)))
        })
    }

    fn indexes(&mut self) {
        // apt: the lists `apt-get update` downloads.
        let apt_updates: Vec<(usize, Range<usize>)> = self
            .analysis
            .updates()
            .filter(|u| u.manager == Manager::Apt)
            .map(|u| (u.command, u.range.clone()))
            .collect();
        if let Some((last, range)) = apt_updates.last().cloned() {
            let lists = self.tables.apt.lists.clone();
            self.cache(
                "the apt lists",
                "/var/lib/apt/lists",
                CleanupKind::AptLists,
                last,
                Span::of(&lists),
                Content::IndexText,
                range,
                "remove them with `rm -rf /var/lib/apt/lists/*` at the end of the same RUN",
            );
        }
        // apk: the index `apk update`, or `apk add` without --no-cache, keeps.
        let apk_producers: Vec<(usize, Range<usize>, bool)> = self
            .analysis
            .actions
            .iter()
            .filter_map(|a| match a {
                Action::Update(u) if u.manager == Manager::Apk => {
                    Some((u.command, u.range.clone(), true))
                }
                Action::Install(i) if i.manager == Manager::Apk => {
                    Some((i.command, i.range.clone(), !i.options.no_cache))
                }
                _ => None,
            })
            .collect();
        if let Some((last, _, _)) = apk_producers.last().cloned() {
            let keeping: Vec<&(usize, Range<usize>, bool)> =
                apk_producers.iter().filter(|p| p.2).collect();
            match keeping.last() {
                Some((_, range, _)) => {
                    let index = self.tables.apk.index.clone();
                    let range = range.clone();
                    self.cache(
                        "apk's package index",
                        "/var/cache/apk",
                        CleanupKind::ApkCache,
                        last,
                        Span::of(&index),
                        Content::IndexText,
                        range,
                        "use `apk add --no-cache`",
                    );
                }
                None => self.add(
                    ItemKind::CacheRemoved,
                    "apk's package index".to_owned(),
                    Span::default(),
                    Content::IndexText,
                    None,
                    "`--no-cache` keeps no index in the layer".to_owned(),
                ),
            }
        }
        // dnf, yum and microdnf: repository metadata.
        let dnf_last = self.analysis.actions.iter().rev().find_map(|a| match a {
            Action::Update(u)
                if needed_manager(u.manager)
                    .is_some_and(|m| m != PackageManager::Apt && m != PackageManager::Apk) =>
            {
                Some((u.command, u.range.clone()))
            }
            Action::Install(i)
                if matches!(i.manager, Manager::Dnf | Manager::Yum | Manager::Microdnf) =>
            {
                Some((i.command, i.range.clone()))
            }
            _ => None,
        });
        if let Some((last, range)) = dnf_last {
            let metadata = self.tables.dnf.metadata.clone();
            self.cache(
                "the dnf metadata",
                "/var/cache/dnf",
                CleanupKind::DnfCache,
                last,
                Span::of(&metadata),
                Content::IndexText,
                range,
                "run `dnf clean all` (or `microdnf clean all`) at the end of the same RUN",
            );
        }
    }

    /// Adds a cache item: kept, removed in the same RUN, or in a cache mount.
    #[allow(clippy::too_many_arguments)]
    fn cache(
        &mut self,
        what: &str,
        path: &str,
        kind: CleanupKind,
        after: usize,
        span: Span,
        content: Content,
        range: Range<usize>,
        advice: &str,
    ) {
        let also = match kind {
            CleanupKind::DnfCache => {
                self.mounted("/var/cache/yum") || self.mounted("/var/cache/libdnf5")
            }
            CleanupKind::ApkCache => self.mounted("/etc/apk/cache"),
            _ => false,
        };
        if self.mounted(path) || also {
            self.add(
                ItemKind::CacheRemoved,
                what.to_owned(),
                Span::default(),
                content,
                Some(range),
                format!(
                    "{what} {} to a cache mount, not into the layer",
                    agree(what, "go", "goes")
                ),
            );
        } else if self.cleaned_after(kind, after) {
            let cleanup = self
                .analysis
                .cleanups()
                .find(|c| c.kind == kind && c.command >= after)
                .map(|c| c.range.clone());
            self.add(
                ItemKind::CacheRemoved,
                what.to_owned(),
                Span::default(),
                content,
                cleanup.or(Some(range)),
                format!(
                    "{what} {} removed in the same RUN, so {} nothing",
                    agree(what, "are", "is"),
                    agree(what, "they cost", "it costs")
                ),
            );
        } else {
            self.add(
                ItemKind::CacheKept,
                what.to_owned(),
                span,
                content,
                Some(range),
                format!(
                    "{what} {} in this layer: {advice}",
                    agree(what, "stay", "stays")
                ),
            );
        }
    }

    fn language_installs(&mut self) {
        let installs: Vec<&Install> = self
            .analysis
            .installs()
            .filter(|i| !i.manager.is_os())
            .collect();
        for install in installs {
            match install.manager {
                Manager::Pip => self.pip(install),
                Manager::Npm | Manager::Yarn | Manager::Pnpm => self.node(install),
                _ => self.ruby(install),
            }
        }
    }

    fn pip(&mut self, install: &Install) {
        let tables = self.tables;
        let musl = self.base.libc == Some(Libc::Musl);
        let mut notes: Vec<String> = Vec::new();
        if self.base.libc.is_none() {
            notes.push("glibc assumed (unknown base)".to_owned());
        }
        // The table packages this install brings in, with a pinned version for the
        // ones named on the command line.
        let mut closure: Vec<(&PipPackage, Result<(), NoWheel>)> = Vec::new();
        let mut total = Span::default();
        let mut cache = Span::default();
        let mut unknown: Vec<&str> = Vec::new();
        // Each package with the version `==` pins and the requirement as written.
        let mut queue: Vec<(String, Option<String>, String)> = Vec::new();
        for package in &install.packages {
            if package.local || package.from_variable {
                let figure = if package.local {
                    &tables.pip.local_project
                } else {
                    &tables.pip.unknown_package
                };
                total = total.plus(Span::of(figure));
                cache = cache.plus(self.archive_of(Span::of(figure)));
                unknown.push(&package.name);
                continue;
            }
            match tables.pip_package(&package.name) {
                Some(row) => {
                    queue.push((
                        row.name.to_string(),
                        package.version.clone(),
                        package.spec.clone(),
                    ));
                    for extra in &package.extras {
                        let added = row.extras.iter().filter(|e| e.name == *extra);
                        queue.extend(
                            added
                                .flat_map(|e| e.packages.iter())
                                .map(|d| (d.to_string(), None, String::new())),
                        );
                    }
                }
                None => {
                    unknown.push(&package.name);
                    total = total.plus(Span::of(&tables.pip.unknown_package));
                    cache = cache.plus(self.archive_of(Span::of(&tables.pip.unknown_package)));
                }
            }
        }
        while let Some((name, version, spec)) = queue.pop() {
            if self.pip_installed.contains(&name) {
                continue;
            }
            let Some(row) = tables.pip_package(&name) else {
                continue;
            };
            self.pip_installed.push(name);
            queue.extend(
                row.requires
                    .iter()
                    .map(|d| (d.to_string(), None, String::new())),
            );
            closure.push((row, row.wheel(musl, version.as_deref(), &spec)));
        }
        let toolchain_here = self.base.build_toolchain.is_some();
        let os_here: Vec<String> = self
            .os_packages_here()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let mut compiled: Vec<String> = Vec::new();
        let mut missing: Vec<String> = Vec::new();
        for (row, found) in &closure {
            let glibc = Span::with(
                row.glibc_low.unwrap_or(row.glibc),
                row.glibc,
                row.glibc_high.unwrap_or(row.glibc),
            );
            let musl_size = row.musl.map_or(glibc, Span::exact);
            let has_wheel = found.is_ok();
            let size = if musl { musl_size } else { glibc };
            let wheel = if musl {
                row.wheel_musl.unwrap_or(row.wheel)
            } else {
                row.wheel
            };
            if has_wheel || row.pure_fallback {
                total = total.plus(size);
                cache = cache.plus(Span::exact(wheel));
                if !has_wheel {
                    notes.push(format!(
                        "{} has no wheel here and installs as pure Python",
                        row.name
                    ));
                }
                continue;
            }
            // Compiled from source: about the size of a wheel build, plus the sdist and
            // the built wheel in pip's cache.
            total = total.plus(Span::with(
                scale(glibc.low, 90),
                size.point,
                scale(size.high, 110),
            ));
            let cached = scale(wheel, tables.pip.source_build_cache_percent);
            cache = cache.plus(Span::exact(cached));
            let why = found
                .as_ref()
                .err()
                .map_or_else(String::new, NoWheel::phrase);
            compiled.push(format!("{} {why}", row.name));
            let needs = if musl || self.base.package_manager == Some(PackageManager::Apk) {
                &row.build_apk
            } else {
                &row.build_apt
            };
            let absent: Vec<&str> = needs
                .iter()
                .map(|n| &**n)
                .filter(|n| !os_here.iter().any(|o| o == n))
                .collect();
            if !toolchain_here && !absent.is_empty() {
                missing.push(format!(
                    "{} needs {} to compile: install them earlier in the same RUN, or the build fails",
                    row.name,
                    absent.join(", ")
                ));
            }
        }
        for file in &install.requirement_files {
            total = total.plus(Span::of(&tables.pip.unknown_requirements));
            cache = cache.plus(self.archive_of(Span::of(&tables.pip.unknown_requirements)));
            notes.push(format!("{} is not visible to fromlab", file.text));
        }
        // pip also writes .pyc files for what it installs.
        total.high = scale(total.high, 100 + tables.pip.pyc_percent);
        if !unknown.is_empty() {
            notes.push(format!(
                "not in fromlab's table, so {} each: {}",
                format_range(
                    tables.pip.unknown_package.low(),
                    tables.pip.unknown_package.high()
                ),
                unknown.join(", ")
            ));
        }
        if !compiled.is_empty() {
            notes.push(format!("compiled from source: {}", compiled.join("; ")));
        }
        let libc_word = if musl { "musl" } else { "glibc" };
        let note = format!("{libc_word} wheels; {}", notes.join("; "));
        self.warnings.extend(missing);
        self.add(
            ItemKind::Installed,
            label(install),
            total,
            Content::TextTree,
            Some(install.range.clone()),
            note.trim_end_matches("; ").to_owned(),
        );
        let no_cache_env = self
            .env(install.command, "PIP_NO_CACHE_DIR")
            .is_some_and(|v| !v.is_empty());
        if install.options.no_cache || no_cache_env {
            self.add(
                ItemKind::CacheRemoved,
                "pip's cache".to_owned(),
                Span::default(),
                Content::Archives,
                Some(install.range.clone()),
                "--no-cache-dir (or PIP_NO_CACHE_DIR) keeps no downloaded wheels".to_owned(),
            );
        } else if cache.high > 0 {
            self.cache(
                "pip's cache",
                "/root/.cache/pip",
                CleanupKind::PipCache,
                install.command,
                cache,
                Content::Archives,
                install.range.clone(),
                "add --no-cache-dir, or run `pip cache purge` in the same RUN",
            );
        }
    }

    /// What a tree of `span` bytes downloads as compressed archives.
    fn archive_of(&self, span: Span) -> Span {
        let ratio = &self.tables.ratios.text_tree;
        Span {
            low: (span.low as f64 / ratio.high) as u64,
            point: (span.point as f64 / ((ratio.low + ratio.high) / 2.0)) as u64,
            high: (span.high as f64 / ratio.low) as u64,
        }
    }

    fn node(&mut self, install: &Install) {
        let tables = self.tables;
        let musl = self.base.libc == Some(Libc::Musl);
        let prune_later = self
            .analysis
            .removals()
            .any(|r| r.command > install.command && r.dev_dependencies);
        let omit_dev = install.options.omit_dev
            || prune_later
            || self.env(install.command, "NODE_ENV").as_deref() == Some("production");
        let mut total = Span::default();
        let mut notes: Vec<String> = Vec::new();
        if install.packages.is_empty() {
            total = Span::of(&tables.npm.unknown_project);
            notes.push("package.json is not visible to fromlab".to_owned());
            if omit_dev {
                notes.push("development dependencies omitted".to_owned());
            } else {
                total = total.plus(Span::of(&tables.npm.dev_dependencies));
                notes.push("development dependencies included (add --omit=dev)".to_owned());
            }
        } else {
            let mut seen: Vec<String> = Vec::new();
            let mut unknown: Vec<String> = Vec::new();
            let mut names: Vec<String> = install.packages.iter().map(|p| p.name.clone()).collect();
            while let Some(name) = names.pop() {
                if seen.contains(&name) {
                    continue;
                }
                seen.push(name.clone());
                match tables.npm_package(&name) {
                    Some(row) => {
                        let disk = if musl {
                            row.musl.unwrap_or(row.disk)
                        } else {
                            row.disk
                        };
                        total = total.plus(Span::exact(disk));
                        names.extend(row.requires.iter().map(|r| r.to_string()));
                    }
                    None => {
                        total = total.plus(Span::of(&tables.npm.unknown_package));
                        unknown.push(name);
                    }
                }
            }
            if !unknown.is_empty() {
                notes.push(format!(
                    "not in fromlab's table, so {} each: {}",
                    format_range(
                        tables.npm.unknown_package.low(),
                        tables.npm.unknown_package.high()
                    ),
                    unknown.join(", ")
                ));
            }
        }
        let note = notes.join("; ");
        self.add(
            ItemKind::Installed,
            label(install),
            total,
            Content::TextTree,
            Some(install.range.clone()),
            note,
        );
        match install.manager {
            Manager::Npm => {
                let cache = self.archive_of(total);
                self.cache(
                    "npm's cache",
                    "/root/.npm",
                    CleanupKind::NpmCache,
                    install.command,
                    cache,
                    Content::Archives,
                    install.range.clone(),
                    "run `npm cache clean --force` in the same RUN or use a cache mount",
                );
            }
            Manager::Yarn => {
                let percent = tables.npm.yarn_cache_percent;
                let cache = total.scaled(percent);
                self.cache(
                    "yarn's cache",
                    "/usr/local/share/.cache/yarn",
                    CleanupKind::YarnCache,
                    install.command,
                    cache,
                    Content::TextTree,
                    install.range.clone(),
                    "run `yarn cache clean` in the same RUN or use a cache mount",
                );
            }
            _ => {
                let percent = tables.npm.yarn_cache_percent;
                let store = total.scaled(percent);
                if self.mounted("/root/.local/share/pnpm") {
                    self.add(
                        ItemKind::CacheRemoved,
                        "pnpm's store".to_owned(),
                        Span::default(),
                        Content::TextTree,
                        Some(install.range.clone()),
                        "pnpm's store goes to a cache mount, not into the layer".to_owned(),
                    );
                } else {
                    self.add(
                        ItemKind::CacheKept,
                        "pnpm's store".to_owned(),
                        store,
                        Content::TextTree,
                        Some(install.range.clone()),
                        "pnpm's store stays in this layer: use a cache mount for it".to_owned(),
                    );
                }
            }
        }
    }

    fn ruby(&mut self, install: &Install) {
        let tables = self.tables;
        let (span, note) = if install.manager == Manager::Bundler {
            (
                Span::of(&tables.gem.unknown_bundle),
                "the Gemfile is not visible to fromlab".to_owned(),
            )
        } else {
            let mut span = Span::default();
            for _ in &install.packages {
                span = span.plus(Span::of(&tables.gem.unknown_package));
            }
            if install.options.no_document {
                (span, "no documentation (--no-document)".to_owned())
            } else {
                (
                    span.plus(Span::of(&tables.gem.documentation)),
                    "with ri/rdoc documentation (add --no-document)".to_owned(),
                )
            }
        };
        self.add(
            ItemKind::Installed,
            label(install),
            span,
            Content::TextTree,
            Some(install.range.clone()),
            note,
        );
    }

    fn builds(&mut self) {
        let tables = self.tables;
        let mut counted: Vec<CleanupKind> = Vec::new();
        let builds: Vec<_> = self.analysis.builds().cloned().collect();
        for build in &builds {
            let Some(row) = tables.build(build.tool) else {
                continue;
            };
            let tool = match build.tool {
                BuildTool::Go => "go build",
                BuildTool::Cargo => "cargo build",
                BuildTool::Maven => "mvn package",
                BuildTool::Gradle => "gradle build",
            };
            if !build.downloads_only {
                let output = match (&row.output_stripped, build.stripped) {
                    (Some(stripped), true) => stripped,
                    _ => &row.output,
                };
                let note = tables
                    .method_text(output.method.as_deref().unwrap_or_default())
                    .to_owned();
                let label = match &build.output {
                    Some(path) => format!("{tool} -o {}", path.text),
                    None => tool.to_owned(),
                };
                self.add(
                    ItemKind::Built,
                    label,
                    Span::of(output),
                    row.output_kind,
                    Some(build.range.clone()),
                    note,
                );
            }
            for cache in row.caches.iter() {
                let relevant = !build.downloads_only
                    || matches!(
                        cache.kind,
                        CleanupKind::GoModuleCache
                            | CleanupKind::CargoRegistry
                            | CleanupKind::MavenRepository
                            | CleanupKind::GradleCache
                    );
                if !relevant || counted.contains(&cache.kind) {
                    continue;
                }
                counted.push(cache.kind);
                let what = cache_name(cache.kind);
                let content = match cache.kind {
                    CleanupKind::GoBuildCache => Content::NativeBinary,
                    CleanupKind::MavenRepository | CleanupKind::GradleCache => Content::Archives,
                    _ => Content::TextTree,
                };
                self.cache(
                    what,
                    &cache.path,
                    cache.kind,
                    build.command,
                    Span::of(&cache.size),
                    content,
                    build.range.clone(),
                    "remove it in the same RUN, use a cache mount, or build in a separate stage",
                );
            }
        }
    }

    /// Cleanups with nothing to clean in this layer: they remove files an earlier
    /// layer holds, which does not make the image smaller.
    fn late_cleanups(&mut self) {
        let produced = |kind: CleanupKind| -> bool {
            self.items.iter().any(|item| {
                matches!(item.kind, ItemKind::CacheKept | ItemKind::CacheRemoved)
                    && item.label == cache_name(kind)
            })
        };
        let mut seen: Vec<CleanupKind> = Vec::new();
        let mut late: Vec<(CleanupKind, Range<usize>, String)> = Vec::new();
        for cleanup in self.analysis.cleanups() {
            if cleanup.kind == CleanupKind::TempFiles || seen.contains(&cleanup.kind) {
                continue;
            }
            seen.push(cleanup.kind);
            let apt_cache = cleanup.kind == CleanupKind::AptCache;
            let has_apt = self.analysis.installs().any(|i| i.manager == Manager::Apt);
            if (apt_cache && has_apt) || (!apt_cache && produced(cleanup.kind)) {
                continue;
            }
            let what = self
                .analysis_text(cleanup.range.clone())
                .unwrap_or_else(|| cache_name(cleanup.kind).to_owned());
            late.push((cleanup.kind, cleanup.range.clone(), what));
        }
        for (kind, range, what) in late {
            let extra = if kind == CleanupKind::AptCache {
                " (official Debian and Ubuntu images already delete downloaded .deb files)"
            } else {
                ""
            };
            self.add(
                ItemKind::CleanupTooLate,
                what.clone(),
                Span::default(),
                Content::IndexText,
                Some(range),
                format!(
                    "removing {what} here cannot shrink the earlier layer that holds it, so it saves nothing{extra}; clean up in the RUN that created it"
                ),
            );
        }
    }

    /// The text of a cleanup's path argument, when the cleanup names a path.
    fn analysis_text(&self, range: Range<usize>) -> Option<String> {
        self.analysis
            .commands
            .iter()
            .flat_map(|c| c.words.iter())
            .find(|w| w.range == range)
            .map(|w| w.text.clone())
    }

    fn finish(self) -> LayerEstimate {
        let total =
            |f: fn(&LayerItem) -> u64| self.items.iter().map(f).fold(0u64, u64::saturating_add);
        let low_bytes = total(|i| i.low_bytes);
        let bytes = total(|i| i.bytes);
        let high_bytes = total(|i| i.high_bytes);
        let compressed_low_bytes = total(|i| i.compressed_low_bytes);
        let compressed_bytes = total(|i| i.compressed_bytes);
        let compressed_high_bytes = total(|i| i.compressed_high_bytes);
        let mut phrases: Vec<String> = self.warnings.clone();
        let mut main: Vec<&LayerItem> = self
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Installed | ItemKind::Built))
            .collect();
        main.sort_by_key(|i| std::cmp::Reverse(i.high_bytes));
        let shown = main.len().min(3);
        for item in &main[..shown] {
            phrases.push(format!(
                "{}: {} on disk",
                item.label,
                format_range(item.low_bytes, item.high_bytes)
            ));
        }
        if main.len() > shown {
            phrases.push(format!("{} more installs or builds", main.len() - shown));
        }
        for item in &self.items {
            match item.kind {
                ItemKind::CacheKept => phrases.push(format!(
                    "{} ({}) {} in this layer",
                    item.label,
                    format_range(item.low_bytes, item.high_bytes),
                    agree(&item.label, "stay", "stays")
                )),
                ItemKind::CacheRemoved if main.iter().any(|m| m.kind == ItemKind::Installed || m.kind == ItemKind::Built) => {
                    if item.note.contains("cache mount") {
                        phrases.push(format!("{} {} to a cache mount", item.label, agree(&item.label, "go", "goes")));
                    } else if item.note.contains("same RUN") {
                        phrases.push(format!("{} {} removed in the same RUN", item.label, agree(&item.label, "are", "is")));
                    }
                }
                ItemKind::CleanupTooLate => phrases.push(format!(
                    "removing {} here saves nothing: a later layer cannot shrink the one that added it",
                    item.label
                )),
                _ => {}
            }
        }
        if phrases.is_empty() {
            let programs: Vec<&str> = self
                .analysis
                .commands
                .iter()
                .filter_map(|c| c.name())
                .filter(|n| WRITERS.contains(n))
                .take(3)
                .collect();
            phrases.push(if programs.is_empty() {
                "no install or build fromlab recognises: 0 MB assumed".to_owned()
            } else {
                format!(
                    "{} may add files fromlab cannot size: 0 MB assumed",
                    programs.join(", ")
                )
            });
        }
        LayerEstimate {
            low_bytes,
            bytes,
            high_bytes,
            compressed_low_bytes,
            compressed_bytes,
            compressed_high_bytes,
            reason: phrases.join("; "),
            items: self.items,
            warnings: self.warnings,
        }
    }
}

/// Commands that usually add files the tables cannot size.
const WRITERS: [&str; 10] = [
    "curl", "wget", "git", "tar", "unzip", "make", "cp", "mv", "composer", "npx",
];

/// The verb form that agrees with `what` ("the apt lists stay", "pip's cache stays").
fn agree<'v>(what: &str, plural: &'v str, singular: &'v str) -> &'v str {
    if what.ends_with('s') {
        plural
    } else {
        singular
    }
}

/// How a learner calls a cache.
fn cache_name(kind: CleanupKind) -> &'static str {
    match kind {
        CleanupKind::AptLists => "the apt lists",
        CleanupKind::AptCache => "apt's package cache",
        CleanupKind::ApkCache => "apk's package index",
        CleanupKind::DnfCache => "the dnf metadata",
        CleanupKind::PipCache => "pip's cache",
        CleanupKind::NpmCache => "npm's cache",
        CleanupKind::YarnCache => "yarn's cache",
        CleanupKind::GoBuildCache => "Go's build cache",
        CleanupKind::GoModuleCache => "Go's module cache",
        CleanupKind::CargoRegistry => "Cargo's registry",
        CleanupKind::MavenRepository => "Maven's repository (~/.m2)",
        CleanupKind::GradleCache => "Gradle's cache (~/.gradle)",
        CleanupKind::TempFiles => "temporary files",
    }
}
