//! `build-toolchain-in-final-stage`: compilers or an SDK in the image that
//! ships, from its base or from packages installed in it.

use crate::catalogue::{Point, Resolution};
use crate::estimate::{OsPackage, Role, SizeTables};
use crate::rules::base::{judged, part_range, shipped, slimmer};
use crate::rules::{Context, Report, scan};
use crate::shell::{Install, Manager, Package, ScriptAnalysis};
use crate::syntax::TextRange;

crate::declare_rule! {
    /// ## What it does
    /// Flags a build toolchain in the final stage, the one that ships, in two
    /// ways. First, a base the catalogue says carries compilers or an SDK
    /// (`golang:1.22`, `rust:slim`, `golang:1.22-alpine`), unless it is a full
    /// variant with a slim runtime, which `full-base-in-final-stage` reports.
    /// Second, toolchain packages installed there (`gcc`, `g++`, `make`,
    /// `build-essential`, `build-base`, a JDK, `golang`...) and not removed
    /// again: an `apk del` of the `--virtual` group, an `apt-get purge`, or the
    /// official images' `apt-mark auto` and `--auto-remove` idiom all count as
    /// removed. Build stages are not looked at: compiling is their job. There
    /// is no BuildKit or hadolint equivalent.
    ///
    /// ## Why it matters
    /// A compiler is the tool you need to build the program and never need to
    /// run it. In the image that ships it costs hundreds of megabytes (the Go
    /// toolchain alone is about 69 MB to pull, gcc and its friends several
    /// hundred MB on disk) and gives anyone who gets a shell in the container
    /// a way to build whatever they like. The multi-stage pattern solves both:
    /// compile in a stage that has the toolchain, then `COPY --from` only the
    /// binary or the installed packages into a small runtime base.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22-bookworm
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /app .
    /// CMD ["/app"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.22-bookworm AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /app .
    ///
    /// FROM gcr.io/distroless/static-debian13:nonroot
    /// COPY --from=build /app /app
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: splitting a Dockerfile into stages means deciding
    /// what the program needs at run time, which only you can check.
    ///
    /// ## Learn more
    /// The lesson on the final image of a multi-stage build.
    pub static RULE = {
        name: "build-toolchain-in-final-stage",
        code: "FL108",
        severity: Warning,
        category: BaseImage,
        summary: "The final stage ships compilers or an SDK",
        lesson: "multi-stage-final-image",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let Some(shipped) = shipped(cx) else { return };
    if let (Some(reference), Some(resolution)) = (judged(shipped.root), shipped.resolution())
        && let Some(toolchain) = resolution.entry.and_then(|e| e.build_toolchain.as_deref())
        && slimmer(cx, resolution).is_none()
    {
        let runtime = runtime_base(cx, resolution)
            .map(|r| format!(" onto a runtime base such as {r}"))
            .unwrap_or_default();
        out.push(
            part_range(cx, shipped.root, &(0..reference.original.len())),
            format!(
                "The final image ships {}, which carries {toolchain}: compile in a build stage and copy only the result{runtime}",
                shipped.describe(cx)
            ),
            None,
        );
    }

    // Installs that stay: every RUN of the stages that make up the final
    // image, as the shared walk analysed them.
    let tables = SizeTables::builtin();
    let runs = scan::shipped_runs(cx);
    let scripts: Vec<(&scan::Run<'_, '_, '_>, usize, &ScriptAnalysis)> = runs
        .iter()
        .flat_map(|run| {
            run.scripts
                .iter()
                .enumerate()
                .map(move |(si, script)| (run, si, &script.analysis))
        })
        .collect();
    for (at, &(run, si, analysis)) in scripts.iter().enumerate() {
        for install in analysis.installs().filter(|i| i.manager.is_os()) {
            let kept: Vec<(&Package, TextRange)> = install
                .packages
                .iter()
                .filter(|p| !p.from_variable && !p.local)
                .filter(|p| is_toolchain(tables, install.manager, &p.name))
                .filter(|p| {
                    !removed_here(analysis, install, p)
                        && !scripts
                            .get(at + 1..)
                            .unwrap_or(&[])
                            .iter()
                            .any(|(_, _, later)| removed_later(later, install.manager, p))
                })
                .filter_map(|p| Some((p, run.range(si, &p.range)?)))
                .collect();
            let Some((_, range)) = kept.first() else {
                continue;
            };
            let names: Vec<String> = kept.iter().map(|(p, _)| format!("`{}`", p.name)).collect();
            let message = match names.as_slice() {
                [one] => format!(
                    "{one} is installed in the final image and never removed: a build tool the running program does not need; install it in a build stage, or remove it in the same RUN"
                ),
                [rest @ .., last] => format!(
                    "{} and {last} are installed in the final image and never removed: build tools the running program does not need; install them in a build stage, or remove them in the same RUN",
                    rest.join(", ")
                ),
                [] => continue,
            };
            out.push(*range, message, None);
        }
    }
}

/// The catalogue's runtime point for a family: its distroless row, or scratch.
fn runtime_base(cx: &Context<'_, '_>, resolution: &Resolution<'static>) -> Option<String> {
    let entry = resolution.entry?;
    let spectrum = cx.catalogue.spectrum_for(entry);
    [Point::Distroless, Point::Scratch]
        .iter()
        .find_map(|point| {
            spectrum
                .iter()
                .find(|p| p.point == *point)
                .and_then(|p| p.row.as_deref())
        })
        .map(|id| id.strip_suffix(":latest").unwrap_or(id).to_owned())
}

/// True when the size tables call the package a toolchain (compilers, SDKs,
/// build tools) for this package manager.
fn is_toolchain(tables: &SizeTables, manager: Manager, name: &str) -> bool {
    let row: Option<&OsPackage> = match manager {
        Manager::Apt => tables.apt_package(name),
        Manager::Apk => tables.apk_package(name),
        Manager::Dnf | Manager::Yum | Manager::Microdnf => tables.dnf_package(name),
        _ => None,
    };
    row.is_some_and(|r| r.role == Role::Toolchain)
}

/// True when the same script takes the package away after installing it.
fn removed_here(analysis: &ScriptAnalysis, install: &Install, package: &Package) -> bool {
    let group = install
        .options
        .virtual_group
        .as_ref()
        .map(|w| w.text.as_str());
    analysis
        .removals()
        .filter(|r| r.command > install.command && same_system(r.manager, install.manager))
        .any(|r| {
            r.packages.iter().any(|p| p.name == package.name)
                || group.is_some_and(|g| r.groups.iter().any(|x| x == g))
                || (r.autoremove && r.after_mark_auto)
        })
}

/// True when a later script removes the package by name.
fn removed_later(analysis: &ScriptAnalysis, manager: Manager, package: &Package) -> bool {
    analysis
        .removals()
        .filter(|r| same_system(r.manager, manager))
        .any(|r| r.packages.iter().any(|p| p.name == package.name))
}

/// apt, apk and the dnf family each remove only what they installed.
fn same_system(a: Manager, b: Manager) -> bool {
    let family = |m: Manager| match m {
        Manager::Dnf | Manager::Yum | Manager::Microdnf => Manager::Dnf,
        other => other,
    };
    family(a) == family(b)
}
