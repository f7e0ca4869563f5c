//! `latest-tag`: a base image pinned to the moving `latest` tag.

use crate::model::BaseKind;
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `FROM` line whose image uses the `latest` tag, written out
    /// (`python:latest`).
    ///
    /// ## Why it matters
    /// `latest` is not "the newest version you tested": it is whatever the
    /// publisher points it at on the day you build. The same Dockerfile can
    /// build on a new major version of the language, a new distribution
    /// release or a different libc from one week to the next, and the image
    /// size and its inherited CVEs change with it. You give up knowing what
    /// your floor is.
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
    /// No automatic fix: only you know which version the application was
    /// tested on. The playground's "Other bases" table offers pinned tags.
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
        let BaseKind::Image { reference } = &stage.base.kind else {
            continue;
        };
        let Some(tag) = &reference.tag else { continue };
        if tag.text != "latest" {
            continue;
        }
        // The tag's range inside the written word; after ARG substitution
        // the offsets may not line up, so fall back to the whole word.
        let range = if stage.base.written == stage.base.expanded {
            crate::syntax::TextRange::new(
                stage.base.range.start + tag.range.start,
                stage.base.range.start + tag.range.end,
            )
        } else {
            stage.base.range
        };
        out.push(
            range,
            format!(
                "{} uses the `latest` tag, which moves: name the version you tested",
                reference.familiar_string()
            ),
            None,
        );
    }
}
