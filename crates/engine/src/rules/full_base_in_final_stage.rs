//! `full-base-in-final-stage`: the image that ships is a family's full
//! variant when a slim runtime variant exists.

use crate::catalogue::{Entry, Match, TagParts};
use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::estimate::format_bytes;
use crate::image_ref::ImageRef;
use crate::rules::base::{Shipped, judged, lines_up, part_range, read_tag, shipped, slimmer};
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags the final stage when the image it ships is the full variant of a
    /// family whose spectrum has a slim runtime variant: `python:3.12`,
    /// `node:20`, `debian:trixie`, `eclipse-temurin:21-jdk`,
    /// `buildpack-deps:trixie`. Only the final stage counts (through any
    /// `FROM <earlier stage>` chain); a full image in a build stage is the
    /// right tool there. Families whose smaller variants still carry the
    /// toolchain (`golang`, `rust`) are left to `build-toolchain-in-final-stage`,
    /// and images that are already minimal (`ubuntu`, `nginx`) are not flagged.
    /// There is no BuildKit or hadolint equivalent.
    ///
    /// ## Why it matters
    /// The full tags of the language images are built on buildpack-deps: a
    /// complete Debian plus curl, version control tools, gcc, g++, make and
    /// about forty `-dev` libraries. That is what lets `pip install` compile
    /// anything, and it is why `python:3.12` is about 1.1 GB on disk while
    /// `python:3.12-slim` is about 120 MB. In the image you run, those
    /// compilers and headers are only weight to pull and store, and hundreds
    /// of packages for scanners to report. Slim keeps the runtime and its
    /// libraries; the price is installing the few extra packages your
    /// application really needs, or compiling in a build stage.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12
    /// COPY . /app
    /// CMD ["python", "/app/main.py"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY . /app
    /// CMD ["python", "/app/main.py"]
    /// ```
    ///
    /// ## Fix safety
    /// When the catalogue lists the slim variant with the version and release
    /// you wrote, the fix switches to it. It is unsafe: slim has no compilers,
    /// no `-dev` headers and fewer tools, so a `RUN` that builds a native
    /// extension or calls `git` may fail until you install what it needs or
    /// move that work to a build stage.
    ///
    /// ## Learn more
    /// The lesson on full versus slim images.
    pub static RULE = {
        name: "full-base-in-final-stage",
        code: "FL107",
        severity: Warning,
        category: BaseImage,
        summary: "The final stage ships a full image when a slim variant exists",
        lesson: "full-vs-slim",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let Some(shipped) = shipped(cx) else { return };
    let Some(reference) = judged(shipped.root) else {
        return;
    };
    let Some(resolution) = shipped.resolution() else {
        return;
    };
    let Some(entry) = resolution.entry else {
        return;
    };
    let Some(slim) = slimmer(cx, resolution) else {
        return;
    };
    let name = shipped.describe(cx);
    let about = if resolution.status == Match::Exact {
        "about "
    } else {
        "an estimated "
    };
    let size = resolution
        .disk
        .map(|d| format!("{about}{} on disk", format_bytes(d.bytes)))
        .unwrap_or_else(|| "large".to_owned());
    let toolchain = entry
        .build_toolchain
        .as_deref()
        .map(|t| format!(", with {t}"))
        .unwrap_or_default();
    let saving = resolution
        .disk
        .map(|d| d.bytes.saturating_sub(slim.row.disk.bytes))
        .filter(|s| *s > 0)
        .map(|s| format!(" is about {} smaller on disk", format_bytes(s)))
        .unwrap_or_else(|| " is smaller".to_owned());
    let same_line = resolution.status == Match::Exact && slim.row.version == entry.version;
    let alternative = if same_line {
        format!("{}{saving}", slim.row.id())
    } else {
        format!(
            "its slim variant ({} in the catalogue){saving}",
            slim.row.id()
        )
    };
    let message =
        format!("The final image ships {name}, the full variant: {size}{toolchain}; {alternative}");
    let fix = slim_fix(cx, &shipped, reference, entry, slim.row, &resolution.parts);
    out.push(
        part_range(cx, shipped.root, &(0..reference.original.len())),
        message,
        fix,
    );
}

/// Switches to the slim row when one of its tags keeps exactly the version,
/// distribution release and pointer the learner wrote.
fn slim_fix(
    cx: &Context<'_, '_>,
    shipped: &Shipped<'_>,
    reference: &ImageRef,
    entry: &Entry,
    slim: &Entry,
    parts: &TagParts,
) -> Option<Fix> {
    if reference.digest.is_some() || !lines_up(cx, shipped.root) {
        return None;
    }
    let same_repository = slim.repository == entry.repository;
    // Another repository (buildpack-deps to debian) keeps the distribution
    // release the tag names, or the one the row is built on.
    let distro = if same_repository {
        parts.distro.clone()
    } else {
        parts
            .distro
            .clone()
            .or_else(|| entry.distro.as_deref().map(str::to_owned))
    };
    let tag = std::iter::once(&slim.tag)
        .chain(slim.aliases.iter())
        .filter(|t| !t.is_empty())
        .filter(|t| {
            let p = read_tag(cx, t);
            p.version == parts.version
                && p.distro == distro
                && p.channel == parts.channel
                && p.modifiers == parts.modifiers
                && p.unrecognised.is_empty()
        })
        .min_by_key(|t| t.len())?;
    let (range, replacement) = if same_repository {
        let written = reference.tag.as_ref()?;
        (
            part_range(cx, shipped.root, &written.range),
            tag.to_string(),
        )
    } else if reference.familiar_name() == entry.repository {
        (
            part_range(cx, shipped.root, &(0..reference.original.len())),
            format!("{}:{tag}", slim.repository),
        )
    } else {
        return None;
    };
    let shown = if same_repository {
        format!("{}:{tag}", reference.familiar_name())
    } else {
        replacement.clone()
    };
    Some(Fix {
        title: format!(
            "Switch to `{shown}`; it has no compilers or -dev packages, so check every RUN"
        ),
        edits: vec![Edit { range, replacement }],
        safety: FixSafety::Unsafe,
    })
}
