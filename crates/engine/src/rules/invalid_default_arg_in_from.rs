//! `invalid-default-arg-in-from`: a `FROM` line that is not a valid image
//! name with the `ARG` defaults (BuildKit's `InvalidDefaultArgInFrom`).

use crate::image_ref::ImageRef;
use crate::rules::buildkit::from_words;
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Expands each `FROM` image with the defaults of the global `ARG`s, as a
    /// build with no `--build-arg` would, and flags the line when the result
    /// is empty or not a valid image name: `ARG VERSION` with no default
    /// makes `FROM alpine:$VERSION` read `alpine:`.
    ///
    /// This is BuildKit's build check `InvalidDefaultArgInFrom`;
    /// `docker build` prints, for example,
    /// `Default value for ARG alpine:$VERSION results in empty or invalid base image name`.
    ///
    /// ## Why it matters
    /// A Dockerfile that only builds when someone remembers the right
    /// `--build-arg` is fragile: a new colleague, a CI job or a rebuild a year
    /// later gets an error instead of an image. A default that names a real,
    /// pinned tag documents what the image is normally built on, and still
    /// lets you override it.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG ALPINE_VERSION
    /// FROM alpine:${ALPINE_VERSION}
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG ALPINE_VERSION=3.21
    /// FROM alpine:${ALPINE_VERSION}
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the right default is the version you tested.
    ///
    /// ## Learn more
    /// The lesson on pinning tags and digests.
    pub static RULE = {
        name: "invalid-default-arg-in-from",
        code: "FL416",
        severity: Warning,
        category: BuildCheck,
        summary: "A `FROM` image is empty or invalid with the `ARG` defaults",
        lesson: "pinning-tags-and-digests",
        buildkit: Some("InvalidDefaultArgInFrom"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let walk = cx.walk();
    for stage in &cx.model.stages {
        let Some(inst) = cx.instructions.get(stage.from_instruction) else {
            continue;
        };
        let Some(base) = from_words(inst).first() else {
            continue;
        };
        let written = base.as_str();
        // BuildKit gives up on the whole check at an expansion error: the
        // build fails there with its own message.
        let Some(processed) = walk.base_word(stage.index) else {
            return;
        };
        let result = &processed.result;
        let Err(error) = ImageRef::parse(result) else {
            continue;
        };
        let substituted = !processed.matched.is_empty() || !processed.unmatched.is_empty();
        let message = if !substituted {
            format!("`{written}` is not a valid image name: {}", error.message)
        } else if result.is_empty() {
            format!(
                "with the `ARG` defaults, `{written}` is empty: give the `ARG` a default that names an image"
            )
        } else {
            format!(
                "with the `ARG` defaults, `{written}` reads `{result}`, which is not a valid image name: {}",
                error.message
            )
        };
        out.push(base.range, message, None);
    }
}
