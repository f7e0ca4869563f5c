//! The editor's highlighted layer as plain data: the text cut into lines, each line into
//! segments that carry a token class and, where a diagnostic covers them, its severity.
//!
//! Computing this apart from rendering keeps it testable natively and lets the editor
//! hand each line to its own component: a line whose segments did not change is not
//! rendered again, so typing in a 1,000-line file touches one line of the DOM.

use fromlab_engine::diagnostic::{Diagnostic, Severity};
use fromlab_engine::syntax::Token;

/// A run of text with one token class and one diagnostic state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The token kind's CSS class (`tok-keyword`).
    pub class: &'static str,
    pub text: String,
    /// The most severe diagnostic covering this text, with its index in the analysis.
    pub mark: Option<Mark>,
}

/// A diagnostic drawn on a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub severity: Severity,
    /// Index into the analysis' diagnostics.
    pub diagnostic: usize,
}

/// One line of the highlighted layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub segments: Vec<Segment>,
    /// A diagnostic with an empty range at the end of this line (a missing word, say),
    /// drawn as a small marker after the text.
    pub end_mark: Option<Mark>,
    /// The marker in the gutter for diagnostics that start on this line.
    pub gutter: Option<Gutter>,
}

/// A gutter marker: the most severe diagnostic starting on the line, and the text the
/// pointer shows for all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gutter {
    pub mark: Mark,
    pub title: String,
}

/// Byte offsets where each line starts; a text ending in `\n` has an empty last line,
/// as the textarea shows it.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
    starts
}

/// The 0-based line holding byte `offset`.
pub fn line_of(starts: &[usize], offset: usize) -> usize {
    starts
        .partition_point(|&start| start <= offset)
        .saturating_sub(1)
}

/// Builds the lines of `text` from its tokens (which tile it) and its diagnostics.
pub fn lines(text: &str, tokens: &[Token], diagnostics: &[Diagnostic]) -> Vec<Line> {
    let starts = line_starts(text);
    // Each line's diagnostics, found once instead of scanning every diagnostic per line.
    let mut per_line: Vec<Vec<usize>> = vec![Vec::new(); starts.len()];
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        let start = diagnostic.range.start.min(text.len());
        let end = diagnostic.range.end.clamp(start, text.len());
        let (first, last) = (line_of(&starts, start), line_of(&starts, end));
        for bucket in per_line.iter_mut().take(last + 1).skip(first) {
            bucket.push(index);
        }
    }

    let mut out: Vec<Line> = starts
        .iter()
        .map(|_| Line {
            segments: Vec::new(),
            end_mark: None,
            gutter: None,
        })
        .collect();
    // Tokens come in order, so the current line only ever moves forward.
    let mut line = 0;
    for token in tokens {
        let (mut start, end) = (token.start.min(text.len()), token.end.min(text.len()));
        // A token may run over several lines (a heredoc body); cut it at each newline.
        while start < end {
            while starts.get(line + 1).is_some_and(|&next| next <= start) {
                line += 1;
            }
            let line_end = starts.get(line + 1).map_or(text.len(), |next| next - 1);
            let piece_end = end.min(line_end);
            if piece_end > start {
                push_marked(
                    text,
                    token.kind.css_class(),
                    start,
                    piece_end,
                    &per_line[line],
                    diagnostics,
                    &mut out[line].segments,
                );
            }
            // Skip the newline itself: the line break is the next line's element.
            start = if piece_end == line_end {
                line_end + 1
            } else {
                piece_end
            };
        }
    }
    for (line, indices) in per_line.iter().enumerate() {
        let line_end = starts.get(line + 1).map_or(text.len(), |next| next - 1);
        out[line].end_mark = indices
            .iter()
            .filter(|&&i| {
                let range = diagnostics[i].range;
                range.is_empty() && range.start.min(text.len()) == line_end
            })
            .map(|&i| mark(diagnostics, i))
            .min_by_key(|m| m.severity);
        let starting: Vec<usize> = indices
            .iter()
            .copied()
            .filter(|&i| line_of(&starts, diagnostics[i].range.start.min(text.len())) == line)
            .collect();
        out[line].gutter = starting
            .iter()
            .map(|&i| mark(diagnostics, i))
            .min_by_key(|m| m.severity)
            .map(|mark| Gutter {
                mark,
                title: starting
                    .iter()
                    .map(|&i| {
                        let d = &diagnostics[i];
                        format!("{}: {} ({})", d.severity.name(), d.message, d.rule)
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            });
    }
    out
}

fn mark(diagnostics: &[Diagnostic], index: usize) -> Mark {
    Mark {
        severity: diagnostics[index].severity,
        diagnostic: index,
    }
}

/// Pushes `start..end` of one token, cut where diagnostics begin and end, merging with
/// the previous segment when nothing differs.
fn push_marked(
    text: &str,
    class: &'static str,
    start: usize,
    end: usize,
    candidates: &[usize],
    diagnostics: &[Diagnostic],
    out: &mut Vec<Segment>,
) {
    // Most lines carry no diagnostic: no cutting to do.
    if candidates.is_empty() {
        let Some(piece) = text.get(start..end) else {
            return;
        };
        match out.last_mut() {
            Some(last) if last.class == class && last.mark.is_none() => last.text.push_str(piece),
            _ => out.push(Segment {
                class,
                text: piece.to_string(),
                mark: None,
            }),
        }
        return;
    }
    let mut cuts = vec![start, end];
    for &i in candidates {
        let range = diagnostics[i].range;
        for at in [range.start, range.end] {
            if at > start && at < end {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let Some(piece) = text.get(from..to) else {
            continue;
        };
        let covering = candidates
            .iter()
            .filter(|&&i| {
                let range = diagnostics[i].range;
                range.start <= from && to <= range.end && !range.is_empty()
            })
            // The most severe wins; among equals the narrowest, so a finding about the
            // tag alone stays visible inside one about the whole reference.
            .min_by_key(|&&i| (diagnostics[i].severity, diagnostics[i].range.len()))
            .map(|&i| mark(diagnostics, i));
        match out.last_mut() {
            Some(last) if last.class == class && last.mark == covering => {
                last.text.push_str(piece);
            }
            _ => out.push(Segment {
                class,
                text: piece.to_string(),
                mark: covering,
            }),
        }
    }
}

/// Keys for a keyed list of lines: the line's text and how many equal lines came before
/// it, so inserting a line keeps every other line's key (and its DOM) where it was.
pub fn line_keys(text: &str) -> Vec<String> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    text.split('\n')
        .map(|line| {
            let count = seen.entry(line).or_insert(0);
            *count += 1;
            format!("{}\u{1}{line}", *count)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fromlab_engine::analysis::analyze;

    fn render(line: &Line) -> String {
        line.segments
            .iter()
            .map(|s| match s.mark {
                Some(m) => format!("[{}:{}]", m.severity.name(), s.text),
                None => s.text.clone(),
            })
            .collect()
    }

    #[test]
    fn lines_keep_every_character_and_mark_exact_ranges() {
        let text = "FROM python:latest\nRUN echo hi \\\n  && true\n";
        let analysis = analyze(text);
        let lines = lines(text, &analysis.tokens, &analysis.diagnostics);
        assert_eq!(lines.len(), 4);
        let plain: Vec<String> = lines
            .iter()
            .map(|l| l.segments.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(plain.join("\n"), text);
        // Other findings cover the whole reference; the tag's own stays a separate segment.
        assert_eq!(render(&lines[0]), "FROM [warning:python:][warning:latest]");
        let tag = lines[0].segments.last().and_then(|s| s.mark).unwrap();
        assert_eq!(analysis.diagnostics[tag.diagnostic].rule, "latest-tag");
        assert_eq!(lines[0].segments[0].class, "tok-keyword");
        let gutter = lines[0].gutter.as_ref().expect("a gutter marker on line 1");
        assert_eq!(gutter.mark.severity, Severity::Warning);
        assert!(gutter.title.starts_with("warning: "), "{}", gutter.title);
        assert!(gutter.title.contains("(latest-tag)"), "{}", gutter.title);
        assert!(lines[1].gutter.is_none());
    }

    #[test]
    fn heredoc_bodies_split_into_lines() {
        let text = "FROM alpine:3.24\nRUN <<EOF\necho a\necho b\nEOF\n";
        let analysis = analyze(text);
        let lines = lines(text, &analysis.tokens, &analysis.diagnostics);
        let plain: Vec<String> = lines
            .iter()
            .map(|l| l.segments.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(
            plain,
            [
                "FROM alpine:3.24",
                "RUN <<EOF",
                "echo a",
                "echo b",
                "EOF",
                ""
            ]
        );
    }

    #[test]
    fn empty_ranges_at_a_line_end_get_an_end_marker() {
        let text = "FROM a\nRUN\n";
        let diagnostics = vec![Diagnostic {
            rule: "r",
            code: "X",
            severity: Severity::Error,
            message: "m".into(),
            range: fromlab_engine::syntax::TextRange::empty(10),
            lesson: None,
            fix: None,
        }];
        let analysis = analyze(text);
        let lines = lines(text, &analysis.tokens, &diagnostics);
        assert_eq!(
            lines[1].end_mark,
            Some(Mark {
                severity: Severity::Error,
                diagnostic: 0
            })
        );
        assert!(lines[1].segments.iter().all(|s| s.mark.is_none()));
    }

    #[test]
    fn keys_are_unique_and_survive_an_inserted_line() {
        let before = line_keys("a\n\nb\n\nc");
        let after = line_keys("x\na\n\nb\n\nc");
        assert_eq!(before.len(), 5);
        let unique: std::collections::HashSet<_> = before.iter().collect();
        assert_eq!(unique.len(), before.len());
        assert_eq!(&after[1..], &before[..]);
    }

    #[test]
    fn offsets_find_their_line() {
        let starts = line_starts("ab\ncd\n");
        assert_eq!(starts, [0, 3, 6]);
        assert_eq!(line_of(&starts, 0), 0);
        assert_eq!(line_of(&starts, 2), 0);
        assert_eq!(line_of(&starts, 3), 1);
        assert_eq!(line_of(&starts, 6), 2);
        assert_eq!(line_of(&starts, 99), 2);
    }
}
