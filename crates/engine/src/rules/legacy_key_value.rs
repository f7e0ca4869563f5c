//! `legacy-key-value`: `ENV key value` or `LABEL key value` without `=`
//! (BuildKit's `LegacyKeyValueFormat`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::expand::{Env, Lex, NoEnv};
use crate::rules::buildkit::is_verbatim;
use crate::rules::{Context, Report};
use crate::syntax::{Args, InstructionKind, TextRange};

crate::declare_rule! {
    /// ## What it does
    /// Flags `ENV` and `LABEL` written in the old form with a space between
    /// the key and the value (`ENV LANG C.UTF-8`) instead of `key=value`.
    ///
    /// This is BuildKit's build check `LegacyKeyValueFormat`; `docker build`
    /// prints `"ENV key=value" should be used instead of legacy "ENV key value" format`.
    ///
    /// ## Why it matters
    /// The old form sets exactly one variable, and everything after the first
    /// space is its value, spaces and all: `ENV PATH /app/bin PYTHONUNBUFFERED 1`
    /// sets a single, broken `PATH`. The `key=value` form reads the same way
    /// every time and sets several variables in one instruction; the
    /// Dockerfile reference keeps the old form only for backward
    /// compatibility and discourages it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// ENV PYTHONUNBUFFERED 1
    /// LABEL org.opencontainers.image.title "Inventory API"
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// ENV PYTHONUNBUFFERED=1
    /// LABEL org.opencontainers.image.title="Inventory API"
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `key=value`, putting the value in double quotes when it
    /// holds spaces. It is safe when the value needs nothing else: no quotes
    /// or escapes of its own. Otherwise the fix rewrites the quoting so the
    /// value stays the same, and is marked unsafe so you read it first.
    ///
    /// ## Learn more
    /// The lesson on auditing and choosing a base image (best practices).
    pub static RULE = {
        name: "legacy-key-value",
        code: "FL413",
        severity: Warning,
        category: BuildCheck,
        summary: "`ENV` or `LABEL` in the legacy `key value` form",
        lesson: "auditing-and-choosing",
        buildkit: Some("LegacyKeyValueFormat"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let escape = cx.parse.escape();
    for stage in &cx.model.stages {
        for (_, inst) in cx.stage_instructions(stage) {
            if !matches!(inst.kind, InstructionKind::Env | InstructionKind::Label) {
                continue;
            }
            let Args::KeyValues {
                pairs,
                legacy: true,
            } = &inst.args
            else {
                continue;
            };
            let Some(pair) = pairs.first() else { continue };
            let value = pair.value.as_str();
            if value.is_empty() {
                // `ENV key` alone is a syntax error, reported as such.
                continue;
            }
            let keyword = inst.kind.name();
            let key = pair.key.as_str();
            let fix = if is_verbatim(cx.source(), &pair.key) {
                rewrite(value, escape).map(|rewrite| {
                    let safety = if matches!(rewrite, Rewrite::Requoted(_)) {
                        FixSafety::Unsafe
                    } else {
                        FixSafety::Safe
                    };
                    let gap = TextRange::new(pair.key.range.end, pair.value.range.start);
                    let (title, edits) = match rewrite {
                        // Keep the value where it is (continuation lines and
                        // all): only the gap after the key and, when quoting,
                        // the end of the value change.
                        Rewrite::Joined => (
                            format!("Write `{keyword} {key}={value}`"),
                            vec![Edit {
                                range: gap,
                                replacement: "=".to_string(),
                            }],
                        ),
                        Rewrite::Quoted => (
                            format!("Write `{keyword} {key}=\"...\"`"),
                            vec![
                                Edit {
                                    range: gap,
                                    replacement: "=\"".to_string(),
                                },
                                Edit {
                                    range: TextRange::empty(pair.value.range.end),
                                    replacement: "\"".to_string(),
                                },
                            ],
                        ),
                        Rewrite::Requoted(quoted) => (
                            format!("Write `{keyword} {key}={quoted}`"),
                            vec![Edit {
                                range: TextRange::new(pair.key.range.start, pair.value.range.end),
                                replacement: format!("{key}={quoted}"),
                            }],
                        ),
                    };
                    Fix {
                        title,
                        edits,
                        safety,
                    }
                })
            } else {
                None
            };
            out.push(
                pair.range(),
                format!("`{keyword} {key} ...` is the legacy form: write `{keyword} {key}=...`"),
                fix,
            );
        }
    }
}

/// How a legacy value becomes the value of a `key=value` word.
#[derive(Debug, PartialEq, Eq)]
enum Rewrite {
    /// The value is one word already: `key=value` reads it the same way.
    Joined,
    /// Spaces but no quotes or escapes: wrapping it in `"` is enough.
    Quoted,
    /// Quotes or escapes of its own: rewritten as this double-quoted string,
    /// checked to read the same.
    Requoted(String),
}

/// How to rewrite `value`; `None` when no quoting is found that reads the
/// same.
fn rewrite(value: &str, escape: char) -> Option<Rewrite> {
    if !has_unquoted_space(value, escape) {
        return Some(Rewrite::Joined);
    }
    if !value.contains(['"', '\'', escape]) {
        return Some(Rewrite::Quoted);
    }
    let quoted = requote(value, escape)?;
    reads_the_same(value, &quoted, escape).then_some(Rewrite::Requoted(quoted))
}

/// Whether `value` has whitespace outside quotes (where a `key=value` word
/// would end).
fn has_unquoted_space(value: &str, escape: char) -> bool {
    let mut quote: Option<char> = None;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some('\'') if c == '\'' => quote = None,
            Some('\'') => {}
            Some(_) if c == escape => {
                chars.next();
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == escape => {
                chars.next();
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c.is_whitespace() => return true,
            None => {}
        }
    }
    false
}

/// The value as one double-quoted string: literal characters escaped where
/// double quotes need it, variable references kept as written.
fn requote(value: &str, escape: char) -> Option<String> {
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::from("\"");
    let literal = |out: &mut String, c: char| {
        if c == '"' || c == '$' || c == escape {
            out.push(escape);
        }
        out.push(c);
    };
    let mut i = 0;
    let mut in_double = false;
    while let Some(&c) = chars.get(i) {
        if c == '$' {
            let end = reference_end(&chars, i)?;
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        if in_double {
            if c == '"' {
                in_double = false;
            } else if c == escape {
                match chars.get(i + 1) {
                    Some(&n) if n == '"' || n == '$' || n == escape => {
                        literal(&mut out, n);
                        i += 1;
                    }
                    _ => literal(&mut out, c),
                }
            } else {
                literal(&mut out, c);
            }
            i += 1;
            continue;
        }
        match c {
            '"' => in_double = true,
            '\'' => {
                let close = chars[i + 1..].iter().position(|&q| q == '\'')? + i + 1;
                for &q in &chars[i + 1..close] {
                    literal(&mut out, q);
                }
                i = close;
            }
            _ if c == escape => {
                literal(&mut out, *chars.get(i + 1)?);
                i += 1;
            }
            _ => literal(&mut out, c),
        }
        i += 1;
    }
    if in_double {
        return None;
    }
    out.push('"');
    Some(out)
}

/// The end of the variable reference starting with the `$` at `start`.
fn reference_end(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start + 1;
    if chars.get(i) == Some(&'{') {
        let mut depth = 0usize;
        while let Some(&c) = chars.get(i) {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        return None;
    }
    while chars
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
    {
        i += 1;
    }
    Some(i)
}

/// Whether both spellings read the same, with every variable they use unset
/// and with each set to a value of its own.
fn reads_the_same(a: &str, b: &str, escape: char) -> bool {
    let lex = Lex::new(escape);
    let (Ok(pa), Ok(pb)) = (lex.process(a, &NoEnv), lex.process(b, &NoEnv)) else {
        return false;
    };
    if pa.result != pb.result {
        return false;
    }
    let probe: Vec<(String, String)> = pa
        .unmatched
        .iter()
        .map(|n| (n.clone(), format!("<{n}>")))
        .collect();
    let env: &dyn Env = &probe;
    matches!(
        (lex.process_word(a, env), lex.process_word(b, env)),
        (Ok(x), Ok(y)) if x == y
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_are_rewritten_safely() {
        assert_eq!(rewrite("C.UTF-8", '\\'), Some(Rewrite::Joined));
        assert_eq!(rewrite("/app/bin:$PATH", '\\'), Some(Rewrite::Joined));
        assert_eq!(rewrite("gcc make  libc-dev", '\\'), Some(Rewrite::Quoted));
        assert_eq!(
            rewrite("\"Ada <ada@example.org>\"", '\\'),
            Some(Rewrite::Joined)
        );
    }

    #[test]
    fn quoted_values_are_requoted_and_checked() {
        let value = "-a 'it''s' \"$HOME x\" \\$lit";
        let Some(Rewrite::Requoted(quoted)) = rewrite(value, '\\') else {
            panic!("expected a requoted value");
        };
        assert_eq!(quoted, "\"-a its $HOME x \\$lit\"");
        assert!(reads_the_same(value, &quoted, '\\'));
        assert_eq!(rewrite("a \"unclosed", '\\'), None);
        assert_eq!(
            rewrite("a `$b", '`'),
            Some(Rewrite::Requoted("\"a `$b\"".to_string()))
        );
    }
}
