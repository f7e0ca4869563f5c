//! A stand-in for `fromlab_engine::syntax` until the engine's Dockerfile lexer is merged.
//!
//! It has the same shape as the engine's token API (`tokens`, `Token`, `TokenKind` with
//! `css_class`) but returns the whole text as one plain token. At merge, delete this file
//! and its `mod` line in `main.rs`, and point the `use` in `components/highlight.rs` at
//! `fromlab_engine::syntax`.

/// A run of source text of one kind, as byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

/// The kinds of token this stand-in produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Text,
}

impl TokenKind {
    /// The CSS class that styles tokens of this kind.
    pub fn css_class(self) -> &'static str {
        match self {
            TokenKind::Text => "tok-text",
        }
    }
}

/// Tokens tiling `src`: here a single plain token.
pub fn tokens(src: &str) -> Vec<Token> {
    vec![Token {
        kind: TokenKind::Text,
        start: 0,
        end: src.len(),
    }]
}
