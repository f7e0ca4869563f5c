//! `empty-continuation`: a blank line inside an instruction continued with
//! `\` (BuildKit's `NoEmptyContinuation`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::rules::{Context, Report};
use crate::syntax::{PieceKind, TextRange};

crate::declare_rule! {
    /// ## What it does
    /// Flags an instruction continued over several lines with a blank line in
    /// the middle:
    ///
    /// ```text
    /// RUN apt-get update && \
    ///
    ///     apt-get install -y --no-install-recommends curl
    /// ```
    ///
    /// The continuation character before the first blank line is underlined.
    ///
    /// This is BuildKit's build check `NoEmptyContinuation`; `docker build`
    /// prints `Empty continuation line`.
    ///
    /// ## Why it matters
    /// Today Docker skips the blank line and joins the rest, so the build
    /// works; BuildKit warns that this will become an error in a future
    /// release. A blank line also reads as the end of the instruction,
    /// so someone editing the file later may take the next line for a new
    /// instruction (or delete the `\` and break the build).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && \
    ///
    ///     apt-get install -y --no-install-recommends curl && \
    ///     rm -rf /var/lib/apt/lists/*
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM debian:bookworm-slim
    /// RUN apt-get update && \
    ///     apt-get install -y --no-install-recommends curl && \
    ///     rm -rf /var/lib/apt/lists/*
    /// ```
    /// A comment line inside a continuation is fine: `#` lines are skipped
    /// without a warning.
    ///
    /// ## Fix safety
    /// The fix deletes the blank lines. It is safe: Docker skips them already,
    /// so the instruction it reads does not change.
    ///
    /// ## Learn more
    /// The lesson on auditing and choosing a base image (best practices).
    pub static RULE = {
        name: "empty-continuation",
        code: "FL403",
        severity: Warning,
        category: BuildCheck,
        summary: "A blank line inside a continued instruction",
        lesson: "auditing-and-choosing",
        buildkit: Some("NoEmptyContinuation"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let source = cx.source();
    let pieces = cx.parse.all_pieces();
    for inst in &cx.instructions {
        let Some(first) = inst.empty_continuation_lines().first() else {
            continue;
        };
        // Underline the continuation character that runs into the blank line.
        let own = pieces
            .get(inst.pieces.start as usize..inst.pieces.end as usize)
            .unwrap_or(&[]);
        let range = own
            .iter()
            .rev()
            .find(|p| p.kind == PieceKind::Continuation && p.range.end <= first.start)
            .map_or(inst.keyword.range, |p| p.range);
        let edits = inst
            .empty_continuation_lines()
            .iter()
            .map(|line| Edit {
                range: TextRange::new(line.start, line_end(source, line.end)),
                replacement: String::new(),
            })
            .collect();
        let count = inst.empty_continuation_lines().len();
        out.push(
            range,
            if count == 1 {
                format!(
                    "this {} continues onto a blank line; Docker skips it today but plans to reject it",
                    inst.keyword.as_str().to_uppercase()
                )
            } else {
                format!(
                    "this {} continues onto {count} blank lines; Docker skips them today but plans to reject them",
                    inst.keyword.as_str().to_uppercase()
                )
            },
            Some(Fix {
                title: if count == 1 {
                    "Delete the blank line".to_string()
                } else {
                    "Delete the blank lines".to_string()
                },
                edits,
                safety: FixSafety::Safe,
            }),
        );
    }
}

/// The offset just after the line ending that starts at `at`.
fn line_end(source: &str, at: usize) -> usize {
    let bytes = source.as_bytes();
    let mut end = at;
    while bytes.get(end) == Some(&b'\r') {
        end += 1;
    }
    if bytes.get(end) == Some(&b'\n') {
        end += 1;
    }
    end
}
