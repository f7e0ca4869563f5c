//! `unpinned-digest`: the base of the image that ships is named by tag only.

use crate::rules::base::{judged, part_range, shipped};
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Notes when the base of the final stage, the one that ships, is named
    /// without a digest (`@sha256:…`). Build stages are not flagged: what they
    /// produce is copied out, and their bases only affect the build. When the
    /// final stage is built `FROM` an earlier stage, the image at the start of
    /// that chain is the one that ships, so that `FROM` line is the one
    /// noted. `scratch` has nothing to pin. There is no BuildKit or hadolint
    /// equivalent.
    ///
    /// ## Why it matters
    /// Even a precise tag such as `python:3.12-slim-trixie` is rebuilt by its
    /// publisher whenever Debian ships a fix, so two builds a week apart start
    /// from different bytes. Usually that is what you want, but it means a
    /// build is not reproducible and a change of base arrives unreviewed. A
    /// digest names one exact image; a bot (Renovate, Dependabot) then
    /// proposes each new digest as a pull request, so updates arrive through
    /// your tests instead of on the day you happen to build. The tradeoff: a
    /// digest freezes the vulnerabilities too, so pin only with a way to move
    /// the pin. For images published only under moving tags (distroless,
    /// Chainguard's free tier) the digest is the only pin there is.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim-trixie
    /// COPY app.py /app/
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// ## Use instead
    /// Keep the tag for readers and update tools, and add the digest you
    /// looked up (`docker buildx imagetools inspect python:3.12-slim-trixie`):
    /// ```dockerfile
    /// FROM python:3.12-slim-trixie@sha256:3c8f1d52a7e94b06c1f2d8a9e3b7c4d5a6f0e1b2c3d4e5f60718293a4b5c6d7e
    /// COPY app.py /app/
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the digest has to be looked up in the registry, and
    /// fromlab never makes a request. (The digest above is a placeholder.)
    ///
    /// ## Learn more
    /// The lesson on pinning tags and digests.
    pub static RULE = {
        name: "unpinned-digest",
        code: "FL104",
        severity: Info,
        category: BaseImage,
        summary: "The base of the final stage is named by tag only, with no digest",
        lesson: "pinning-tags-and-digests",
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
    if reference.digest.is_some() {
        return;
    }
    let digest_only = shipped
        .resolution()
        .and_then(|r| r.family)
        .and_then(|f| f.anchor)
        .is_some_and(|a| a.version_parts == 0);
    let name = shipped.describe(cx);
    let message = if digest_only {
        format!(
            "The final image builds on {name}, named by tag only, and its publisher has no version tags: a digest (`@sha256:…`) is the only way to pin it"
        )
    } else {
        format!(
            "The final image builds on {name}, named by tag only: add its digest (`@sha256:…`) so every build starts from the same bytes"
        )
    };
    let range = part_range(cx, shipped.root, &(0..reference.original.len()));
    out.push(range, message, None);
}
