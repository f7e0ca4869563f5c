//! `duplicate-stage-name`: two stages with the same name (BuildKit's
//! `DuplicateStageName`).

use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags a stage whose `AS` name an earlier stage already uses. Names are
    /// compared in lower case, as BuildKit stores them, so `Build` and
    /// `build` clash.
    ///
    /// This is BuildKit's build check `DuplicateStageName`; `docker build`
    /// prints `Duplicate stage name "build", stage names should be unique`.
    ///
    /// ## Why it matters
    /// A stage name is how later stages and `COPY --from` find what a stage
    /// built. With two stages of one name, BuildKit resolves a `COPY --from`
    /// to the last of them, so a copy meant for the first silently takes
    /// files from the other build, and the final image ships the wrong ones.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS build
    /// RUN go build -o /out/api ./cmd/api
    /// FROM node:22-bookworm-slim AS build
    /// RUN npm ci && npm run build
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=build /out/api /api
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS api
    /// RUN go build -o /out/api ./cmd/api
    /// FROM node:22-bookworm-slim AS web
    /// RUN npm ci && npm run build
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=api /out/api /api
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: only you know which stage each reference means, and
    /// renaming one changes what gets copied.
    ///
    /// ## Learn more
    /// The lesson on the final stage of a multi-stage build.
    pub static RULE = {
        name: "duplicate-stage-name",
        code: "FL405",
        severity: Error,
        category: BuildCheck,
        summary: "Two stages have the same name",
        lesson: "multi-stage-final-image",
        buildkit: Some("DuplicateStageName"),
        hadolint: Some("DL3024"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for (i, stage) in cx.model.stages.iter().enumerate() {
        let (Some(name), Some(range)) = (&stage.name, stage.name_range) else {
            continue;
        };
        let earlier = cx
            .model
            .stages
            .iter()
            .take(i)
            .find(|s| s.name.as_ref() == Some(name));
        if let Some(first) = earlier {
            let line = cx.parse.line_col(first.from_range.start).line;
            out.push(
                range,
                format!(
                    "stage name `{name}` is already used by the stage on line {line}; give each stage its own name"
                ),
                None,
            );
        }
    }
}
