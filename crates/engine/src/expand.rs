//! BuildKit's word processing: quote removal, escapes and variable
//! expansion (`$v`, `${v}`, `${v:-w}`, `${v-w}`, `${v:+w}`, `${v+w}`,
//! `${v:?m}`, `${v?m}`, `${v#p}`, `${v##p}`, `${v%p}`, `${v%%p}`,
//! `${v/p/r}`, `${v//p/r}`), as Docker applies it to `FROM`, `ENV`, `ARG`,
//! `COPY` and friends, and as it finds heredoc delimiters.
//!
//! It follows BuildKit's `shell.Lex` rule for rule (checked against
//! BuildKit's own `envVarTest` and `wordsTest` files), with two deliberate
//! differences:
//! - pattern operators (`#`, `%`, `/`) use POSIX "shortest/longest match"
//!   semantics directly, which is what BuildKit's regular-expression
//!   translation aims at;
//! - substitutions nest at most [`MAX_DEPTH`] deep: deeper input is an error
//!   instead of a stack overflow.

use std::collections::BTreeSet;
use std::fmt;

/// How deeply `${...}` may nest before processing stops with an error.
pub const MAX_DEPTH: usize = 64;

/// Variables visible to an expansion.
pub trait Env {
    /// The value of `name`, if it is set (set to empty counts as set).
    fn get(&self, name: &str) -> Option<&str>;
}

/// Variables held as `(name, value)` pairs; later definitions win, as in
/// BuildKit's env maps.
pub struct Vars<'s>(pub &'s [(String, String)]);

impl Env for Vars<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Env for Vec<(String, String)> {
    fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// An environment with nothing set.
pub struct NoEnv;

impl Env for NoEnv {
    fn get(&self, _: &str) -> Option<&str> {
        None
    }
}

/// Why a word could not be processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpandError {
    /// What went wrong, in BuildKit's words where it has some.
    pub message: String,
    /// Byte offset in the word where processing stopped.
    pub offset: usize,
    /// Whether processing stopped at the [`MAX_DEPTH`] nesting limit (the
    /// input may be valid for Docker; fromlab cannot follow it).
    pub too_deep: bool,
}

impl fmt::Display for ExpandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExpandError {}

/// A word after processing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Processed {
    /// The processed text, spaces between words kept.
    pub result: String,
    /// The text split into words after expansion (quoted spaces kept).
    pub words: Vec<Word>,
    /// Variable names that were looked up and found.
    pub matched: BTreeSet<String>,
    /// Variable names that were looked up and not set.
    pub unmatched: BTreeSet<String>,
}

/// One word of [`Processed::words`], with the byte range of the input it
/// came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word's text.
    pub text: String,
    /// Byte offset in the input of the first character that produced it.
    pub start: usize,
    /// Byte offset in the input just after the last character consumed.
    pub end: usize,
}

/// The word processor, configured like BuildKit's `shell.Lex`.
#[derive(Debug, Clone, Copy)]
pub struct Lex {
    /// The escape character (`\` by default, or `` ` ``).
    pub escape: char,
    /// Keep quote characters in the result.
    pub raw_quotes: bool,
    /// Keep escape characters in the result.
    pub raw_escapes: bool,
    /// Treat quotes as ordinary characters.
    pub skip_process_quotes: bool,
    /// Leave references to unset variables as written instead of expanding
    /// them to nothing.
    pub skip_unset_env: bool,
}

impl Default for Lex {
    fn default() -> Self {
        Lex::new('\\')
    }
}

impl Lex {
    /// A processor with the given escape character and BuildKit's defaults.
    pub const fn new(escape: char) -> Self {
        Lex {
            escape,
            raw_quotes: false,
            raw_escapes: false,
            skip_process_quotes: false,
            skip_unset_env: false,
        }
    }

    /// Processes `word` with `env`: quotes, escapes and expansions.
    pub fn process(&self, word: &str, env: &dyn Env) -> Result<Processed, ExpandError> {
        let mut sw = ShellWord {
            lex: *self,
            chars: word.char_indices().collect(),
            pos: 0,
            len: word.len(),
            env,
            raw_escapes: self.raw_escapes,
            matched: BTreeSet::new(),
            unmatched: BTreeSet::new(),
            depth: 0,
        };
        let raw = sw.raw_escapes;
        let (result, words) = sw.stop_on(None, raw)?;
        Ok(Processed {
            result,
            words,
            matched: sw.matched,
            unmatched: sw.unmatched,
        })
    }

    /// Processes `word` and returns the processed text (BuildKit's
    /// `ProcessWord`).
    pub fn process_word(&self, word: &str, env: &dyn Env) -> Result<String, ExpandError> {
        self.process(word, env).map(|p| p.result)
    }

    /// Processes `word` and returns it split into words (BuildKit's
    /// `ProcessWords`).
    pub fn process_words(&self, word: &str, env: &dyn Env) -> Result<Vec<String>, ExpandError> {
        self.process(word, env)
            .map(|p| p.words.into_iter().map(|w| w.text).collect())
    }
}

struct ShellWord<'a> {
    lex: Lex,
    chars: Vec<(usize, char)>,
    pos: usize,
    len: usize,
    env: &'a dyn Env,
    raw_escapes: bool,
    matched: BTreeSet<String>,
    unmatched: BTreeSet<String>,
    depth: usize,
}

/// BuildKit's word splitter state.
struct Words {
    buf: String,
    words: Vec<Word>,
    in_word: bool,
    start: usize,
    end: usize,
}

impl Words {
    fn new() -> Self {
        Words {
            buf: String::new(),
            words: Vec::new(),
            in_word: false,
            start: 0,
            end: 0,
        }
    }

    fn add_char(&mut self, c: char, at: usize, end: usize) {
        if c.is_whitespace() {
            if self.in_word && !self.buf.is_empty() {
                self.flush();
            }
        } else {
            self.add_raw_char(c, at, end);
        }
    }

    fn add_raw_char(&mut self, c: char, at: usize, end: usize) {
        if self.buf.is_empty() {
            self.start = at;
        }
        self.buf.push(c);
        self.in_word = true;
        self.end = end;
    }

    fn add_string(&mut self, s: &str, at: usize, end: usize) {
        for c in s.chars() {
            self.add_char(c, at, end);
        }
    }

    fn add_raw_string(&mut self, s: &str, at: usize, end: usize) {
        if self.buf.is_empty() {
            self.start = at;
        }
        self.buf.push_str(s);
        self.in_word = true;
        self.end = end;
    }

    fn flush(&mut self) {
        self.words.push(Word {
            text: std::mem::take(&mut self.buf),
            start: self.start,
            end: self.end,
        });
        self.in_word = false;
    }

    fn finish(mut self) -> Vec<Word> {
        if !self.buf.is_empty() {
            self.flush();
        }
        self.words
    }
}

impl ShellWord<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).map(|&(_, c)| c)
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    /// Byte offset of the current position.
    fn offset(&self) -> usize {
        self.chars.get(self.pos).map_or(self.len, |&(i, _)| i)
    }

    fn err(&self, message: impl Into<String>) -> ExpandError {
        ExpandError {
            message: message.into(),
            offset: self.offset(),
            too_deep: false,
        }
    }

    /// BuildKit's `processStopOn`: read until `stop` (or the end when
    /// `stop` is `None`).
    fn stop_on(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Result<(String, Vec<Word>), ExpandError> {
        let saved = self.raw_escapes;
        self.raw_escapes = raw_escapes;
        let out = self.stop_on_inner(stop);
        self.raw_escapes = saved;
        out
    }

    fn stop_on_inner(&mut self, stop: Option<char>) -> Result<(String, Vec<Word>), ExpandError> {
        let mut result = String::new();
        let mut words = Words::new();
        while let Some(c) = self.peek() {
            if stop == Some(c) {
                self.next();
                return Ok((result, words.finish()));
            }
            let at = self.offset();
            let special = c == '$' || (!self.lex.skip_process_quotes && (c == '\'' || c == '"'));
            if special {
                let tmp = match c {
                    '$' => self.dollar()?,
                    '\'' => self.single_quote()?,
                    _ => self.double_quote()?,
                };
                result.push_str(&tmp);
                let end = self.offset();
                if c == '$' {
                    words.add_string(&tmp, at, end);
                } else {
                    words.add_raw_string(&tmp, at, end);
                }
                continue;
            }
            let mut c = self.next().unwrap_or(c);
            if c == self.lex.escape {
                if self.raw_escapes {
                    words.add_raw_char(c, at, self.offset());
                    result.push(c);
                }
                match self.next() {
                    None => break,
                    Some(n) => c = n,
                }
                words.add_raw_char(c, at, self.offset());
            } else {
                words.add_char(c, at, self.offset());
            }
            result.push(c);
        }
        if let Some(s) = stop {
            return Err(self.err(format!(
                "unexpected end of statement while looking for matching {s}"
            )));
        }
        Ok((result, words.finish()))
    }

    fn single_quote(&mut self) -> Result<String, ExpandError> {
        let mut result = String::new();
        let open = self.next();
        if self.lex.raw_quotes {
            result.extend(open);
        }
        loop {
            match self.next() {
                None => {
                    return Err(self.err(
                        "unexpected end of statement while looking for matching single-quote",
                    ));
                }
                Some('\'') => {
                    if self.lex.raw_quotes {
                        result.push('\'');
                    }
                    return Ok(result);
                }
                Some(c) => result.push(c),
            }
        }
    }

    fn double_quote(&mut self) -> Result<String, ExpandError> {
        let mut result = String::new();
        let open = self.next();
        if self.lex.raw_quotes {
            result.extend(open);
        }
        loop {
            match self.peek() {
                None => {
                    return Err(self.err(
                        "unexpected end of statement while looking for matching double-quote",
                    ));
                }
                Some('"') => {
                    self.next();
                    if self.lex.raw_quotes {
                        result.push('"');
                    }
                    return Ok(result);
                }
                Some('$') => {
                    let value = self.dollar()?;
                    result.push_str(&value);
                }
                Some(_) => {
                    let mut c = self.next().unwrap_or_default();
                    if c == self.lex.escape {
                        if self.raw_escapes {
                            result.push(c);
                        }
                        match self.peek() {
                            None => continue,
                            Some(n) if n == '"' || n == '$' || n == self.lex.escape => {
                                c = n;
                                self.next();
                            }
                            Some(_) => {}
                        }
                    }
                    result.push(c);
                }
            }
        }
    }

    fn lookup(&mut self, name: &str) -> Option<String> {
        match self.env.get(name) {
            Some(v) => {
                self.matched.insert(name.to_string());
                Some(v.to_string())
            }
            None => {
                self.unmatched.insert(name.to_string());
                None
            }
        }
    }

    fn dollar(&mut self) -> Result<String, ExpandError> {
        self.depth += 1;
        let out = if self.depth > MAX_DEPTH {
            Err(ExpandError {
                too_deep: true,
                ..self.err(format!("substitutions nested more than {MAX_DEPTH} deep"))
            })
        } else {
            self.dollar_inner()
        };
        self.depth -= 1;
        out
    }

    fn dollar_inner(&mut self) -> Result<String, ExpandError> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".to_string());
            }
            return Ok(match self.lookup(&name) {
                Some(v) => v,
                None if self.lex.skip_unset_env => format!("${name}"),
                None => String::new(),
            });
        }
        self.next();
        match self.peek() {
            None => return Err(self.err("syntax error: missing '}'")),
            Some('{' | '}' | ':') => return Err(self.err("syntax error: bad substitution")),
            Some(_) => {}
        }
        let name = self.name();
        let Some(mut c) = self.next() else {
            return Err(self.err("syntax error: missing '}'"));
        };
        let mut modifier = c.to_string();
        let mut null_is_unset = false;
        match c {
            '}' => Ok(match self.lookup(&name) {
                Some(v) => v,
                None if self.lex.skip_unset_env => format!("${{{name}}}"),
                None => String::new(),
            }),
            ':' | '+' | '-' | '?' | '#' | '%' => {
                if c == ':' {
                    null_is_unset = true;
                    match self.next() {
                        Some(n) => {
                            c = n;
                            modifier.push(n);
                        }
                        None => return Err(self.err("syntax error: missing '}'")),
                    }
                }
                let raw = c == '#' || c == '%';
                if null_is_unset && raw {
                    return Err(
                        self.err(format!("unsupported modifier ({modifier}) in substitution"))
                    );
                }
                let (word, _) = self.stop_on(Some('}'), raw).map_err(|e| {
                    if self.peek().is_none() {
                        self.err("syntax error: missing '}'")
                    } else {
                        e
                    }
                })?;
                let value = self.lookup(&name);
                if self.lex.skip_unset_env && value.is_none() {
                    return Ok(format!("${{{name}{modifier}{word}}}"));
                }
                let empty = value
                    .as_deref()
                    .is_none_or(|v| null_is_unset && v.is_empty());
                match c {
                    '-' => Ok(if empty {
                        word
                    } else {
                        value.unwrap_or_default()
                    }),
                    '+' => Ok(if empty { String::new() } else { word }),
                    '?' => match value {
                        None => Err(self.err(format!(
                            "{name}: {}",
                            if word.is_empty() {
                                "is not allowed to be unset"
                            } else {
                                &word
                            }
                        ))),
                        Some(v) if null_is_unset && v.is_empty() => Err(self.err(format!(
                            "{name}: {}",
                            if word.is_empty() {
                                "is not allowed to be empty"
                            } else {
                                &word
                            }
                        ))),
                        Some(v) => Ok(v),
                    },
                    '#' | '%' => {
                        let (greedy, pattern) = match word.strip_prefix(c) {
                            Some(p) => (true, p),
                            None => (false, word.as_str()),
                        };
                        let value = value.unwrap_or_default();
                        let pat = Pattern::compile(pattern).map_err(|m| {
                            self.err(format!("invalid pattern ({pattern}) in substitution: {m}"))
                        })?;
                        Ok(if c == '#' {
                            pat.trim_prefix(&value, greedy)
                        } else {
                            pat.trim_suffix(&value, greedy)
                        })
                    }
                    _ => {
                        Err(self.err(format!("unsupported modifier ({modifier}) in substitution")))
                    }
                }
            }
            '/' => {
                let all = self.peek() == Some('/');
                if all {
                    self.next();
                }
                let (pattern, _) = self.stop_on(Some('/'), true).map_err(|e| {
                    if self.peek().is_none() {
                        self.err("syntax error: missing '/' in ${}")
                    } else {
                        e
                    }
                })?;
                let (replacement, _) = self.stop_on(Some('}'), true).map_err(|e| {
                    if self.peek().is_none() {
                        self.err("syntax error: missing '}'")
                    } else {
                        e
                    }
                })?;
                let value = self.lookup(&name);
                let Some(value) = value else {
                    if self.lex.skip_unset_env {
                        return Ok(format!("${{{name}/{pattern}/{replacement}}}"));
                    }
                    return Ok(String::new());
                };
                let pat = Pattern::compile(&pattern).map_err(|m| {
                    self.err(format!("invalid pattern ({pattern}) in substitution: {m}"))
                })?;
                Ok(pat.replace(&value, &replacement, all))
            }
            _ => Err(self.err(format!("unsupported modifier ({modifier}) in substitution"))),
        }
    }

    /// A variable name: letters, digits and `_`; or a run of digits; or one
    /// special parameter character.
    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if name.is_empty() && c.is_numeric() && is_decimal_digit(c) {
                while let Some(d) = self.peek() {
                    if !is_decimal_digit(d) {
                        break;
                    }
                    name.push(d);
                    self.next();
                }
                return name;
            }
            if name.is_empty() && matches!(c, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                return c.to_string();
            }
            if !c.is_alphabetic() && !is_decimal_digit(c) && c != '_' {
                break;
            }
            name.push(c);
            self.next();
        }
        name
    }
}

/// Go's `unicode.IsDigit`: decimal digits of any script.
fn is_decimal_digit(c: char) -> bool {
    // Unicode category Nd. `char::is_numeric` also accepts letter-like and
    // other numbers (Nl, No); for those, `to_digit` in some radix fails, so
    // keep ASCII plus the common decimal digit blocks.
    c.is_ascii_digit() || (c.is_numeric() && !c.is_alphabetic() && unicode_nd(c))
}

/// Decimal-digit blocks outside ASCII: each is a run of ten digits starting
/// at a code point ending in 0 (true of every Nd block in Unicode).
fn unicode_nd(c: char) -> bool {
    const STARTS: &[u32] = &[
        0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
        0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
        0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
        0xAA50, 0xABF0, 0xFF10,
    ];
    let u = c as u32;
    STARTS.iter().any(|&s| (s..s + 10).contains(&u))
}

/// A shell pattern: `*` any string, `?` any character, `\x` a literal `x`.
#[derive(Debug)]
struct Pattern(Vec<PatTok>);

#[derive(Debug, Clone, Copy, PartialEq)]
enum PatTok {
    Star,
    Any,
    Lit(char),
}

impl Pattern {
    /// Compiles a pattern. As in BuildKit, `\}` and `\/` stand for the
    /// character itself and any other escape but `\*`, `\?`, `\\` is an
    /// error.
    fn compile(pattern: &str) -> Result<Pattern, String> {
        let mut toks = Vec::new();
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '*' => toks.push(PatTok::Star),
                '?' => toks.push(PatTok::Any),
                '\\' => match chars.peek() {
                    Some('}' | '/') => {}
                    Some(&n @ ('*' | '?' | '\\')) => {
                        chars.next();
                        toks.push(PatTok::Lit(n));
                    }
                    Some(&n) => return Err(format!("invalid escape '\\{n}'")),
                    None => return Err("invalid escape '\\' at the end".to_string()),
                },
                c => toks.push(PatTok::Lit(c)),
            }
        }
        Ok(Pattern(toks))
    }

    /// Every `end` such that `text[start..end]` matches the whole pattern,
    /// in increasing order: a set-of-states simulation in O(n·m).
    fn match_ends(
        toks: &[PatTok],
        chars: &[(usize, char)],
        start_idx: usize,
        len: usize,
    ) -> Vec<usize> {
        let m = toks.len();
        let closure = |set: &mut Vec<bool>| {
            for p in 0..m {
                if set[p] && toks[p] == PatTok::Star {
                    set[p + 1] = true;
                }
            }
        };
        let mut states = vec![false; m + 1];
        states[0] = true;
        closure(&mut states);
        let mut ends = Vec::new();
        let byte_at = |i: usize| chars.get(i).map_or(len, |&(b, _)| b);
        if states[m] {
            ends.push(byte_at(start_idx));
        }
        for (i, &(_, c)) in chars.iter().enumerate().skip(start_idx) {
            let mut next = vec![false; m + 1];
            let mut any = false;
            for p in 0..m {
                if !states[p] {
                    continue;
                }
                match toks[p] {
                    PatTok::Star => {
                        next[p] = true;
                        any = true;
                    }
                    PatTok::Any => {
                        next[p + 1] = true;
                        any = true;
                    }
                    PatTok::Lit(x) if x == c => {
                        next[p + 1] = true;
                        any = true;
                    }
                    PatTok::Lit(_) => {}
                }
            }
            if !any {
                break;
            }
            closure(&mut next);
            states = next;
            if states[m] {
                ends.push(byte_at(i + 1));
            }
        }
        ends
    }

    fn trim_prefix(&self, value: &str, longest: bool) -> String {
        let chars: Vec<(usize, char)> = value.char_indices().collect();
        let ends = Self::match_ends(&self.0, &chars, 0, value.len());
        let cut = if longest { ends.last() } else { ends.first() };
        cut.map_or_else(|| value.to_string(), |&e| value[e..].to_string())
    }

    fn trim_suffix(&self, value: &str, longest: bool) -> String {
        let reversed_value: String = value.chars().rev().collect();
        let reversed = Pattern(self.0.iter().rev().copied().collect());
        let chars: Vec<(usize, char)> = reversed_value.char_indices().collect();
        let ends = Self::match_ends(&reversed.0, &chars, 0, reversed_value.len());
        let cut = if longest { ends.last() } else { ends.first() };
        cut.map_or_else(
            || value.to_string(),
            |&e| value[..value.len() - e].to_string(),
        )
    }

    /// Replaces the first (or every) leftmost-longest match.
    fn replace(&self, value: &str, replacement: &str, all: bool) -> String {
        let chars: Vec<(usize, char)> = value.char_indices().collect();
        let mut out = String::new();
        let mut i = 0;
        let mut last_end: Option<usize> = None;
        while i <= chars.len() {
            let at = chars.get(i).map_or(value.len(), |&(b, _)| b);
            let found = Self::match_ends(&self.0, &chars, i, value.len())
                .last()
                .copied()
                .filter(|&e| !(e == at && last_end == Some(at)));
            match found {
                Some(end) => {
                    out.push_str(replacement);
                    last_end = Some(end);
                    if !all {
                        out.push_str(&value[end..]);
                        return out;
                    }
                    if end == at {
                        if let Some(&(_, c)) = chars.get(i) {
                            out.push(c);
                        }
                        i += 1;
                    } else {
                        i = chars.partition_point(|&(b, _)| b < end);
                    }
                }
                None => {
                    if let Some(&(_, c)) = chars.get(i) {
                        out.push(c);
                    }
                    i += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Vec<(String, String)> {
        [
            ("PWD", "/home"),
            ("SHELL", "bash"),
            ("NULL", ""),
            ("V", "a.b.c.tar.gz"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn word(s: &str) -> Result<String, ExpandError> {
        Lex::new('\\').process_word(s, &env())
    }

    #[test]
    fn pattern_operators() {
        assert_eq!(word("${V#*.}").unwrap(), "b.c.tar.gz");
        assert_eq!(word("${V##*.}").unwrap(), "gz");
        assert_eq!(word("${V%.*}").unwrap(), "a.b.c.tar");
        assert_eq!(word("${V%%.*}").unwrap(), "a");
        assert_eq!(word("${V/./-}").unwrap(), "a-b.c.tar.gz");
        assert_eq!(word("${V//./-}").unwrap(), "a-b-c-tar-gz");
        assert_eq!(word("${V/b*z/X}").unwrap(), "a.X");
        assert_eq!(word("${V#a?b}").unwrap(), ".c.tar.gz");
        assert_eq!(word("${PWD#\\*}").unwrap(), "/home");
        assert!(word("${V#\\x}").is_err());
        assert!(word("${V:#x}").is_err());
    }

    #[test]
    fn unset_and_empty() {
        assert_eq!(word("${NULL-x}").unwrap(), "");
        assert_eq!(word("${NULL:-x}").unwrap(), "x");
        assert_eq!(word("${NOPE+x}").unwrap(), "");
        assert_eq!(word("${NULL+x}").unwrap(), "x");
        assert_eq!(word("${NOPE?custom}").unwrap_err().message, "NOPE: custom");
    }

    #[test]
    fn records_matched_and_unmatched() {
        let p = Lex::new('\\').process("$PWD ${NOPE:-x}", &env()).unwrap();
        assert!(p.matched.contains("PWD"));
        assert!(p.unmatched.contains("NOPE"));
    }

    #[test]
    fn skip_unset_keeps_references() {
        let lex = Lex {
            skip_unset_env: true,
            ..Lex::new('\\')
        };
        assert_eq!(
            lex.process_word("a${X}b$Y ${Z:-w}", &NoEnv).unwrap(),
            "a${X}b$Y ${Z:-w}"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}x{}", "${a:-".repeat(10_000), "}".repeat(10_000));
        assert!(word(&deep).unwrap_err().message.contains("nested"));
        let ok = format!("{}x{}", "${a:-".repeat(10), "}".repeat(10));
        assert_eq!(word(&ok).unwrap(), "x");
    }

    #[test]
    fn word_positions() {
        let p = Lex::new('\\').process("  ab 'c d'e  ", &NoEnv).unwrap();
        let spans: Vec<(&str, usize, usize)> = p
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.start, w.end))
            .collect();
        assert_eq!(spans, [("ab", 2, 4), ("c de", 5, 11)]);
    }
}
