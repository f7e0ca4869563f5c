//! `redundant-target-platform`: `FROM --platform=$TARGETPLATFORM`, which
//! is what `FROM` does anyway (BuildKit's `RedundantTargetPlatform`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::expand::{Lex, Vars};
use crate::rules::{Context, Report};
use crate::syntax::TextRange;

crate::declare_rule! {
    /// ## What it does
    /// Flags `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`): a
    /// platform flag whose only variable is `TARGETPLATFORM` and whose value
    /// is exactly the target platform.
    ///
    /// This is BuildKit's build check `RedundantTargetPlatform`;
    /// `docker build` prints `Setting platform to predefined $TARGETPLATFORM
    /// in FROM is redundant as this is the default behavior`.
    ///
    /// ## Why it matters
    /// Every stage is built for the target platform unless told otherwise, so
    /// the flag adds nothing but noise, and it hides the one flag that does
    /// matter in cross-platform builds: `--platform=$BUILDPLATFORM` on the
    /// stage that compiles, so the compiler runs natively and only the final
    /// stage is built for the target.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM alpine:3.21
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.21
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the flag. It is safe: BuildKit builds the stage for
    /// the target platform either way.
    ///
    /// ## Learn more
    /// The lesson on the final stage of a multi-stage build.
    pub static RULE = {
        name: "redundant-target-platform",
        code: "FL414",
        severity: Info,
        category: BuildCheck,
        summary: "`FROM --platform=$TARGETPLATFORM` repeats the default",
        lesson: "multi-stage-final-image",
        buildkit: Some("RedundantTargetPlatform"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let global = &cx.walk().globals;
    let lex = Lex::new(cx.parse.escape());
    let source = cx.source();
    for stage in &cx.model.stages {
        let Some(inst) = cx.instructions.get(stage.from_instruction) else {
            continue;
        };
        let Some(flag) = inst.flag("platform") else {
            continue;
        };
        let Some(value) = &flag.value else { continue };
        if value.as_str().is_empty() {
            continue;
        }
        let Ok(p) = lex.process(value.as_str(), &Vars(&global.env)) else {
            continue;
        };
        let only_target =
            p.unmatched.is_empty() && p.matched.len() == 1 && p.matched.contains("TARGETPLATFORM");
        if !only_target || Some(p.result.as_str()) != global.get("TARGETPLATFORM") {
            continue;
        }
        // Delete the flag and the blanks after it, so the FROM line reads as
        // if it had never been there.
        let bytes = source.as_bytes();
        let mut end = flag.range.end;
        while matches!(bytes.get(end), Some(b' ' | b'\t')) {
            end += 1;
        }
        out.push(
            flag.range,
            format!(
                "`--platform={}` repeats the default: every stage is built for the target platform",
                value.as_str()
            ),
            Some(Fix {
                title: "Remove the `--platform` flag".to_string(),
                edits: vec![Edit {
                    range: TextRange::new(flag.range.start, end),
                    replacement: String::new(),
                }],
                safety: FixSafety::Safe,
            }),
        );
    }
}
