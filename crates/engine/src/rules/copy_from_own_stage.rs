//! `copy-from-own-stage`: `COPY --from=` naming the stage it is in, a
//! circular dependency BuildKit refuses.

use crate::rules::buildkit::{FromTarget, from_sources, from_target};
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `COPY --from=` (or `RUN --mount=...,from=`) that names the
    /// stage it is in, by name or by number.
    ///
    /// BuildKit has no build check for this: it stops the build with
    /// `circular dependency detected on stage: build`.
    ///
    /// ## Why it matters
    /// A stage cannot copy from itself: its files do not exist until it has
    /// finished. The usual cause is a copy that belongs in the next stage (the
    /// small final image) pasted above its `FROM` line, or two stages that
    /// were renamed and now share a name.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS build
    /// RUN CGO_ENABLED=0 go build -o /out/app .
    /// COPY --from=build /out/app /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS build
    /// RUN CGO_ENABLED=0 go build -o /out/app .
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=build /out/app /app
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the copy usually belongs in another stage, and only
    /// you know which.
    ///
    /// ## Learn more
    /// The lesson on the final stage of a multi-stage build.
    pub static RULE = {
        name: "copy-from-own-stage",
        code: "FL421",
        severity: Error,
        category: BuildCheck,
        summary: "`COPY --from` names the stage it is in",
        lesson: "multi-stage-final-image",
        buildkit: None,
        hadolint: Some("DL3023"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for source in from_sources(cx) {
        if let FromTarget::Stage(index) = from_target(cx, &source.value)
            && index == source.stage
        {
            let stage = match cx.model.stages.get(index).and_then(|s| s.name.as_deref()) {
                Some(name) => format!("`{name}`"),
                None => format!("stage {index}"),
            };
            out.push(
                source.range,
                format!(
                    "`{}` copies from {stage}, the stage it is in: BuildKit stops with a circular dependency",
                    source.shown
                ),
                None,
            );
        }
    }
}
