//! The parser proper: physical lines to nodes.
//!
//! It reads the source the way BuildKit's `parser.Parse` does (parser
//! directives, comment and blank lines, line continuations with comment and
//! empty lines inside them, heredoc bodies) but never stops: every problem
//! becomes a [`SyntaxError`] and parsing goes on with the next line, so a
//! learner half-way through typing still gets feedback on everything else.
//! Every byte ends up in exactly one [`Piece`] of one [`Node`].

use std::borrow::Cow;

use super::error::{ErrorKind, SyntaxError};
use super::line::{self, Ctx};
use super::scan;
use super::text::TextRange;
use super::tree::{
    Args, Directive, Extra, Heredoc, InstructionKind, LogicalLine, Node, Piece, PieceKind, Segment,
    Spanned, Trivia,
};

use crate::expand::{Lex, NoEnv};

/// The result of [`super::parse`] before the semantic checks.
pub(crate) struct Output<'a> {
    pub nodes: Vec<Node<'a>>,
    pub pieces: Vec<Piece>,
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
    seen_directives: [bool; 3],
    nodes: Vec<Node<'a>>,
    pieces: Vec<Piece>,
    errors: Vec<SyntaxError>,
    /// Reused while collecting an instruction's segments.
    segments: Vec<Segment>,
    /// Reused for the joined text of an instruction that spans lines.
    joined: String,
}

/// Parses `src` into nodes and syntax errors (semantic checks excluded).
pub(crate) fn parse_nodes(src: &str) -> Output<'_> {
    let mut p = Parser {
        src,
        pos: 0,
        escape: '\\',
        directives_done: false,
        seen_directives: [false; 3],
        nodes: Vec::with_capacity(src.len() / 32 + 1),
        pieces: Vec::with_capacity(src.len() / 8 + 1),
        errors: Vec::new(),
        segments: Vec::new(),
        joined: String::new(),
    };
    if src.starts_with('\u{feff}') {
        let range = TextRange::new(0, 3);
        let start = p.piece(PieceKind::Bom, range);
        p.nodes.push(Node::Bom(Trivia {
            range,
            pieces: start..p.pieces_len(),
        }));
        p.pos = 3;
    }
    while let Some(line) = p.next_line() {
        p.line(line);
    }
    Output {
        nodes: p.nodes,
        pieces: p.pieces,
        errors: p.errors,
        escape: p.escape,
    }
}

/// The end of the leading whitespace of `src[start..end]` (Go's
/// `bytes.TrimLeftFunc(s, unicode.IsSpace)`).
#[inline(always)]
pub(crate) fn leading_ws(src: &str, start: usize, end: usize) -> usize {
    // Usually the line starts with its text or with a few ASCII spaces.
    let bytes = &src.as_bytes()[..end];
    let mut i = start;
    while i < end && scan::class(bytes[i]) & scan::SPACE != 0 {
        i += 1;
    }
    if i < end && bytes[i] >= 0x80 {
        return leading_ws_from(src, i, end);
    }
    i
}

#[inline(never)]
fn leading_ws_from(src: &str, mut i: usize, end: usize) -> usize {
    let bytes = src.as_bytes();
    while i < end {
        let b = bytes[i];
        if b < 0x80 {
            if scan::class(b) & scan::SPACE == 0 {
                return i;
            }
            i += 1;
        } else {
            let (c, n) = line::char_at(src, i);
            if !c.is_whitespace() {
                return i;
            }
            i += n;
        }
    }
    i
}

/// Where the escape character that continues `s` on the next line is, if
/// `s` ends with one (BuildKit's `([^E])E[ \t]*$|^E[ \t]*$`).
#[inline]
pub(crate) fn continuation(bytes: &[u8], escape: char) -> Option<usize> {
    // The escape character is ASCII (`\` or `` ` ``).
    let e = escape as u8;
    // Usually the line ends with plain text.
    if bytes
        .last()
        .is_none_or(|&b| b != e && b != b' ' && b != b'\t')
    {
        return None;
    }
    let mut end = bytes.len();
    while end > 0 && matches!(bytes[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    if end == 0 || bytes[end - 1] != e {
        return None;
    }
    let idx = end - 1;
    if idx > 0 && bytes[idx - 1] == e {
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
    if !after.as_bytes().first()?.is_ascii_alphabetic() {
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
        (s.len() - last.len_utf8(), s.len())
    } else {
        (eq + 1 + skipped, s.trim_end_matches(is_re_space).len())
    };
    Some(((name_start, name_end), value))
}

impl<'a> Parser<'a> {
    fn pieces_len(&self) -> u32 {
        // Saturates: a source with 2^32 pieces is far beyond any Dockerfile.
        self.pieces.len().min(u32::MAX as usize) as u32
    }

    /// Pushes a piece (if non-empty) and returns the index it would have.
    fn piece(&mut self, kind: PieceKind, range: TextRange) -> u32 {
        let at = self.pieces_len();
        if !range.is_empty() {
            self.pieces.push(Piece { kind, range });
        }
        at
    }

    fn next_line(&mut self) -> Option<PhysLine> {
        if self.pos >= self.src.len() {
            return None;
        }
        let start = self.pos;
        let bytes = self.src.as_bytes();
        let rest = &bytes[start..];
        let (mut len, end) = match memchr::memchr(b'\n', rest) {
            Some(i) => (i, start + i + 1),
            None => (rest.len(), bytes.len()),
        };
        // Stray `\r`s before the line ending belong to it.
        if len > 0 && rest[len - 1] == b'\r' {
            while len > 0 && rest[len - 1] == b'\r' {
                len -= 1;
            }
        }
        let content_end = start + len;
        self.pos = end;
        Some(PhysLine {
            start,
            content_end,
            end,
        })
    }

    fn error(&mut self, kind: ErrorKind, message: String, range: TextRange) {
        self.errors.push(SyntaxError {
            kind,
            message,
            range,
        });
    }

    fn newline(&mut self, line: PhysLine) {
        self.piece(
            PieceKind::Newline,
            TextRange::new(line.content_end, line.end),
        );
    }

    /// Pieces of a whole line that carries no content: indentation, the rest
    /// as `kind`, the line ending.
    fn trivia_pieces(&mut self, line: PhysLine, lead_end: usize, kind: PieceKind) {
        self.piece(PieceKind::Whitespace, TextRange::new(line.start, lead_end));
        self.piece(kind, TextRange::new(lead_end, line.content_end));
        self.newline(line);
    }

    fn line(&mut self, line: PhysLine) {
        let lt_start = leading_ws(self.src, line.start, line.content_end);
        if !self.directives_done {
            let lt = self.src.get(lt_start..line.content_end).unwrap_or("");
            if self.directive(line, lt_start, lt) {
                return;
            }
            self.directives_done = true;
        }
        match self.src.as_bytes().get(lt_start) {
            _ if lt_start == line.content_end => {
                let t = self.trivia(line, lt_start, PieceKind::Whitespace);
                self.nodes.push(Node::Blank(t));
            }
            Some(b'#') => {
                let t = self.trivia(line, lt_start, PieceKind::Comment);
                self.nodes.push(Node::Comment(t));
            }
            _ => self.instruction(line, lt_start),
        }
    }

    /// The pieces and node of a comment or blank line.
    #[inline(always)]
    fn trivia(&mut self, line: PhysLine, lt_start: usize, kind: PieceKind) -> Trivia {
        let first = self.pieces_len();
        self.trivia_pieces(line, lt_start, kind);
        Trivia {
            range: TextRange::new(line.start, line.end),
            pieces: first..self.pieces_len(),
        }
    }

    /// Handles a possible parser directive; returns whether the line was one.
    fn directive(&mut self, line: PhysLine, lt_start: usize, lt: &'a str) -> bool {
        let Some(((ns, ne), (vs, ve))) = directive_parts(lt) else {
            return false;
        };
        let name = &lt[ns..ne];
        let slot = ["syntax", "escape", "check"]
            .iter()
            .position(|d| d.eq_ignore_ascii_case(name));
        let Some(slot) = slot else {
            return false;
        };
        let value = &lt[vs..ve];
        let value_range = TextRange::new(lt_start + vs, lt_start + ve);
        let range = TextRange::new(lt_start, line.content_end);
        let lower = name.to_ascii_lowercase();
        if self.seen_directives[slot] {
            self.error(
                ErrorKind::DuplicateDirective,
                format!("only one {lower} parser directive can be used"),
                range,
            );
        } else {
            self.seen_directives[slot] = true;
            if lower == "escape" {
                match value {
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
        let first = self.pieces_len();
        self.trivia_pieces(line, lt_start, PieceKind::Directive);
        self.nodes.push(Node::Directive(Directive {
            name: Spanned {
                value: Cow::Borrowed(name),
                range: TextRange::new(lt_start + ns, lt_start + ne),
            },
            value: Spanned {
                value: Cow::Borrowed(value),
                range: value_range,
            },
            range,
            full_range: TextRange::new(line.start, line.end),
            pieces: first..self.pieces_len(),
        }));
        true
    }

    /// Adds the pieces of a content line that may end with a continuation
    /// character; returns whether the instruction continues.
    fn content_line(
        &mut self,
        segments: &mut Vec<Segment>,
        logical_len: &mut usize,
        from: usize,
        line: PhysLine,
    ) -> bool {
        let text = &self.src.as_bytes()[from..line.content_end];
        let (keep_end, cont) = match continuation(text, self.escape) {
            Some(idx) => (from + idx, true),
            None => (line.content_end, false),
        };
        if keep_end > from {
            self.piece(PieceKind::Content, TextRange::new(from, keep_end));
            segments.push(Segment {
                logical: *logical_len,
                source: from,
                len: keep_end - from,
            });
            *logical_len += keep_end - from;
        }
        if cont {
            let esc_end = keep_end + 1;
            self.piece(PieceKind::Continuation, TextRange::new(keep_end, esc_end));
            self.piece(
                PieceKind::Whitespace,
                TextRange::new(esc_end, line.content_end),
            );
        }
        self.newline(line);
        cont
    }

    fn instruction(&mut self, first: PhysLine, lt_start: usize) {
        let first_piece = self.pieces_len();
        self.piece(PieceKind::Whitespace, TextRange::new(first.start, lt_start));
        let src = self.src;
        let mut empty_lines = Vec::new();
        let one_line =
            continuation(&src.as_bytes()[lt_start..first.content_end], self.escape).is_none();
        // The joined text and segments live in buffers the parser reuses;
        // the tree keeps only where the line is (see `LogicalLine`).
        let mut segments = std::mem::take(&mut self.segments);
        let mut joined = std::mem::take(&mut self.joined);
        segments.clear();
        joined.clear();
        let (borrowed, logical): (Option<&'a str>, LogicalLine<'a>) = if one_line {
            // The common case, one line: its content is the logical line,
            // a slice of the source.
            let range = TextRange::new(lt_start, first.content_end);
            self.pieces.push(Piece {
                kind: PieceKind::Content,
                range,
            });
            self.newline(first);
            segments.push(Segment {
                logical: 0,
                source: lt_start,
                len: range.len(),
            });
            let text = range.slice(src);
            (Some(text), LogicalLine::single(text, lt_start, self.escape))
        } else {
            let end = self.continued_lines(first, lt_start, &mut empty_lines, &mut segments);
            // One segment: the logical line is a slice of the source.
            let borrowed = if let [only] = segments.as_slice() {
                Some(&src[only.source..only.source + only.len])
            } else {
                joined.reserve(segments.last().map_or(0, |s| s.logical + s.len));
                for s in &segments {
                    joined.push_str(&src[s.source..s.source + s.len]);
                }
                None
            };
            let region = src.get(lt_start..end).unwrap_or("");
            (
                borrowed,
                LogicalLine::continued(region, lt_start, self.escape),
            )
        };
        let text: &str = borrowed.unwrap_or(&joined);
        let ctx = Ctx {
            source: src,
            text,
            borrowed,
            base: segments.first().map_or(lt_start, |s| s.source),
            segments: &segments,
            escape: self.escape,
            logical,
        };
        let mut inst = line::parse_instruction(&ctx, 0, &mut self.errors);
        let kw_start = inst.keyword.range.start;
        let heredocs =
            if can_contain_heredoc(inst.kind, &inst.args) && has_heredoc_opener(text.as_bytes()) {
                self.heredocs(kw_start, text, &segments)
            } else {
                Vec::new()
            };
        self.segments = segments;
        self.joined = joined;
        let last_piece = self.pieces_len();
        let (full_end, range_end) = if one_line && heredocs.is_empty() {
            // The line's content and its ending are the last two pieces.
            (first.end, first.content_end)
        } else {
            let pieces = &self.pieces[first_piece as usize..last_piece as usize];
            let full_end = pieces.last().map_or(first.end, |p| p.range.end);
            let range_end = pieces
                .iter()
                .rev()
                .find(|p| !matches!(p.kind, PieceKind::Newline | PieceKind::Whitespace))
                .map_or(lt_start, |p| p.range.end);
            (full_end, range_end)
        };
        inst.range = TextRange::new(kw_start, range_end.max(kw_start));
        inst.full_range = TextRange::new(first.start, full_end);
        inst.pieces = first_piece..last_piece;
        if !(heredocs.is_empty() && empty_lines.is_empty()) {
            inst.extra = Some(Box::new(Extra {
                heredocs,
                empty_continuation_lines: empty_lines,
            }));
        }
        self.nodes.push(Node::Instruction(inst));
    }

    /// Reads an instruction that continues past its first line: the pieces
    /// of every line it spans and its segments. Returns the end of the
    /// last line's text (where the logical line's stretch of source ends).
    fn continued_lines(
        &mut self,
        first: PhysLine,
        lt_start: usize,
        empty_lines: &mut Vec<TextRange>,
        segments: &mut Vec<Segment>,
    ) -> usize {
        let mut logical_len = 0;
        let mut end = first.content_end;
        let mut cont = self.content_line(segments, &mut logical_len, lt_start, first);
        while cont {
            let Some(line) = self.next_line() else { break };
            end = line.content_end;
            let lead = leading_ws(self.src, line.start, line.content_end);
            if self.src.as_bytes().get(lead) == Some(&b'#') && lead < line.content_end {
                self.trivia_pieces(line, lead, PieceKind::Comment);
                continue;
            }
            if lead == line.content_end {
                self.trivia_pieces(line, lead, PieceKind::Whitespace);
                empty_lines.push(TextRange::new(line.start, line.content_end));
                continue;
            }
            cont = self.content_line(segments, &mut logical_len, line.start, line);
        }
        if segments.is_empty() {
            // A lone continuation character: the logical line is empty.
            segments.push(Segment {
                logical: 0,
                source: lt_start,
                len: 0,
            });
        }
        end
    }

    /// Reads the heredoc bodies that follow an instruction line.
    fn heredocs(&mut self, kw_start: usize, text: &str, segments: &[Segment]) -> Vec<Heredoc<'a>> {
        let mut heredocs = Vec::new();
        let lex = Lex {
            raw_quotes: true,
            raw_escapes: true,
            skip_unset_env: true,
            ..Lex::new('\\')
        };
        let map = line::SegmentMap(segments);
        // BuildKit ignores lines it cannot split into words here.
        let processed = match lex.process(text, &NoEnv) {
            Ok(p) => p,
            Err(e) if e.too_deep => {
                let range = TextRange::new(kw_start, map.to_source_end(text.len()));
                self.error(
                    ErrorKind::InvalidArguments,
                    format!(
                        "{}: fromlab cannot look for heredocs on this line",
                        e.message
                    ),
                    range,
                );
                return heredocs;
            }
            Err(_) => return heredocs,
        };
        for word in processed.words {
            let marker = map.range(word.start, word.end);
            let spec = match heredoc_spec(&word.text) {
                Ok(Some(spec)) => spec,
                Ok(None) => continue,
                Err(message) => {
                    self.error(ErrorKind::InvalidHeredoc, message, marker);
                    continue;
                }
            };
            let body_start = self.pos;
            let mut body_end = body_start;
            let mut terminator = None;
            while let Some(line) = self.next_line() {
                let text = &self.src[line.start..line.content_end];
                let candidate = if spec.chomp {
                    text.trim_start_matches('\t')
                } else {
                    text
                };
                if candidate == spec.name {
                    let range = TextRange::new(line.start, line.content_end);
                    self.piece(PieceKind::HeredocTerminator, range);
                    self.newline(line);
                    terminator = Some(range);
                    break;
                }
                self.piece(
                    PieceKind::HeredocBody,
                    TextRange::new(line.start, line.content_end),
                );
                self.newline(line);
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
            heredocs.push(Heredoc {
                name: spec.name,
                marker,
                content: Cow::Borrowed(&self.src[body_start..body_end]),
                body: TextRange::new(body_start, body_end),
                terminator,
                chomp: spec.chomp,
                expand: spec.expand,
                file_descriptor: spec.fd,
            });
        }
        heredocs
    }
}

/// Whether `<<` appears (cheaper than a substring search on short lines).
fn has_heredoc_opener(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'<', bytes).any(|i| bytes.get(i + 1) == Some(&b'<'))
}

/// BuildKit's `canContainHeredoc`: RUN, COPY and ADD in shell form, also as
/// an ONBUILD trigger.
#[inline]
fn can_contain_heredoc(kind: InstructionKind, args: &Args<'_>) -> bool {
    match kind {
        InstructionKind::Run | InstructionKind::Copy | InstructionKind::Add => {
            !matches!(args, Args::Exec(_))
        }
        InstructionKind::Onbuild => match args {
            Args::Onbuild(sub) => can_contain_heredoc_trigger(sub.kind, &sub.args),
            _ => false,
        },
        _ => false,
    }
}

/// [`can_contain_heredoc`] for an ONBUILD trigger (which cannot nest).
fn can_contain_heredoc_trigger(kind: InstructionKind, args: &Args<'_>) -> bool {
    matches!(
        kind,
        InstructionKind::Run | InstructionKind::Copy | InstructionKind::Add
    ) && !matches!(args, Args::Exec(_))
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
        let continuation = |s: &str, e| continuation(s.as_bytes(), e);
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
