//! `pip-cache-kept`: `pip install` leaves its download cache in the layer.

use crate::diagnostic::{Fix, FixSafety};
use crate::estimate::{SizeTables, format_bytes};
use crate::rules::scan;
use crate::rules::{Context, Report};
use crate::shell::{CleanupKind, Manager};

crate::declare_rule! {
    /// ## What it does
    /// Flags `pip install` (also `pip3`, `python -m pip` and `uv pip`) in a
    /// layer that ships when pip's cache stays in the layer: no
    /// `--no-cache-dir` (`--no-cache` for uv), no `PIP_NO_CACHE_DIR` (or
    /// `UV_NO_CACHE`) set by `ENV`, `ARG` or the script, no
    /// `--mount=type=cache` on the cache directory, and no `pip cache purge`
    /// or `rm -rf ~/.cache/pip` later in the same `RUN`.
    ///
    /// hadolint's DL3042 checks the same habit.
    ///
    /// ## Why it matters
    /// pip keeps every wheel it downloads (and every wheel it builds) in
    /// `~/.cache/pip` so the next install on the same machine is faster. In an
    /// image there is no next install: the cache is a second copy of your
    /// dependencies, compressed, often a third to half the size of the
    /// installed packages, shipped to every server that pulls the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// RUN pip install flask gunicorn
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// RUN pip install --no-cache-dir flask gunicorn
    /// ```
    /// Or keep the cache outside the image, where rebuilds can reuse it:
    /// ```dockerfile
    /// # syntax=docker/dockerfile:1
    /// FROM python:3.12-slim-bookworm
    /// RUN --mount=type=cache,target=/root/.cache/pip pip install flask gunicorn
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `--no-cache-dir` (`--no-cache` for `uv pip`) right after
    /// `install`. It is safe: the same packages are installed, only the
    /// cache is not written.
    ///
    /// ## Learn more
    /// The lesson on measuring the size saved.
    pub static RULE = {
        name: "pip-cache-kept",
        code: "FL304",
        severity: Warning,
        category: SizeHabit,
        summary: "pip install leaves its download cache in the layer",
        lesson: "measuring-size-saved",
        buildkit: None,
        hadolint: Some("DL3042"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let tables = SizeTables::builtin();
    for run in &scan::shipped_runs(cx) {
        let env = run.env();
        let set = |name: &str| crate::walk::lookup(env, name).is_some_and(|v| !v.is_empty());
        let cache_dir = crate::walk::lookup(env, "PIP_CACHE_DIR").map(str::to_owned);
        for (si, script) in run.scripts.iter().enumerate() {
            let analysis = &script.analysis;
            for install in analysis.installs() {
                if install.manager != Manager::Pip || install.options.no_cache {
                    continue;
                }
                let uv = analysis
                    .commands
                    .get(install.command)
                    .and_then(|c| c.program_name())
                    .is_some_and(|p| p == "uv");
                let (flag, no_cache_env, cache) = if uv {
                    ("--no-cache", "UV_NO_CACHE", "/.cache/uv")
                } else {
                    ("--no-cache-dir", "PIP_NO_CACHE_DIR", "/.cache/pip")
                };
                let script_env = analysis
                    .env_at(install.command, no_cache_env)
                    .is_some_and(|v| !v.is_empty());
                let mounted = run.mounts.iter().any(|m| {
                    let m = m.trim_end_matches('/');
                    m.ends_with(cache) || m.ends_with("/.cache")
                }) || cache_dir.as_deref().is_some_and(|d| run.mounted(d))
                    || run.mounted(&format!("/root{cache}"));
                let cleaned = analysis
                    .cleanups()
                    .any(|c| c.kind == CleanupKind::PipCache && c.command > install.command);
                if set(no_cache_env) || script_env || mounted || cleaned {
                    continue;
                }
                let Some((range, edit)) =
                    scan::insert_after_word(run, si, install.command, &["install"], flag)
                else {
                    continue;
                };
                let wheels: u64 = install
                    .packages
                    .iter()
                    .filter_map(|p| tables.pip_package(&p.name))
                    .map(|p| p.wheel)
                    .sum();
                let size = if wheels >= 1_000_000 {
                    format!(
                        " (about {} of wheels for the packages fromlab knows)",
                        format_bytes(wheels)
                    )
                } else {
                    String::new()
                };
                let what = if uv {
                    "`uv pip install`"
                } else {
                    "`pip install`"
                };
                out.push(
                    range,
                    format!(
                        "{what} keeps every downloaded wheel in its cache{size}, and this RUN leaves the cache in the layer"
                    ),
                    Some(Fix {
                        title: format!("Add {flag}"),
                        edits: vec![edit],
                        safety: FixSafety::Safe,
                    }),
                );
            }
        }
    }
}
