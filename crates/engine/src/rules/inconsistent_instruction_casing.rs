//! `inconsistent-instruction-casing`: an instruction keyword whose case
//! differs from the rest of the file (BuildKit's
//! `ConsistentInstructionCasing`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::rules::buildkit::is_verbatim;
use crate::rules::{Context, Report};
use crate::syntax::InstructionKind;

crate::declare_rule! {
    /// ## What it does
    /// Counts the instruction keywords written all in lower case and all in
    /// upper case, and flags every keyword that does not follow the majority
    /// (upper case wins a tie), as well as any keyword in mixed case (`From`,
    /// `Run`). Like BuildKit, it counts from the first `FROM` on: global `ARG`
    /// lines before it do not take part.
    ///
    /// This is BuildKit's build check `ConsistentInstructionCasing`;
    /// `docker build` prints, for example,
    /// `Command 'copy' should match the case of the command majority (uppercase)`.
    ///
    /// ## Why it matters
    /// Docker reads keywords in any case, so this is about the people who read
    /// the file. Upper-case keywords are the convention almost every
    /// Dockerfile follows, and they make the instructions (each one a layer
    /// or a setting of the image) stand out from their arguments.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// copy requirements.txt .
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// COPY requirements.txt .
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the keyword in the majority's case. It is safe:
    /// keywords are read without regard to case.
    ///
    /// ## Learn more
    /// The lesson on auditing and choosing a base image (best practices).
    pub static RULE = {
        name: "inconsistent-instruction-casing",
        code: "FL404",
        severity: Warning,
        category: BuildCheck,
        summary: "An instruction keyword is not in the case of the majority",
        lesson: "auditing-and-choosing",
        buildkit: Some("ConsistentInstructionCasing"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let Some(first) = cx.model.stages.first() else {
        return;
    };
    // BuildKit looks only at the instructions of stages: from the first FROM
    // on, and not at lines it cannot parse.
    let counted: Vec<_> = cx
        .instructions
        .iter()
        .skip(first.from_instruction)
        .filter(|i| i.kind != InstructionKind::Unknown)
        .collect();
    let (mut lower, mut upper) = (0usize, 0usize);
    for inst in &counted {
        let k = inst.keyword.as_str();
        if is_lower(k) {
            lower += 1;
        } else if is_upper(k) {
            upper += 1;
        }
    }
    let majority_lower = lower > upper;
    for inst in counted {
        let k = inst.keyword.as_str();
        if (majority_lower && is_lower(k)) || (!majority_lower && is_upper(k)) {
            continue;
        }
        let wanted = if majority_lower {
            k.to_lowercase()
        } else {
            k.to_uppercase()
        };
        let case = if majority_lower { "lower" } else { "upper" };
        let message = if is_lower(k) || is_upper(k) {
            format!("`{k}` is not in {case} case like most instructions in this file")
        } else {
            format!("`{k}` mixes cases; most instructions in this file are in {case} case")
        };
        let fix = is_verbatim(cx.source(), &inst.keyword).then(|| Fix {
            title: format!("Write `{wanted}`"),
            edits: vec![Edit {
                range: inst.keyword.range,
                replacement: wanted.clone(),
            }],
            safety: FixSafety::Safe,
        });
        out.push(inst.keyword.range, message, fix);
    }
}

/// Whether lower-casing leaves `k` as it is (without building the lower-case
/// copy for the ASCII keywords every instruction has).
fn is_lower(k: &str) -> bool {
    if k.is_ascii() {
        !k.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        k == k.to_lowercase()
    }
}

/// Whether upper-casing leaves `k` as it is.
fn is_upper(k: &str) -> bool {
    if k.is_ascii() {
        !k.bytes().any(|b| b.is_ascii_lowercase())
    } else {
        k == k.to_uppercase()
    }
}
