//! `apt-install-recommends`: `apt-get install` that also installs every
//! package the requested ones recommend.

use crate::catalogue::PackageManager;
use crate::diagnostic::{Fix, FixSafety};
use crate::estimate::{SizeTables, format_bytes};
use crate::rules::scan;
use crate::rules::{Context, Report};
use crate::shell::Manager;

crate::declare_rule! {
    /// ## What it does
    /// Flags `apt-get install` (or `apt install`) in a layer that ships when it
    /// has neither `--no-install-recommends` nor
    /// `-o APT::Install-Recommends=false`, unless an earlier `RUN` wrote an apt
    /// setting that turns recommends off. Upgrades and stages that do not
    /// ship are left alone.
    ///
    /// hadolint's DL3015 checks the same habit.
    ///
    /// ## Why it matters
    /// Debian packages list hard dependencies and *recommended* ones, and apt
    /// installs both by default. Recommends are what a desktop user probably
    /// wants: documentation helpers, extra tools, sometimes a whole compiler
    /// toolchain (`python3-pip` recommends `build-essential`). In an image
    /// they are usually dead weight, often tens of megabytes, and each one is
    /// more code that scanners will report CVEs in. The official images all
    /// install with `--no-install-recommends`. The flip side: once in a while
    /// a recommended package is one you need (the CA certificates that make
    /// `curl https://...` work are the usual one), so name it explicitly.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && apt-get install -y python3-pip && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update \
    ///  && apt-get install -y --no-install-recommends python3-pip \
    ///  && rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `--no-install-recommends` right after `install`. It is
    /// unsafe: the install still succeeds, but something the application or a
    /// later build step used may have come in only as a recommendation (for
    /// example `ca-certificates` for HTTPS, or the compiler `pip` needs to
    /// build a package from source). Add those packages by name and test.
    ///
    /// ## Learn more
    /// The lesson on full and slim images.
    pub static RULE = {
        name: "apt-install-recommends",
        code: "FL302",
        severity: Info,
        category: SizeHabit,
        summary: "apt-get install also installs recommended packages",
        lesson: "full-vs-slim",
        buildkit: None,
        hadolint: Some("DL3015"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let tables = SizeTables::builtin();
    let mut configured = false;
    for run in &scan::shipped_runs(cx) {
        let stage = run.stage;
        if scan::other_package_manager(cx, stage, PackageManager::Apt) {
            continue;
        }
        for (si, script) in run.scripts.iter().enumerate() {
            // `echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/...`
            if script.script.text.lines().any(|l| {
                l.contains("Install-Recommends") && (l.contains("false") || l.contains("\"0\""))
            }) {
                configured = true;
            }
            if configured {
                continue;
            }
            for install in script.analysis.installs() {
                let options = &install.options;
                if install.manager != Manager::Apt
                    || options.upgrade
                    || options.no_install_recommends
                    || install.packages.is_empty()
                {
                    continue;
                }
                let Some((range, edit)) = scan::insert_after_word(
                    run,
                    si,
                    install.command,
                    &["install", "reinstall"],
                    "--no-install-recommends",
                ) else {
                    continue;
                };
                let extra: u64 = install
                    .packages
                    .iter()
                    .filter_map(|p| tables.apt_package(&p.name))
                    .filter_map(|p| p.disk_recommends.map(|r| r.saturating_sub(p.disk)))
                    .sum();
                let size = if extra >= 1_000_000 {
                    format!(
                        " (about {} more on disk for the packages fromlab knows)",
                        format_bytes(extra)
                    )
                } else {
                    String::new()
                };
                let program = script
                    .analysis
                    .commands
                    .get(install.command)
                    .and_then(|c| c.program_name())
                    .unwrap_or("apt-get");
                out.push(
                    range,
                    format!(
                        "`{program} install` without --no-install-recommends also installs every package these recommend{size}"
                    ),
                    Some(Fix {
                        title: "Add --no-install-recommends".to_owned(),
                        edits: vec![edit],
                        safety: FixSafety::Unsafe,
                    }),
                );
            }
        }
    }
}
