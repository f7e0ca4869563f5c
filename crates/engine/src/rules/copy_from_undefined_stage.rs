//! `copy-from-undefined-stage`: `COPY --from=name` where no stage has that
//! name (BuildKit pulls an image called `name` instead), or names a stage
//! that comes later.

use crate::catalogue::Match;
use crate::diagnostic::Severity;
use crate::image_ref::ImageRef;
use crate::rules::buildkit::{FromTarget, from_sources, from_target, suggest};
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Looks at every `COPY --from=` (and `RUN --mount=...,from=`) and flags:
    /// - a name that looks like a stage name (one word, no `/`, `:`, `.` or
    ///   `@`, not an image fromlab's catalogue knows) when no stage has it;
    ///   a close stage name is suggested;
    /// - a stage that is defined only later in the file, or a stage number
    ///   that does not exist: BuildKit stops the build with an error (this
    ///   case is reported as an error).
    ///
    /// BuildKit has no build check for the first case: it takes the name for
    /// an image and tries to pull it, which fails with `pull access denied`
    /// or, worse, succeeds with someone else's image of that name.
    ///
    /// ## Why it matters
    /// `COPY --from` is how a multi-stage build moves only what it needs into
    /// the small final image. A typo in the stage name turns that copy into a
    /// download from Docker Hub: at best the build fails with a message about
    /// an image you never meant to use, at worst a public image called
    /// `buidler` supplies files to your production image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS builder
    /// RUN CGO_ENABLED=0 go build -o /out/app .
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=buidler /out/app /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS builder
    /// RUN CGO_ENABLED=0 go build -o /out/app .
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=builder /out/app /app
    /// ```
    /// To copy from an image on purpose, name it with its tag:
    /// `COPY --from=nginx:1.27-alpine /etc/nginx/nginx.conf /etc/nginx/`.
    ///
    /// ## Fix safety
    /// No automatic fix: the suggestion is only a guess at the stage you
    /// meant.
    ///
    /// ## Learn more
    /// The lesson on the final stage of a multi-stage build.
    pub static RULE = {
        name: "copy-from-undefined-stage",
        code: "FL420",
        severity: Warning,
        category: BuildCheck,
        summary: "`COPY --from` names no stage defined before it",
        lesson: "multi-stage-final-image",
        buildkit: None,
        hadolint: Some("DL3022"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let names: Vec<&str> = cx
        .model
        .stages
        .iter()
        .filter_map(|s| s.name.as_deref())
        .collect();
    for source in from_sources(cx) {
        let value = source.value.as_str();
        let shown = &source.shown;
        match from_target(cx, value) {
            FromTarget::Stage(index) if index > source.stage => out.push_with(
                Severity::Error,
                source.range,
                format!(
                    "`{shown}` names a stage that is defined later: BuildKit can only copy from stages above this one"
                ),
                None,
            ),
            FromTarget::Stage(_) => {}
            FromTarget::NoSuchIndex => out.push_with(
                Severity::Error,
                source.range,
                format!(
                    "`{shown}`: there is no stage {value} (stages are numbered from 0, and this file has {})",
                    cx.model.stages.len()
                ),
                None,
            ),
            FromTarget::NotAStage => {
                if !looks_like_stage_name(cx, value) {
                    continue;
                }
                let hint = match suggest(&value.to_lowercase(), &names) {
                    Some(s) => format!(" (did you mean `{s}`?)"),
                    None => String::new(),
                };
                out.push(
                    source.range,
                    format!(
                        "no stage is named `{value}`, so BuildKit will try to pull an image called `{value}` from Docker Hub{hint}"
                    ),
                    None,
                );
            }
        }
    }
}

/// A single word that is neither `scratch` nor an image the catalogue knows.
fn looks_like_stage_name(cx: &Context<'_, '_>, value: &str) -> bool {
    if value.is_empty()
        || value.contains(['/', ':', '.', '@', '$'])
        || value.eq_ignore_ascii_case("scratch")
    {
        return false;
    }
    match ImageRef::parse(value) {
        Ok(reference) => cx.catalogue.resolve(&reference).status == Match::Unknown,
        Err(_) => true,
    }
}
