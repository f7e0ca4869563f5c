//! BuildKit's `AST.Dump()` format: one S-expression per instruction, the
//! format of BuildKit's parser test `result` files. `fromlab parse --dump
//! buildkit` prints it and the conformance test compares it byte for byte.

use std::fmt::Write;

use super::tree::{Args, Instruction, Node};

/// Go's `strconv.Quote`: a double-quoted string with Go escapes.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `strconv.IsPrint` (letters, marks, numbers,
/// punctuation, symbols and the ASCII space): control, format, surrogate,
/// private-use, unassigned and separator characters other than U+0020 are
/// escaped.
fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let u = c as u32;
    // Format characters (Cf) that commonly appear, private use, noncharacters.
    let format = matches!(
        u,
        0xAD | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0xE000..=0xF8FF
            | 0xF0000..=0x10FFFF
            | 0xFFFE
            | 0xFFFF
    );
    !format
}

fn dump_instruction(out: &mut String, inst: &Instruction<'_>) {
    out.push_str(&inst.keyword.value.to_lowercase());
    if !inst.flags.is_empty() {
        out.push_str(" [");
        for (i, f) in inst.flags.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&go_quote(&f.text));
        }
        out.push(']');
    }
    dump_args(out, &inst.args);
}

fn dump_args(out: &mut String, args: &Args<'_>) {
    match args {
        Args::Onbuild(sub) => {
            // BuildKit prints the child node as `(child)\n` inside the
            // parent's line; the trailing newline is trimmed with the line.
            out.push_str(" (");
            dump_instruction(out, sub);
            out.push(')');
        }
        Args::Healthcheck { kind, command } => {
            out.push(' ');
            out.push_str(&go_quote(&kind.value));
            dump_args(out, command);
        }
        Args::KeyValues { pairs, legacy } => {
            for p in pairs {
                out.push(' ');
                out.push_str(&go_quote(&p.key.value));
                out.push(' ');
                out.push_str(&go_quote(&p.value.value));
                out.push(' ');
                out.push_str(if *legacy { "\"\"" } else { "\"=\"" });
            }
        }
        // BuildKit ignores the arguments of unknown instructions.
        Args::Unparsed(_) | Args::None => {}
        other => {
            for v in other.values() {
                out.push(' ');
                out.push_str(&go_quote(v));
            }
        }
    }
}

/// The dump of every instruction, one line each, as BuildKit's test
/// harness writes it.
pub fn dump(nodes: &[Node<'_>]) -> String {
    let mut out = String::new();
    for node in nodes {
        if let Node::Instruction(inst) = node {
            out.push('(');
            dump_instruction(&mut out, inst);
            out.push_str(")\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_go() {
        assert_eq!(go_quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(go_quote("\u{0}\u{7f}"), r#""\x00\x7f""#);
        assert_eq!(go_quote("♥ \t"), "\"♥ \\t\"");
        assert_eq!(go_quote("\u{a0}\u{200b}"), r#""\u00a0\u200b""#);
    }
}
