//! Byte ranges and the conversion from byte offsets to the 1-based lines and
//! character columns that people read in an editor or a terminal.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the parsed source.
///
/// Every node, token and error of the syntax tree carries one, so the
/// playground can underline exactly what a diagnostic is about and a fix can
/// replace exactly the bytes it means.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct TextRange {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl TextRange {
    /// The range `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// An empty range at `offset`.
    pub const fn empty(offset: usize) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }

    /// Number of bytes covered.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the range covers no byte.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside this range.
    pub const fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this range covers in `source`, or `""` when it does not fit
    /// (a range from another source never makes this panic).
    pub fn slice(self, source: &str) -> &str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

/// A 1-based position for people: line number and column counted in
/// characters (not bytes), as editors show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
}

/// Precomputed line starts of a source, turning byte offsets into
/// [`LineCol`]s in `O(log lines)` (plus the length of the line when it holds
/// non-ASCII text).
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset where each line starts; always begins with 0.
    starts: Vec<usize>,
    /// Whether each line is pure ASCII, so columns equal byte distances.
    ascii: Vec<bool>,
    len: usize,
}

impl LineIndex {
    /// Index the lines of `source`. Lines end at `\n`; a `\r` before it is
    /// part of the line's end, as Docker reads it.
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                ascii.push(line_ascii);
                line_ascii = true;
                starts.push(i + 1);
            } else if b >= 0x80 {
                line_ascii = false;
            }
        }
        ascii.push(line_ascii);
        Self {
            starts,
            ascii,
            len: source.len(),
        }
    }

    /// Number of lines (a source ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where the 1-based `line` starts, if it exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1)
            .and_then(|i| self.starts.get(i))
            .copied()
    }

    /// The 1-based line and character column of a byte offset. Offsets past
    /// the end clamp to the end; offsets inside a character count as that
    /// character.
    pub fn line_col(&self, source: &str, offset: usize) -> LineCol {
        let offset = offset.min(self.len);
        let line_idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line_idx];
        let column = if self.ascii[line_idx] {
            offset - start + 1
        } else {
            let mut end = offset;
            while end > start && !source.is_char_boundary(end) {
                end -= 1;
            }
            source.get(start..end).map_or(0, |s| s.chars().count()) + 1
        };
        LineCol {
            line: line_idx + 1,
            column,
        }
    }

    /// The text of the 1-based `line` without its line ending.
    pub fn line_text<'a>(&self, source: &'a str, line: usize) -> &'a str {
        let Some(start) = self.line_start(line) else {
            return "";
        };
        let end = self.line_start(line + 1).unwrap_or(self.len);
        source
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let src = "FROM a\nRUN é x\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(src, 7), LineCol { line: 2, column: 1 });
        // "x" comes after "RUN é " which is 6 characters but 7 bytes.
        let x = src.find('x').unwrap();
        assert_eq!(idx.line_col(src, x), LineCol { line: 2, column: 7 });
        assert_eq!(idx.line_col(src, src.len()), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_text(src, 2), "RUN é x");
    }

    #[test]
    fn offsets_inside_a_character_and_past_the_end_are_clamped() {
        let src = "é";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 1), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(src, 99), LineCol { line: 1, column: 2 });
    }
}
