//! Lesson front matter: the TOML header between two `+++` lines that opens every lesson.
//!
//! ```text
//! +++
//! title = "Why the FROM line sets the floor"
//! summary = "One or two sentences shown on the home page."
//! minutes = 6
//! +++
//! ```

use serde::Deserialize;

/// The fields every lesson declares. Unknown fields are rejected so that a misspelt
/// field name is reported instead of silently ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The lesson's title, shown as its only `#` heading.
    pub title: String,
    /// One or two sentences for the home page.
    pub summary: String,
    /// Estimated minutes to read.
    pub minutes: u32,
}

/// A lesson file cut into its two parts, with the byte offsets needed to place errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the fences.
    pub toml: &'a str,
    /// Byte offset of `toml` in the file.
    pub toml_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Why a front matter block could not be read; `offset` is a byte offset in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub offset: usize,
    pub message: String,
}

const FENCE: &str = "+++";

/// Finds the front matter fences. The file must open with a `+++` line, and the block
/// ends at the next line that is exactly `+++` (trailing spaces and `\r` allowed).
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let mut lines = line_spans(text);
    let opens = lines
        .next()
        .is_some_and(|(start, end)| text[start..end].trim_end() == FENCE);
    if !opens {
        return Err(FrontMatterError {
            offset: 0,
            message: "a lesson must start with front matter: a `+++` line, TOML fields, then another `+++` line".into(),
        });
    }
    let toml_offset = text.find('\n').map_or(text.len(), |at| at + 1);
    for (start, end) in lines {
        if text[start..end].trim_end() == FENCE {
            let body_offset = text[end..].find('\n').map_or(text.len(), |at| end + at + 1);
            return Ok(Split {
                toml: &text[toml_offset..start],
                toml_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
    }
    Err(FrontMatterError {
        offset: 0,
        message: "the front matter opened here is never closed by a `+++` line".into(),
    })
}

/// Parses and validates the TOML of a front matter block. Offsets in the error are
/// relative to `toml`.
pub fn parse(toml: &str) -> Result<FrontMatter, FrontMatterError> {
    let front: FrontMatter = toml::from_str(toml).map_err(|error| FrontMatterError {
        offset: error.span().map_or(0, |span| span.start),
        message: format!("front matter: {}", error.message().trim_end()),
    })?;
    let field_offset = |name: &str| {
        toml.lines()
            .scan(0, |at, line| {
                let start = *at;
                *at += line.len() + 1;
                Some((start, line))
            })
            .find(|(_, line)| line.trim_start().starts_with(name))
            .map_or(0, |(start, _)| start)
    };
    for (name, value) in [("title", &front.title), ("summary", &front.summary)] {
        if value.trim().is_empty() {
            return Err(FrontMatterError {
                offset: field_offset(name),
                message: format!("front matter: `{name}` must not be empty"),
            });
        }
    }
    if front.minutes == 0 {
        return Err(FrontMatterError {
            offset: field_offset("minutes"),
            message: "front matter: `minutes` must be at least 1".into(),
        });
    }
    Ok(front)
}

/// Byte spans of each line, without the line break.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let start = at;
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        at = end + 1;
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\ntitle = \"T\"\nsummary = \"S\"\nminutes = 3\n+++\n\n## Body\n";

    #[test]
    fn splits_and_parses_a_good_header() {
        let split = split(GOOD).unwrap();
        assert_eq!(split.toml, "title = \"T\"\nsummary = \"S\"\nminutes = 3\n");
        assert_eq!(split.toml_offset, 4);
        assert_eq!(split.body, "\n## Body\n");
        assert_eq!(&GOOD[split.body_offset..], split.body);
        let front = parse(split.toml).unwrap();
        assert_eq!(front.title, "T");
        assert_eq!(front.summary, "S");
        assert_eq!(front.minutes, 3);
    }

    #[test]
    fn accepts_windows_line_endings() {
        let text = GOOD.replace('\n', "\r\n");
        let split = split(&text).unwrap();
        assert_eq!(parse(split.toml).unwrap().minutes, 3);
        assert_eq!(split.body, "\r\n## Body\r\n");
    }

    #[test]
    fn rejects_missing_or_unclosed_fences() {
        assert!(
            split("## Body\n")
                .unwrap_err()
                .message
                .contains("must start with front matter")
        );
        assert!(
            split("+++\ntitle = \"T\"\n")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(split("").is_err());
    }

    #[test]
    fn rejects_bad_fields_with_their_offset() {
        let wrong_type = "title = \"T\"\nsummary = \"S\"\nminutes = \"six\"\n";
        let error = parse(wrong_type).unwrap_err();
        assert!(error.message.contains("invalid type"), "{}", error.message);
        assert_eq!(error.offset, wrong_type.find("\"six\"").unwrap());

        let missing = parse("title = \"T\"\nminutes = 2\n").unwrap_err();
        assert!(
            missing.message.contains("missing field `summary`"),
            "{}",
            missing.message
        );

        let unknown =
            parse("title = \"T\"\nsummary = \"S\"\nminutes = 2\nauthor = \"x\"\n").unwrap_err();
        assert!(unknown.message.contains("author"), "{}", unknown.message);

        let empty = parse("title = \" \"\nsummary = \"S\"\nminutes = 2\n").unwrap_err();
        assert_eq!(empty.message, "front matter: `title` must not be empty");

        let zero = parse("title = \"T\"\nsummary = \"S\"\nminutes = 0\n").unwrap_err();
        assert_eq!(zero.offset, "title = \"T\"\nsummary = \"S\"\n".len());
    }
}
