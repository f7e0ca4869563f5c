//! `floating-tag`: a tag that names no exact release line or no distribution
//! release, so the image under it changes when the publisher moves it.

use crate::catalogue::TagParts;
use crate::image_ref::ImageRef;
use crate::rules::base::{
    Loose, describe, judged, looseness, part_range, pin_target, pinned_tag, retag,
};
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags a base image tag that does not pin one release: a pointer such as
    /// `lts` or `stable` (`node:lts`), a version with fewer parts than the
    /// family's release lines (`python:3` follows every 3.x), or a language
    /// image that names no distribution release (`python:3.12-slim` without
    /// `-bookworm` or `-trixie`). What counts as a release comes from the
    /// catalogue's family: `debian:bookworm` and `alpine:3.21` are anchored,
    /// because for those images the version *is* the distribution release.
    /// `latest`, untagged images, digests and `scratch` are left alone (the
    /// first two have rules of their own; the last two cannot move). Tags the
    /// catalogue cannot read are not judged. There is no BuildKit or hadolint
    /// equivalent.
    ///
    /// ## Why it matters
    /// A tag that floats is a choice to take whatever the publisher ships next.
    /// `python:3.12-slim` moved from Debian 12 to Debian 13 when trixie became
    /// the default: a different glibc, renamed packages, new defaults, and an
    /// `apt-get install` line that may stop working, without a single edit to
    /// your Dockerfile. Naming the release line and the codename keeps the
    /// security fixes flowing while the big changes wait until you edit the
    /// line. It costs nothing in size; it buys reproducibility.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ```
    ///
    /// ## Use instead
    /// Name the release line and the distribution release:
    /// ```dockerfile
    /// FROM python:3.12-slim-trixie
    /// ```
    ///
    /// ## Fix safety
    /// When the catalogue has a row for the image, the fix writes that row's
    /// pinned tag, keeping the version you wrote: the release the tag pointed
    /// at when the catalogue's figures were taken, or, for a partial version
    /// such as `3`, the newest matching release it lists. A pointer such as
    /// `lts` gets a fix only when the catalogue knows which release it named.
    /// The fix is unsafe because the catalogue is a dated snapshot: the tag
    /// may since have moved to a newer release, and pinning the older one
    /// changes what you build. Check it before accepting.
    ///
    /// ## Learn more
    /// The lesson on pinning tags and digests.
    pub static RULE = {
        name: "floating-tag",
        code: "FL103",
        severity: Info,
        category: BaseImage,
        summary: "A base image tag names no exact release line or distribution release",
        lesson: "pinning-tags-and-digests",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let mut pins: Vec<(&ImageRef, Option<(String, String)>)> = Vec::new();
    for stage in &cx.model.stages {
        let Some(reference) = judged(stage) else {
            continue;
        };
        let Some(tag) = &reference.tag else { continue };
        if tag.text == "latest" || reference.digest.is_some() {
            continue;
        }
        let Some(resolution) = cx
            .stages
            .get(stage.index)
            .and_then(|s| s.resolution.as_ref())
        else {
            continue;
        };
        let parts = &resolution.parts;
        if !parts.unrecognised.is_empty() {
            continue;
        }
        let anchor = resolution.family.and_then(|f| f.anchor);
        let loose = match &anchor {
            Some(anchor) => looseness(anchor, parts),
            // Outside the catalogue only a pointer word is certain to move.
            None => parts
                .channel
                .iter()
                .filter(|c| *c != "latest")
                .map(|c| Loose::Channel(c.clone()))
                .collect(),
        };
        if loose.is_empty() {
            continue;
        }
        let example = resolution.entry.and_then(|e| e.distro.as_deref());
        let reasons: Vec<String> = loose
            .iter()
            .map(|l| match l {
                Loose::Channel(c) => format!("`{c}` is a pointer the publisher moves"),
                Loose::NoVersion => "it names no version".to_owned(),
                Loose::Coarse(v) => format!("`{v}` follows every {v}.x release"),
                Loose::NoDistro => match example {
                    Some(d) => format!(
                        "it names no distribution release (such as `-{d}`), so the OS underneath changes when the default moves"
                    ),
                    None => "it names no distribution release, so the OS underneath changes when the default moves".to_owned(),
                },
            })
            .collect();
        let message = format!(
            "{} is a floating tag: {}",
            describe(cx, stage),
            reasons.join("; ")
        );
        let want = TagParts {
            channel: None,
            ..parts.clone()
        };
        // The pin depends only on the reference; long files repeat a few.
        let pin = match pins.iter().find(|(r, _)| *r == reference) {
            Some((_, pin)) => pin.clone(),
            None => {
                let pin = anchor.and_then(|anchor| {
                    let (row, same) = pin_target(cx, resolution)?;
                    // A pointer such as `lts`, `stable` or `sid` is not "the newest
                    // release", so only the row it names exactly can replace it.
                    if !same && parts.channel.is_some() {
                        return None;
                    }
                    let pinned = pinned_tag(cx, row, &anchor, &want)?;
                    let title = if same {
                        format!(
                            "Pin `{pinned}`, the release this tag pointed at on {}",
                            row.date
                        )
                    } else {
                        format!(
                            "Pin `{pinned}`, the newest match the catalogue knows ({}); check it is the one you tested",
                            row.date
                        )
                    };
                    Some((pinned, title))
                });
                pins.push((reference, pin.clone()));
                pin
            }
        };
        let fix = pin.and_then(|(pinned, title)| retag(cx, stage, reference, &pinned, title));
        out.push(part_range(cx, stage, &tag.range), message, fix);
    }
}
