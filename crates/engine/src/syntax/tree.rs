//! The syntax tree: plain data describing every byte of a Dockerfile.
//!
//! The tree has two levels. The top level is a list of [`Node`]s that tile
//! the whole source: byte-order mark, parser directives, comment and blank
//! lines, and instructions. Each node owns a run of [`Piece`]s that tile it
//! (see [`crate::syntax::Parse::pieces`]), so printing the pieces in order
//! gives back the input byte for byte ([`crate::syntax::Parse::print`]).
//! Inside an instruction, the typed fields ([`Instruction::flags`],
//! [`Args`], [`Heredoc`]) carry the values as BuildKit computes them plus the
//! byte ranges they come from.
//!
//! Values borrow from the source whenever they are a slice of it, which is
//! almost always: a value is only copied when BuildKit changes it (quotes
//! removed from a flag, a JSON escape decoded) or when it spans a line
//! continuation.
//!
//! A Dockerfile instruction can span several physical lines (line
//! continuations, comment lines inside them, heredoc bodies). BuildKit joins
//! those lines into one *logical line* before it parses the arguments; the
//! tree keeps that line too ([`LogicalLine`]) with a map back to the source.

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;
use smallvec::SmallVec;

use super::line::SegmentMap;
use super::parser::{continuation, leading_ws};
use super::text::TextRange;

/// A string value with the source range it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Spanned<'a> {
    /// The value, as BuildKit computes it (quotes and escapes kept where
    /// BuildKit keeps them; expansion happens later, see [`crate::expand`]).
    pub value: Cow<'a, str>,
    /// Where it is in the source. When the value crosses a line
    /// continuation the range includes the continuation.
    pub range: TextRange,
}

impl Spanned<'_> {
    /// The value as a `&str`.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// One top-level element of a Dockerfile. Nodes tile the source in order.
// Most nodes are instructions, so boxing the large variant would cost an
// allocation per instruction to save memory only on comment and blank lines. An `allow`,
// not an `expect`: whether the lint fires depends on the target's pointer size (it does
// on 64-bit hosts, not on wasm32).
#[allow(
    clippy::large_enum_variant,
    reason = "instructions are most of the nodes; a box would allocate for each"
)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Node<'a> {
    /// A UTF-8 byte-order mark at the very start.
    Bom(Trivia),
    /// A parser directive such as `# syntax=docker/dockerfile:1`.
    Directive(Directive<'a>),
    /// A comment line, with its line ending.
    Comment(Trivia),
    /// A line holding nothing but whitespace, with its line ending.
    Blank(Trivia),
    /// An instruction, with its continuation lines and heredoc bodies.
    Instruction(Instruction<'a>),
}

impl Node<'_> {
    /// The bytes this node covers (every byte, including its final newline).
    pub fn full_range(&self) -> TextRange {
        match self {
            Node::Bom(t) | Node::Comment(t) | Node::Blank(t) => t.range,
            Node::Directive(d) => d.full_range,
            Node::Instruction(i) => i.full_range,
        }
    }

    /// Indices of this node's pieces in [`crate::syntax::Parse::all_pieces`].
    pub fn piece_indices(&self) -> Range<usize> {
        let r = match self {
            Node::Bom(t) | Node::Comment(t) | Node::Blank(t) => &t.pieces,
            Node::Directive(d) => &d.pieces,
            Node::Instruction(i) => &i.pieces,
        };
        r.start as usize..r.end as usize
    }
}

/// A run of bytes that carries no instruction: a comment, a blank line or a
/// byte-order mark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Trivia {
    /// Every byte of the node, including its line ending.
    pub range: TextRange,
    /// Indices of the pieces that tile `range`.
    pub pieces: Range<u32>,
}

/// The smallest unit of the lossless layer: a range of the source with a
/// coarse kind. Highlighting tokens refine the [`PieceKind::Content`]
/// pieces (see [`crate::syntax::Parse::tokens`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// What the bytes are.
    pub kind: PieceKind,
    /// Where they are.
    pub range: TextRange,
}

/// The kinds of [`Piece`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PieceKind {
    /// A UTF-8 byte-order mark.
    Bom,
    /// Whitespace that BuildKit strips (indentation before an instruction,
    /// whitespace after a line-continuation character, blank lines).
    Whitespace,
    /// A line ending: `\n`, `\r\n`, or stray `\r`s before it.
    Newline,
    /// A comment line's text (from `#` to the end of the line).
    Comment,
    /// A parser directive's text.
    Directive,
    /// The escape character that continues an instruction on the next line.
    Continuation,
    /// Part of an instruction's logical line (see [`LogicalLine`]).
    Content,
    /// A line of a heredoc body (without its line ending).
    HeredocBody,
    /// The line that ends a heredoc (without its line ending).
    HeredocTerminator,
}

/// A parser directive: a `# name=value` comment among the first lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Directive<'a> {
    /// The name as written (`syntax`, `escape` or `check`, any case).
    pub name: Spanned<'a>,
    /// The value, with surrounding whitespace removed.
    pub value: Spanned<'a>,
    /// The directive's text without indentation and line ending.
    pub range: TextRange,
    /// Every byte, including the line ending.
    pub full_range: TextRange,
    /// Indices of the pieces that tile `full_range`.
    pub pieces: Range<u32>,
}

/// The instructions of the Dockerfile reference, plus `Unknown` for anything
/// else (reported as an error, parsing continues).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InstructionKind {
    /// `ADD`
    Add,
    /// `ARG`
    Arg,
    /// `CMD`
    Cmd,
    /// `COPY`
    Copy,
    /// `ENTRYPOINT`
    Entrypoint,
    /// `ENV`
    Env,
    /// `EXPOSE`
    Expose,
    /// `FROM`
    From,
    /// `HEALTHCHECK`
    Healthcheck,
    /// `LABEL`
    Label,
    /// `MAINTAINER` (deprecated)
    Maintainer,
    /// `ONBUILD`
    Onbuild,
    /// `RUN`
    Run,
    /// `SHELL`
    Shell,
    /// `STOPSIGNAL`
    Stopsignal,
    /// `USER`
    User,
    /// `VOLUME`
    Volume,
    /// `WORKDIR`
    Workdir,
    /// Not an instruction Docker knows.
    Unknown,
}

/// Up to eight bytes packed little-endian with bit 5 of each cleared (see
/// [`InstructionKind::from_keyword`]); the keyword constants below.
const fn upper_const(bytes: &[u8]) -> u64 {
    let mut word = 0u64;
    let mut i = 0;
    while i < bytes.len() {
        word |= ((bytes[i] & 0xdf) as u64) << (8 * i);
        i += 1;
    }
    word
}

/// [`upper_const`] at run time: every caller passes a slice of fixed
/// length, so the copy is a few plain loads.
#[inline(always)]
fn upper(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    let n = bytes.len().min(8);
    word[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(word) & 0xdfdf_dfdf_dfdf_dfdf
}

const ADD: u64 = upper_const(b"ADD");
const ARG: u64 = upper_const(b"ARG");
const CMD: u64 = upper_const(b"CMD");
const ENV: u64 = upper_const(b"ENV");
const RUN: u64 = upper_const(b"RUN");
const COPY: u64 = upper_const(b"COPY");
const FROM: u64 = upper_const(b"FROM");
const USER: u64 = upper_const(b"USER");
const LABEL: u64 = upper_const(b"LABEL");
const SHELL: u64 = upper_const(b"SHELL");
const EXPOSE: u64 = upper_const(b"EXPOSE");
const VOLUME: u64 = upper_const(b"VOLUME");
const ONBUILD: u64 = upper_const(b"ONBUILD");
const WORKDIR: u64 = upper_const(b"WORKDIR");
const ENTRYPOI: u64 = upper_const(b"ENTRYPOI");
const NT: u64 = upper_const(b"NT");
const MAINTAIN: u64 = upper_const(b"MAINTAIN");
const ER: u64 = upper_const(b"ER");
const STOPSIGN: u64 = upper_const(b"STOPSIGN");
const AL: u64 = upper_const(b"AL");
const HEALTHCH: u64 = upper_const(b"HEALTHCH");
const ECK: u64 = upper_const(b"ECK");

impl InstructionKind {
    /// Every known instruction, in alphabetical order.
    pub const ALL: [InstructionKind; 18] = [
        InstructionKind::Add,
        InstructionKind::Arg,
        InstructionKind::Cmd,
        InstructionKind::Copy,
        InstructionKind::Entrypoint,
        InstructionKind::Env,
        InstructionKind::Expose,
        InstructionKind::From,
        InstructionKind::Healthcheck,
        InstructionKind::Label,
        InstructionKind::Maintainer,
        InstructionKind::Onbuild,
        InstructionKind::Run,
        InstructionKind::Shell,
        InstructionKind::Stopsignal,
        InstructionKind::User,
        InstructionKind::Volume,
        InstructionKind::Workdir,
    ];

    /// The kind named by a keyword, in any letter case.
    #[inline(always)]
    pub fn from_keyword(keyword: &str) -> InstructionKind {
        // Clearing bit 5 upper-cases an ASCII letter, and the only bytes
        // that become a given upper-case letter are that letter in either
        // case, so comparing packed words this way is an exact,
        // case-insensitive match. Packing by length keeps every load fixed.
        let b = keyword.as_bytes();
        match b.len() {
            3 => match upper(&b[..3]) {
                ADD => InstructionKind::Add,
                ARG => InstructionKind::Arg,
                CMD => InstructionKind::Cmd,
                ENV => InstructionKind::Env,
                RUN => InstructionKind::Run,
                _ => InstructionKind::Unknown,
            },
            4 => match upper(&b[..4]) {
                COPY => InstructionKind::Copy,
                FROM => InstructionKind::From,
                USER => InstructionKind::User,
                _ => InstructionKind::Unknown,
            },
            5 => match upper(&b[..5]) {
                LABEL => InstructionKind::Label,
                SHELL => InstructionKind::Shell,
                _ => InstructionKind::Unknown,
            },
            6 => match upper(&b[..6]) {
                EXPOSE => InstructionKind::Expose,
                VOLUME => InstructionKind::Volume,
                _ => InstructionKind::Unknown,
            },
            7 => match upper(&b[..7]) {
                ONBUILD => InstructionKind::Onbuild,
                WORKDIR => InstructionKind::Workdir,
                _ => InstructionKind::Unknown,
            },
            10 => match (upper(&b[..8]), upper(&b[8..10])) {
                (ENTRYPOI, NT) => InstructionKind::Entrypoint,
                (MAINTAIN, ER) => InstructionKind::Maintainer,
                (STOPSIGN, AL) => InstructionKind::Stopsignal,
                _ => InstructionKind::Unknown,
            },
            11 => match (upper(&b[..8]), upper(&b[8..11])) {
                (HEALTHCH, ECK) => InstructionKind::Healthcheck,
                _ => InstructionKind::Unknown,
            },
            _ => InstructionKind::Unknown,
        }
    }

    /// The upper-case keyword (`"UNKNOWN"` for unknown ones).
    pub const fn name(self) -> &'static str {
        match self {
            InstructionKind::Add => "ADD",
            InstructionKind::Arg => "ARG",
            InstructionKind::Cmd => "CMD",
            InstructionKind::Copy => "COPY",
            InstructionKind::Entrypoint => "ENTRYPOINT",
            InstructionKind::Env => "ENV",
            InstructionKind::Expose => "EXPOSE",
            InstructionKind::From => "FROM",
            InstructionKind::Healthcheck => "HEALTHCHECK",
            InstructionKind::Label => "LABEL",
            InstructionKind::Maintainer => "MAINTAINER",
            InstructionKind::Onbuild => "ONBUILD",
            InstructionKind::Run => "RUN",
            InstructionKind::Shell => "SHELL",
            InstructionKind::Stopsignal => "STOPSIGNAL",
            InstructionKind::User => "USER",
            InstructionKind::Volume => "VOLUME",
            InstructionKind::Workdir => "WORKDIR",
            InstructionKind::Unknown => "UNKNOWN",
        }
    }
}

/// One instruction: its keyword, flags, arguments and heredocs.
///
/// ```text
/// COPY --from=build --chmod=755 /out/app /app
/// ^^^^ keyword
///      ^^^^^^^^^^^^ flags[0]     ^^^^^^^^^^^^^ args (Words)
///                   ^^^^^^^^^^^ flags[1]
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Instruction<'a> {
    /// Which instruction this is.
    pub kind: InstructionKind,
    /// The keyword as written (any case).
    pub keyword: Spanned<'a>,
    /// The `--name=value` flags before the arguments, in order.
    pub flags: Vec<Flag<'a>>,
    /// The arguments.
    pub args: Args<'a>,
    /// From the keyword to the end of the last line that belongs to the
    /// instruction (heredoc terminators included, line ending excluded).
    pub range: TextRange,
    /// Every byte of the instruction: indentation, continuation lines,
    /// comment lines inside it, heredoc bodies and the final line ending.
    pub full_range: TextRange,
    /// The joined line BuildKit parses, with its map back to the source.
    pub logical: LogicalLine<'a>,
    /// Indices of the pieces that tile `full_range` (empty for an ONBUILD
    /// trigger, whose pieces belong to the ONBUILD instruction).
    pub pieces: Range<u32>,
    /// Heredocs and empty continuation lines, which few instructions have:
    /// kept out of line so that every other instruction is smaller (see
    /// [`Instruction::heredocs`], [`Instruction::empty_continuation_lines`]).
    #[serde(flatten, serialize_with = "serialize_extra")]
    pub(crate) extra: Option<Box<Extra<'a>>>,
}

/// The rarely present parts of an [`Instruction`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Extra<'a> {
    pub heredocs: Vec<Heredoc<'a>>,
    pub empty_continuation_lines: Vec<TextRange>,
}

/// Serializes [`Instruction::extra`] as the two lists, present or not, so
/// the serialized shape does not depend on how they are stored.
fn serialize_extra<S: serde::Serializer>(
    extra: &Option<Box<Extra<'_>>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match extra {
        Some(extra) => extra.serialize(serializer),
        None => Extra::default().serialize(serializer),
    }
}

impl<'a> Instruction<'a> {
    /// Heredocs opened on this instruction's line, in order.
    pub fn heredocs(&self) -> &[Heredoc<'a>] {
        self.extra.as_ref().map_or(&[], |e| &e.heredocs)
    }

    /// Lines inside the continuation that held only whitespace. BuildKit
    /// accepts them with a warning.
    pub fn empty_continuation_lines(&self) -> &[TextRange] {
        self.extra
            .as_ref()
            .map_or(&[], |e| &e.empty_continuation_lines)
    }
    /// The first flag with this name (without the leading `--`).
    pub fn flag(&self, name: &str) -> Option<&Flag<'_>> {
        self.flags.iter().find(|f| f.name.value == name)
    }

    /// Whether the arguments are in exec (JSON array) form.
    pub fn is_exec_form(&self) -> bool {
        match &self.args {
            Args::Exec(_) => true,
            Args::Healthcheck { command, .. } => matches!(**command, Args::Exec(_)),
            _ => false,
        }
    }
}

/// A flag such as `--from=build` or `--link`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag<'a> {
    /// The flag as BuildKit keeps it: quotes and backslashes removed,
    /// `--name` or `--name=value`.
    pub text: Cow<'a, str>,
    /// The name without the leading `--`.
    pub name: Spanned<'a>,
    /// The value after `=`, unquoted, if there is one.
    pub value: Option<Spanned<'a>>,
    /// The whole flag word in the source.
    pub range: TextRange,
}

/// The arguments of an instruction, in the shape BuildKit reads them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "form", content = "value", rename_all = "snake_case")]
pub enum Args<'a> {
    /// No arguments.
    None,
    /// Exec form: a JSON array of strings (`CMD ["app", "--serve"]`).
    Exec(ExecForm<'a>),
    /// Shell form: one command string, passed to the shell.
    Shell(Spanned<'a>),
    /// Whitespace-separated words (`FROM`, `EXPOSE`, `COPY`, `ADD`, `VOLUME`,
    /// `ARG`). Quotes are kept as written. Up to three words (`FROM image
    /// AS name`) are stored inline, so most instructions allocate nothing
    /// for them.
    Words(SmallVec<[Spanned<'a>; 3]>),
    /// One string (`USER`, `WORKDIR`, `MAINTAINER`, `STOPSIGNAL`).
    Text(Spanned<'a>),
    /// `ENV` and `LABEL`: `key=value` pairs, or the legacy `key value`.
    KeyValues {
        /// The pairs in order. One is stored inline (most `ENV` and
        /// `LABEL` instructions set one), in the room the inline words
        /// already give [`Args`], so it costs no memory.
        pairs: SmallVec<[KeyValue<'a>; 1]>,
        /// Whether the legacy `KEY value` form was used.
        legacy: bool,
    },
    /// `HEALTHCHECK`: a type word (`CMD`, `NONE`) and the command.
    Healthcheck {
        /// `CMD`, `NONE` or what the author wrote.
        kind: Spanned<'a>,
        /// The command after the type, in shell or exec form.
        command: Box<Args<'a>>,
    },
    /// `ONBUILD`: the trigger instruction.
    Onbuild(Box<Instruction<'a>>),
    /// The text after an unknown instruction, which BuildKit ignores.
    Unparsed(Spanned<'a>),
}

impl<'a> Args<'a> {
    /// Number of argument values (key/value pairs count two; a HEALTHCHECK
    /// counts its type; an ONBUILD trigger counts its keyword).
    pub fn count(&self) -> usize {
        match self {
            Args::None => 0,
            Args::Exec(e) => e.items.len(),
            Args::Shell(_) | Args::Text(_) | Args::Unparsed(_) => 1,
            Args::Words(w) => w.len(),
            Args::KeyValues { pairs, .. } => pairs.len() * 2,
            Args::Healthcheck { command, .. } => 1 + command.count(),
            Args::Onbuild(i) => 1 + i.args.count(),
        }
    }

    /// The argument strings in order, as BuildKit's instruction parser sees
    /// them (key/value pairs flattened to key, value).
    pub fn values(&self) -> Vec<&str> {
        let mut out = Vec::with_capacity(self.count());
        self.push_values(&mut out);
        out
    }

    fn push_values<'s>(&'s self, out: &mut Vec<&'s str>) {
        match self {
            Args::None => {}
            Args::Exec(e) => out.extend(e.items.iter().map(Spanned::as_str)),
            Args::Shell(s) | Args::Text(s) | Args::Unparsed(s) => out.push(s.as_str()),
            Args::Words(w) => out.extend(w.iter().map(Spanned::as_str)),
            Args::KeyValues { pairs, .. } => {
                for p in pairs {
                    out.push(p.key.as_str());
                    out.push(p.value.as_str());
                }
            }
            Args::Healthcheck { kind, command } => {
                out.push(kind.as_str());
                command.push_values(out);
            }
            Args::Onbuild(i) => {
                out.push(i.keyword.as_str());
                i.args.push_values(out);
            }
        }
    }

    /// Source range covering all the arguments, if there are any.
    pub fn range(&self) -> Option<TextRange> {
        match self {
            Args::None => None,
            Args::Exec(e) => Some(e.range),
            Args::Shell(s) | Args::Text(s) | Args::Unparsed(s) => Some(s.range),
            Args::Words(w) => Some(w.first()?.range.cover(w.last()?.range)),
            Args::KeyValues { pairs, .. } => {
                Some(pairs.first()?.range().cover(pairs.last()?.range()))
            }
            Args::Healthcheck { kind, command } => {
                Some(command.range().map_or(kind.range, |r| kind.range.cover(r)))
            }
            Args::Onbuild(i) => Some(i.range),
        }
    }
}

/// A JSON array of strings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExecForm<'a> {
    /// The decoded strings with the ranges of their JSON literals.
    pub items: Vec<Spanned<'a>>,
    /// From `[` to `]`.
    pub range: TextRange,
}

/// One `ENV` or `LABEL` pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyValue<'a> {
    /// The key as written.
    pub key: Spanned<'a>,
    /// The value as written (quotes kept; see [`crate::expand`]).
    pub value: Spanned<'a>,
    /// The `=` between them, absent in the legacy form.
    pub equals: Option<TextRange>,
}

impl KeyValue<'_> {
    /// From the key to the end of the value.
    pub fn range(&self) -> TextRange {
        self.key.range.cover(self.value.range)
    }
}

/// A heredoc: `<<EOF` on the instruction line and the lines up to `EOF`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heredoc<'a> {
    /// The delimiter word, unquoted (`EOF`).
    pub name: String,
    /// The `<<EOF` word on the instruction line.
    pub marker: TextRange,
    /// The body lines, each with its line ending, as BuildKit collects them.
    pub content: Cow<'a, str>,
    /// Where the body is in the source (may be empty).
    pub body: TextRange,
    /// The terminator line, or `None` when the file ended first.
    pub terminator: Option<TextRange>,
    /// `<<-`: leading tabs are stripped from the body and terminator.
    pub chomp: bool,
    /// Variables in the body are expanded (the delimiter was not quoted).
    pub expand: bool,
    /// The file descriptor in `3<<EOF`, if one was given.
    pub file_descriptor: Option<u32>,
}

/// One piece of a [`LogicalLine`]: `len` bytes at `logical` in the joined
/// text come from `source` in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Offset in the joined text.
    pub logical: usize,
    /// Offset in the source.
    pub source: usize,
    /// Length in bytes.
    pub len: usize,
}

/// The joined line BuildKit parses, built from the content of the physical
/// lines, with a map from its offsets back to the source.
///
/// It stores no copy: only the stretch of source it was read from (from the
/// instruction's first byte of text to the end of its last line). For an
/// instruction on one line that stretch is the logical line itself; for one
/// that continues, [`LogicalLine::text`] joins the lines and
/// [`LogicalLine::segments`] finds them again, reading the stretch the way
/// the parser did. This keeps the tree small and spares an instruction that
/// spans lines two allocations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogicalLine<'a> {
    /// The source from the start of the text to the end of the last line.
    region: &'a str,
    /// Where `region` starts in the source.
    start: usize,
    /// The escape character (`\\` or `` ` ``), as a byte.
    escape: u8,
    /// Whether the line continues (otherwise `region` is the line).
    continued: bool,
}

/// Segments of a logical line, kept on the stack for up to eight lines.
type Segments = SmallVec<[Segment; 8]>;

impl<'a> LogicalLine<'a> {
    /// A logical line on one physical line: `text` starts at `start` in the
    /// source.
    pub(crate) fn single(text: &'a str, start: usize, escape: char) -> Self {
        LogicalLine {
            region: text,
            start,
            escape: escape as u8,
            continued: false,
        }
    }

    /// A logical line read from `region`, which starts at `start` in the
    /// source and spans lines joined by continuations.
    pub(crate) fn continued(region: &'a str, start: usize, escape: char) -> Self {
        LogicalLine {
            region,
            start,
            escape: escape as u8,
            continued: true,
        }
    }

    /// The text and its source offset, for a line that does not continue.
    pub(crate) fn as_single(&self) -> Option<(&'a str, usize)> {
        (!self.continued).then_some((self.region, self.start))
    }

    /// The joined text: borrowed from the source when it is one slice of
    /// it (always for an instruction on one line).
    pub fn text(&self) -> Cow<'a, str> {
        if !self.continued {
            return Cow::Borrowed(self.region);
        }
        let segments = self.segment_list();
        let local = |s: &Segment| {
            let from = s.source - self.start;
            self.region.get(from..from + s.len).unwrap_or("")
        };
        if let [only] = segments.as_slice() {
            return Cow::Borrowed(local(only));
        }
        let mut joined = String::with_capacity(segments.iter().map(|s| s.len).sum());
        for s in &segments {
            joined.push_str(local(s));
        }
        Cow::Owned(joined)
    }

    /// The contributing pieces of the physical lines, in order (one for an
    /// instruction on a single line).
    pub fn segments(&self) -> Vec<Segment> {
        self.segment_list().into_vec()
    }

    fn segment_list(&self) -> Segments {
        let mut out = Segments::new();
        if self.continued {
            read_segments(self.region, self.start, self.escape, &mut out);
        } else {
            out.push(Segment {
                logical: 0,
                source: self.start,
                len: self.region.len(),
            });
        }
        out
    }

    /// The map from logical offsets to the source, found once: use it for
    /// many lookups on a line that spans many lines (each of the methods
    /// below finds the segments again).
    pub fn map(&self) -> LineMap {
        LineMap {
            segments: self.segment_list(),
        }
    }

    /// The source offset of a logical offset (see [`LineMap::to_source`]).
    pub fn to_source(&self, offset: usize) -> usize {
        if !self.continued {
            return self.start + offset.min(self.region.len());
        }
        self.map().to_source(offset)
    }

    /// The source offset just after the logical byte before `offset` (see
    /// [`LineMap::to_source_end`]).
    pub fn to_source_end(&self, offset: usize) -> usize {
        self.map().to_source_end(offset)
    }

    /// The logical offset of a source offset that lies inside one of the
    /// segments (or at the end of one).
    pub fn to_logical(&self, source: usize) -> Option<usize> {
        self.map().to_logical(source)
    }

    /// The source range of a logical range.
    pub fn range(&self, start: usize, end: usize) -> TextRange {
        self.map().range(start, end)
    }
}

/// A logical line's map back to the source (see [`LogicalLine::map`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineMap {
    segments: Segments,
}

impl LineMap {
    /// The segments, in order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The source offset of a logical offset. An offset at the boundary of
    /// two segments maps to the start of the later one, except at the very
    /// end, which maps to the end of the last segment.
    pub fn to_source(&self, offset: usize) -> usize {
        SegmentMap(&self.segments).to_source(offset)
    }

    /// The source offset just after the logical byte before `offset`: use it
    /// for the end of a range so the range does not swallow a following
    /// line continuation.
    pub fn to_source_end(&self, offset: usize) -> usize {
        SegmentMap(&self.segments).to_source_end(offset)
    }

    /// The logical offset of a source offset that lies inside one of the
    /// segments (or at the end of one).
    pub fn to_logical(&self, source: usize) -> Option<usize> {
        to_logical(&self.segments, source)
    }

    /// The source range of a logical range.
    pub fn range(&self, start: usize, end: usize) -> TextRange {
        SegmentMap(&self.segments).range(start, end)
    }
}

/// [`LogicalLine::to_logical`] over a segment list.
pub(crate) fn to_logical(segments: &[Segment], source: usize) -> Option<usize> {
    let idx = segments.partition_point(|s| s.source <= source);
    let s = segments.get(idx.checked_sub(1)?)?;
    (source <= s.source + s.len).then(|| s.logical + (source - s.source))
}

/// The segments of a continued logical line whose text starts `region`
/// (at `start` in the source): the parser's reading of the lines
/// (`Parser::continued_lines`) without the pieces. Comment lines and lines
/// of only whitespace inside the continuation contribute nothing; a line
/// contributes its text up to the continuation character; the first line
/// counts from `region`'s start, later ones from their own start.
pub(crate) fn read_segments(
    region: &str,
    start: usize,
    escape: u8,
    out: &mut impl Extend<Segment>,
) {
    let bytes = region.as_bytes();
    let mut pos = 0;
    let mut logical = 0;
    let mut first = true;
    let mut any = false;
    while pos < bytes.len() || first {
        let (mut content_end, next) = match memchr::memchr(b'\n', &bytes[pos..]) {
            Some(i) => (pos + i, pos + i + 1),
            None => (bytes.len(), bytes.len()),
        };
        while content_end > pos && bytes[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        let from = pos;
        pos = next;
        if !first {
            let lead = leading_ws(region, from, content_end);
            if lead == content_end || bytes[lead] == b'#' {
                continue;
            }
        }
        first = false;
        let (keep_end, cont) = match continuation(&bytes[from..content_end], escape as char) {
            Some(idx) => (from + idx, true),
            None => (content_end, false),
        };
        if keep_end > from {
            out.extend([Segment {
                logical,
                source: start + from,
                len: keep_end - from,
            }]);
            any = true;
            logical += keep_end - from;
        }
        if !cont {
            break;
        }
    }
    if !any {
        // A lone continuation character: the logical line is empty.
        out.extend([Segment {
            logical: 0,
            source: start,
            len: 0,
        }]);
    }
}

impl Serialize for LogicalLine<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("LogicalLine", 2)?;
        s.serialize_field("text", &self.text())?;
        s.serialize_field("segments", &self.segment_list().as_slice())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition the packed-word match must agree with.
    fn by_name(keyword: &str) -> InstructionKind {
        InstructionKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(keyword))
            .unwrap_or(InstructionKind::Unknown)
    }

    #[test]
    fn keywords_match_in_any_case() {
        for kind in InstructionKind::ALL {
            let name = kind.name();
            assert_eq!(InstructionKind::from_keyword(name), kind);
            assert_eq!(InstructionKind::from_keyword(&name.to_lowercase()), kind);
            let mixed: String = name
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    }
                })
                .collect();
            assert_eq!(InstructionKind::from_keyword(&mixed), kind);
        }
        // Bytes that differ from a letter only in bit 5 but are not letters.
        for near in [
            "RU\u{e}",
            "\u{12}UN",
            "COP\u{19}",
            "RUN\0",
            "RUNN",
            "",
            "ÀDD",
        ] {
            assert_eq!(
                InstructionKind::from_keyword(near),
                InstructionKind::Unknown
            );
        }
    }

    #[test]
    fn a_continued_line_is_found_again_from_the_source() {
        // A comment line, a line of spaces and CRLF endings inside the
        // continuation, then a line that is not part of the instruction.
        let src = "RUN a \\\r\n# note\r\n   \r\n  b \\\r\n c\r\nUSER x\n";
        let parsed = crate::syntax::parse(src);
        let inst = parsed.instructions().next().unwrap();
        assert_eq!(inst.logical.text(), "RUN a   b  c");
        let segments = inst.logical.segments();
        let parts: Vec<&str> = segments
            .iter()
            .map(|s| &src[s.source..s.source + s.len])
            .collect();
        assert_eq!(parts, ["RUN a ", "  b ", " c"]);
        let b = src.find('b').unwrap();
        let logical_b = inst.logical.to_logical(b).unwrap();
        assert_eq!(&inst.logical.text()[logical_b..logical_b + 1], "b");
        assert_eq!(inst.logical.to_source(logical_b), b);
        // A range across the continuation ends before the next line's text
        // but after the escape character's line.
        let r = inst.logical.range(4, logical_b + 1);
        assert_eq!(r.slice(src), "a \\\r\n# note\r\n   \r\n  b");
        assert_eq!(inst.logical.map().segments(), segments.as_slice());
        // A lone continuation character: an empty line at its offset.
        let lone = crate::syntax::parse("\\\n");
        let inst = lone.instructions().next().unwrap();
        assert_eq!(inst.logical.text(), "");
        assert_eq!(inst.logical.segments().len(), 1);
    }

    proptest! {
        #[test]
        fn packed_match_agrees_with_names(
            keyword in prop_oneof![
                "[a-zA-Z]{0,12}",
                "[\\x00-\\x7f]{3,11}",
                any::<String>(),
            ],
        ) {
            prop_assert_eq!(InstructionKind::from_keyword(&keyword), by_name(&keyword));
        }
    }
}
