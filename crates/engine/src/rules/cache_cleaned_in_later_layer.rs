//! `cache-cleaned-in-later-layer`: a cache or package index removed in a
//! later `RUN` than the one that wrote it.

use crate::rules::scan::{self, Run};
use crate::rules::{Context, Report};
use crate::shell::{Action, BuildTool, CleanupKind, Manager};

crate::declare_rule! {
    /// ## What it does
    /// Flags a cleanup (`rm -rf /var/lib/apt/lists/*`, `apt-get clean`,
    /// `rm -rf /var/cache/apk/*`, `pip cache purge`, `dnf clean all`, `npm
    /// cache clean`, removing Go's, Cargo's, Maven's or Gradle's caches) in a
    /// `RUN` of the shipped image when the files it removes were written by an
    /// earlier `RUN` that kept them, and not again by this one.
    ///
    /// Docker's build checks and hadolint have no equivalent; `docker
    /// history` shows the layer that still holds the files.
    ///
    /// ## Why it matters
    /// An image is a stack of layers, and each layer records what changed in
    /// one instruction. Deleting a file in a later layer does not shrink the
    /// layer that added it: the new layer only records "this file is gone"
    /// (a *whiteout*), and both layers are pulled and stored. So a separate
    /// cleanup `RUN` costs a layer and saves nothing; `docker history` shows
    /// the earlier layer still at full size. Clean up in the `RUN` that
    /// creates the files, or keep them out of the image with a cache mount.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// RUN rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update \
    ///  && apt-get install -y --no-install-recommends curl \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: moving commands between `RUN`s changes what each
    /// layer contains and can break the steps in between, so it needs a
    /// person. The rules for the `RUN` that keeps the files
    /// (`apt-lists-kept`, `apk-cache-kept`, `pip-cache-kept`) offer fixes
    /// there.
    ///
    /// ## Learn more
    /// The lesson on measuring the size saved.
    pub static RULE = {
        name: "cache-cleaned-in-later-layer",
        code: "FL305",
        severity: Warning,
        category: SizeHabit,
        summary: "A cache is removed in a later RUN than the one that wrote it",
        lesson: "measuring-size-saved",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

/// Where each kind of cache lives, for cache-mount checks.
fn cache_paths(kind: CleanupKind) -> &'static [&'static str] {
    match kind {
        CleanupKind::AptLists => &["/var/lib/apt/lists"],
        CleanupKind::AptCache => &["/var/cache/apt"],
        CleanupKind::ApkCache => &["/var/cache/apk", "/etc/apk/cache"],
        CleanupKind::DnfCache => &["/var/cache/dnf", "/var/cache/yum"],
        CleanupKind::PipCache => &["/root/.cache/pip"],
        CleanupKind::NpmCache => &["/root/.npm"],
        CleanupKind::YarnCache => &["/usr/local/share/.cache/yarn", "/root/.cache/yarn"],
        CleanupKind::GoBuildCache => &["/root/.cache/go-build"],
        CleanupKind::GoModuleCache => &["/go/pkg/mod"],
        CleanupKind::CargoRegistry => &["/usr/local/cargo/registry"],
        CleanupKind::MavenRepository => &["/root/.m2"],
        CleanupKind::GradleCache => &["/root/.gradle"],
        CleanupKind::TempFiles => &[],
    }
}

/// What a cache is called in a message.
fn cache_name(kind: CleanupKind) -> &'static str {
    match kind {
        CleanupKind::AptLists => "the apt package lists",
        CleanupKind::AptCache => "apt's downloaded packages",
        CleanupKind::ApkCache => "apk's package index",
        CleanupKind::DnfCache => "dnf's metadata and packages",
        CleanupKind::PipCache => "pip's cache",
        CleanupKind::NpmCache => "npm's cache",
        CleanupKind::YarnCache => "Yarn's cache",
        CleanupKind::GoBuildCache => "Go's build cache",
        CleanupKind::GoModuleCache => "Go's module cache",
        CleanupKind::CargoRegistry => "Cargo's registry",
        CleanupKind::MavenRepository => "Maven's local repository",
        CleanupKind::GradleCache => "Gradle's caches",
        CleanupKind::TempFiles => "temporary files",
    }
}

/// The caches an action writes.
fn writes(action: &Action) -> Vec<CleanupKind> {
    use CleanupKind as K;
    match action {
        Action::Update(u) => match u.manager {
            Manager::Apt => vec![K::AptLists],
            Manager::Apk => vec![K::ApkCache],
            Manager::Dnf | Manager::Yum | Manager::Microdnf => vec![K::DnfCache],
            _ => Vec::new(),
        },
        Action::Install(i) => match i.manager {
            Manager::Apt => vec![K::AptCache],
            Manager::Apk if !i.options.no_cache => vec![K::ApkCache],
            Manager::Dnf | Manager::Yum | Manager::Microdnf => vec![K::DnfCache],
            Manager::Pip if !i.options.no_cache => vec![K::PipCache],
            Manager::Npm => vec![K::NpmCache],
            Manager::Yarn => vec![K::YarnCache],
            _ => Vec::new(),
        },
        Action::Build(b) => match b.tool {
            BuildTool::Go if b.downloads_only => vec![K::GoModuleCache],
            BuildTool::Go => vec![K::GoBuildCache, K::GoModuleCache],
            BuildTool::Cargo => vec![K::CargoRegistry],
            BuildTool::Maven => vec![K::MavenRepository],
            BuildTool::Gradle => vec![K::GradleCache],
        },
        Action::Remove(_) | Action::Cleanup(_) => Vec::new(),
    }
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    // Caches earlier layers keep, with the line of the RUN that wrote them.
    let mut kept: Vec<(CleanupKind, usize)> = Vec::new();
    for run in &scan::shipped_runs(cx) {
        let line = scan::line_of(cx, run.inst.range.start);
        // Caches this RUN has written so far, in order.
        let mut written: Vec<CleanupKind> = Vec::new();
        let mut reported: Vec<std::ops::Range<usize>> = Vec::new();
        for (si, script) in run.scripts.iter().enumerate() {
            for action in &script.analysis.actions {
                if let Action::Cleanup(c) = action {
                    if written.contains(&c.kind) {
                        continue;
                    }
                    let Some(&(_, at)) = kept.iter().find(|(k, _)| *k == c.kind) else {
                        continue;
                    };
                    if reported.contains(&c.range) {
                        continue;
                    }
                    reported.push(c.range.clone());
                    let Some(range) = run.range(si, &c.range) else {
                        continue;
                    };
                    let extra = if c.kind == CleanupKind::AptCache {
                        " (and the official Debian and Ubuntu images already delete downloaded packages after each install)"
                    } else {
                        ""
                    };
                    out.push(
                        range,
                        format!(
                            "Removing {} here saves nothing: the layer of the RUN on line {at} still holds a copy, and a later RUN cannot shrink it{extra}; clean up in that RUN",
                            cache_name(c.kind)
                        ),
                        None,
                    );
                    continue;
                }
                for kind in writes(action) {
                    if !written.contains(&kind) {
                        written.push(kind);
                    }
                }
            }
        }
        update_kept(&mut kept, run, line);
    }
}

/// Records which caches a `RUN` leaves in its layer: written, not cleaned
/// afterwards in the same `RUN`, and not in a cache mount.
fn update_kept(kept: &mut Vec<(CleanupKind, usize)>, run: &Run<'_, '_, '_>, line: usize) {
    let mut state: Vec<CleanupKind> = Vec::new();
    for script in run.scripts {
        for action in &script.analysis.actions {
            if let Action::Cleanup(c) = action {
                state.retain(|k| *k != c.kind);
                continue;
            }
            for kind in writes(action) {
                let mounted = cache_paths(kind).iter().any(|p| run.mounted(p));
                if !mounted && !state.contains(&kind) {
                    state.push(kind);
                }
            }
        }
    }
    for kind in state {
        if !kept.iter().any(|(k, _)| *k == kind) {
            kept.push((kind, line));
        }
    }
}
