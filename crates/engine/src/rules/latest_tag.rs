//! `latest-tag`: a base image pinned to the moving `latest` tag.

use crate::catalogue::TagParts;
use crate::rules::base::{describe, judged, part_range, pin_target, pinned_tag, retag};
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `FROM` line whose image uses the `latest` tag, written out
    /// (`python:latest`), in any stage. An image with no tag at all is the
    /// `untagged-image` rule's business, and a digest after the tag
    /// (`python:latest@sha256:…`) pins the image, so neither is flagged here.
    /// It matches hadolint's DL3007; BuildKit has no such check.
    ///
    /// ## Why it matters
    /// `latest` is not "the newest version you tested": it is whatever the
    /// publisher points it at on the day you build. The same Dockerfile can
    /// build on a new major version of the language, a new distribution
    /// release or a different libc from one week to the next, and the image
    /// size and its inherited CVEs change with it. You give up knowing what
    /// your floor is, and a build that breaks tomorrow looks like your fault.
    /// Some publishers (distroless, Chainguard's free tier) publish no version
    /// tags at all: for those the digest is the only pin.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:latest
    /// ```
    ///
    /// ## Use instead
    /// Name the version and the distribution release you tested:
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// ```
    ///
    /// ## Fix safety
    /// When the catalogue knows the family, the fix writes a pinned tag in
    /// place of `latest`: the release `latest` pointed at when the catalogue's
    /// figures were taken, or else the newest release of the same variant the
    /// catalogue lists. It is unsafe: the catalogue is a dated snapshot, so the
    /// tag may be older (or newer) than what your build pulls today. Check the
    /// version against what you tested before you accept it. Families with no
    /// version tags get no fix; look up the digest instead.
    ///
    /// ## Learn more
    /// The lesson on pinning tags and digests.
    pub static RULE = {
        name: "latest-tag",
        code: "FL102",
        severity: Warning,
        category: BaseImage,
        summary: "A base image uses the moving `latest` tag",
        lesson: "pinning-tags-and-digests",
        buildkit: None,
        hadolint: Some("DL3007"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for stage in &cx.model.stages {
        let Some(reference) = judged(stage) else {
            continue;
        };
        let Some(tag) = &reference.tag else { continue };
        if tag.text != "latest" || reference.digest.is_some() {
            continue;
        }
        let range = part_range(cx, stage, &tag.range);
        let name = describe(cx, stage);
        let resolution = cx
            .stages
            .get(stage.index)
            .and_then(|s| s.resolution.as_ref());
        let family = resolution.and_then(|r| r.family);
        let Some(anchor) = family.and_then(|f| f.anchor) else {
            out.push(
                range,
                format!("{name} uses the `latest` tag, which moves: name the version you tested"),
                None,
            );
            continue;
        };
        if anchor.version_parts == 0 {
            let title = family.map_or("this publisher", |f| &*f.title);
            out.push(
                range,
                format!(
                    "{name} uses the `latest` tag, which moves; {title} publishes no version tags, so only a digest pins it"
                ),
                None,
            );
            continue;
        }
        let want = resolution.map(|r| TagParts {
            channel: None,
            ..r.parts.clone()
        });
        let target = resolution
            .and_then(|r| pin_target(cx, r))
            .and_then(|(row, same)| {
                let pinned = pinned_tag(cx, row, &anchor, want.as_ref()?)?;
                Some((row, same, pinned))
            });
        let (message, fix) = match target {
            Some((row, true, pinned)) => (
                format!(
                    "{name} uses the `latest` tag, which moves (the catalogue saw it at {} on {}): name the version you tested",
                    row.id(),
                    row.date
                ),
                retag(
                    cx,
                    stage,
                    reference,
                    &pinned,
                    format!(
                        "Pin `{pinned}`, the release `latest` pointed at on {}",
                        row.date
                    ),
                ),
            ),
            Some((row, false, pinned)) => (
                format!("{name} uses the `latest` tag, which moves: name the version you tested"),
                retag(
                    cx,
                    stage,
                    reference,
                    &pinned,
                    format!(
                        "Pin `{pinned}`, the newest release of this variant the catalogue knows ({}); check it is the one you tested",
                        row.date
                    ),
                ),
            ),
            None => (
                format!("{name} uses the `latest` tag, which moves: name the version you tested"),
                None,
            ),
        };
        out.push(range, message, fix);
    }
}
