//! `maintainer-instruction`: the deprecated `MAINTAINER` instruction
//! (BuildKit's `MaintainerDeprecated`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::expand::{Lex, NoEnv};
use crate::rules::{Context, Report};
use crate::syntax::{Args, InstructionKind, TextRange};

/// The label the OCI image specification defines for the image's authors.
const AUTHORS_LABEL: &str = "org.opencontainers.image.authors";

crate::declare_rule! {
    /// ## What it does
    /// Flags every `MAINTAINER` instruction.
    ///
    /// This is BuildKit's build check `MaintainerDeprecated`; `docker build`
    /// prints `Maintainer instruction is deprecated in favor of using label`.
    ///
    /// ## Why it matters
    /// Knowing who publishes an image, and how to reach them, is part of its
    /// provenance: the first thing to check when you decide whether to trust
    /// a base image. `MAINTAINER` wrote that into an image field that
    /// registries, scanners and `docker inspect` users have stopped looking
    /// at; the OCI label `org.opencontainers.image.authors` is where tools
    /// read it today, next to the other `org.opencontainers.image.*` labels
    /// (source, version, licences).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// MAINTAINER Ada Lovelace <ada@example.org>
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// LABEL org.opencontainers.image.authors="Ada Lovelace <ada@example.org>"
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the instruction with that label, quoting the text so
    /// it reads exactly as before. It is marked unsafe because the image
    /// changes slightly: the old `Author` field of the image configuration
    /// is no longer set, and a tool that still reads that field finds it
    /// empty.
    ///
    /// ## Learn more
    /// The lesson on official images and the supply chain.
    pub static RULE = {
        name: "maintainer-instruction",
        code: "FL408",
        severity: Warning,
        category: BuildCheck,
        summary: "The deprecated `MAINTAINER` instruction",
        lesson: "official-images-and-supply-chain",
        buildkit: Some("MaintainerDeprecated"),
        hadolint: Some("DL4000"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let escape = cx.parse.escape();
    for inst in &cx.instructions {
        if inst.kind != InstructionKind::Maintainer {
            continue;
        }
        let fix = match &inst.args {
            Args::Text(text) => label_for(text.as_str(), escape).map(|label| Fix {
                title: format!("Use `LABEL {AUTHORS_LABEL}`"),
                edits: vec![Edit {
                    range: TextRange::new(inst.keyword.range.start, inst.range.end),
                    replacement: label,
                }],
                safety: FixSafety::Unsafe,
            }),
            _ => None,
        };
        out.push(
            inst.keyword.range,
            format!("`MAINTAINER` is deprecated: record the author in the `{AUTHORS_LABEL}` label"),
            fix,
        );
    }
}

/// The `LABEL` instruction holding `author`, or `None` when the quoted text
/// would not read back as exactly `author`.
fn label_for(author: &str, escape: char) -> Option<String> {
    let mut quoted = String::with_capacity(author.len() + 2);
    quoted.push('"');
    for c in author.chars() {
        if c == '"' || c == '$' || c == escape {
            quoted.push(escape);
        }
        quoted.push(c);
    }
    quoted.push('"');
    let reads = Lex::new(escape).process_word(&quoted, &NoEnv).ok()?;
    (reads == author && !author.contains(['\n', '\r']))
        .then(|| format!("LABEL {AUTHORS_LABEL}={quoted}"))
}

#[cfg(test)]
mod tests {
    use super::label_for;

    #[test]
    fn the_label_reads_back_as_the_author() {
        assert_eq!(
            label_for("Ada <ada@example.org>", '\\').as_deref(),
            Some(r#"LABEL org.opencontainers.image.authors="Ada <ada@example.org>""#)
        );
        assert_eq!(
            label_for(r#"say "hi" $HOME \o/"#, '\\').as_deref(),
            Some(r#"LABEL org.opencontainers.image.authors="say \"hi\" \$HOME \\o/""#)
        );
        assert_eq!(
            label_for("a`b", '`').as_deref(),
            Some("LABEL org.opencontainers.image.authors=\"a``b\"")
        );
    }
}
