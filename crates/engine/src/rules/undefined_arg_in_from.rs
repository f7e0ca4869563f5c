//! `undefined-arg-in-from`: a `FROM` line that uses a variable no global
//! `ARG` declares (BuildKit's `UndefinedArgInFrom`).

use crate::expand::{Lex, Vars};
use crate::rules::buildkit::{from_words, reference_range, suggest};
use crate::rules::{Context, Report};
use crate::syntax::{Instruction, Spanned};
use crate::walk::GlobalScope;
use std::collections::BTreeSet;

crate::declare_rule! {
    /// ## What it does
    /// Flags a variable in a `FROM` line (in the image or in `--platform`)
    /// that no `ARG` before the first `FROM` declares and that is not one of
    /// the platform arguments BuildKit always provides (`BUILDPLATFORM`,
    /// `TARGETPLATFORM`, `TARGETOS`, `TARGETARCH` and their kin). A close
    /// match among the declared names is suggested.
    ///
    /// This is BuildKit's build check `UndefinedArgInFrom`; `docker build`
    /// prints, for example,
    /// `FROM argument 'VERSON' is not declared (did you mean VERSION?)`.
    ///
    /// ## Why it matters
    /// A `FROM` line sees only the global `ARG`s, the ones declared before the
    /// first `FROM`. An `ARG` inside a stage, or a typo, leaves the variable
    /// empty, and the line quietly names another image: `python:${PY}-slim`
    /// becomes `python:-slim`, which fails, or `node${SUFFIX}` becomes plain
    /// `node`, the full image you did not pin. What you build on stops being
    /// what you wrote.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG PYTHON_VERSION=3.12
    /// FROM python:${PYTHON_VERSON}-slim-bookworm
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG PYTHON_VERSION=3.12
    /// FROM python:${PYTHON_VERSION}-slim-bookworm
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the suggestion may be right, or the `ARG` may be
    /// missing; only you know which.
    ///
    /// ## Learn more
    /// The lesson on pinning tags and digests.
    pub static RULE = {
        name: "undefined-arg-in-from",
        code: "FL409",
        severity: Warning,
        category: BuildCheck,
        summary: "A `FROM` line uses a variable no global `ARG` declares",
        lesson: "pinning-tags-and-digests",
        buildkit: Some("UndefinedArgInFrom"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let walk = cx.walk();
    let global = &walk.globals;
    let lex = Lex::new(cx.parse.escape());
    let candidates: Vec<&str> = global.declared.iter().map(String::as_str).collect();
    for stage in &cx.model.stages {
        let Some(inst) = cx.instructions.get(stage.from_instruction) else {
            continue;
        };
        // The image word's expansion is shared with the other FROM checks.
        let base = from_words(inst)
            .first()
            .and_then(|w| Some((w, walk.base_word(stage.index)?.unmatched.clone())));
        let platform = inst
            .flag("platform")
            .and_then(|f| f.value.as_ref())
            .and_then(|w| {
                let processed = lex.process(w.as_str(), &Vars(&global.env)).ok()?;
                Some((w, processed.unmatched))
            });
        for (word, unmatched) in base.into_iter().chain(platform) {
            report(cx, out, global, &candidates, inst, word, &unmatched);
        }
    }
}

fn report(
    cx: &Context<'_, '_>,
    out: &mut Report<'_>,
    global: &GlobalScope,
    candidates: &[&str],
    inst: &Instruction<'_>,
    word: &Spanned<'_>,
    unmatched: &BTreeSet<String>,
) {
    for name in unmatched {
        if global.declared.contains(name) {
            continue;
        }
        let hint = match suggest(name, candidates) {
            Some(s) => format!(" (did you mean `{s}`?)"),
            None => String::new(),
        };
        out.push(
            reference_range(inst, word, name, cx.parse.escape()),
            format!(
                "`{name}` is not declared by an `ARG` before the first `FROM`, so it is empty here{hint}"
            ),
            None,
        );
    }
}
