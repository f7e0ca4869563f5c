//! `apt-lists-kept`: a `RUN` downloads apt's package lists and leaves them in
//! its layer.

use crate::catalogue::PackageManager;
use crate::diagnostic::{Fix, FixSafety};
use crate::estimate::{SizeTables, format_range};
use crate::rules::scan::{self, Run};
use crate::rules::{Context, Report};
use crate::shell::{Action, CleanupKind, Manager};

crate::declare_rule! {
    /// ## What it does
    /// Flags an `apt-get update` (or `apt update`) in a layer that ships when
    /// the same `RUN` does not remove `/var/lib/apt/lists/*` after it. A
    /// `--mount=type=cache` (or `tmpfs`) on `/var/lib/apt` or its lists
    /// exempts the `RUN`: the lists then never reach the layer. Stages that
    /// do not ship (a builder whose files you `COPY --from`) are left alone.
    ///
    /// hadolint's DL3009 checks the same habit.
    ///
    /// ## Why it matters
    /// `apt-get update` downloads the index of every package in the
    /// distribution: tens of megabytes on disk that the running application
    /// never reads. A layer keeps whatever exists when its `RUN` ends, so the
    /// lists must go in the same `RUN`; deleting them in a later one only
    /// hides them (see `cache-cleaned-in-later-layer`). The official Debian
    /// and Ubuntu images ship with empty lists for this reason, which is also
    /// why every `RUN` that installs must run `apt-get update` itself.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update \
    ///  && apt-get install -y --no-install-recommends curl \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    /// Or keep the lists in a cache mount, outside the image:
    /// ```dockerfile
    /// # syntax=docker/dockerfile:1
    /// FROM debian:bookworm-slim
    /// RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \
    ///     apt-get update && apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// ## Fix safety
    /// The fix appends `&& rm -rf /var/lib/apt/lists/*` after the last apt
    /// command of the `RUN`. It is safe when no later `RUN` of the image
    /// installs without running `apt-get update` itself; otherwise it is
    /// marked unsafe, because that later install relies on these lists and
    /// would fail with "Unable to locate package".
    ///
    /// ## Learn more
    /// The lesson on measuring the size saved.
    pub static RULE = {
        name: "apt-lists-kept",
        code: "FL301",
        severity: Warning,
        category: SizeHabit,
        summary: "apt-get update leaves the package lists in the layer",
        lesson: "measuring-size-saved",
        buildkit: None,
        hadolint: Some("DL3009"),
        check: check,
    };
}

/// The apt programs after which the lists are no longer needed in a `RUN`.
const APT_PROGRAMS: [&str; 5] = ["apt-get", "apt", "aptitude", "apt-cache", "apt-mark"];

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let lists = &SizeTables::builtin().apt.lists;
    let size = format_range(lists.low(), lists.high());
    let runs = scan::shipped_runs(cx);
    for (k, run) in runs.iter().enumerate() {
        let stage = run.stage;
        if scan::other_package_manager(cx, stage, PackageManager::Apt)
            || run.mounted("/var/lib/apt/lists")
        {
            continue;
        }
        // The last update of the RUN that no cleanup follows.
        let mut kept: Option<(usize, std::ops::Range<usize>)> = None;
        for (si, script) in run.scripts.iter().enumerate() {
            for action in &script.analysis.actions {
                match action {
                    Action::Update(u) if u.manager == Manager::Apt => {
                        kept = Some((si, u.range.clone()));
                    }
                    Action::Cleanup(c) if c.kind == CleanupKind::AptLists => kept = None,
                    _ => {}
                }
            }
        }
        let Some((si, range)) = kept else { continue };
        let Some(range) = run.range(si, &range) else {
            continue;
        };
        let later_needs_lists = runs.iter().skip(k + 1).any(|r| installs_without_update(r));
        let fix = scan::append_after_last(run, &APT_PROGRAMS, "rm -rf /var/lib/apt/lists/*").map(
            |edit| Fix {
                title: "Remove the apt lists in the same RUN".to_owned(),
                edits: vec![edit],
                safety: if later_needs_lists {
                    FixSafety::Unsafe
                } else {
                    FixSafety::Safe
                },
            },
        );
        let later = if later_needs_lists {
            " (a later RUN installs with these lists: give it its own `apt-get update` before removing them here)"
        } else {
            ""
        };
        out.push(
            range,
            format!(
                "This RUN downloads the apt package lists ({size} on disk) and never removes them, so they stay in the layer{later}"
            ),
            fix,
        );
    }
}

/// Whether a `RUN` installs apt packages before any `apt-get update` of its
/// own: it relies on lists an earlier layer left.
pub(super) fn installs_without_update(run: &Run<'_, '_, '_>) -> bool {
    for script in run.scripts {
        for action in &script.analysis.actions {
            match action {
                Action::Update(u) if u.manager == Manager::Apt => return false,
                Action::Install(i) if i.manager == Manager::Apt => return true,
                _ => {}
            }
        }
    }
    false
}
