//! `unofficial-image`: a base image that no known publisher vouches for.

use crate::catalogue::Publisher;
use crate::rules::base::{describe, judged, name_range};
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `FROM` line, in any stage, whose image is neither a Docker
    /// Official Image (Docker Hub's `library/` namespace: `python`,
    /// `docker.io/library/python`) nor from a publisher the catalogue knows:
    /// vendor registries such as `gcr.io/distroless`, `cgr.dev/chainguard`,
    /// `registry.access.redhat.com` and `mcr.microsoft.com`, and the families
    /// and registries listed in the catalogue. Community images on Docker Hub
    /// (`someuser/python-fast`) and registries fromlab does not know
    /// (`ghcr.io/…`, a private registry) are flagged. `scratch` and earlier
    /// stages are not images to pull. There is no BuildKit or hadolint
    /// equivalent (hadolint's DL3026 checks a list of registries you choose).
    ///
    /// ## Why it matters
    /// Your base is code you did not write, running with everything your
    /// application can touch. Official and vendor images are built in the
    /// open, rebuilt when their distribution ships a security fix, and have a
    /// publisher who answers for them. An image from an unknown account may be
    /// excellent, abandoned years ago, or a trap with a tempting name, and you
    /// usually cannot see how it was built. A build stage matters too: what it
    /// compiles ends up in the image you ship. If the image comes from your own
    /// organisation's registry, say so: put `# fromlab: ignore=unofficial-image`
    /// on the line before the `FROM`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM someuser/python-fast:3.12
    /// ```
    ///
    /// ## Use instead
    /// Build on the official image, or on a vendor's own:
    /// ```dockerfile
    /// FROM python:3.12-slim-trixie
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: another publisher's image is a different image, with
    /// different contents, users and defaults. Compare them, and move on
    /// purpose.
    ///
    /// ## Learn more
    /// The lesson on official images, verified publishers and the supply chain.
    pub static RULE = {
        name: "unofficial-image",
        code: "FL105",
        severity: Warning,
        category: BaseImage,
        summary: "A base image is not an official image or from a publisher the catalogue knows",
        lesson: "official-images-and-supply-chain",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for stage in &cx.model.stages {
        let Some(reference) = judged(stage) else {
            continue;
        };
        if reference.is_official_library() {
            continue;
        }
        let family = cx
            .stages
            .get(stage.index)
            .and_then(|s| s.resolution.as_ref())
            .and_then(|r| r.family);
        if family.is_some_and(|f| f.publisher != Publisher::None) {
            continue;
        }
        let name = reference.familiar_name();
        let path = format!("{name}/");
        if cx
            .catalogue
            .registries
            .iter()
            .any(|r| r.publisher != Publisher::None && path.starts_with(&*r.prefix))
        {
            continue;
        }
        let shown = describe(cx, stage);
        let message = if reference.is_docker_hub() {
            // A community image named like an official one: point at the original.
            let lookalike = cx.catalogue.families.iter().any(|f| {
                f.publisher == Publisher::Official && f.covers(&reference.repository.text)
            });
            if lookalike {
                format!(
                    "{shown} is a community image on Docker Hub, not the Docker Official Image `{}`: no publisher the catalogue knows vouches for it",
                    reference.repository.text
                )
            } else {
                format!(
                    "{shown} is a community image on Docker Hub: not a Docker Official Image, and not from a publisher the catalogue knows"
                )
            }
        } else {
            format!(
                "{shown} comes from {}, which the catalogue does not know as a vendor's registry: check who builds it and how often it is patched",
                reference.registry_normalized
            )
        };
        out.push(name_range(cx, stage, reference), message, None);
    }
}
