//! `untagged-image`: a base image named with neither a tag nor a digest.

use crate::catalogue::Match;
use crate::rules::base::{describe, judged, part_range};
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `FROM` line whose image has neither a tag nor a digest
    /// (`FROM python`), in any stage. `scratch` is not an image to pull, and a
    /// `FROM` that names an earlier stage takes that stage as it is, so neither
    /// is flagged. A base built from `ARG`s is judged after substitution. It
    /// matches hadolint's DL3006; BuildKit has no such check.
    ///
    /// ## Why it matters
    /// With no tag, Docker pulls `latest`, so everything `latest-tag` warns
    /// about applies, and worse: nobody reading the line can tell whether
    /// `latest` was a decision or an accident. The next rebuild can bring a
    /// new major version of the language, a new distribution release or a
    /// different libc, with a different size and a different set of
    /// vulnerabilities, and nothing in the Dockerfile will show what changed.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node
    /// ```
    ///
    /// ## Use instead
    /// Name the version and the distribution release you tested:
    /// ```dockerfile
    /// FROM node:22-bookworm-slim
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: which version to build on is the decision the line is
    /// missing, and only you know which one the application was tested with.
    /// The message names the release `latest` pointed at when the catalogue's
    /// figures were taken, as a starting point.
    ///
    /// ## Learn more
    /// The lesson on pinning tags and digests.
    pub static RULE = {
        name: "untagged-image",
        code: "FL101",
        severity: Warning,
        category: BaseImage,
        summary: "A base image has no tag, so Docker pulls the moving `latest`",
        lesson: "pinning-tags-and-digests",
        buildkit: None,
        hadolint: Some("DL3006"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for stage in &cx.model.stages {
        let Some(reference) = judged(stage) else {
            continue;
        };
        if reference.tag.is_some() || reference.digest.is_some() {
            continue;
        }
        let range = part_range(cx, stage, &(0..reference.original.len()));
        let name = describe(cx, stage);
        let resolution = cx
            .stages
            .get(stage.index)
            .and_then(|s| s.resolution.as_ref());
        let digest_only = resolution
            .and_then(|r| r.family)
            .and_then(|f| f.anchor)
            .is_some_and(|a| a.version_parts == 0);
        let seen = resolution
            .filter(|r| r.status == Match::Exact)
            .and_then(|r| r.entry);
        let message = match (digest_only, seen) {
            (true, _) => format!(
                "{name} has no tag, so Docker pulls `latest`, which moves; this publisher has no version tags, so pin it by digest"
            ),
            (false, Some(row)) => format!(
                "{name} has no tag, so Docker pulls `latest`, which moves (the catalogue saw it at {} on {}): name the version you tested",
                row.id(),
                row.date
            ),
            (false, None) => format!(
                "{name} has no tag, so Docker pulls `latest`, which moves: name the version you tested"
            ),
        };
        out.push(range, message, None);
    }
}
