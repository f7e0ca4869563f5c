//! Parsing one logical line into keyword, flags and arguments, following
//! BuildKit's per-instruction rules exactly (its `splitCommand`,
//! `extractBuilderFlags` and line parsers), so that the values we compute are
//! the values Docker builds with.
//!
//! Everything here works on the joined logical line and reports byte offsets
//! into it; [`super::parser`] maps them back to the source. Deliberate
//! differences from BuildKit, all on inputs Docker rejects or mangles:
//! - BuildKit scans flags byte by byte and treats bytes 0x85 and 0xA0 as
//!   spaces even inside a multi-byte character; we scan characters.
//! - Errors do not stop anything: BuildKit aborts the whole file on the first
//!   one, we record it and return the best reading of the line.

use super::error::ErrorKind;
use super::json::{self, JsonError};

/// A word of the logical line with its offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LWord {
    pub value: String,
    pub start: usize,
    pub end: usize,
}

/// A flag word: BuildKit's text (`--name=value`, quotes removed) and where
/// the word is.
#[derive(Debug, Clone)]
pub(crate) struct LFlag {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Arguments in logical offsets (mirrors [`super::tree::Args`]).
#[derive(Debug, Clone)]
pub(crate) enum LArgs {
    None,
    Exec {
        items: Vec<LWord>,
        start: usize,
        end: usize,
    },
    Shell(LWord),
    Words(Vec<LWord>),
    Text(LWord),
    KeyValues {
        pairs: Vec<(LWord, LWord, Option<usize>)>,
        legacy: bool,
    },
    Healthcheck {
        kind: LWord,
        command: Box<LArgs>,
    },
    Onbuild(Box<LInstruction>),
    Unparsed(LWord),
}

/// An error found while reading the line, with logical offsets.
#[derive(Debug, Clone)]
pub(crate) struct LError {
    pub kind: ErrorKind,
    pub message: String,
    pub start: usize,
    pub end: usize,
}

/// The reading of one logical line.
#[derive(Debug, Clone)]
pub(crate) struct LInstruction {
    pub keyword: LWord,
    pub flags: Vec<LFlag>,
    pub args: LArgs,
    pub errors: Vec<LError>,
}

/// Go's `unicode.IsSpace`, which is Rust's `char::is_whitespace` for every
/// character (both follow Unicode's White_Space property).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// BuildKit's `[\t\v\f\r ]`, the separator of whitespace-delimited lists.
fn is_ws_sep(c: char) -> bool {
    matches!(c, '\t' | '\u{b}' | '\u{c}' | '\r' | ' ')
}

/// Offsets of `s` after Go's `strings.TrimSpace`, relative to `s`.
fn trim_bounds(s: &str) -> (usize, usize) {
    let start = s.len() - s.trim_start_matches(is_space).len();
    let end = s.trim_end_matches(is_space).len();
    if end < start {
        (start, start)
    } else {
        (start, end)
    }
}

/// Parses a logical line starting at offset `base` of the joined text.
pub(crate) fn parse_line(line: &str, base: usize, escape: char) -> LInstruction {
    let (ts, te) = trim_bounds(line);
    let trimmed = &line[ts..te];
    let kw_len = trimmed.find(is_ws_sep).unwrap_or(trimmed.len());
    let keyword = LWord {
        value: trimmed[..kw_len].to_string(),
        start: base + ts,
        end: base + ts + kw_len,
    };
    let mut errors = Vec::new();
    let mut flags = Vec::new();
    // The text after the keyword and its separator, and where it starts.
    let (mut args_text, mut args_at) = ("", base + te);
    if kw_len < trimmed.len() {
        let after = &trimmed[kw_len..];
        let sep = after.len() - after.trim_start_matches(is_ws_sep).len();
        let rest = &after[sep..];
        let rest_at = base + ts + kw_len + sep;
        let (remaining, fl) = extract_flags(rest, rest_at);
        flags = fl;
        if let Some(off) = remaining {
            let (s, e) = trim_bounds(&rest[off..]);
            args_text = &rest[off + s..off + e];
            args_at = rest_at + off + s;
        }
    }
    let args = dispatch(&keyword.value, args_text, args_at, escape, &mut errors);
    LInstruction {
        keyword,
        flags,
        args,
        errors,
    }
}

fn dispatch(keyword: &str, rest: &str, at: usize, escape: char, errors: &mut Vec<LError>) -> LArgs {
    match keyword.to_ascii_lowercase().as_str() {
        "add" | "copy" | "volume" => maybe_json_to_list(rest, at, errors),
        "arg" => LArgs::Words(parse_words(rest, at, escape)).none_if_empty(),
        "cmd" | "entrypoint" | "run" | "shell" => maybe_json(rest, at, errors),
        "env" => name_val(rest, at, escape, "ENV", errors),
        "label" => name_val(rest, at, escape, "LABEL", errors),
        "expose" | "from" => whitespace_delimited(rest, at),
        "healthcheck" => health_config(rest, at, errors),
        "maintainer" | "stopsignal" | "user" | "workdir" => {
            if rest.is_empty() {
                LArgs::None
            } else {
                LArgs::Text(word(rest, at))
            }
        }
        "onbuild" => {
            if rest.is_empty() {
                LArgs::None
            } else {
                let mut sub = parse_line(rest, at, escape);
                errors.append(&mut sub.errors);
                LArgs::Onbuild(Box::new(sub))
            }
        }
        _ => {
            if rest.is_empty() {
                LArgs::None
            } else {
                LArgs::Unparsed(word(rest, at))
            }
        }
    }
}

impl LArgs {
    fn none_if_empty(self) -> LArgs {
        match self {
            LArgs::Words(w) if w.is_empty() => LArgs::None,
            other => other,
        }
    }
}

fn word(text: &str, at: usize) -> LWord {
    LWord {
        value: text.to_string(),
        start: at,
        end: at + text.len(),
    }
}

/// BuildKit's `extractBuilderFlags`: leading words that start with `--`.
/// Returns the offset in `line` where the arguments start (if any) and the
/// flags.
pub(crate) fn extract_flags(line: &str, at: usize) -> (Option<usize>, Vec<LFlag>) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let mut flags = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word = String::new();
    let mut word_start = 0;
    let mut quote = '\0';
    let mut blank_ok = false;
    let mut chars = line.char_indices().peekable();
    loop {
        let cur = chars.next();
        let pos = cur.map_or(line.len(), |(i, _)| i);
        let ch = cur.map(|(_, c)| c);
        if phase == Phase::Spaces {
            let Some(c) = ch else { break };
            if is_space(c) {
                continue;
            }
            let next = chars.peek().map(|&(_, c)| c);
            if c != '-' || next != Some('-') {
                return (Some(pos), flags);
            }
            phase = Phase::Word;
            word_start = pos;
        }
        let Some(mut c) = ch else {
            if word != "--" && (blank_ok || !word.is_empty()) {
                flags.push(LFlag {
                    text: std::mem::take(&mut word),
                    start: at + word_start,
                    end: at + line.len(),
                });
            }
            break;
        };
        if phase == Phase::Word {
            if is_space(c) {
                phase = Phase::Spaces;
                if word == "--" {
                    return (Some(pos), flags);
                }
                if blank_ok || !word.is_empty() {
                    flags.push(LFlag {
                        text: std::mem::take(&mut word),
                        start: at + word_start,
                        end: at + pos,
                    });
                }
                word.clear();
                blank_ok = false;
                continue;
            }
            if c == '\'' || c == '"' {
                quote = c;
                blank_ok = true;
                phase = Phase::Quote;
                continue;
            }
            if c == '\\' {
                match chars.next() {
                    None => continue,
                    Some((_, n)) => c = n,
                }
            }
            word.push(c);
            continue;
        }
        // Inside quotes.
        if c == quote {
            phase = Phase::Word;
            continue;
        }
        if c == '\\' {
            match chars.next() {
                None => {
                    phase = Phase::Word;
                    continue;
                }
                Some((_, n)) => c = n,
            }
        }
        word.push(c);
    }
    (None, flags)
}

/// BuildKit's `parseWords`: words separated by whitespace, quotes and escape
/// characters kept as written.
pub(crate) fn parse_words(rest: &str, at: usize, escape: char) -> Vec<LWord> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word = String::new();
    let mut start = 0;
    let mut quote = '\0';
    let mut blank_ok = false;
    let mut chars = rest.char_indices().peekable();
    loop {
        let cur = chars.next();
        let pos = cur.map_or(rest.len(), |(i, _)| i);
        if phase == Phase::Spaces {
            let Some((_, c)) = cur else { break };
            if is_space(c) {
                continue;
            }
            phase = Phase::Word;
            start = pos;
        }
        let Some((_, mut c)) = cur else {
            if blank_ok || !word.is_empty() {
                words.push(LWord {
                    value: std::mem::take(&mut word),
                    start: at + start,
                    end: at + rest.len(),
                });
            }
            break;
        };
        if phase == Phase::Word {
            if is_space(c) {
                phase = Phase::Spaces;
                if blank_ok || !word.is_empty() {
                    words.push(LWord {
                        value: std::mem::take(&mut word),
                        start: at + start,
                        end: at + pos,
                    });
                }
                word.clear();
                blank_ok = false;
                continue;
            }
            if c == '\'' || c == '"' {
                quote = c;
                blank_ok = true;
                phase = Phase::Quote;
            }
            if c == escape {
                if chars.peek().is_none() {
                    // An escape character at the very end is dropped.
                    continue;
                }
                // Keep the escape and the character it escapes, even a quote.
                word.push(c);
                c = chars.next().map_or(c, |(_, n)| n);
            }
            word.push(c);
            continue;
        }
        // Inside quotes.
        if c == quote {
            phase = Phase::Word;
        }
        if c == escape && quote != '\'' {
            if chars.peek().is_none() {
                phase = Phase::Word;
                continue;
            }
            word.push(c);
            c = chars.next().map_or(c, |(_, n)| n);
        }
        word.push(c);
    }
    words
}

/// BuildKit's `parseStringsWhitespaceDelimited`: split on runs of
/// `[\t\v\f\r ]`.
fn whitespace_delimited(rest: &str, at: usize) -> LArgs {
    if rest.is_empty() {
        return LArgs::None;
    }
    let mut words = Vec::new();
    let mut start = 0;
    let mut iter = rest.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if is_ws_sep(c) {
            words.push(LWord {
                value: rest[start..i].to_string(),
                start: at + start,
                end: at + i,
            });
            let mut next = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if !is_ws_sep(d) {
                    break;
                }
                next = j + d.len_utf8();
                iter.next();
            }
            start = next;
        }
    }
    words.push(LWord {
        value: rest[start..].to_string(),
        start: at + start,
        end: at + rest.len(),
    });
    LArgs::Words(words)
}

/// BuildKit's `parseJSON`, with the error split it makes.
fn json_args(rest: &str, at: usize) -> Result<LArgs, (JsonError, usize, usize)> {
    let lead = rest.len() - rest.trim_start_matches(is_space).len();
    let text = &rest[lead..];
    let start = at + lead;
    match json::parse_array(text) {
        Ok((items, end)) => Ok(LArgs::Exec {
            items: items
                .into_iter()
                .map(|s| LWord {
                    value: s.value,
                    start: start + s.start,
                    end: start + s.end,
                })
                .collect(),
            start,
            end: start + end,
        }),
        Err(e) => Err((e, start, at + rest.len())),
    }
}

const NOT_STRINGS: &str = "when using JSON array syntax, arrays must be comprised of strings only";

fn maybe_json(rest: &str, at: usize, errors: &mut Vec<LError>) -> LArgs {
    if rest.is_empty() {
        return LArgs::None;
    }
    match json_args(rest, at) {
        Ok(args) => args,
        Err((JsonError::NotStrings, start, end)) => {
            errors.push(LError {
                kind: ErrorKind::InvalidJson,
                message: NOT_STRINGS.to_string(),
                start,
                end,
            });
            LArgs::Shell(word(rest, at))
        }
        Err((JsonError::Invalid, _, _)) => LArgs::Shell(word(rest, at)),
    }
}

fn maybe_json_to_list(rest: &str, at: usize, errors: &mut Vec<LError>) -> LArgs {
    match json_args(rest, at) {
        Ok(args) => args,
        Err((JsonError::NotStrings, start, end)) => {
            errors.push(LError {
                kind: ErrorKind::InvalidJson,
                message: NOT_STRINGS.to_string(),
                start,
                end,
            });
            whitespace_delimited(rest, at)
        }
        Err((JsonError::Invalid, _, _)) => whitespace_delimited(rest, at),
    }
}

/// BuildKit's `parseNameVal` for `ENV` and `LABEL`.
fn name_val(rest: &str, at: usize, escape: char, key: &str, errors: &mut Vec<LError>) -> LArgs {
    let words = parse_words(rest, at, escape);
    let Some(first) = words.first() else {
        return LArgs::None;
    };
    if !first.value.contains('=') {
        // Legacy form: the first run of [\t\v\f\r ] splits key from value.
        let Some(split) = rest.find(is_ws_sep) else {
            errors.push(LError {
                kind: ErrorKind::InvalidArguments,
                message: format!("{key} must have two arguments"),
                start: at,
                end: at + rest.len(),
            });
            let key_word = word(rest, at);
            let empty = LWord {
                value: String::new(),
                start: at + rest.len(),
                end: at + rest.len(),
            };
            return LArgs::KeyValues {
                pairs: vec![(key_word, empty, None)],
                legacy: true,
            };
        };
        let after = &rest[split..];
        let value_at = split + (after.len() - after.trim_start_matches(is_ws_sep).len());
        return LArgs::KeyValues {
            pairs: vec![(
                word(&rest[..split], at),
                word(&rest[value_at..], at + value_at),
                None,
            )],
            legacy: true,
        };
    }
    let mut pairs = Vec::new();
    for w in words {
        match w.value.find('=') {
            Some(eq) => {
                let key_end = w.start + eq;
                pairs.push((
                    LWord {
                        value: w.value[..eq].to_string(),
                        start: w.start,
                        end: key_end,
                    },
                    LWord {
                        value: w.value[eq + 1..].to_string(),
                        start: key_end + 1,
                        end: w.end.max(key_end + 1),
                    },
                    Some(key_end),
                ));
            }
            None => {
                errors.push(LError {
                    kind: ErrorKind::InvalidArguments,
                    message: format!(
                        "Syntax error - can't find = in {}. Must be of the form: name=value",
                        super::dump::go_quote(&w.value)
                    ),
                    start: w.start,
                    end: w.end,
                });
                let end = w.end;
                pairs.push((
                    w,
                    LWord {
                        value: String::new(),
                        start: end,
                        end,
                    },
                    None,
                ));
            }
        }
    }
    LArgs::KeyValues {
        pairs,
        legacy: false,
    }
}

/// BuildKit's `parseHealthConfig`: a type word, then maybe-JSON.
fn health_config(rest: &str, at: usize, errors: &mut Vec<LError>) -> LArgs {
    // BuildKit looks at single bytes here; only ASCII spaces can match.
    let sep = rest
        .bytes()
        .position(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))
        .unwrap_or(rest.len());
    if sep == 0 {
        return LArgs::None;
    }
    let next = rest[sep..]
        .bytes()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))
        .map_or(rest.len(), |p| sep + p);
    let kind = word(&rest[..sep], at);
    let command = maybe_json(&rest[next..], at + next, errors);
    LArgs::Healthcheck {
        kind,
        command: Box::new(command),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(words: &[LWord]) -> Vec<&str> {
        words.iter().map(|w| w.value.as_str()).collect()
    }

    #[test]
    fn flags_stop_at_the_first_plain_word() {
        let l = parse_line("COPY --from=build --chown=\"a b\" src /dst", 0, '\\');
        let texts: Vec<&str> = l.flags.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["--from=build", "--chown=a b"]);
        assert_eq!(
            &"COPY --from=build --chown=\"a b\" src /dst"[l.flags[1].start..l.flags[1].end],
            "--chown=\"a b\""
        );
        match l.args {
            LArgs::Words(w) => assert_eq!(values(&w), ["src", "/dst"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn double_dash_ends_flags() {
        let l = parse_line("CMD --doit=true -- [ \"a\" ]", 0, '\\');
        assert_eq!(l.flags.len(), 1);
        assert!(matches!(l.args, LArgs::Exec { .. }));
    }

    #[test]
    fn words_keep_quotes_and_escapes() {
        let w = parse_words(r#"abc="123 456" def \"x"#, 0, '\\');
        assert_eq!(values(&w), [r#"abc="123 456""#, "def", r#"\"x"#]);
    }

    #[test]
    fn env_forms() {
        let l = parse_line("ENV a=1 b=\"two words\"", 0, '\\');
        match l.args {
            LArgs::KeyValues { pairs, legacy } => {
                assert!(!legacy);
                assert_eq!(pairs[1].0.value, "b");
                assert_eq!(pairs[1].1.value, "\"two words\"");
            }
            other => panic!("{other:?}"),
        }
        let l = parse_line("ENV a  1 2", 0, '\\');
        match l.args {
            LArgs::KeyValues { pairs, legacy } => {
                assert!(legacy);
                assert_eq!(pairs[0].1.value, "1 2");
            }
            other => panic!("{other:?}"),
        }
        let l = parse_line("ENV lonely", 0, '\\');
        assert_eq!(l.errors[0].message, "ENV must have two arguments");
    }
}
