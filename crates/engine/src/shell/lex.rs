//! Splitting a shell script into words, operators and redirections, POSIX style.
//!
//! Quotes and backslashes are removed from word text the way the shell would, while
//! expansions (`$VAR`, `${…}`, `$(…)`, backquotes) are kept verbatim and flagged,
//! since their values are unknown until the build runs. Every token keeps its byte
//! range in the script. The scanner works on bytes: every character it acts on is
//! ASCII, so multi-byte UTF-8 text passes through untouched. Nothing here can panic
//! or take more than linear time.

use std::ops::Range;

use super::Word;

/// A control operator between commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    And,
    Or,
    Semi,
    DoubleSemi,
    Pipe,
    Amp,
    Newline,
    LParen,
    RParen,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    Word(Word),
    Op(Op),
    /// A redirection operator (`>`, `2>&1`'s `2>&`, `<<`); the next word is its target.
    Redirect(Range<usize>),
}

/// A frame of the nested-quote scanner used inside `$(…)`, `${…}` and backquotes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    Paren,
    Brace,
    Backtick,
    Double,
    Single,
}

/// Returns the index just past the construct that opens with `frame` at `start`
/// (already past its opening characters), or the end of input if it never closes.
fn skip_nested(bytes: &[u8], start: usize, frame: Frame) -> usize {
    let mut stack = vec![frame];
    let mut i = start;
    while let Some(&top) = stack.last() {
        let Some(&b) = bytes.get(i) else {
            return bytes.len();
        };
        let next = bytes.get(i + 1).copied();
        i += 1;
        match top {
            Frame::Single => {
                if b == b'\'' {
                    stack.pop();
                }
            }
            Frame::Backtick => match b {
                b'\\' => i += 1,
                b'`' => {
                    stack.pop();
                }
                _ => {}
            },
            Frame::Double | Frame::Paren | Frame::Brace => match b {
                b'\\' => i += 1,
                b'"' if top == Frame::Double => {
                    stack.pop();
                }
                b'"' => stack.push(Frame::Double),
                b'\'' if top != Frame::Double => stack.push(Frame::Single),
                b'`' => stack.push(Frame::Backtick),
                b'$' if next == Some(b'(') => {
                    i += 1;
                    stack.push(Frame::Paren);
                }
                b'$' if next == Some(b'{') => {
                    i += 1;
                    stack.push(Frame::Brace);
                }
                b'(' if top == Frame::Paren => stack.push(Frame::Paren),
                b')' if top == Frame::Paren => {
                    stack.pop();
                }
                b'}' if top == Frame::Brace => {
                    stack.pop();
                }
                _ => {}
            },
        }
    }
    i.min(bytes.len())
}

fn is_meta(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>'
    )
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// A here-document waiting for its body after the next newline.
struct PendingHeredoc {
    delimiter: Vec<u8>,
    strip_tabs: bool,
}

/// Tokenises `script`. Comments and line continuations vanish; here-document
/// bodies are skipped.
pub(crate) fn tokens(script: &str) -> Vec<Token> {
    let bytes = script.as_bytes();
    let mut out = Vec::new();
    let mut heredocs: Vec<PendingHeredoc> = Vec::new();
    let mut expect_heredoc_delimiter: Option<bool> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        match b {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\\' if next == Some(b'\n') => i += 2,
            b'\\' if next == Some(b'\r') && bytes.get(i + 2) == Some(&b'\n') => i += 3,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'\n' => {
                out.push(Token::Op(Op::Newline));
                i += 1;
                if !heredocs.is_empty() {
                    i = skip_heredoc_bodies(bytes, i, &heredocs);
                    heredocs.clear();
                }
            }
            b'&' | b'|' | b';' | b'(' | b')' => {
                let (op, len) = match (b, next) {
                    (b'&', Some(b'&')) => (Op::And, 2),
                    (b'&', Some(b'>')) => {
                        // `&>` and `&>>` redirect both streams.
                        let len = if bytes.get(i + 2) == Some(&b'>') {
                            3
                        } else {
                            2
                        };
                        out.push(Token::Redirect(i..i + len));
                        i += len;
                        continue;
                    }
                    (b'&', _) => (Op::Amp, 1),
                    (b'|', Some(b'|')) => (Op::Or, 2),
                    (b'|', Some(b'&')) => (Op::Pipe, 2),
                    (b'|', _) => (Op::Pipe, 1),
                    (b';', Some(b';')) => {
                        let len = if bytes.get(i + 2) == Some(&b'&') {
                            3
                        } else {
                            2
                        };
                        (Op::DoubleSemi, len)
                    }
                    (b';', Some(b'&')) => (Op::DoubleSemi, 2),
                    (b';', _) => (Op::Semi, 1),
                    (b'(', _) => (Op::LParen, 1),
                    _ => (Op::RParen, 1),
                };
                out.push(Token::Op(op));
                i += len;
            }
            b'<' | b'>' => {
                let len = redirect_len(bytes, i);
                expect_heredoc_delimiter = heredoc_operator(bytes, i).or(expect_heredoc_delimiter);
                out.push(Token::Redirect(i..i + len));
                i += len;
            }
            _ => {
                // A number directly before `<` or `>` is a file descriptor (`2>&1`).
                let digits = bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                if digits > 0 && matches!(bytes.get(i + digits), Some(b'<' | b'>')) {
                    let len = digits + redirect_len(bytes, i + digits);
                    expect_heredoc_delimiter =
                        heredoc_operator(bytes, i + digits).or(expect_heredoc_delimiter);
                    out.push(Token::Redirect(i..i + len));
                    i += len;
                    continue;
                }
                let (word, end) = read_word(script, i);
                if let Some(strip_tabs) = expect_heredoc_delimiter.take() {
                    heredocs.push(PendingHeredoc {
                        delimiter: word.text.clone().into_bytes(),
                        strip_tabs,
                    });
                }
                out.push(Token::Word(word));
                i = end.max(i + 1);
            }
        }
    }
    out
}

/// For a here-document operator at `i` (`<<` or `<<-`, not `<<<`), whether it strips
/// leading tabs; `None` for any other operator.
fn heredoc_operator(bytes: &[u8], i: usize) -> Option<bool> {
    let rest = bytes.get(i..).unwrap_or_default();
    if rest.starts_with(b"<<") && !rest.starts_with(b"<<<") {
        Some(rest.starts_with(b"<<-"))
    } else {
        None
    }
}

/// Length of the redirection operator at `i` (`>`, `>>`, `>&`, `<<-`, `<<<`, `<>`, `>|`).
fn redirect_len(bytes: &[u8], i: usize) -> usize {
    let rest = &bytes[i..];
    for candidate in [
        &b"<<<"[..],
        b"<<-",
        b">>",
        b"<<",
        b">&",
        b"<&",
        b"<>",
        b">|",
    ] {
        if rest.starts_with(candidate) {
            return candidate.len();
        }
    }
    1
}

/// Skips the bodies of pending here-documents starting at `i` (the start of the
/// line after the operator), returning where normal scanning resumes.
fn skip_heredoc_bodies(bytes: &[u8], mut i: usize, heredocs: &[PendingHeredoc]) -> usize {
    for heredoc in heredocs {
        loop {
            if i >= bytes.len() {
                return bytes.len();
            }
            let line_end = bytes[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(bytes.len(), |p| i + p);
            let mut line = &bytes[i..line_end];
            if heredoc.strip_tabs {
                while let [b'\t', rest @ ..] = line {
                    line = rest;
                }
            }
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            i = (line_end + 1).min(bytes.len());
            if line == heredoc.delimiter.as_slice() {
                break;
            }
        }
    }
    i
}

/// Reads one word starting at `start`, removing quotes and backslashes.
fn read_word(script: &str, start: usize) -> (Word, usize) {
    let bytes = script.as_bytes();
    let mut text: Vec<u8> = Vec::new();
    let mut quoted = false;
    let mut expansion = false;
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if is_meta(b) {
            break;
        }
        match b {
            b'\\' => match bytes.get(i + 1) {
                Some(b'\n') => i += 2,
                Some(&c) => {
                    text.push(c);
                    quoted = true;
                    i += 2;
                }
                None => i += 1,
            },
            b'\'' => {
                quoted = true;
                let end = bytes[i + 1..]
                    .iter()
                    .position(|&c| c == b'\'')
                    .map_or(bytes.len(), |p| i + 1 + p);
                text.extend_from_slice(&bytes[i + 1..end]);
                i = (end + 1).min(bytes.len());
            }
            b'"' => {
                quoted = true;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    match bytes[i] {
                        b'\\' => match bytes.get(i + 1) {
                            Some(b'\n') => i += 2,
                            Some(&c @ (b'$' | b'`' | b'"' | b'\\')) => {
                                text.push(c);
                                i += 2;
                            }
                            _ => {
                                text.push(b'\\');
                                i += 1;
                            }
                        },
                        b'$' | b'`' => {
                            let end = expansion_end(bytes, i);
                            text.extend_from_slice(&bytes[i..end]);
                            expansion |= end > i + 1 || bytes[i] == b'`';
                            i = end.max(i + 1);
                        }
                        c => {
                            text.push(c);
                            i += 1;
                        }
                    }
                }
                i = (i + 1).min(bytes.len());
            }
            b'$' if bytes.get(i + 1) == Some(&b'\'') => {
                // ANSI-C quoting: backslash escapes stay as written, which is
                // close enough for recognising package names.
                quoted = true;
                let body = i + 2;
                let mut j = body;
                while j < bytes.len() && bytes[j] != b'\'' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(bytes.len());
                text.extend_from_slice(&bytes[body.min(end)..end]);
                i = (end + 1).min(bytes.len());
            }
            b'$' | b'`' => {
                let end = expansion_end(bytes, i);
                text.extend_from_slice(&bytes[i..end]);
                expansion |= end > i + 1 || b == b'`';
                i = end.max(i + 1);
            }
            c => {
                text.push(c);
                i += 1;
            }
        }
    }
    let end = i.min(bytes.len());
    let word = Word {
        text: String::from_utf8(text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        range: start..end,
        quoted,
        expansion,
    };
    (word, end)
}

/// The end of the expansion starting with `$` or a backquote at `i`. A lone `$`
/// (followed by nothing that names a parameter) is one literal character.
fn expansion_end(bytes: &[u8], i: usize) -> usize {
    if bytes[i] == b'`' {
        return skip_nested(bytes, i + 1, Frame::Backtick);
    }
    match bytes.get(i + 1) {
        Some(b'(') => skip_nested(bytes, i + 2, Frame::Paren),
        Some(b'{') => skip_nested(bytes, i + 2, Frame::Brace),
        Some(&c) if is_name_start(c) => {
            i + 1
                + bytes[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .count()
        }
        Some(c)
            if c.is_ascii_digit()
                || matches!(c, b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!') =>
        {
            i + 2
        }
        _ => i + 1,
    }
}
