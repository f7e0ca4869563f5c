//! Diagnostics: what the learner sees in the feedback panel and what
//! `fromlab check` prints. Syntax errors and rule findings share this one
//! shape, and a fix is plain data (a title, edits and how safe it is).

use std::cell::RefCell;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::syntax::{Parse, TextRange};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Docker would refuse the file, or the image cannot work.
    Error,
    /// Works, but costs size, security or reproducibility.
    Warning,
    /// Worth knowing; a choice to make deliberately.
    Info,
}

impl Severity {
    /// The lower-case name used in output.
    pub const fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// How safe a fix is to apply without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixSafety {
    /// Keeps the meaning of the Dockerfile; applying it blindly is fine.
    Safe,
    /// Changes behaviour in a way the learner should check.
    Unsafe,
}

/// One replacement in the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// The bytes to replace (empty to insert).
    pub range: TextRange,
    /// The new text.
    pub replacement: String,
}

/// A fix: what to do, as edits to apply together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What applying it does, as an imperative ("Add --no-install-recommends").
    pub title: String,
    /// The edits, non-overlapping.
    pub edits: Vec<Edit>,
    /// Whether it can be applied without review.
    pub safety: FixSafety,
}

impl Fix {
    /// `source` with the edits applied (edits that do not fit are skipped,
    /// so a stale fix can never panic).
    pub fn apply(&self, source: &str) -> String {
        let mut edits: Vec<&Edit> = self.edits.iter().collect();
        edits.sort_by_key(|e| std::cmp::Reverse((e.range.start, e.range.end)));
        let mut out = source.to_string();
        let mut limit = usize::MAX;
        for e in edits {
            let TextRange { start, end } = e.range;
            if start > end
                || end > out.len()
                || end > limit
                || !out.is_char_boundary(start)
                || !out.is_char_boundary(end)
            {
                continue;
            }
            out.replace_range(start..end, &e.replacement);
            limit = start;
        }
        out
    }
}

/// One finding about a Dockerfile.
///
/// It crosses from the analysis worker to the page as JSON. The names (`rule`, `code`,
/// `lesson`) come from the fixed set of rules, syntax error kinds and lessons, so the
/// page interns them on arrival (see [`intern`]) and they stay `&'static str` for every
/// user of the engine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The stable rule name (`latest-tag`) or syntax error kind
    /// (`unknown-instruction`).
    pub rule: &'static str,
    /// The stable code (`S004`, `FL101`).
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The bytes it is about.
    pub range: TextRange,
    /// The lesson that explains the tradeoff, by slug.
    pub lesson: Option<&'static str>,
    /// A fix, when one is safe enough to offer.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// Whether a rule found it (and so has documentation to explain it): rule codes are
    /// `FL` and a number, syntax error codes `S` and a number.
    pub fn is_rule_finding(&self) -> bool {
        self.code.starts_with("FL")
    }
}

thread_local! {
    /// Every name interned so far.
    static NAMES: RefCell<HashSet<&'static str>> = RefCell::new(HashSet::new());
}

/// The `&'static str` equal to `name`, made once per distinct name. Names are rule
/// names, codes and lesson slugs, a set fixed by the engine (a few hundred at most), so
/// the text kept alive is bounded however many diagnostics arrive.
pub fn intern(name: &str) -> &'static str {
    NAMES.with(|names| {
        if let Some(&known) = names.borrow().get(name) {
            return known;
        }
        let kept: &'static str = Box::leak(name.to_owned().into_boxed_str());
        names.borrow_mut().insert(kept);
        kept
    })
}

/// A diagnostic as it arrives, before its names are interned.
#[derive(Deserialize)]
struct Received {
    rule: String,
    code: String,
    severity: Severity,
    message: String,
    range: TextRange,
    lesson: Option<String>,
    fix: Option<Fix>,
}

impl<'de> Deserialize<'de> for Diagnostic {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Diagnostic, D::Error> {
        let d = Received::deserialize(deserializer)?;
        Ok(Diagnostic {
            rule: intern(&d.rule),
            code: intern(&d.code),
            severity: d.severity,
            message: d.message,
            range: d.range,
            lesson: d.lesson.as_deref().map(intern),
            fix: d.fix,
        })
    }
}

/// The syntax errors of a parse, as diagnostics.
pub fn syntax_diagnostics(parse: &Parse) -> Vec<Diagnostic> {
    parse
        .errors()
        .iter()
        .map(|e| Diagnostic {
            rule: e.kind.name(),
            code: e.kind.code(),
            severity: Severity::Error,
            message: e.message.clone(),
            range: e.range,
            lesson: None,
            fix: None,
        })
        .collect()
}

/// Orders diagnostics for display: errors first, then by position.
pub fn sort_for_display(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.severity, a.range.start, a.range.end, a.rule).cmp(&(
            b.severity,
            b.range.start,
            b.range.end,
            b.rule,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_interned_once_and_diagnostics_round_trip() {
        let a = intern(&String::from("latest-tag"));
        let b = intern(&String::from("latest-tag"));
        assert!(std::ptr::eq(a, b));
        let d = Diagnostic {
            rule: "latest-tag",
            code: "FL102",
            severity: Severity::Warning,
            message: "m".into(),
            range: TextRange::new(5, 11),
            lesson: Some("pinning-tags-and-digests"),
            fix: Some(Fix {
                title: "t".into(),
                edits: vec![Edit {
                    range: TextRange::new(5, 11),
                    replacement: "3.12".into(),
                }],
                safety: FixSafety::Unsafe,
            }),
        };
        let back: Diagnostic = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(back, d);
        assert!(back.is_rule_finding());
    }

    #[test]
    fn fixes_apply_back_to_front_and_skip_stale_edits() {
        let fix = Fix {
            title: "t".into(),
            edits: vec![
                Edit {
                    range: TextRange::new(0, 4),
                    replacement: "FROM".into(),
                },
                Edit {
                    range: TextRange::new(5, 11),
                    replacement: "debian:bookworm-slim".into(),
                },
                Edit {
                    range: TextRange::new(90, 99),
                    replacement: "x".into(),
                },
            ],
            safety: FixSafety::Safe,
        };
        assert_eq!(fix.apply("from ubuntu\n"), "FROM debian:bookworm-slim\n");
    }
}
