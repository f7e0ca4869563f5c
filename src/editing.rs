//! Text arithmetic for the editor, kept apart from the DOM so it can be tested natively.
//!
//! The engine speaks in byte offsets into UTF-8; a `<textarea>` speaks in UTF-16 code
//! units. Every offset crosses between the two here and nowhere else. The rest is what
//! the editor does to text: indenting and outdenting lines for Tab and Shift+Tab, and
//! reducing a whole-text change (a fix, a new FROM line) to the one smallest replacement,
//! which the browser can then apply as a single undoable edit.

use fromlab_engine::model::{BaseKind, Model};
use fromlab_engine::syntax::TextRange;

/// Where the image of the final stage is named: the base word of the last stage's
/// FROM, following `FROM <earlier stage>` back to the stage that names an image. This is
/// what "try another base" rewrites.
pub fn final_image_range(model: &Model) -> Option<TextRange> {
    let mut stage = model.stages.last()?;
    // Each step goes to an earlier stage, so the walk ends; the bound guards bad data.
    for _ in 0..model.stages.len() {
        match stage.base.kind {
            BaseKind::Stage { index } if index < stage.index => stage = model.stages.get(index)?,
            _ => break,
        }
    }
    Some(stage.base.range)
}

/// `text` with the final stage's image replaced by `base`.
pub fn with_final_image(text: &str, model: &Model, base: &str) -> Option<String> {
    let range = final_image_range(model)?;
    let (before, after) = (text.get(..range.start)?, text.get(range.end..)?);
    Some(format!("{before}{base}{after}"))
}

/// Text with every line ending as `\n`, which is what a textarea holds: its value turns
/// `\r\n` and a lone `\r` into `\n`, so offsets only agree with the engine's if the text
/// is normalised before the editor first shows it.
pub fn normalize_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

/// Spaces per indentation step: the width most Dockerfiles use under `RUN ... \`.
pub const INDENT: usize = 4;

/// The byte offset in `text` of a UTF-16 offset, clamped to the text and rounded down
/// to a character boundary (an offset inside a surrogate pair lands before it).
pub fn byte_of_utf16(text: &str, utf16: u32) -> usize {
    let mut units = 0u32;
    for (byte, character) in text.char_indices() {
        let width = character.len_utf16() as u32;
        if units + width > utf16 {
            return byte;
        }
        units += width;
    }
    text.len()
}

/// The UTF-16 offset of a byte offset, clamped to the text and rounded down to a
/// character boundary.
pub fn utf16_of_byte(text: &str, byte: usize) -> u32 {
    let mut end = byte.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].chars().map(|c| c.len_utf16() as u32).sum()
}

/// One replacement of `start..end` (bytes) by `text`, with the selection to show after
/// it (bytes, in the new text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub selection: (usize, usize),
}

/// The smallest single replacement that turns `old` into `new`: the common prefix and
/// suffix are kept, so undo restores exactly what changed and the caret lands at the end
/// of the change.
pub fn replacement_between(old: &str, new: &str) -> Replacement {
    let prefix = common_prefix(old, new);
    let suffix = common_suffix(&old[prefix..], &new[prefix..]);
    let end = old.len() - suffix;
    let text = new[prefix..new.len() - suffix].to_string();
    let caret = prefix + text.len();
    Replacement {
        start: prefix,
        end,
        text,
        selection: (caret, caret),
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    let mut length = 0;
    for ((at, x), y) in a.char_indices().zip(b.chars()) {
        if x != y {
            return at;
        }
        length = at + x.len_utf8();
    }
    length
}

fn common_suffix(a: &str, b: &str) -> usize {
    let mut length = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        length += x.len_utf8();
    }
    length
}

/// The start of the line holding `offset`.
fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |at| at + 1)
}

/// The end of the line holding `offset` (before its `\n`).
fn line_end(text: &str, offset: usize) -> usize {
    text[offset..]
        .find('\n')
        .map_or(text.len(), |at| offset + at)
}

/// What Tab does with the selection `start..end` (bytes): with no selection, or one
/// inside a line, it inserts spaces up to the next indentation stop; with a selection
/// across lines, it indents every line the selection touches.
pub fn indent(text: &str, start: usize, end: usize) -> Replacement {
    let (start, end) = (start.min(end), start.max(end));
    let first = line_start(text, start);
    if !text[start..end].contains('\n') {
        let column = text[first..start].chars().count();
        let spaces = INDENT - column % INDENT;
        let caret = start + spaces;
        return Replacement {
            start,
            end,
            text: " ".repeat(spaces),
            selection: (caret, caret),
        };
    }
    let last = line_end(text, lines_end(text, start, end));
    let block = &text[first..last];
    let pad = " ".repeat(INDENT);
    let indented: String = block
        .split('\n')
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let selection = (first, first + indented.len());
    Replacement {
        start: first,
        end: last,
        text: indented,
        selection,
    }
}

/// What Shift+Tab does: removes up to one indentation step (spaces, or one tab) from the
/// start of every line the selection touches.
pub fn outdent(text: &str, start: usize, end: usize) -> Replacement {
    let (start, end) = (start.min(end), start.max(end));
    let first = line_start(text, start);
    let last = line_end(text, lines_end(text, start, end));
    let block = &text[first..last];
    let mut removed_on_first = 0;
    let outdented: Vec<&str> = block
        .split('\n')
        .enumerate()
        .map(|(index, line)| {
            let cut = if line.starts_with('\t') {
                1
            } else {
                line.bytes().take(INDENT).take_while(|b| *b == b' ').count()
            };
            if index == 0 {
                removed_on_first = cut;
            }
            &line[cut..]
        })
        .collect();
    let outdented = outdented.join("\n");
    let selection = if start == end || !text[start..end].contains('\n') {
        let caret = start.saturating_sub(removed_on_first).max(first);
        (caret, caret + (end - start))
    } else {
        (first, first + outdented.len())
    };
    Replacement {
        start: first,
        end: last,
        text: outdented,
        selection,
    }
}

/// A selection that ends just after a newline does not take in the next line (as in
/// every editor: selecting whole lines with Shift+Down stops at the next line's start).
fn lines_end(text: &str, start: usize, end: usize) -> usize {
    if end > start && text[..end].ends_with('\n') {
        end - 1
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, r: &Replacement) -> String {
        format!("{}{}{}", &text[..r.start], r.text, &text[r.end..])
    }

    #[test]
    fn the_final_image_is_found_through_stage_bases() {
        use fromlab_engine::analysis::analyze;
        let text = "FROM golang:1.22 AS build\nFROM alpine:3.24 AS base\nFROM base\nCOPY --from=build /a /a\n";
        let analysis = analyze(text);
        assert_eq!(
            with_final_image(text, &analysis.model, "debian:bookworm-slim").unwrap(),
            "FROM golang:1.22 AS build\nFROM debian:bookworm-slim AS base\nFROM base\nCOPY --from=build /a /a\n"
        );
        let text = "FROM python:3.12\nRUN x\n";
        let analysis = analyze(text);
        assert_eq!(
            with_final_image(text, &analysis.model, "python:3.12-slim").unwrap(),
            "FROM python:3.12-slim\nRUN x\n"
        );
        assert_eq!(
            with_final_image("RUN x", &analyze("RUN x").model, "a"),
            None
        );
    }

    #[test]
    fn line_endings_become_newlines() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(normalize_newlines("plain\n"), "plain\n");
    }

    #[test]
    fn utf16_and_byte_offsets_convert_both_ways() {
        let text = "a\u{e9}\u{1f433}b";
        // a (1 byte, 1 unit), é (2 bytes, 1 unit), whale (4 bytes, 2 units), b.
        assert_eq!(byte_of_utf16(text, 0), 0);
        assert_eq!(byte_of_utf16(text, 2), 3);
        assert_eq!(byte_of_utf16(text, 3), 3, "inside the surrogate pair");
        assert_eq!(byte_of_utf16(text, 4), 7);
        assert_eq!(byte_of_utf16(text, 99), text.len());
        assert_eq!(utf16_of_byte(text, 3), 2);
        assert_eq!(utf16_of_byte(text, 5), 2, "inside the whale");
        assert_eq!(utf16_of_byte(text, 7), 4);
        assert_eq!(utf16_of_byte(text, 99), 5);
    }

    #[test]
    fn a_change_becomes_its_smallest_replacement() {
        let old = "FROM python:3.12\nRUN x\n";
        let new = "FROM python:3.12-slim\nRUN x\n";
        let r = replacement_between(old, new);
        assert_eq!((r.start, r.end, r.text.as_str()), (16, 16, "-slim"));
        assert_eq!(apply(old, &r), new);
        assert_eq!(r.selection, (21, 21));
        // Repeated text: the prefix and suffix may not overlap.
        let r = replacement_between("aaa", "aaaa");
        assert_eq!(apply("aaa", &r), "aaaa");
        let r = replacement_between("é", "è");
        assert_eq!((r.start, r.end), (0, 2));
        let r = replacement_between("same", "same");
        assert_eq!((r.start, r.end, r.text.as_str()), (4, 4, ""));
    }

    #[test]
    fn tab_inserts_spaces_to_the_next_stop() {
        let r = indent("RUN a \\\n&& b", 8, 8);
        assert_eq!(r.text, "    ");
        assert_eq!(r.selection, (12, 12));
        let r = indent("ab", 2, 2);
        assert_eq!(r.text, "  ");
    }

    #[test]
    fn tab_and_shift_tab_indent_and_outdent_selected_lines() {
        let text = "RUN a \\\n&& b \\\n\n&& c\nCMD d\n";
        let r = indent(text, 2, 17);
        let indented = apply(text, &r);
        assert_eq!(indented, "    RUN a \\\n    && b \\\n\n    && c\nCMD d\n");
        let back = outdent(&indented, r.selection.0, r.selection.1);
        assert_eq!(apply(&indented, &back), text);
        // A selection ending at the start of a line leaves that line alone.
        let r = indent("a\nb\n", 0, 2);
        assert_eq!(apply("a\nb\n", &r), "    a\nb\n");
        // Outdent removes a tab, or at most one step of spaces.
        let r = outdent("\t\tx", 2, 2);
        assert_eq!(r.text, "\tx");
        assert_eq!(r.selection, (1, 1));
        let r = outdent("      x", 7, 7);
        assert_eq!(r.text, "  x");
        assert_eq!(r.selection, (3, 3));
        let r = outdent("  x", 0, 0);
        assert_eq!(r.selection, (0, 0));
    }
}
