//! `reserved-stage-name`: a stage named `scratch` or `context` (BuildKit's
//! `ReservedStageName`).

use crate::rules::{Context, Report};

/// Names BuildKit keeps for itself.
const RESERVED: [&str; 2] = ["context", "scratch"];

crate::declare_rule! {
    /// ## What it does
    /// Flags a stage named `scratch` or `context` (in any case).
    ///
    /// This is BuildKit's build check `ReservedStageName`; `docker build`
    /// prints `Stage name should not use the same name as reserved stage "scratch"`.
    ///
    /// ## Why it matters
    /// Both words already mean something to BuildKit: `scratch` is the empty
    /// base image and `context` is the build context. A stage with one of
    /// these names makes `FROM scratch` or a named build context ambiguous,
    /// so a later stage meant to start empty, or a copy meant to come from
    /// your files, may get your stage instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS scratch
    /// RUN CGO_ENABLED=0 go build -o /out/app .
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS build
    /// RUN CGO_ENABLED=0 go build -o /out/app .
    /// FROM scratch
    /// COPY --from=build /out/app /app
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: a new name has to be chosen, and every reference to
    /// the stage renamed with it.
    ///
    /// ## Learn more
    /// The lesson on the final stage of a multi-stage build.
    pub static RULE = {
        name: "reserved-stage-name",
        code: "FL406",
        severity: Error,
        category: BuildCheck,
        summary: "A stage is named `scratch` or `context`",
        lesson: "multi-stage-final-image",
        buildkit: Some("ReservedStageName"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for stage in &cx.model.stages {
        let (Some(name), Some(range)) = (&stage.name, stage.name_range) else {
            continue;
        };
        if RESERVED.contains(&name.as_str()) {
            let meaning = if name == "scratch" {
                "the empty base image"
            } else {
                "the build context"
            };
            out.push(
                range,
                format!("`{name}` is reserved: BuildKit uses it for {meaning}; name the stage something else"),
                None,
            );
        }
    }
}
