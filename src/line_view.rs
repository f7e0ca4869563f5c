//! The editor's highlighted layer as plain data: the text cut into lines, each line into
//! segments that carry a token class and, where a diagnostic covers them, its severity.
//!
//! Only a window of lines around the view is cut up (`window`, `lines`); the lines
//! above and below it are drawn as plain text (`plain_lines`), so the work per
//! keystroke follows the window, not the length of the file. Computing this apart from
//! rendering keeps it testable natively and lets the editor hand each line to its own
//! component: a line whose segments did not change is not rendered again.

use fromlab_engine::diagnostic::{Diagnostic, Severity};
use std::collections::HashMap;
use std::ops::Range;

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

/// The byte range of the 0-based `line`, without its newline.
fn line_span(text: &str, starts: &[usize], line: usize) -> (usize, usize) {
    let start = starts.get(line).copied().unwrap_or(text.len());
    let end = starts.get(line + 1).map_or(text.len(), |next| next - 1);
    (start, end)
}

/// Builds the lines `window` (0-based, clamped to the text) of `text` from its tokens
/// (which tile it) and its diagnostics. Only these lines are drawn with colours, so the
/// work per keystroke follows the window, not the length of the file.
pub fn lines(
    text: &str,
    starts: &[usize],
    tokens: &[Token],
    diagnostics: &[Diagnostic],
    window: Range<usize>,
) -> Vec<Line> {
    let window = window.start.min(starts.len())..window.end.min(starts.len());
    if window.is_empty() {
        return Vec::new();
    }
    let (from, _) = line_span(text, starts, window.start);
    let to = window
        .end
        .checked_sub(1)
        .map_or(from, |last| line_span(text, starts, last).1.max(from));
    // Each window line's diagnostics, found once instead of scanning them per line.
    let mut per_line: Vec<Vec<usize>> = vec![Vec::new(); window.len()];
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        let start = diagnostic.range.start.min(text.len());
        let end = diagnostic.range.end.clamp(start, text.len());
        if end < from || start > to {
            continue;
        }
        let (first, last) = (line_of(starts, start), line_of(starts, end));
        for line in first.max(window.start)..=last.min(window.end.saturating_sub(1)) {
            per_line[line - window.start].push(index);
        }
    }

    let mut out: Vec<Line> = window
        .clone()
        .map(|_| Line {
            segments: Vec::new(),
            end_mark: None,
        })
        .collect();
    // Tokens come in order: skip to the first that reaches the window, and the current
    // line only ever moves forward from there.
    let first = tokens.partition_point(|token| token.end <= from);
    let mut line = window.start;
    for token in tokens.get(first..).unwrap_or_default() {
        let (mut start, end) = (token.start.min(text.len()).max(from), token.end.min(to));
        if token.start > to {
            break;
        }
        // A token may run over several lines (a heredoc body); cut it at each newline.
        while start < end {
            while starts.get(line + 1).is_some_and(|&next| next <= start) {
                line += 1;
            }
            let (_, line_end) = line_span(text, starts, line);
            let piece_end = end.min(line_end);
            if piece_end > start {
                push_marked(
                    text,
                    token.kind.css_class(),
                    start,
                    piece_end,
                    &per_line[line - window.start],
                    diagnostics,
                    &mut out[line - window.start].segments,
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
    for (offset, indices) in per_line.iter().enumerate() {
        let (_, line_end) = line_span(text, starts, window.start + offset);
        out[offset].end_mark = indices
            .iter()
            .filter(|&&i| {
                let range = diagnostics[i].range;
                range.is_empty() && range.start.min(text.len()) == line_end
            })
            .map(|&i| mark(diagnostics, i))
            .min_by_key(|m| m.severity);
    }
    out
}

/// The gutter's markers, by 0-based line in order: for each line where diagnostics
/// start, the most severe, with the text the pointer shows for all of them.
pub fn markers(text: &str, starts: &[usize], diagnostics: &[Diagnostic]) -> Vec<(usize, Gutter)> {
    let mut starting: Vec<(usize, usize)> = diagnostics
        .iter()
        .enumerate()
        .map(|(index, d)| (line_of(starts, d.range.start.min(text.len())), index))
        .collect();
    starting.sort_unstable();
    starting
        .chunk_by(|a, b| a.0 == b.0)
        .filter_map(|group| {
            let line = group.first()?.0;
            let mark = group
                .iter()
                .map(|&(_, i)| mark(diagnostics, i))
                .min_by_key(|m| m.severity)?;
            let title = group
                .iter()
                .map(|&(_, i)| {
                    let d = &diagnostics[i];
                    format!("{}: {} ({})", d.severity.name(), d.message, d.rule)
                })
                .collect::<Vec<_>>()
                .join("\n");
            Some((line, Gutter { mark, title }))
        })
        .collect()
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
            // A range computed for an older text may fall inside a character now.
            if at > start && at < end && text.is_char_boundary(at) {
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

/// The text of the lines `range` (0-based, clamped), drawn plainly outside the window:
/// one text node for many lines, laid out exactly as the textarea lays out its own text.
/// `None` for no line. A last line that is empty gets a space, as a block drops an empty
/// last line that the textarea shows.
pub fn plain_lines(text: &str, starts: &[usize], range: Range<usize>) -> Option<String> {
    let range = range.start.min(starts.len())..range.end.min(starts.len());
    let last = range.end.checked_sub(1).filter(|_| !range.is_empty())?;
    let (from, _) = line_span(text, starts, range.start);
    let (_, to) = line_span(text, starts, last);
    let mut plain = text.get(from..to)?.to_string();
    if plain.is_empty() || plain.ends_with('\n') {
        plain.push(' ');
    }
    Some(plain)
}

/// Keys for the keyed lines `window` (0-based, clamped): the line's text and how many
/// equal lines came before it in the window, so inserting a line keeps every other
/// line's key (and its DOM) where it was.
pub fn line_keys(text: &str, starts: &[usize], window: Range<usize>) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    window
        .take_while(|&line| line < starts.len())
        .map(|line| {
            let (start, end) = line_span(text, starts, line);
            let line = text.get(start..end).unwrap_or_default();
            let count = seen.entry(line).or_insert(0);
            *count += 1;
            format!("{}\u{1}{line}", *count)
        })
        .collect()
}

/// How many lines a drawn window moves by, so that scrolling a little draws nothing new.
const WINDOW_STEP: usize = 16;

/// The lines to draw with colours when lines `first..first + visible` are in view of a
/// text of `rows` lines: those and as many again above and below (at least a step),
/// rounded out to whole steps. It changes only when `first` crosses a step.
pub fn window(first: usize, visible: usize, rows: usize) -> Range<usize> {
    let margin = visible.max(WINDOW_STEP);
    let first = first / WINDOW_STEP * WINDOW_STEP;
    let start = first.saturating_sub(margin) / WINDOW_STEP * WINDOW_STEP;
    let end = (first + WINDOW_STEP + visible + margin).div_ceil(WINDOW_STEP) * WINDOW_STEP;
    start.min(rows)..end.min(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fromlab_engine::analysis::analyze;

    /// Every line of `text`, as one window.
    fn all_lines(text: &str, tokens: &[Token], diagnostics: &[Diagnostic]) -> Vec<Line> {
        let starts = line_starts(text);
        lines(text, &starts, tokens, diagnostics, 0..starts.len())
    }

    fn shown(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.segments.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

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
        let lines = all_lines(text, &analysis.tokens, &analysis.diagnostics);
        assert_eq!(lines.len(), 4);
        assert_eq!(shown(&lines).join("\n"), text);
        // Other findings cover the whole reference; the tag's own stays a separate segment.
        assert_eq!(render(&lines[0]), "FROM [warning:python:][warning:latest]");
        let tag = lines[0].segments.last().and_then(|s| s.mark).unwrap();
        assert_eq!(analysis.diagnostics[tag.diagnostic].rule, "latest-tag");
        assert_eq!(lines[0].segments[0].class, "tok-keyword");
        let markers = markers(text, &line_starts(text), &analysis.diagnostics);
        let (line, gutter) = markers.first().expect("a gutter marker");
        assert_eq!(*line, 0);
        assert_eq!(gutter.mark.severity, Severity::Warning);
        assert!(gutter.title.starts_with("warning: "), "{}", gutter.title);
        assert!(gutter.title.contains("(latest-tag)"), "{}", gutter.title);
        assert!(markers.iter().all(|(line, _)| *line == 0), "{markers:?}");
    }

    #[test]
    fn a_window_draws_the_same_lines_as_the_whole_text() {
        let text = "FROM python:latest AS build\nRUN <<EOF\necho a\necho b\nEOF\nFROM scratch\nCOPY --from=build /a /a\n";
        let analysis = analyze(text);
        let whole = all_lines(text, &analysis.tokens, &analysis.diagnostics);
        let starts = line_starts(text);
        for start in 0..=starts.len() {
            for end in start..=starts.len() + 1 {
                let window = lines(
                    text,
                    &starts,
                    &analysis.tokens,
                    &analysis.diagnostics,
                    start..end,
                );
                let expected = whole.get(start..end.min(whole.len())).unwrap_or_default();
                assert_eq!(window, expected, "window {start}..{end}");
            }
        }
    }

    #[test]
    fn plain_lines_keep_their_count() {
        let text = "a\n\nb\n\n";
        let starts = line_starts(text);
        assert_eq!(starts.len(), 5);
        assert_eq!(plain_lines(text, &starts, 0..0), None);
        assert_eq!(plain_lines(text, &starts, 0..1).as_deref(), Some("a"));
        // An empty last line is kept by a space: a block would drop it.
        assert_eq!(plain_lines(text, &starts, 0..2).as_deref(), Some("a\n "));
        assert_eq!(plain_lines(text, &starts, 1..3).as_deref(), Some("\nb"));
        assert_eq!(plain_lines(text, &starts, 3..5).as_deref(), Some("\n "));
        assert_eq!(plain_lines(text, &starts, 4..9).as_deref(), Some(" "));
        assert_eq!(plain_lines(text, &starts, 7..9), None);
    }

    #[test]
    fn heredoc_bodies_split_into_lines() {
        let text = "FROM alpine:3.24\nRUN <<EOF\necho a\necho b\nEOF\n";
        let analysis = analyze(text);
        let lines = all_lines(text, &analysis.tokens, &analysis.diagnostics);
        assert_eq!(
            shown(&lines),
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
        let lines = all_lines(text, &analysis.tokens, &diagnostics);
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
    fn stale_ranges_never_lose_text() {
        // Findings for an older text arrive while the learner types: their ranges may
        // fall inside a character or past the end, and the layer must still show
        // every character of the text as it is.
        let text = "FROM café:1\nRUN é\n";
        let stale = |start, end| Diagnostic {
            rule: "r",
            code: "X",
            severity: Severity::Warning,
            message: "m".into(),
            range: fromlab_engine::syntax::TextRange::new(start, end),
            lesson: None,
            fix: None,
        };
        let diagnostics = vec![stale(9, 12), stale(17, 40), stale(100, 200)];
        let tokens = fromlab_engine::syntax::tokens(text);
        let lines = all_lines(text, &tokens, &diagnostics);
        assert_eq!(shown(&lines), ["FROM café:1", "RUN é", ""]);
        let markers = markers(text, &line_starts(text), &diagnostics);
        assert_eq!(
            markers.iter().map(|(line, _)| *line).collect::<Vec<_>>(),
            [0, 1, 2]
        );
    }

    #[test]
    fn keys_are_unique_and_survive_an_inserted_line() {
        let keys = |text: &str| line_keys(text, &line_starts(text), 0..usize::MAX);
        let before = keys("a\n\nb\n\nc");
        let after = keys("x\na\n\nb\n\nc");
        assert_eq!(before.len(), 5);
        let unique: std::collections::HashSet<_> = before.iter().collect();
        assert_eq!(unique.len(), before.len());
        assert_eq!(&after[1..], &before[..]);
    }

    #[test]
    fn windows_cover_the_view_with_a_margin_in_whole_steps() {
        assert_eq!(window(0, 30, 1000), 0..80);
        assert_eq!(window(500, 30, 1000), 464..576);
        // Scrolling a few lines keeps the same window.
        assert_eq!(window(507, 30, 1000), 464..576);
        assert_eq!(window(512, 30, 1000), 480..592);
        assert_eq!(window(990, 30, 1000), 944..1000);
        assert_eq!(window(0, 30, 12), 0..12);
        assert_eq!(window(0, 0, 0), 0..0);
        for first in 0..1000 {
            let drawn = window(first, 30, 1000);
            assert!(drawn.start <= first && (first + 30).min(1000) <= drawn.end);
        }
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
