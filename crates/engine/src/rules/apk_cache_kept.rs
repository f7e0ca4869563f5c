//! `apk-cache-kept`: `apk add` or `apk update` leaves Alpine's package
//! index in the layer.

use crate::catalogue::PackageManager;
use crate::diagnostic::{Fix, FixSafety};
use crate::estimate::{SizeTables, format_range};
use crate::rules::scan;
use crate::rules::{Context, Report};
use crate::shell::{Action, CleanupKind, Manager};

crate::declare_rule! {
    /// ## What it does
    /// Flags `apk add`, `apk upgrade` or `apk update` in a layer that ships
    /// when the `RUN` keeps Alpine's package index: no `--no-cache` on the
    /// command and no `rm -rf /var/cache/apk/*` (or `apk cache clean`) after
    /// it. A `--mount=type=cache` on `/var/cache/apk` exempts the `RUN`.
    ///
    /// hadolint's DL3019 checks the same habit.
    ///
    /// ## Why it matters
    /// apk downloads the index of the Alpine repositories before installing
    /// and keeps it in `/var/cache/apk`. On an image chosen for being a few
    /// megabytes, a few more megabytes of index the application never reads
    /// is a real share of the total. `apk add --no-cache` fetches the index,
    /// uses it and keeps nothing, in one flag, which is why Alpine-based
    /// official images use it everywhere. Removing the cache in a later `RUN`
    /// saves nothing: the earlier layer still holds it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk update && apk add curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Fix safety
    /// When the `RUN` does not call `apk update`, the fix adds `--no-cache`
    /// after `add` (or `upgrade`); otherwise it appends
    /// `&& rm -rf /var/cache/apk/*` after the last apk command. Both are safe:
    /// apk fetches a fresh index whenever it needs one, so later `RUN`s keep
    /// working.
    ///
    /// ## Learn more
    /// The lesson on Alpine and musl.
    pub static RULE = {
        name: "apk-cache-kept",
        code: "FL303",
        severity: Warning,
        category: SizeHabit,
        summary: "apk leaves its package index in the layer",
        lesson: "alpine-and-musl",
        buildkit: None,
        hadolint: Some("DL3019"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let index = &SizeTables::builtin().apk.index;
    let size = format_range(index.low(), index.high());
    for run in &scan::shipped_runs(cx) {
        let stage = run.stage;
        if scan::other_package_manager(cx, stage, PackageManager::Apk)
            || run.mounted("/var/cache/apk")
            || run.mounted("/etc/apk/cache")
        {
            continue;
        }
        // Commands that leave the index, in order, dropped by a cleanup.
        let mut keeping: Vec<(usize, usize, bool)> = Vec::new();
        let mut updates = false;
        for (si, script) in run.scripts.iter().enumerate() {
            for action in &script.analysis.actions {
                match action {
                    Action::Update(u) if u.manager == Manager::Apk => {
                        updates = true;
                        keeping.push((si, u.command, false));
                    }
                    Action::Install(i) if i.manager == Manager::Apk && !i.options.no_cache => {
                        keeping.push((si, i.command, true));
                    }
                    Action::Cleanup(c) if c.kind == CleanupKind::ApkCache => keeping.clear(),
                    _ => {}
                }
            }
        }
        let Some(&(si, command, is_install)) = keeping.first() else {
            continue;
        };
        let subcommands: &[&str] = if is_install {
            &["add", "upgrade"]
        } else {
            &["update"]
        };
        let Some((range, _)) = scan::insert_after_word(run, si, command, subcommands, "") else {
            continue;
        };
        let fix = if updates {
            scan::append_after_last(run, &["apk"], "rm -rf /var/cache/apk/*").map(|edit| Fix {
                title: "Remove apk's cache in the same RUN".to_owned(),
                edits: vec![edit],
                safety: FixSafety::Safe,
            })
        } else {
            let edits: Option<Vec<_>> = keeping
                .iter()
                .map(|&(si, c, _)| {
                    scan::insert_after_word(run, si, c, &["add", "upgrade"], "--no-cache")
                        .map(|(_, e)| e)
                })
                .collect();
            edits.map(|edits| Fix {
                title: "Add --no-cache".to_owned(),
                edits,
                safety: FixSafety::Safe,
            })
        };
        let what = if is_install {
            format!("`apk {}` without --no-cache", range.slice(cx.source()))
        } else {
            "`apk update`".to_owned()
        };
        out.push(
            range,
            format!(
                "{what} leaves Alpine's package index ({size} on disk) in /var/cache/apk, and this RUN never removes it, so it stays in the layer"
            ),
            fix,
        );
    }
}
