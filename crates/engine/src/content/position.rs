//! Turns byte offsets into the 1-based lines and columns that error messages show.

/// Line starts of one text, so that many offsets can be located cheaply.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { text, starts }
    }

    /// The 1-based line and character column of a byte offset. Offsets past the end, or
    /// inside a multi-byte character, are clamped rather than rejected, because a message
    /// pointing near the problem is better than no message.
    pub(crate) fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = self
            .text
            .get(start..)
            .map(|rest| {
                rest.char_indices()
                    .take_while(|(at, _)| *at < offset - start)
                    .count()
            })
            .unwrap_or(0);
        (line.max(1), column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn locates_lines_and_character_columns() {
        let index = LineIndex::new("ab\nçd\n\nx");
        assert_eq!(index.locate(0), (1, 1));
        assert_eq!(index.locate(1), (1, 2));
        assert_eq!(index.locate(3), (2, 1));
        // `ç` is two bytes, so `d` at byte 5 is the second character.
        assert_eq!(index.locate(5), (2, 2));
        assert_eq!(index.locate(7), (3, 1));
        assert_eq!(index.locate(8), (4, 1));
        assert_eq!(index.locate(100), (4, 2));
    }
}
