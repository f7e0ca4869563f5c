//! `stage-name-casing`: a stage named with capital letters (BuildKit's
//! `StageNameCasing`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::rules::buildkit::{is_verbatim, stage_name_words};
use crate::rules::{Context, Report};
use crate::syntax::InstructionKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags a stage name with upper-case letters: `FROM golang:1.23 AS Builder`.
    ///
    /// This is BuildKit's build check `StageNameCasing`; `docker build`
    /// prints `Stage name 'Builder' should be lowercase`.
    ///
    /// ## Why it matters
    /// BuildKit lower-cases every stage name before it uses it, and matches
    /// `COPY --from=` references without regard to case. A name that looks
    /// case-sensitive but is not invites confusion: `Builder` and `builder`
    /// are the same stage, and a second stage named `BUILDER` would silently
    /// clash with the first. Lower-case names say what BuildKit actually does,
    /// which matters most in the multi-stage builds that keep the final image
    /// small.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS Builder
    /// RUN go build -o /out/app .
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=Builder /out/app /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS builder
    /// RUN go build -o /out/app .
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=builder /out/app /app
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the name in lower case, and with it every `COPY --from`
    /// that names the stage. It is safe: BuildKit already treats the names
    /// as lower case, so the build does exactly the same.
    ///
    /// ## Learn more
    /// The lesson on the final stage of a multi-stage build.
    pub static RULE = {
        name: "stage-name-casing",
        code: "FL401",
        severity: Warning,
        category: BuildCheck,
        summary: "A stage name has upper-case letters",
        lesson: "multi-stage-final-image",
        buildkit: Some("StageNameCasing"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let source = cx.source();
    for stage in &cx.model.stages {
        let Some(inst) = cx.instructions.get(stage.from_instruction) else {
            continue;
        };
        let Some((_, name)) = stage_name_words(inst) else {
            continue;
        };
        let written = name.as_str();
        let lower = written.to_lowercase();
        if lower == written {
            continue;
        }
        let fix = is_verbatim(source, name).then(|| {
            let mut edits = vec![Edit {
                range: name.range,
                replacement: lower.clone(),
            }];
            // References are matched without regard to case, so rewriting
            // them keeps them pointing at the same stage.
            for other in &cx.instructions {
                if other.kind != InstructionKind::Copy {
                    continue;
                }
                if let Some(value) = other.flag("from").and_then(|f| f.value.as_ref())
                    && value.as_str() != lower
                    && value.as_str().to_lowercase() == lower
                    && is_verbatim(source, value)
                {
                    edits.push(Edit {
                        range: value.range,
                        replacement: lower.clone(),
                    });
                }
            }
            Fix {
                title: format!("Rename the stage `{lower}`"),
                edits,
                safety: FixSafety::Safe,
            }
        });
        out.push(
            name.range,
            format!(
                "stage name `{written}` has upper-case letters; BuildKit treats it as `{lower}`"
            ),
            fix,
        );
    }
}
