//! The token stream for syntax highlighting: the tree's pieces, with each
//! instruction's content refined into keywords, flags, strings, variables,
//! punctuation and plain text. Tokens tile the source: every byte is in
//! exactly one token, in order.
//!
//! Classification is one linear pass over each logical line (no recursion,
//! so `${` nested ten thousand deep is as cheap as any other text).

use serde::Serialize;

use super::line::{char_at, skip_space};
use super::scan::{SPACE, class};
use super::tree::{self, Args, Instruction, InstructionKind, Node, Piece, PieceKind, Segment};

/// What a token is, for highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// An instruction keyword (`FROM`, `RUN`) or a HEALTHCHECK type.
    Keyword,
    /// A `--flag` or `--flag=value`.
    Flag,
    /// A quoted string.
    String,
    /// A variable reference (`$v`, `${v:-x}`).
    Variable,
    /// A comment line.
    Comment,
    /// A parser directive line.
    Directive,
    /// A heredoc opener (`<<EOF`) or terminator line.
    HeredocMarker,
    /// A heredoc body line.
    HeredocBody,
    /// JSON brackets and commas, `=` between a key and a value.
    Punct,
    /// Any other argument text.
    Text,
    /// Spaces and tabs (and a byte-order mark).
    Whitespace,
    /// A line ending.
    Newline,
    /// The escape character that continues a line.
    Continuation,
    /// Text that cannot be valid, such as an unknown instruction name.
    Error,
}

impl TokenKind {
    /// The CSS class the app puts on the token's `<span>`.
    pub const fn css_class(self) -> &'static str {
        match self {
            TokenKind::Keyword => "tok-keyword",
            TokenKind::Flag => "tok-flag",
            TokenKind::String => "tok-string",
            TokenKind::Variable => "tok-variable",
            TokenKind::Comment => "tok-comment",
            TokenKind::Directive => "tok-directive",
            TokenKind::HeredocMarker => "tok-heredoc-marker",
            TokenKind::HeredocBody => "tok-heredoc-body",
            TokenKind::Punct => "tok-punct",
            TokenKind::Text => "tok-text",
            TokenKind::Whitespace => "tok-space",
            TokenKind::Newline => "tok-newline",
            TokenKind::Continuation => "tok-continuation",
            TokenKind::Error => "tok-error",
        }
    }
}

/// A token: a kind and the byte range `start..end` of the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    /// What the bytes are.
    pub kind: TokenKind,
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

/// Appends a span, merging it with the previous one of the same kind.
fn push(out: &mut Vec<Token>, kind: TokenKind, start: usize, end: usize) {
    if end <= start {
        return;
    }
    if let Some(last) = out.last_mut()
        && last.kind == kind
        && last.end == start
    {
        last.end = end;
        return;
    }
    out.push(Token { kind, start, end });
}

/// Tokens for every node, tiling the source.
pub(crate) fn tokens(
    source: &str,
    nodes: &[Node<'_>],
    pieces: &[Piece],
    escape: char,
) -> Vec<Token> {
    // Real Dockerfiles have about one token per four to six bytes (the
    // densest file of the corpus: one per three), so this rarely grows.
    let len = pieces.last().map_or(0, |p| p.range.end);
    let mut out = Vec::with_capacity(len / 4 + 1);
    // Reused by every instruction, so classifying a line allocates nothing
    // once these have grown to the longest line's needs.
    let mut scratch = Scratch {
        marks: Vec::new(),
        spans: Vec::with_capacity(64),
        segments: Vec::with_capacity(8),
        joined: String::new(),
    };
    for node in nodes {
        let own = &pieces[node.piece_indices()];
        match node {
            Node::Instruction(inst) => {
                instruction_tokens(source, inst, own, escape, &mut scratch, &mut out)
            }
            _ => {
                for p in own {
                    push(&mut out, piece_kind(p.kind), p.range.start, p.range.end);
                }
            }
        }
    }
    out
}

fn piece_kind(kind: PieceKind) -> TokenKind {
    match kind {
        PieceKind::Bom | PieceKind::Whitespace => TokenKind::Whitespace,
        PieceKind::Newline => TokenKind::Newline,
        PieceKind::Comment => TokenKind::Comment,
        PieceKind::Directive => TokenKind::Directive,
        PieceKind::Continuation => TokenKind::Continuation,
        PieceKind::HeredocBody => TokenKind::HeredocBody,
        PieceKind::HeredocTerminator => TokenKind::HeredocMarker,
        PieceKind::Content => TokenKind::Text,
    }
}

/// Buffers for [`classify`]: the marks (heredoc markers, `=` signs) and
/// the spans of one logical line, and the line itself when it spans lines.
struct Scratch {
    marks: Vec<(usize, usize, TokenKind)>,
    spans: Vec<Token>,
    segments: Vec<Segment>,
    joined: String,
}

fn instruction_tokens(
    source: &str,
    inst: &Instruction<'_>,
    pieces: &[Piece],
    escape: char,
    scratch: &mut Scratch,
    out: &mut Vec<Token>,
) {
    let Scratch {
        marks,
        spans,
        segments,
        joined,
    } = scratch;
    segments.clear();
    // A line that does not continue is a slice of the source. Otherwise
    // the content pieces are the logical line's segments, in order (the
    // parser records both together), so the line is rebuilt from them into
    // reused buffers rather than asked of `inst.logical`.
    let text = if let Some((text, start)) = inst.logical.as_single() {
        segments.push(Segment {
            logical: 0,
            source: start,
            len: text.len(),
        });
        text
    } else {
        let mut logical = 0;
        for p in pieces.iter().filter(|p| p.kind == PieceKind::Content) {
            segments.push(Segment {
                logical,
                source: p.range.start,
                len: p.range.len(),
            });
            logical += p.range.len();
        }
        match segments.as_slice() {
            [] => "",
            [only] => source
                .get(only.source..only.source + only.len)
                .unwrap_or(""),
            many => {
                joined.clear();
                joined.reserve(many.iter().map(|s| s.len).sum());
                for s in many {
                    joined.push_str(source.get(s.source..s.source + s.len).unwrap_or(""));
                }
                joined.as_str()
            }
        }
    };
    classify(inst, text, segments, escape, marks, spans);
    let mut span = 0;
    let mut l_end = 0;
    for p in pieces {
        if p.kind != PieceKind::Content {
            push(out, piece_kind(p.kind), p.range.start, p.range.end);
            continue;
        }
        let (l_start, s_start) = (l_end, p.range.start);
        l_end = l_start + p.range.len();
        while span < spans.len() && spans[span].end <= l_start {
            span += 1;
        }
        let mut i = span;
        while i < spans.len() && spans[i].start < l_end {
            let t = spans[i];
            let a = t.start.max(l_start);
            let b = t.end.min(l_end);
            push(
                out,
                t.kind,
                s_start + (a - l_start),
                s_start + (b - l_start),
            );
            i += 1;
        }
    }
}

/// Tiles the logical line `text` of `inst` (mapped to the source by
/// `segments`) with token kinds (logical offsets), into `spans`.
fn classify(
    inst: &Instruction<'_>,
    text: &str,
    segments: &[Segment],
    escape: char,
    marks: &mut Vec<(usize, usize, TokenKind)>,
    spans: &mut Vec<Token>,
) {
    marks.clear();
    spans.clear();
    for h in inst.heredocs() {
        if let (Some(a), Some(b)) = (
            tree::to_logical(segments, h.marker.start),
            tree::to_logical(segments, h.marker.end),
        ) {
            marks.push((a, b, TokenKind::HeredocMarker));
        }
    }
    equals_marks(inst, segments, marks);
    marks.sort_unstable_by_key(|m| (m.0, m.1));
    line(text, 0, inst, escape, marks, spans);
}

/// `=` between keys and values of ENV, LABEL and ARG, as punctuation.
fn equals_marks(
    inst: &Instruction<'_>,
    segments: &[Segment],
    marks: &mut Vec<(usize, usize, TokenKind)>,
) {
    match &inst.args {
        Args::KeyValues { pairs, .. } => {
            for p in pairs {
                if let Some(eq) = p.equals
                    && let Some(l) = tree::to_logical(segments, eq.start)
                {
                    marks.push((l, l + 1, TokenKind::Punct));
                }
            }
        }
        Args::Words(words) if inst.kind == InstructionKind::Arg => {
            for w in words {
                if let (Some(i), Some(l)) =
                    (w.value.find('='), tree::to_logical(segments, w.range.start))
                {
                    marks.push((l + i, l + i + 1, TokenKind::Punct));
                }
            }
        }
        Args::Onbuild(sub) => equals_marks(sub, segments, marks),
        _ => {}
    }
}

/// The end of the whitespace (Unicode White_Space) starting at `from`.
fn ws_end(text: &str, from: usize) -> usize {
    skip_space(text, from, text.len())
}

/// Classifies `text[from..]` as one instruction line.
fn line(
    text: &str,
    from: usize,
    inst: &Instruction<'_>,
    escape: char,
    marks: &[(usize, usize, TokenKind)],
    out: &mut Vec<Token>,
) {
    let kw_start = ws_end(text, from);
    push(out, TokenKind::Whitespace, from, kw_start);
    let kw_end = text[kw_start..]
        .find(['\t', '\u{b}', '\u{c}', '\r', ' '])
        .map_or(text.len(), |i| kw_start + i);
    let kw_kind = if inst.kind == InstructionKind::Unknown {
        TokenKind::Error
    } else {
        TokenKind::Keyword
    };
    push(out, kw_kind, kw_start, kw_end);
    let flags_from = ws_end(text, kw_end);
    push(out, TokenKind::Whitespace, kw_end, flags_from);
    let mut pos = flags_from;
    let rest = super::line::scan_flags(text, flags_from, text.len(), |start, end, _| {
        push(out, TokenKind::Whitespace, pos, start);
        push(out, TokenKind::Flag, start, end);
        pos = end;
    });
    let args_start = rest.unwrap_or(text.len()).max(pos);
    push(
        out,
        TokenKind::Whitespace,
        pos,
        ws_end(text, pos).min(args_start),
    );
    // Any text between the flags and the arguments (such as `--`).
    let gap_start = ws_end(text, pos).min(args_start);
    push(out, TokenKind::Text, gap_start, args_start);
    match &inst.args {
        Args::Onbuild(sub) => line(text, args_start, sub, escape, marks, out),
        Args::Exec(_) => json(text, args_start, out),
        Args::Healthcheck { command, .. } => {
            let kind_end = text[args_start..]
                .find(|c: char| c.is_ascii_whitespace())
                .map_or(text.len(), |i| args_start + i);
            push(out, TokenKind::Keyword, args_start, kind_end);
            let cmd_start = ws_end(text, kind_end);
            push(out, TokenKind::Whitespace, kind_end, cmd_start);
            if matches!(**command, Args::Exec(_)) {
                json(text, cmd_start, out);
            } else {
                shell(text, cmd_start, escape, marks, out);
            }
        }
        _ => shell(text, args_start, escape, marks, out),
    }
}

fn json(text: &str, from: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < text.len() {
        let b = bytes[i];
        match b {
            b'"' => {
                let mut j = i + 1;
                while j < text.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(text.len());
                push(out, TokenKind::String, i, end);
                i = end;
            }
            b'[' | b']' | b',' | b':' => {
                push(out, TokenKind::Punct, i, i + 1);
                i += 1;
            }
            _ => {
                let end = text[i..]
                    .find(['"', '[', ']', ',', ':'])
                    .map_or(text.len(), |k| i + k);
                let chunk = &text[i..end];
                let kind = if chunk.trim().is_empty() {
                    TokenKind::Whitespace
                } else {
                    TokenKind::Text
                };
                push(out, kind, i, end);
                i = end;
            }
        }
    }
}

/// The end of a `$` reference starting at `i`, if there is one.
fn variable_end(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i + 1..];
    let mut chars = rest.char_indices();
    let (_, c) = chars.next()?;
    if c == '{' {
        let mut depth = 0usize;
        let bytes = text.as_bytes();
        let mut j = i + 1;
        while j < text.len() {
            match bytes[j] {
                b'{' if bytes.get(j.wrapping_sub(1)) == Some(&b'$') => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(j + 1);
                    }
                }
                _ => {}
            }
            j += 1;
        }
        return Some(text.len());
    }
    if c.is_alphanumeric() || c == '_' {
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        return Some(i + 1 + len);
    }
    if matches!(c, '@' | '*' | '#' | '?' | '-' | '$' | '!') {
        return Some(i + 2);
    }
    None
}

/// The end of a run of plain shell text starting at `i`: the first
/// whitespace character, escape character, quote or `$`, or the end. Bytes
/// are tested one table lookup each; only non-ASCII characters are decoded.
fn plain_end(text: &str, i: usize, escape: u8) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    while j < bytes.len() {
        let b = bytes[j];
        if b < 0x80 {
            if class(b) & SPACE != 0 || b == escape || matches!(b, b'\'' | b'"' | b'$') {
                return j;
            }
            j += 1;
        } else {
            let (c, n) = char_at(text, j);
            if c.is_whitespace() {
                return j;
            }
            j += n;
        }
    }
    j
}

fn shell(
    text: &str,
    from: usize,
    escape: char,
    marks: &[(usize, usize, TokenKind)],
    out: &mut Vec<Token>,
) {
    let mut i = from;
    let mut mark = marks.partition_point(|m| m.0 < from);
    while i < text.len() {
        if let Some(&(a, b, kind)) = marks.get(mark)
            && a <= i
        {
            if b > i {
                push(out, kind, i, b);
                i = b;
            }
            mark += 1;
            continue;
        }
        let next_mark = marks.get(mark).map_or(text.len(), |m| m.0);
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            let end = ws_end(text, i).min(next_mark);
            push(out, TokenKind::Whitespace, i, end.max(i + clen));
            i = end.max(i + clen);
        } else if c == escape {
            let next = text[i + clen..].chars().next().map_or(0, char::len_utf8);
            push(out, TokenKind::Text, i, i + clen + next);
            i += clen + next;
        } else if c == '\'' {
            let end = text[i + 1..]
                .find('\'')
                .map_or(text.len(), |k| i + 1 + k + 1);
            push(out, TokenKind::String, i, end);
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            push(out, TokenKind::String, i, j);
            while j < text.len() {
                // Every delimiter here is ASCII, so a byte search finds the
                // next one and the run before it is plain string text.
                let run = memchr::memchr3(b'"', escape as u8, b'$', &text.as_bytes()[j..])
                    .map_or(text.len(), |k| j + k);
                if run > j {
                    push(out, TokenKind::String, j, run);
                    j = run;
                    continue;
                }
                let Some(d) = text[j..].chars().next() else {
                    break;
                };
                if d == '"' {
                    push(out, TokenKind::String, j, j + 1);
                    j += 1;
                    break;
                }
                if d == escape {
                    let next = text[j + 1..].chars().next().map_or(0, char::len_utf8);
                    push(out, TokenKind::String, j, j + 1 + next);
                    j += 1 + next;
                    continue;
                }
                if d == '$'
                    && let Some(end) = variable_end(text, j)
                {
                    push(out, TokenKind::Variable, j, end);
                    j = end;
                    continue;
                }
                push(out, TokenKind::String, j, j + d.len_utf8());
                j += d.len_utf8();
            }
            i = j;
        } else if c == '$' {
            match variable_end(text, i) {
                Some(end) => {
                    push(out, TokenKind::Variable, i, end);
                    i = end;
                }
                None => {
                    push(out, TokenKind::Text, i, i + 1);
                    i += 1;
                }
            }
        } else {
            let end = plain_end(text, i, escape as u8)
                .min(next_mark)
                .max(i + clen);
            push(out, TokenKind::Text, i, end);
            i = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte scan for plain shell text stops exactly where the plain
        /// definition (whitespace, escape character, quote or `$`) does.
        #[test]
        fn plain_end_agrees_with_chars(
            text in "[a-z$'\"\\\\` \t\u{a0}\u{85}\u{2003}é=-]{0,24}",
            backtick in any::<bool>(),
        ) {
            let escape = if backtick { '`' } else { '\\' };
            let expected = text
                .find(|d: char| d.is_whitespace() || d == escape || matches!(d, '\'' | '"' | '$'))
                .unwrap_or(text.len());
            prop_assert_eq!(plain_end(&text, 0, escape as u8), expected);
        }
    }
}
