//! The syntax tree: plain data describing every byte of a Dockerfile.
//!
//! The tree has two levels. The top level is a list of [`Node`]s that tile
//! the whole source: byte-order mark, parser directives, comment and blank
//! lines, and instructions. Each node is made of [`Piece`]s that tile the
//! node, so printing the pieces in order gives back the input byte for byte
//! (see [`crate::syntax::Parse::print`]). Inside an instruction, the typed
//! fields ([`Instruction::flags`], [`Args`], [`Heredoc`]) carry the values as
//! BuildKit computes them plus the byte ranges they come from.
//!
//! A Dockerfile instruction can span several physical lines (line
//! continuations, comment lines inside them, heredoc bodies). BuildKit joins
//! those lines into one *logical line* before it parses the arguments; the
//! tree keeps that line too ([`LogicalLine`]) with a map back to the source.

use serde::Serialize;

use super::text::TextRange;

/// A value with the source range it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Spanned<T> {
    /// The value, as BuildKit computes it (quotes and escapes kept where
    /// BuildKit keeps them; expansion happens later, see [`crate::expand`]).
    pub value: T,
    /// Where it is in the source. When the value crosses a line
    /// continuation the range includes the continuation.
    pub range: TextRange,
}

/// One top-level element of a Dockerfile. Nodes tile the source in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Node {
    /// A UTF-8 byte-order mark at the very start.
    Bom(Trivia),
    /// A parser directive such as `# syntax=docker/dockerfile:1`.
    Directive(Directive),
    /// A comment line, with its line ending.
    Comment(Trivia),
    /// A line holding nothing but whitespace, with its line ending.
    Blank(Trivia),
    /// An instruction, with its continuation lines and heredoc bodies.
    Instruction(Box<Instruction>),
}

impl Node {
    /// The bytes this node covers (every byte, including its final newline).
    pub fn full_range(&self) -> TextRange {
        match self {
            Node::Bom(t) | Node::Comment(t) | Node::Blank(t) => t.range,
            Node::Directive(d) => d.full_range,
            Node::Instruction(i) => i.full_range,
        }
    }

    /// The pieces that tile this node.
    pub fn pieces(&self) -> &[Piece] {
        match self {
            Node::Bom(t) | Node::Comment(t) | Node::Blank(t) => &t.pieces,
            Node::Directive(d) => &d.pieces,
            Node::Instruction(i) => &i.pieces,
        }
    }
}

/// A run of bytes that carries no instruction: a comment, a blank line or a
/// byte-order mark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Trivia {
    /// Every byte of the node, including its line ending.
    pub range: TextRange,
    /// The pieces that tile `range`.
    pub pieces: Vec<Piece>,
}

/// The smallest unit of the lossless layer: a range of the source with a
/// coarse kind. Semantic tokens for highlighting refine the
/// [`PieceKind::Content`] pieces (see [`crate::syntax::tokens`]).
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
    /// Spaces and tabs that BuildKit strips (indentation before an
    /// instruction, whitespace after a line-continuation character).
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
pub struct Directive {
    /// Lower-cased name (`syntax`, `escape` or `check`).
    pub name: Spanned<String>,
    /// The value, with surrounding whitespace removed.
    pub value: Spanned<String>,
    /// The directive's text without indentation and line ending.
    pub range: TextRange,
    /// Every byte, including the line ending.
    pub full_range: TextRange,
    /// The pieces that tile `full_range`.
    pub pieces: Vec<Piece>,
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
    pub fn from_keyword(keyword: &str) -> InstructionKind {
        InstructionKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(keyword))
            .unwrap_or(InstructionKind::Unknown)
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
pub struct Instruction {
    /// Which instruction this is.
    pub kind: InstructionKind,
    /// The keyword as written (any case).
    pub keyword: Spanned<String>,
    /// The `--name=value` flags before the arguments, in order.
    pub flags: Vec<Flag>,
    /// The arguments.
    pub args: Args,
    /// Heredocs opened on this instruction's line, in order.
    pub heredocs: Vec<Heredoc>,
    /// From the keyword to the end of the last line that belongs to the
    /// instruction (heredoc terminators included, line ending excluded).
    pub range: TextRange,
    /// Every byte of the instruction: indentation, continuation lines,
    /// comment lines inside it, heredoc bodies and the final line ending.
    pub full_range: TextRange,
    /// The joined line BuildKit parses, with its map back to the source.
    pub logical: LogicalLine,
    /// Lines inside the continuation that held only whitespace. BuildKit
    /// accepts them with a warning.
    pub empty_continuation_lines: Vec<TextRange>,
    /// The pieces that tile `full_range`.
    pub pieces: Vec<Piece>,
}

impl Instruction {
    /// The first flag with this name (without the leading `--`).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
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
pub struct Flag {
    /// The flag as BuildKit keeps it: quotes and backslashes removed,
    /// `--name` or `--name=value`.
    pub text: String,
    /// The name without the leading `--`.
    pub name: Spanned<String>,
    /// The value after `=`, unquoted, if there is one.
    pub value: Option<Spanned<String>>,
    /// The whole flag word in the source.
    pub range: TextRange,
}

/// The arguments of an instruction, in the shape BuildKit reads them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "form", content = "value", rename_all = "snake_case")]
pub enum Args {
    /// No arguments.
    None,
    /// Exec form: a JSON array of strings (`CMD ["app", "--serve"]`).
    Exec(ExecForm),
    /// Shell form: one command string, passed to the shell.
    Shell(Spanned<String>),
    /// Whitespace-separated words (`FROM`, `EXPOSE`, `COPY`, `ADD`, `VOLUME`,
    /// `ARG`). Quotes are kept as written.
    Words(Vec<Spanned<String>>),
    /// One string (`USER`, `WORKDIR`, `MAINTAINER`, `STOPSIGNAL`).
    Text(Spanned<String>),
    /// `ENV` and `LABEL`: `key=value` pairs, or the legacy `key value`.
    KeyValues {
        /// The pairs in order.
        pairs: Vec<KeyValue>,
        /// Whether the legacy `KEY value` form was used.
        legacy: bool,
    },
    /// `HEALTHCHECK`: a type word (`CMD`, `NONE`) and the command.
    Healthcheck {
        /// `CMD`, `NONE` or what the author wrote.
        kind: Spanned<String>,
        /// The command after the type, in shell or exec form.
        command: Box<Args>,
    },
    /// `ONBUILD`: the trigger instruction.
    Onbuild(Box<Instruction>),
    /// The text after an unknown instruction, which BuildKit ignores.
    Unparsed(Spanned<String>),
}

impl Args {
    /// The argument strings in order, as BuildKit's instruction parser sees
    /// them (key/value pairs flattened to key, value).
    pub fn values(&self) -> Vec<&str> {
        match self {
            Args::None => Vec::new(),
            Args::Exec(e) => e.items.iter().map(|s| s.value.as_str()).collect(),
            Args::Shell(s) | Args::Text(s) | Args::Unparsed(s) => vec![s.value.as_str()],
            Args::Words(w) => w.iter().map(|s| s.value.as_str()).collect(),
            Args::KeyValues { pairs, .. } => pairs
                .iter()
                .flat_map(|p| [p.key.value.as_str(), p.value.value.as_str()])
                .collect(),
            Args::Healthcheck { kind, command } => {
                let mut v = vec![kind.value.as_str()];
                v.extend(command.values());
                v
            }
            Args::Onbuild(i) => {
                let mut v = vec![i.keyword.value.as_str()];
                v.extend(i.args.values());
                v
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
pub struct ExecForm {
    /// The decoded strings with the ranges of their JSON literals.
    pub items: Vec<Spanned<String>>,
    /// From `[` to `]`.
    pub range: TextRange,
}

/// One `ENV` or `LABEL` pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KeyValue {
    /// The key as written.
    pub key: Spanned<String>,
    /// The value as written (quotes kept; see [`crate::expand`]).
    pub value: Spanned<String>,
    /// The `=` between them, absent in the legacy form.
    pub equals: Option<TextRange>,
}

impl KeyValue {
    /// From the key to the end of the value.
    pub fn range(&self) -> TextRange {
        self.key.range.cover(self.value.range)
    }
}

/// A heredoc: `<<EOF` on the instruction line and the lines up to `EOF`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heredoc {
    /// The delimiter word, unquoted (`EOF`).
    pub name: String,
    /// The `<<EOF` word on the instruction line.
    pub marker: TextRange,
    /// The body lines, each with its line ending, as BuildKit collects them.
    pub content: String,
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

/// The joined line BuildKit parses, built from the pieces of the physical
/// lines that carry content, with a map from its offsets back to the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogicalLine {
    /// The joined text.
    pub text: String,
    /// `(logical offset, source offset, length)` of each contributing piece,
    /// in order.
    pub segments: Vec<(usize, usize, usize)>,
}

impl LogicalLine {
    /// The source offset of a logical offset. An offset at the boundary of
    /// two segments maps to the start of the later one, except at the very
    /// end, which maps to the end of the last segment.
    pub fn to_source(&self, offset: usize) -> usize {
        let idx = match self.segments.binary_search_by(|s| s.0.cmp(&offset)) {
            Ok(i) => i,
            Err(0) => return self.segments.first().map_or(0, |s| s.1),
            Err(i) => i - 1,
        };
        let (l, s, len) = self.segments[idx];
        s + (offset - l).min(len)
    }

    /// The source offset just after the logical byte before `offset`: use it
    /// for the end of a range so the range does not swallow a following
    /// line continuation.
    pub fn to_source_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.to_source(0);
        }
        self.to_source(offset - 1) + 1
    }

    /// The logical offset of a source offset that lies inside one of the
    /// segments (or at the end of one).
    pub fn to_logical(&self, source: usize) -> Option<usize> {
        let idx = self.segments.partition_point(|s| s.1 <= source);
        let (l, s, len) = *self.segments.get(idx.checked_sub(1)?)?;
        (source <= s + len).then(|| l + (source - s))
    }

    /// The source range of a logical range.
    pub fn range(&self, start: usize, end: usize) -> TextRange {
        if start >= end {
            let s = self.to_source(start);
            return TextRange::new(s, s);
        }
        TextRange::new(self.to_source(start), self.to_source_end(end))
    }
}
