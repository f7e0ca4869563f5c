//! `deprecated-image`: a base image, release line or distribution release that
//! is deprecated or past its end of life in the catalogue.

use crate::catalogue::{DeprecationStatus, Resolution, RetiredBy, Retirement, Scheme};
use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::image_ref::ImageRef;
use crate::model::Stage;
use crate::rules::base::{describe, judged, lines_up, part_range};
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `FROM` line, in any stage, whose image the catalogue lists as
    /// deprecated, end of life or removed, and says since when and what to
    /// use instead. That covers whole images (`openjdk`), rows
    /// (`gcr.io/distroless/python3-debian12`), release lines with no row of
    /// their own (`node:18`, `golang:1.21`, `python:3.9-slim`), and images
    /// built on a retired distribution release (`python:3.12-bullseye` sits on
    /// Debian 11). There is no BuildKit or hadolint equivalent.
    ///
    /// ## Why it matters
    /// A retired image keeps building, which is exactly the danger: nothing
    /// fails, but it no longer receives security fixes, so every vulnerability
    /// found after its end of life stays in your image for good, and scanners
    /// will list them. A retired build image matters too: an unsupported
    /// compiler or SDK is where supply-chain fixes stop arriving. Moving on is
    /// a real change (a new major version, a new libc or OpenSSL), so plan and
    /// test it rather than waiting for a registry to delete the tag under you,
    /// as distroless did with its Debian 12 language images.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM openjdk:17-jdk-slim
    /// ```
    ///
    /// ## Use instead
    /// A maintained image with the same role:
    /// ```dockerfile
    /// FROM eclipse-temurin:21-jre-noble
    /// ```
    ///
    /// ## Fix safety
    /// When the catalogue names an image of the same family and variant as
    /// the replacement (`node:24` for `node:20`, `static-debian13` for
    /// `static-debian12`), the fix writes it, keeping a distroless tag such as
    /// `:nonroot`. It is unsafe: the replacement is a newer release, with its
    /// own breaking changes, and must be tested. There is no fix when the
    /// replacement is another publisher's image or a distribution release, or
    /// when the reference carries a digest (it would no longer match).
    ///
    /// ## Learn more
    /// The lesson on official images, verified publishers and the supply chain.
    pub static RULE = {
        name: "deprecated-image",
        code: "FL106",
        severity: Warning,
        category: BaseImage,
        summary: "A base image is deprecated or past its end of life",
        lesson: "official-images-and-supply-chain",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let mut moves: Vec<(&ImageRef, Option<String>)> = Vec::new();
    for stage in &cx.model.stages {
        let Some(reference) = judged(stage) else {
            continue;
        };
        let Some(resolution) = cx
            .stages
            .get(stage.index)
            .and_then(|s| s.resolution.as_ref())
        else {
            continue;
        };
        let Some(retirement) = cx.catalogue.retirement(resolution) else {
            continue;
        };
        let d = retirement.deprecation;
        let state = match d.status {
            DeprecationStatus::Deprecated => format!("has been deprecated since {}", d.date),
            DeprecationStatus::EndOfLife => format!("has been end of life since {}", d.date),
            DeprecationStatus::Removed => {
                format!("was removed from its registry on {}", d.date)
            }
        };
        let shown = describe(cx, stage);
        let what = match retirement.by {
            RetiredBy::Image(_) => format!("{shown} {state}"),
            RetiredBy::Release {
                release,
                older: false,
            } => format!("{shown} is {}, which {state}", release.title),
            RetiredBy::Release {
                release,
                older: true,
            } => format!(
                "{shown} is older than {}, which {state}, as has every release before it",
                release.title
            ),
            RetiredBy::Distro {
                release,
                older: false,
            } => format!("{shown} is built on {}, which {state}", release.title),
            RetiredBy::Distro {
                release,
                older: true,
            } => format!(
                "{shown} is built on a release older than {}, which {state}, as has every release before it",
                release.title
            ),
            RetiredBy::Family(family) => {
                format!("{shown}: the whole `{}` image {state}", family.name)
            }
        };
        let message = match (&d.replacement, d.status) {
            (Some(r), _) if matches!(retirement.by, RetiredBy::Distro { .. }) => {
                format!("{what}; move to a tag built on {r}")
            }
            (Some(r), _) => format!("{what}; use {r} instead"),
            (None, DeprecationStatus::Deprecated) => {
                format!("{what}; move to a maintained image")
            }
            (None, _) => format!("{what}; it no longer receives security fixes"),
        };
        // What to move to depends only on the reference; long files repeat a few.
        let text = match moves.iter().find(|(r, _)| *r == reference) {
            Some((_, text)) => text.clone(),
            None => {
                let text = replacement_text(cx, reference, resolution, &retirement);
                moves.push((reference, text.clone()));
                text
            }
        };
        let fix = replacement_fix(cx, stage, reference, text);
        out.push(
            part_range(cx, stage, &(0..reference.original.len())),
            message,
            fix,
        );
    }
}

/// Writes the catalogue's replacement when it is an image of the same family
/// that is not retired itself.
fn replacement_fix(
    cx: &Context<'_, '_>,
    stage: &Stage,
    reference: &ImageRef,
    text: Option<String>,
) -> Option<Fix> {
    if !lines_up(cx, stage) {
        return None;
    }
    let text = text?;
    Some(Fix {
        title: format!("Move to `{text}`; a newer release, so test it"),
        edits: vec![Edit {
            range: part_range(cx, stage, &(0..reference.original.len())),
            replacement: text,
        }],
        safety: FixSafety::Unsafe,
    })
}

/// The reference to move to, when the catalogue names one in the same family
/// and variant that is not retired itself.
fn replacement_text(
    cx: &Context<'_, '_>,
    reference: &ImageRef,
    resolution: &Resolution<'static>,
    retirement: &Retirement<'static>,
) -> Option<String> {
    if matches!(
        retirement.by,
        RetiredBy::Distro { .. } | RetiredBy::Family(_)
    ) || reference.digest.is_some()
    {
        return None;
    }
    let family = resolution.family?;
    let replacement = retirement.deprecation.replacement.as_deref()?;
    let target = ImageRef::parse(replacement).ok()?;
    let text = match (&target.tag, &reference.tag) {
        (Some(_), _) => replacement.to_owned(),
        // A name-scheme family keeps its tag (`:nonroot`, `:debug`) on the new name.
        (None, Some(tag)) if family.scheme == Scheme::Name => format!("{replacement}:{}", tag.text),
        (None, None) if family.scheme == Scheme::Name => replacement.to_owned(),
        (None, _) => return None,
    };
    // The same family and variant (an alpine tag stays alpine), and not retired.
    let moved = cx.catalogue.resolve_str(&text);
    let asked = &resolution.parts;
    if moved.family.map(|f| &f.name) != Some(&family.name)
        || moved.parts.variant != asked.variant
        || moved.parts.flavour != asked.flavour
        || moved.deprecation.is_some()
    {
        return None;
    }
    Some(text)
}
