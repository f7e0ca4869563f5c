//! `SUMMARY.md`: the course order, one lesson a line, in the spirit of mdBook.
//!
//! ```text
//! # Summary
//!
//! - [Why the FROM line sets the floor](lessons/from-sets-the-floor.md)
//! - [The base-image spectrum](lessons/base-image-spectrum.md)
//! ```
//!
//! Blank lines and `#` heading lines are allowed and carry no meaning; every other line
//! must be a lesson entry.

use super::slug::is_slug;

/// One lesson line of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub slug: String,
    /// 1-based line in the summary.
    pub line: usize,
}

/// A line of the summary that is not a valid entry; `column` is 1-based in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Reads every entry, and every line that is not one.
pub fn parse(text: &str) -> (Vec<Entry>, Vec<SummaryError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = raw.chars().take_while(|c| c.is_whitespace()).count();
        match parse_entry(trimmed) {
            Ok((title, slug)) => entries.push(Entry { title, slug, line }),
            Err((column, message)) => errors.push(SummaryError {
                line,
                column: indent + column,
                message,
            }),
        }
    }
    (entries, errors)
}

const SHAPE: &str = "expected a lesson entry like `- [Title](lessons/<slug>.md)`";

/// Parses `- [Title](lessons/slug.md)`; errors carry a 1-based column within `entry`.
fn parse_entry(entry: &str) -> Result<(String, String), (usize, String)> {
    let rest = entry
        .strip_prefix("- ")
        .or_else(|| entry.strip_prefix("* "))
        .ok_or((1, SHAPE.to_string()))?;
    let rest = rest.trim_start();
    let column_of = |part: &str| entry[..entry.len() - part.len()].chars().count() + 1;
    let inner = rest
        .strip_prefix('[')
        .ok_or((column_of(rest), SHAPE.to_string()))?;
    let close = inner
        .find("](")
        .ok_or((column_of(inner), SHAPE.to_string()))?;
    let title = inner[..close].trim();
    if title.is_empty() {
        return Err((column_of(inner), "the lesson title is empty".into()));
    }
    let target_and_rest = &inner[close + 2..];
    let end = target_and_rest
        .find(')')
        .ok_or((column_of(target_and_rest), SHAPE.to_string()))?;
    if !target_and_rest[end + 1..].trim().is_empty() {
        return Err((
            column_of(&target_and_rest[end + 1..]),
            "unexpected text after the lesson link".into(),
        ));
    }
    let target = &target_and_rest[..end];
    let slug = target
        .strip_prefix("lessons/")
        .and_then(|name| name.strip_suffix(".md"))
        .ok_or_else(|| {
            (
                column_of(target_and_rest),
                format!("the link `{target}` must point to `lessons/<slug>.md`"),
            )
        })?;
    if !is_slug(slug) {
        return Err((
            column_of(target_and_rest),
            format!(
                "`{slug}` is not a valid slug: use lower-case ASCII letters, digits and single dashes"
            ),
        ));
    }
    Ok((title.to_string(), slug.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_and_skips_headings_and_blanks() {
        let (entries, errors) =
            parse("# Summary\n\n- [One](lessons/one.md)\n* [Two 2](lessons/two-2.md)\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            entries,
            vec![
                Entry {
                    title: "One".into(),
                    slug: "one".into(),
                    line: 3
                },
                Entry {
                    title: "Two 2".into(),
                    slug: "two-2".into(),
                    line: 4
                },
            ]
        );
    }

    #[test]
    fn reports_each_bad_line_with_a_column() {
        let text = "- One\n- [](lessons/a.md)\n- [A](a.md)\n  - [B](lessons/B_b.md)\n- [C](lessons/c.md) extra\n";
        let (entries, errors) = parse(text);
        assert!(entries.is_empty());
        let found: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(found, vec![(1, 3), (2, 4), (3, 7), (4, 9), (5, 20)]);
        assert!(
            errors[2]
                .message
                .contains("must point to `lessons/<slug>.md`")
        );
        assert!(errors[3].message.contains("not a valid slug"));
    }
}
