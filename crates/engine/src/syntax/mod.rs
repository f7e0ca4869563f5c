//! Dockerfile syntax: a lossless, total parser that agrees with BuildKit.
//!
//! - **Total**: [`parse`] always returns a tree and a list of errors; it
//!   never stops early and never panics, so the learner gets feedback on
//!   every instruction even while one line is half typed.
//! - **Lossless**: every byte of the input is in exactly one piece of the
//!   tree; [`Parse::print`] gives the input back byte for byte.
//! - **BuildKit semantics**: directives, escape characters, continuations,
//!   heredocs, exec versus shell form, flags and arguments are read the way
//!   Docker's builder reads them; [`Parse::buildkit_dump`] prints BuildKit's
//!   own `AST.Dump()` format and is tested against BuildKit's parser corpus.
//!
//! Layers, kept apart: [`parser`] reads physical lines into nodes, [`line`]
//! reads one logical line into keyword, flags and arguments, [`check`] adds
//! the semantic errors BuildKit finds when it turns the tree into
//! instructions, and [`tokens`] refines the tree into highlighting tokens.

mod check;
mod dump;
mod error;
mod json;
mod line;
mod mount;
mod parser;
mod scan;
mod text;
mod tokens;
mod tree;

use std::cell::OnceCell;

pub use check::accepted_flags;
pub use dump::go_quote;
pub use error::{ErrorKind, SyntaxError};
pub use mount::{Mount, MountType, parse_mount};
pub use text::{LineCol, LineIndex, TextRange};
pub use tokens::{Token, TokenKind};
pub use tree::{
    Args, Directive, ExecForm, Flag, Heredoc, Instruction, InstructionKind, KeyValue, LineMap,
    LogicalLine, Node, Piece, PieceKind, Segment, Spanned, Trivia,
};

/// A parsed Dockerfile: the tree and its syntax errors, borrowing the
/// source.
#[derive(Debug, Clone)]
pub struct Parse<'a> {
    source: &'a str,
    nodes: Vec<Node<'a>>,
    pieces: Vec<Piece>,
    /// Errors found while reading lines (BuildKit's `parser.Parse`).
    parse_errors: Vec<SyntaxError>,
    /// All errors, with the instruction-level checks (BuildKit's
    /// `instructions.Parse`), computed on first use.
    errors: OnceCell<Vec<SyntaxError>>,
    escape: char,
    line_index: OnceCell<LineIndex>,
}

/// Parses a Dockerfile. Never fails and never panics: problems are in
/// [`Parse::errors`].
pub fn parse(source: &str) -> Parse<'_> {
    let out = parser::parse_nodes(source);
    Parse {
        source,
        nodes: out.nodes,
        pieces: out.pieces,
        parse_errors: out.errors,
        errors: OnceCell::new(),
        escape: out.escape,
        line_index: OnceCell::new(),
    }
}

/// The highlighting tokens of a Dockerfile (see [`Parse::tokens`]).
pub fn tokens(source: &str) -> Vec<Token> {
    parse(source).tokens()
}

impl<'a> Parse<'a> {
    /// The parsed text.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The top-level nodes, tiling the source in order.
    pub fn nodes(&self) -> &[Node<'a>] {
        &self.nodes
    }

    /// Every piece of every node, in source order.
    pub fn all_pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The pieces that tile one node.
    pub fn pieces(&self, node: &Node<'_>) -> &[Piece] {
        self.pieces.get(node.piece_indices()).unwrap_or(&[])
    }

    /// Syntax errors, in source order: those found while reading the lines
    /// and those of the instruction-level checks, which run on the first
    /// call (the tree itself never needs them).
    pub fn errors(&self) -> &[SyntaxError] {
        self.errors.get_or_init(|| {
            let mut errors = self.parse_errors.clone();
            check::check(&self.nodes, self.source.len(), &mut errors);
            errors.sort_by_key(|e| (e.range.start, e.range.end));
            errors
        })
    }

    /// The escape character in effect (`\` or `` ` ``).
    pub fn escape(&self) -> char {
        self.escape
    }

    /// The instructions, in order.
    pub fn instructions(&self) -> impl Iterator<Item = &Instruction<'a>> {
        self.nodes.iter().filter_map(|n| match n {
            Node::Instruction(i) => Some(i),
            _ => None,
        })
    }

    /// The parser directives, in order.
    pub fn directives(&self) -> impl Iterator<Item = &Directive<'a>> {
        self.nodes.iter().filter_map(|n| match n {
            Node::Directive(d) => Some(d),
            _ => None,
        })
    }

    /// The first directive with this name (any letter case).
    pub fn directive(&self, name: &str) -> Option<&Directive<'a>> {
        self.directives()
            .find(|d| d.name.value.eq_ignore_ascii_case(name))
    }

    /// The source printed back from the tree's pieces: always equal to the
    /// input.
    pub fn print(&self) -> String {
        let mut out = String::with_capacity(self.source.len());
        for node in &self.nodes {
            for piece in self.pieces(node) {
                out.push_str(piece.range.slice(self.source));
            }
        }
        out
    }

    /// Line starts of the source, computed once.
    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(self.source))
    }

    /// The 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.line_index().line_col(self.source, offset)
    }

    /// Highlighting tokens tiling the source.
    pub fn tokens(&self) -> Vec<Token> {
        tokens::tokens(self.source, &self.nodes, &self.pieces, self.escape)
    }

    /// BuildKit's `AST.Dump()` of the file: one S-expression per
    /// instruction, each followed by a newline.
    pub fn buildkit_dump(&self) -> String {
        dump::dump(&self.nodes)
    }
}
