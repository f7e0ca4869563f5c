//! `from-as-casing`: `AS` written in a different case from `FROM`
//! (BuildKit's `FromAsCasing`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::rules::buildkit::stage_name_words;
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `FROM` line whose `AS` keyword is not in the same case as
    /// `FROM`: `FROM node:22-slim as build` or `from node:22-slim AS build`.
    /// A `FROM` keyword in mixed case (`From`) is left to
    /// `inconsistent-instruction-casing`.
    ///
    /// This is BuildKit's build check `FromAsCasing`; `docker build` prints
    /// `'as' and 'FROM' keywords' casing do not match`.
    ///
    /// ## Why it matters
    /// It is purely a matter of reading: Docker accepts either case. But a
    /// Dockerfile is read far more often than it is written, and the stage
    /// names on `FROM` lines are the map of a multi-stage build; a uniform
    /// style makes them easy to scan, and keeps `docker build --check` quiet
    /// so the warnings that matter stand out.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-bookworm-slim as build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-bookworm-slim AS build
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites `as` in the case of `FROM`. It is safe: the keyword is
    /// read without regard to case.
    ///
    /// ## Learn more
    /// The lesson on the final stage of a multi-stage build.
    pub static RULE = {
        name: "from-as-casing",
        code: "FL402",
        severity: Warning,
        category: BuildCheck,
        summary: "`AS` is not in the same case as `FROM`",
        lesson: "multi-stage-final-image",
        buildkit: Some("FromAsCasing"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for stage in &cx.model.stages {
        let Some(inst) = cx.instructions.get(stage.from_instruction) else {
            continue;
        };
        let Some((as_kw, _)) = stage_name_words(inst) else {
            continue;
        };
        let from = inst.keyword.as_str();
        let written = as_kw.as_str();
        let wanted = if from == from.to_lowercase() {
            written.to_lowercase()
        } else if from == from.to_uppercase() {
            written.to_uppercase()
        } else {
            // A mixed-case FROM is the casing rule's business.
            continue;
        };
        if wanted == written {
            continue;
        }
        out.push(
            as_kw.range,
            format!("`{written}` is not in the same case as `{from}`: write `{wanted}`"),
            Some(Fix {
                title: format!("Write `{wanted}`"),
                edits: vec![Edit {
                    range: as_kw.range,
                    replacement: wanted.clone(),
                }],
                safety: FixSafety::Safe,
            }),
        );
    }
}
