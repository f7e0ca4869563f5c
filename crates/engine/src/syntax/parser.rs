//! The parser proper: physical lines to nodes.
//!
//! It reads the source the way BuildKit's `parser.Parse` does (parser
//! directives, comment and blank lines, line continuations with comment and
//! empty lines inside them, heredoc bodies) but never stops: every problem
//! becomes a [`SyntaxError`] and parsing goes on with the next line, so a
//! learner half-way through typing still gets feedback on everything else.
//! Every byte ends up in exactly one [`Piece`] of one [`Node`].

use super::error::{ErrorKind, SyntaxError};
use super::line::{self, LArgs, LInstruction, LWord};
use super::text::TextRange;
use super::tree::{
    Args, Directive, ExecForm, Flag, Heredoc, Instruction, InstructionKind, KeyValue, LogicalLine,
    Node, Piece, PieceKind, Spanned, Trivia,
};
use crate::expand::{Lex, NoEnv};

/// The result of [`super::parse`] before the semantic checks.
pub(crate) struct Output {
    pub nodes: Vec<Node>,
    pub errors: Vec<SyntaxError>,
    pub escape: char,
}

#[derive(Clone, Copy)]
struct PhysLine {
    start: usize,
    /// End of the text without the trailing `\r`s and `\n`.
    content_end: usize,
    /// End including the line ending.
    end: usize,
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    escape: char,
    directives_done: bool,
    seen_directives: Vec<String>,
    nodes: Vec<Node>,
    errors: Vec<SyntaxError>,
}

/// Parses `src` into nodes and syntax errors (semantic checks excluded).
pub(crate) fn parse_nodes(src: &str) -> Output {
    let mut p = Parser {
        src,
        pos: 0,
        escape: '\\',
        directives_done: false,
        seen_directives: Vec::new(),
        nodes: Vec::new(),
        errors: Vec::new(),
    };
    if src.starts_with('\u{feff}') {
        let range = TextRange::new(0, 3);
        p.nodes.push(Node::Bom(Trivia {
            range,
            pieces: vec![Piece {
                kind: PieceKind::Bom,
                range,
            }],
        }));
        p.pos = 3;
    }
    while let Some(line) = p.next_line() {
        p.line(line);
    }
    Output {
        nodes: p.nodes,
        errors: p.errors,
        escape: p.escape,
    }
}

/// Length of the leading Unicode whitespace of `s` (Go's
/// `bytes.TrimLeftFunc(s, unicode.IsSpace)`).
fn leading_ws(s: &str) -> usize {
    s.len() - s.trim_start_matches(char::is_whitespace).len()
}

/// Where the escape character that continues `s` on the next line is, if
/// `s` ends with one (BuildKit's `([^E])E[ \t]*$|^E[ \t]*$`).
fn continuation(s: &str, escape: char) -> Option<usize> {
    let t = s.trim_end_matches([' ', '\t']);
    let idx = t.len().checked_sub(escape.len_utf8())?;
    if !t.ends_with(escape) {
        return None;
    }
    if idx > 0 && t[..idx].ends_with(escape) {
        return None;
    }
    Some(idx)
}

/// The regex `\s` of Go's RE2: ASCII whitespace without `\v`.
fn is_re_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{c}' | '\r' | ' ')
}

/// A parser directive `#\s*name\s*=\s*value` found in a line: name range
/// and value range, relative to `s`.
fn directive_parts(s: &str) -> Option<((usize, usize), (usize, usize))> {
    let rest = s.strip_prefix('#')?;
    let name_start = 1 + (rest.len() - rest.trim_start_matches(is_re_space).len());
    let after = &s[name_start..];
    let mut chars = after.char_indices();
    let (_, first) = chars.next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let name_len = after
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(after.len());
    let name_end = name_start + name_len;
    let after_name = &s[name_end..];
    let eq = name_end + (after_name.len() - after_name.trim_start_matches(is_re_space).len());
    if !s[eq..].starts_with('=') {
        return None;
    }
    let after_eq = &s[eq + 1..];
    if after_eq.is_empty() {
        return None;
    }
    let skipped = after_eq.len() - after_eq.trim_start_matches(is_re_space).len();
    let value = if skipped == after_eq.len() {
        // Only whitespace after `=`: the regex backtracks and the value is
        // the last whitespace character.
        let last = after_eq.chars().next_back()?;
        let start = s.len() - last.len_utf8();
        (start, s.len())
    } else {
        let start = eq + 1 + skipped;
        let end = s.trim_end_matches(is_re_space).len();
        (start, end)
    };
    Some(((name_start, name_end), value))
}

impl<'a> Parser<'a> {
    fn next_line(&mut self) -> Option<PhysLine> {
        if self.pos >= self.src.len() {
            return None;
        }
        let start = self.pos;
        let end = self.src[start..]
            .find('\n')
            .map_or(self.src.len(), |i| start + i + 1);
        let bytes = self.src.as_bytes();
        let mut content_end = end;
        while content_end > start && matches!(bytes[content_end - 1], b'\n' | b'\r') {
            content_end -= 1;
        }
        self.pos = end;
        Some(PhysLine {
            start,
            content_end,
            end,
        })
    }

    fn error(&mut self, kind: ErrorKind, message: impl Into<String>, range: TextRange) {
        self.errors.push(SyntaxError {
            kind,
            message: message.into(),
            range,
        });
    }

    fn push_newline(pieces: &mut Vec<Piece>, line: PhysLine) {
        if line.end > line.content_end {
            pieces.push(Piece {
                kind: PieceKind::Newline,
                range: TextRange::new(line.content_end, line.end),
            });
        }
    }

    fn trivia_line(&mut self, line: PhysLine, lead_end: usize, kind: PieceKind) -> Trivia {
        let mut pieces = Vec::new();
        if lead_end > line.start {
            pieces.push(Piece {
                kind: PieceKind::Whitespace,
                range: TextRange::new(line.start, lead_end),
            });
        }
        if line.content_end > lead_end {
            pieces.push(Piece {
                kind,
                range: TextRange::new(lead_end, line.content_end),
            });
        }
        Self::push_newline(&mut pieces, line);
        Trivia {
            range: TextRange::new(line.start, line.end),
            pieces,
        }
    }

    fn line(&mut self, line: PhysLine) {
        let content = &self.src[line.start..line.content_end];
        let lt_start = line.start + leading_ws(content);
        let lt = &self.src[lt_start..line.content_end];
        if !self.directives_done && self.directive(line, lt_start, lt) {
            return;
        }
        self.directives_done = true;
        if lt.starts_with('#') {
            let t = self.trivia_line(line, lt_start, PieceKind::Comment);
            self.nodes.push(Node::Comment(t));
            return;
        }
        if lt.is_empty() {
            let t = self.trivia_line(line, lt_start, PieceKind::Whitespace);
            self.nodes.push(Node::Blank(t));
            return;
        }
        self.instruction(line, lt_start);
    }

    /// Handles a possible parser directive; returns whether the line was one.
    fn directive(&mut self, line: PhysLine, lt_start: usize, lt: &str) -> bool {
        let Some(((ns, ne), (vs, ve))) = directive_parts(lt) else {
            return false;
        };
        let name = lt[ns..ne].to_ascii_lowercase();
        if !matches!(name.as_str(), "syntax" | "escape" | "check") {
            return false;
        }
        let value = lt[vs..ve].to_string();
        let name_range = TextRange::new(lt_start + ns, lt_start + ne);
        let value_range = TextRange::new(lt_start + vs, lt_start + ve);
        let range = TextRange::new(lt_start, line.content_end);
        if self.seen_directives.contains(&name) {
            self.error(
                ErrorKind::DuplicateDirective,
                format!("only one {name} parser directive can be used"),
                range,
            );
        } else {
            self.seen_directives.push(name.clone());
            if name == "escape" {
                match value.as_str() {
                    "\\" => self.escape = '\\',
                    "`" => self.escape = '`',
                    _ => self.error(
                        ErrorKind::InvalidDirective,
                        format!("invalid escape token '{value}' does not match ` or \\"),
                        value_range,
                    ),
                }
            }
        }
        let t = self.trivia_line(line, lt_start, PieceKind::Directive);
        self.nodes.push(Node::Directive(Directive {
            name: Spanned {
                value: name,
                range: name_range,
            },
            value: Spanned {
                value,
                range: value_range,
            },
            range,
            full_range: t.range,
            pieces: t.pieces,
        }));
        true
    }

    /// Adds the pieces of a content line that may end with a continuation
    /// character; returns whether the instruction continues.
    fn content_line(
        &self,
        pieces: &mut Vec<Piece>,
        logical: &mut LogicalLine,
        from: usize,
        line: PhysLine,
    ) -> bool {
        let text = &self.src[from..line.content_end];
        let (keep_end, cont) = match continuation(text, self.escape) {
            Some(idx) => (from + idx, true),
            None => (line.content_end, false),
        };
        if keep_end > from {
            pieces.push(Piece {
                kind: PieceKind::Content,
                range: TextRange::new(from, keep_end),
            });
            logical
                .segments
                .push((logical.text.len(), from, keep_end - from));
            logical.text.push_str(&self.src[from..keep_end]);
        }
        if cont {
            let esc_end = keep_end + self.escape.len_utf8();
            pieces.push(Piece {
                kind: PieceKind::Continuation,
                range: TextRange::new(keep_end, esc_end),
            });
            if line.content_end > esc_end {
                pieces.push(Piece {
                    kind: PieceKind::Whitespace,
                    range: TextRange::new(esc_end, line.content_end),
                });
            }
        }
        Self::push_newline(pieces, line);
        cont
    }

    fn instruction(&mut self, first: PhysLine, lt_start: usize) {
        let mut pieces = Vec::new();
        if lt_start > first.start {
            pieces.push(Piece {
                kind: PieceKind::Whitespace,
                range: TextRange::new(first.start, lt_start),
            });
        }
        let mut logical = LogicalLine {
            text: String::new(),
            segments: Vec::new(),
        };
        let mut empty_lines = Vec::new();
        let mut cont = self.content_line(&mut pieces, &mut logical, lt_start, first);
        while cont {
            let Some(line) = self.next_line() else { break };
            let content = &self.src[line.start..line.content_end];
            let lead = line.start + leading_ws(content);
            if self.src[lead..line.content_end].starts_with('#') {
                let t = self.trivia_line(line, lead, PieceKind::Comment);
                pieces.extend(t.pieces);
                continue;
            }
            if lead == line.content_end {
                let t = self.trivia_line(line, lead, PieceKind::Whitespace);
                pieces.extend(t.pieces);
                empty_lines.push(TextRange::new(line.start, line.content_end));
                continue;
            }
            cont = self.content_line(&mut pieces, &mut logical, line.start, line);
        }
        if logical.segments.is_empty() {
            // A lone continuation character: the logical line is empty.
            logical.segments.push((0, lt_start, 0));
        }

        let parsed = line::parse_line(&logical.text, 0, self.escape);
        let mut instruction = self.build(&parsed, &logical);
        for e in &parsed.errors {
            let range = logical.range(e.start, e.end);
            self.error(e.kind, e.message.clone(), range);
        }
        if can_contain_heredoc(&parsed) && logical.text.contains("<<") {
            self.heredocs(&mut instruction, &mut pieces, &logical);
        }
        let full_start = first.start;
        let full_end = pieces.last().map_or(first.end, |p| p.range.end);
        let range_end = pieces
            .iter()
            .rev()
            .find(|p| !matches!(p.kind, PieceKind::Newline | PieceKind::Whitespace))
            .map_or(lt_start, |p| p.range.end);
        instruction.range =
            TextRange::new(instruction.keyword.range.start, range_end.max(lt_start));
        instruction.full_range = TextRange::new(full_start, full_end);
        instruction.logical = logical;
        instruction.empty_continuation_lines = empty_lines;
        instruction.pieces = pieces;
        self.nodes.push(Node::Instruction(Box::new(instruction)));
    }

    /// Converts the logical-line reading into a tree instruction.
    fn build(&self, parsed: &LInstruction, logical: &LogicalLine) -> Instruction {
        let spanned = |w: &LWord| Spanned {
            value: w.value.clone(),
            range: logical.range(w.start, w.end),
        };
        let flags = parsed
            .flags
            .iter()
            .map(|f| {
                let raw = &logical.text[f.start..f.end];
                let body = f.text.strip_prefix("--").unwrap_or(&f.text);
                let (name, value) = match body.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (body.to_string(), None),
                };
                let name_start = f.start + if raw.starts_with("--") { 2 } else { 0 };
                let eq = raw.find('=').map(|i| f.start + i);
                let name_end = eq.unwrap_or(f.end);
                Flag {
                    text: f.text.clone(),
                    name: Spanned {
                        value: name,
                        range: logical.range(name_start, name_end.max(name_start)),
                    },
                    value: value.map(|v| Spanned {
                        value: v,
                        range: logical.range(eq.map_or(f.end, |e| e + 1), f.end),
                    }),
                    range: logical.range(f.start, f.end),
                }
            })
            .collect();
        let args = self.build_args(&parsed.args, logical);
        Instruction {
            kind: InstructionKind::from_keyword(&parsed.keyword.value),
            keyword: spanned(&parsed.keyword),
            flags,
            args,
            heredocs: Vec::new(),
            range: logical.range(parsed.keyword.start, parsed.keyword.end),
            full_range: TextRange::default(),
            logical: LogicalLine {
                text: String::new(),
                segments: Vec::new(),
            },
            empty_continuation_lines: Vec::new(),
            pieces: Vec::new(),
        }
    }

    fn build_args(&self, args: &LArgs, logical: &LogicalLine) -> Args {
        let spanned = |w: &LWord| Spanned {
            value: w.value.clone(),
            range: logical.range(w.start, w.end),
        };
        match args {
            LArgs::None => Args::None,
            LArgs::Exec { items, start, end } => Args::Exec(ExecForm {
                items: items.iter().map(spanned).collect(),
                range: logical.range(*start, *end),
            }),
            LArgs::Shell(w) => Args::Shell(spanned(w)),
            LArgs::Words(ws) => Args::Words(ws.iter().map(spanned).collect()),
            LArgs::Text(w) => Args::Text(spanned(w)),
            LArgs::Unparsed(w) => Args::Unparsed(spanned(w)),
            LArgs::KeyValues { pairs, legacy } => Args::KeyValues {
                pairs: pairs
                    .iter()
                    .map(|(k, v, eq)| KeyValue {
                        key: spanned(k),
                        value: spanned(v),
                        equals: eq.map(|e| logical.range(e, e + 1)),
                    })
                    .collect(),
                legacy: *legacy,
            },
            LArgs::Healthcheck { kind, command } => Args::Healthcheck {
                kind: spanned(kind),
                command: Box::new(self.build_args(command, logical)),
            },
            LArgs::Onbuild(sub) => {
                let mut inner = self.build(sub, logical);
                let end = sub.args_end().max(sub.keyword.end);
                inner.range = logical.range(sub.keyword.start, end);
                inner.full_range = inner.range;
                Args::Onbuild(Box::new(inner))
            }
        }
    }

    /// Reads the heredoc bodies that follow an instruction line.
    fn heredocs(
        &mut self,
        instruction: &mut Instruction,
        pieces: &mut Vec<Piece>,
        logical: &LogicalLine,
    ) {
        let lex = Lex {
            raw_quotes: true,
            raw_escapes: true,
            skip_unset_env: true,
            ..Lex::new('\\')
        };
        // BuildKit ignores lines it cannot split into words here.
        let processed = match lex.process(&logical.text, &NoEnv) {
            Ok(p) => p,
            Err(e) if e.too_deep => {
                let range = instruction.range;
                self.error(
                    ErrorKind::InvalidArguments,
                    format!(
                        "{}: fromlab cannot look for heredocs on this line",
                        e.message
                    ),
                    TextRange::new(range.start, logical.to_source_end(logical.text.len())),
                );
                return;
            }
            Err(_) => return,
        };
        for word in processed.words {
            let marker = logical.range(word.start, word.end);
            let spec = match heredoc_spec(&word.text) {
                Ok(Some(spec)) => spec,
                Ok(None) => continue,
                Err(message) => {
                    self.error(ErrorKind::InvalidHeredoc, message, marker);
                    continue;
                }
            };
            let body_start = self.pos;
            let mut content = String::new();
            let mut terminator = None;
            let mut body_end = body_start;
            while let Some(line) = self.next_line() {
                let text = &self.src[line.start..line.content_end];
                let candidate = if spec.chomp {
                    text.trim_start_matches('\t')
                } else {
                    text
                };
                if candidate == spec.name {
                    let range = TextRange::new(line.start, line.content_end);
                    if !range.is_empty() {
                        pieces.push(Piece {
                            kind: PieceKind::HeredocTerminator,
                            range,
                        });
                    }
                    Self::push_newline(pieces, line);
                    terminator = Some(range);
                    break;
                }
                content.push_str(&self.src[line.start..line.end]);
                if line.content_end > line.start {
                    pieces.push(Piece {
                        kind: PieceKind::HeredocBody,
                        range: TextRange::new(line.start, line.content_end),
                    });
                }
                Self::push_newline(pieces, line);
                body_end = line.end;
            }
            if terminator.is_none() {
                self.error(
                    ErrorKind::UnterminatedHeredoc,
                    format!(
                        "unterminated heredoc: no line holding only `{}` closes it",
                        spec.name
                    ),
                    marker,
                );
            }
            instruction.heredocs.push(Heredoc {
                name: spec.name,
                marker,
                content,
                body: TextRange::new(body_start, body_end),
                terminator,
                chomp: spec.chomp,
                expand: spec.expand,
                file_descriptor: spec.fd,
            });
        }
    }
}

impl LInstruction {
    /// Logical offset where the arguments end.
    fn args_end(&self) -> usize {
        fn end(a: &LArgs) -> Option<usize> {
            match a {
                LArgs::None => None,
                LArgs::Exec { end, .. } => Some(*end),
                LArgs::Shell(w) | LArgs::Text(w) | LArgs::Unparsed(w) => Some(w.end),
                LArgs::Words(ws) => ws.last().map(|w| w.end),
                LArgs::KeyValues { pairs, .. } => pairs.last().map(|p| p.1.end.max(p.0.end)),
                LArgs::Healthcheck { kind, command } => end(command).or(Some(kind.end)),
                LArgs::Onbuild(sub) => Some(sub.args_end().max(sub.keyword.end)),
            }
        }
        end(&self.args)
            .or_else(|| self.flags.last().map(|f| f.end))
            .unwrap_or(self.keyword.end)
    }
}

/// BuildKit's `canContainHeredoc`: RUN, COPY and ADD in shell form, also as
/// an ONBUILD trigger.
fn can_contain_heredoc(parsed: &LInstruction) -> bool {
    let target = match &parsed.args {
        LArgs::Onbuild(sub) if parsed.keyword.value.eq_ignore_ascii_case("onbuild") => sub,
        _ => parsed,
    };
    let kind = InstructionKind::from_keyword(&target.keyword.value);
    matches!(
        kind,
        InstructionKind::Run | InstructionKind::Copy | InstructionKind::Add
    ) && !matches!(target.args, LArgs::Exec { .. })
}

pub(crate) struct HeredocSpec {
    pub name: String,
    pub chomp: bool,
    pub expand: bool,
    pub fd: Option<u32>,
}

/// BuildKit's `ParseHeredoc`: whether a word such as `<<EOF`, `<<-"EOF"` or
/// `3<<EOF` opens a heredoc.
pub(crate) fn heredoc_spec(word: &str) -> Result<Option<HeredocSpec>, String> {
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let Some(after) = word[digits..].strip_prefix("<<") else {
        return Ok(None);
    };
    let (chomp, rest) = match after.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, after),
    };
    if rest.is_empty() || rest.contains('<') {
        return Ok(None);
    }
    let fd = if digits == 0 {
        None
    } else {
        Some(word[..digits].parse::<u32>().unwrap_or(0))
    };
    let lex = Lex {
        skip_unset_env: true,
        ..Lex::new('\\')
    };
    let words = lex
        .process_words(rest, &NoEnv)
        .map_err(|e| format!("invalid heredoc delimiter {rest}: {e}"))?;
    if words.len() != 1 {
        return Ok(None);
    }
    let raw_lex = Lex {
        raw_quotes: true,
        ..lex
    };
    let raw = raw_lex
        .process_words(rest, &NoEnv)
        .map_err(|e| format!("invalid heredoc delimiter {rest}: {e}"))?;
    if raw.len() != words.len() {
        return Err(format!(
            "internal lexing of heredoc produced inconsistent results: {rest}"
        ));
    }
    let quotes = |s: &str| s.chars().filter(|&c| c == '\'' || c == '"').count();
    let name = words.into_iter().next().unwrap_or_default();
    let expand = quotes(&name) == quotes(&raw[0]);
    Ok(Some(HeredocSpec {
        name,
        chomp,
        expand,
        fd,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_rules() {
        assert_eq!(continuation("RUN a \\", '\\'), Some(6));
        assert_eq!(continuation("RUN a \\  \t", '\\'), Some(6));
        assert_eq!(continuation("\\", '\\'), Some(0));
        assert_eq!(continuation("a\\\\", '\\'), None);
        assert_eq!(continuation("a `", '`'), Some(2));
        assert_eq!(continuation("a \\", '`'), None);
        assert_eq!(continuation("", '\\'), None);
    }

    #[test]
    fn directive_regex() {
        fn parts(s: &str) -> Option<(&str, &str)> {
            directive_parts(s).map(|((a, b), (c, d))| (&s[a..b], &s[c..d]))
        }
        assert_eq!(parts("# escape=`"), Some(("escape", "`")));
        assert_eq!(
            parts("#syntax = docker/dockerfile:1  "),
            Some(("syntax", "docker/dockerfile:1"))
        );
        assert_eq!(parts("# escape= "), Some(("escape", " ")));
        assert_eq!(parts("# escape="), None);
        assert_eq!(parts("# 1x=a"), None);
        assert_eq!(parts("# not a directive"), None);
    }

    #[test]
    fn heredoc_words() {
        let spec = heredoc_spec("<<EOF").unwrap().unwrap();
        assert_eq!(spec.name, "EOF");
        assert!(spec.expand && !spec.chomp && spec.fd.is_none());
        let spec = heredoc_spec("3<<-'EOF'").unwrap().unwrap();
        assert_eq!(spec.name, "EOF");
        assert!(!spec.expand && spec.chomp);
        assert_eq!(spec.fd, Some(3));
        assert!(heredoc_spec("<<").unwrap().is_none());
        assert!(heredoc_spec("<<-").unwrap().is_none());
        assert!(heredoc_spec("a<<EOF").unwrap().is_none());
    }
}
