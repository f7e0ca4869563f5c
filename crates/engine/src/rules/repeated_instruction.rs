//! `repeated-instruction`: two `CMD`, `ENTRYPOINT` or `HEALTHCHECK` in one
//! stage (BuildKit's `MultipleInstructionsDisallowed`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::rules::{Context, Report};
use crate::syntax::InstructionKind;

crate::declare_rule! {
    /// ## What it does
    /// Flags a `CMD`, `ENTRYPOINT` or `HEALTHCHECK` that a later instruction
    /// of the same kind in the same stage replaces. The earlier one, the one
    /// that has no effect, is underlined. A stage built on another stage may
    /// set its own `CMD` without a warning.
    ///
    /// This is BuildKit's build check `MultipleInstructionsDisallowed`;
    /// `docker build` prints, for example, `Multiple CMD instructions should
    /// not be used in the same stage because only the last one will be used`.
    ///
    /// ## Why it matters
    /// Each of these sets one field of the image configuration, so only the
    /// last one counts. An earlier one is dead code that looks alive: a
    /// reader, or you debugging a container that starts the wrong program,
    /// will believe it runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// CMD ["python", "manage.py", "runserver"]
    /// COPY . /app
    /// CMD ["gunicorn", "app.wsgi"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// COPY . /app
    /// CMD ["gunicorn", "app.wsgi"]
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the earlier instruction. It is safe: the image ends up
    /// with the same configuration, since the later instruction replaced it
    /// anyway.
    ///
    /// ## Learn more
    /// The lesson on auditing and choosing a base image (common mistakes).
    pub static RULE = {
        name: "repeated-instruction",
        code: "FL412",
        severity: Warning,
        category: BuildCheck,
        summary: "A `CMD`, `ENTRYPOINT` or `HEALTHCHECK` replaced later in the stage",
        lesson: "auditing-and-choosing",
        buildkit: Some("MultipleInstructionsDisallowed"),
        hadolint: Some("DL4003"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    const KINDS: [InstructionKind; 3] = [
        InstructionKind::Cmd,
        InstructionKind::Entrypoint,
        InstructionKind::Healthcheck,
    ];
    for stage in &cx.model.stages {
        let mut last: [Option<usize>; 3] = [None; 3];
        for (i, inst) in cx.stage_instructions(stage) {
            let Some(k) = KINDS.iter().position(|k| *k == inst.kind) else {
                continue;
            };
            if let Some(prev) = last[k].and_then(|p| cx.instructions.get(p)) {
                let name = inst.kind.name();
                let line = cx.parse.line_col(inst.keyword.range.start).line;
                out.push(
                    prev.range,
                    format!(
                        "this {name} has no effect: the {name} on line {line} replaces it (only the last one in a stage counts)"
                    ),
                    Some(Fix {
                        title: format!("Delete this {name}"),
                        edits: vec![Edit {
                            range: prev.full_range,
                            replacement: String::new(),
                        }],
                        safety: FixSafety::Safe,
                    }),
                );
            }
            last[k] = Some(i);
        }
    }
}
