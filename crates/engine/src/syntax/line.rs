//! Parsing one logical line into keyword, flags and arguments, following
//! BuildKit's per-instruction rules exactly (its `splitCommand`,
//! `extractBuilderFlags` and line parsers), so that the values we compute are
//! the values Docker builds with.
//!
//! Scanning works on bytes with a fast path for ASCII; values borrow from the
//! source whenever the logical line is a slice of it. Deliberate differences
//! from BuildKit, all on inputs Docker rejects or mangles:
//! - BuildKit scans flags byte by byte and treats bytes 0x85 and 0xA0 as
//!   spaces even inside a multi-byte character; we scan characters.
//! - Errors do not stop anything: BuildKit aborts the whole file on the first
//!   one, we record it and return the best reading of the line.

use std::borrow::Cow;

use smallvec::SmallVec;

use super::error::{ErrorKind, SyntaxError};
use super::json::{self, JsonError};
use super::scan::{self, HIGH, QUOTE, SEP, SPACE, class};
use super::text::TextRange;
use super::tree::{
    Args, ExecForm, Flag, Instruction, InstructionKind, KeyValue, LogicalLine, Segment, Spanned,
};

/// The character at byte `i` of `s` and its length, fast for ASCII.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
        (c, c.len_utf8())
    }
}

/// Go's `unicode.IsSpace` (Rust's `char::is_whitespace`: both follow
/// Unicode's White_Space property), fast for ASCII.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        class(c as u8) & SPACE != 0
    } else {
        c.is_whitespace()
    }
}

/// The class bit of an escape character (`\\` or `` ` ``).
#[inline]
fn escape_class(escape: char) -> u8 {
    scan::extra_class(escape as u8)
}

/// BuildKit's `[\t\v\f\r ]`, the separator of whitespace-delimited lists.
#[inline]
fn is_ws_sep(b: u8) -> bool {
    class(b) & SEP != 0
}

/// The first offset at or after `i` (and at most `end`) that is not
/// [`is_space`].
#[inline(always)]
pub(crate) fn skip_space(s: &str, i: usize, end: usize) -> usize {
    // Usually there is nothing to skip.
    match s.as_bytes().get(i) {
        Some(&b) if i < end && class(b) & (SPACE | HIGH) != 0 => skip_space_from(s, i, end),
        _ => i,
    }
}

#[inline(never)]
fn skip_space_from(s: &str, mut i: usize, end: usize) -> usize {
    let bytes = s.as_bytes();
    while i < end {
        let c = class(bytes[i]);
        if c & SPACE != 0 {
            i += 1;
        } else if c & HIGH != 0 {
            let (ch, n) = char_at(s, i);
            if !ch.is_whitespace() {
                break;
            }
            i += n;
        } else {
            break;
        }
    }
    i
}

/// The end of `s[start..end]` without trailing [`is_space`] characters.
#[inline(always)]
fn trim_space_end(s: &str, start: usize, end: usize) -> usize {
    // Usually there is nothing to trim.
    match s.as_bytes().get(end.wrapping_sub(1)) {
        Some(&b) if end > start && class(b) & (SPACE | HIGH) != 0 => {
            trim_space_end_from(s, start, end)
        }
        _ => end,
    }
}

#[inline(never)]
fn trim_space_end_from(s: &str, start: usize, mut end: usize) -> usize {
    let bytes = s.as_bytes();
    while end > start {
        let c = class(bytes[end - 1]);
        if c & SPACE != 0 {
            end -= 1;
        } else if c & HIGH != 0 {
            let mut i = end - 1;
            while !s.is_char_boundary(i) {
                i -= 1;
            }
            if !char_at(s, i).0.is_whitespace() {
                break;
            }
            end = i;
        } else {
            break;
        }
    }
    end
}

/// The logical line being read, and how to turn its offsets into source
/// ranges and its slices into values.
pub(crate) struct Ctx<'a, 'l> {
    /// The whole source.
    pub source: &'a str,
    /// The joined text.
    pub text: &'l str,
    /// The same text borrowed from the source, when it is one slice of it.
    pub borrowed: Option<&'a str>,
    /// Where `text` starts in the source when it is one slice of it (then
    /// every range is this offset plus the logical one).
    pub base: usize,
    /// The map back to the source.
    pub segments: &'l [Segment],
    /// The escape character.
    pub escape: char,
    /// The logical line as the tree keeps it (an ONBUILD trigger shares
    /// its instruction's).
    pub logical: LogicalLine<'a>,
}

impl<'a> Ctx<'a, '_> {
    /// The offset to add to logical offsets in `start..end` to get source
    /// offsets, when that stretch is one slice of the source: always for a
    /// line on one slice, otherwise when it stays inside one segment.
    #[inline(always)]
    fn shift(&self, start: usize, end: usize) -> Option<usize> {
        if self.borrowed.is_some() {
            return Some(self.base);
        }
        self.shift_joined(start, end, false)
    }

    /// [`Ctx::shift`] for a stretch whose parts are mapped with the same
    /// shift: it must also not end where a later segment starts, because an
    /// empty part there belongs to the later segment (see
    /// [`LogicalLine::to_source`]).
    #[inline(always)]
    fn shift_parts(&self, start: usize, end: usize) -> Option<usize> {
        if self.borrowed.is_some() {
            return Some(self.base);
        }
        self.shift_joined(start, end, true)
    }

    /// [`Ctx::shift`] and [`Ctx::shift_parts`] for a line joined from
    /// several segments.
    #[inline(never)]
    fn shift_joined(&self, start: usize, end: usize, parts: bool) -> Option<usize> {
        let idx = SegmentMap(self.segments).locate(start);
        let seg = self.segments.get(idx.checked_sub(1)?)?;
        let seg_end = seg.logical + seg.len;
        let inside = end < seg_end || (end == seg_end && (!parts || idx == self.segments.len()));
        (start <= end && inside).then(|| seg.source - seg.logical)
    }

    /// The value of `text[start..end]`, borrowed from the source unless it
    /// spans a line continuation.
    #[inline(always)]
    fn cow(&self, start: usize, end: usize) -> Cow<'a, str> {
        match self.shift(start, end) {
            Some(d) => Cow::Borrowed(self.source.get(start + d..end + d).unwrap_or("")),
            None => self.owned(start, end),
        }
    }

    /// A value that spans a line continuation: a copy of the joined text.
    #[inline(never)]
    fn owned(&self, start: usize, end: usize) -> Cow<'a, str> {
        Cow::Owned(self.text.get(start..end).unwrap_or("").to_string())
    }

    /// The source range of `text[start..end]`. Offsets never pass the end of
    /// the text, so on one slice of the source this is a plain shift.
    #[inline]
    fn range(&self, start: usize, end: usize) -> TextRange {
        if self.borrowed.is_some() {
            let s = self.base + start;
            return TextRange::new(s, (self.base + end).max(s));
        }
        SegmentMap(self.segments).range(start, end)
    }

    /// Value and range of `text[start..end]` together, locating the
    /// segment once.
    #[inline(always)]
    fn spanned(&self, start: usize, end: usize) -> Spanned<'a> {
        match self.shift(start, end) {
            Some(d) => self.spanned_at(d, start, end),
            None => self.spanned_owned(start, end),
        }
    }

    /// [`Ctx::spanned`] of a value that spans a line continuation.
    #[inline(never)]
    fn spanned_owned(&self, start: usize, end: usize) -> Spanned<'a> {
        Spanned {
            value: self.owned(start, end),
            range: SegmentMap(self.segments).range(start, end),
        }
    }

    /// [`Ctx::spanned`] for a stretch known to be shifted by `d` (see
    /// [`Ctx::shift`]).
    #[inline(always)]
    fn spanned_at(&self, d: usize, start: usize, end: usize) -> Spanned<'a> {
        Spanned {
            value: Cow::Borrowed(self.source.get(start + d..end + d).unwrap_or("")),
            range: TextRange::new(start + d, (end + d).max(start + d)),
        }
    }

    fn error(
        &self,
        errors: &mut Vec<SyntaxError>,
        kind: ErrorKind,
        message: String,
        start: usize,
        end: usize,
    ) {
        errors.push(SyntaxError {
            kind,
            message,
            range: self.range(start, end),
        });
    }
}

/// Range mapping over a segment slice (the same rules as
/// [`LogicalLine`]'s methods, without needing the line's text).
pub(crate) struct SegmentMap<'s>(pub &'s [Segment]);

impl SegmentMap<'_> {
    /// The number of segments that start at or before `offset` (so the one
    /// holding it is the one before): offsets on the first line or past the
    /// start of the last one, the usual cases, need no search.
    #[inline]
    pub(crate) fn locate(&self, offset: usize) -> usize {
        let segs = self.0;
        match (segs.first(), segs.last()) {
            (Some(first), _) if offset < first.logical + first.len && first.logical <= offset => 1,
            (_, Some(last)) if last.logical <= offset => segs.len(),
            _ => segs.partition_point(|s| s.logical <= offset),
        }
    }

    pub(crate) fn to_source(&self, offset: usize) -> usize {
        if let [only] = self.0 {
            return only.source + offset.min(only.len);
        }
        let idx = self.locate(offset);
        let Some(s) = idx.checked_sub(1).and_then(|i| self.0.get(i)) else {
            return self.0.first().map_or(0, |s| s.source);
        };
        s.source + (offset - s.logical).min(s.len)
    }

    pub(crate) fn to_source_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.to_source(0);
        }
        self.to_source(offset - 1) + 1
    }

    pub(crate) fn range(&self, start: usize, end: usize) -> TextRange {
        if let [only] = self.0 {
            let s = only.source + start.min(only.len);
            return TextRange::new(s, (only.source + end.min(only.len)).max(s));
        }
        if start >= end {
            let s = self.to_source(start);
            return TextRange::new(s, s);
        }
        TextRange::new(self.to_source(start), self.to_source_end(end))
    }
}

/// The instruction in `ctx.text[from..]`: keyword, flags and arguments.
/// The source-level fields are placeholders the parser fills in (pieces,
/// heredocs, the node's ranges); an ONBUILD trigger keeps them.
///
/// The arguments are read straight into the instruction: a node is large,
/// and each move of it costs more than the reading of most lines.
#[inline(always)]
pub(crate) fn parse_instruction<'a>(
    ctx: &Ctx<'a, '_>,
    from: usize,
    errors: &mut Vec<SyntaxError>,
) -> Instruction<'a> {
    let text = ctx.text;
    let bytes = text.as_bytes();
    // strings.TrimSpace, then split at the first [\t\v\f\r ]+.
    let start = skip_space(text, from, text.len());
    let end = trim_space_end(text, start, text.len());
    let kw_end = scan::sep(bytes, start, end);
    let keyword = ctx.spanned(start, kw_end);
    let kind = InstructionKind::from_keyword(&keyword.value);
    let mut flags = Vec::new();
    let (mut args_start, mut args_end) = (end, end);
    if kw_end < end {
        let mut rest = kw_end + 1;
        while rest < end && is_ws_sep(bytes[rest]) {
            rest += 1;
        }
        // BuildKit's flag reader skips spaces, then reads words while they
        // start with `--`; without one, the arguments start right there.
        let at = skip_space(text, rest, end);
        let remaining = if at + 1 < end && bytes[at] == b'-' && bytes[at + 1] == b'-' {
            // Most instructions with flags have one or two.
            flags.reserve_exact(2);
            extract_flags(ctx, at, end, &mut flags)
        } else if at < end {
            Some(at)
        } else {
            None
        };
        if let Some(off) = remaining {
            args_start = skip_space(text, off, end);
            args_end = end.max(args_start);
        }
    }
    let range = ctx.range(start, end);
    Instruction {
        args: dispatch(ctx, kind, args_start, args_end, errors),
        kind,
        keyword,
        flags,
        range,
        full_range: range,
        logical: ctx.logical,
        pieces: 0..0,
        extra: None,
    }
}

/// The trigger of an ONBUILD, kept out of line (the parser's own call of
/// [`parse_instruction`] is inlined).
#[inline(never)]
fn parse_trigger<'a>(
    ctx: &Ctx<'a, '_>,
    from: usize,
    errors: &mut Vec<SyntaxError>,
) -> Instruction<'a> {
    parse_instruction(ctx, from, errors)
}

fn dispatch<'a>(
    ctx: &Ctx<'a, '_>,
    kind: InstructionKind,
    start: usize,
    end: usize,
    errors: &mut Vec<SyntaxError>,
) -> Args<'a> {
    let empty = start >= end;
    match kind {
        InstructionKind::Add | InstructionKind::Copy | InstructionKind::Volume => {
            maybe_json_to_list(ctx, start, end, errors)
        }
        InstructionKind::Arg => {
            let words = parse_words(ctx, start, end);
            if words.is_empty() {
                Args::None
            } else {
                Args::Words(words)
            }
        }
        InstructionKind::Cmd
        | InstructionKind::Entrypoint
        | InstructionKind::Run
        | InstructionKind::Shell => maybe_json(ctx, start, end, errors),
        InstructionKind::Env => name_val(ctx, start, end, "ENV", errors),
        InstructionKind::Label => name_val(ctx, start, end, "LABEL", errors),
        InstructionKind::Expose | InstructionKind::From => whitespace_delimited(ctx, start, end),
        InstructionKind::Healthcheck => health_config(ctx, start, end, errors),
        InstructionKind::Maintainer
        | InstructionKind::Stopsignal
        | InstructionKind::User
        | InstructionKind::Workdir => {
            if empty {
                Args::None
            } else {
                Args::Text(ctx.spanned(start, end))
            }
        }
        InstructionKind::Onbuild => {
            if empty {
                Args::None
            } else {
                let sub_ctx = Ctx {
                    source: ctx.source,
                    text: &ctx.text[..end],
                    borrowed: ctx.borrowed.map(|b| &b[..end]),
                    base: ctx.base,
                    segments: ctx.segments,
                    escape: ctx.escape,
                    logical: ctx.logical,
                };
                Args::Onbuild(Box::new(parse_trigger(&sub_ctx, start, errors)))
            }
        }
        InstructionKind::Unknown => {
            if empty {
                Args::None
            } else {
                Args::Unparsed(ctx.spanned(start, end))
            }
        }
    }
}

/// BuildKit's `extractBuilderFlags`: leading words that start with `--`.
/// Pushes the flags and returns the offset where the arguments start.
pub(crate) fn extract_flags<'a>(
    ctx: &Ctx<'a, '_>,
    from: usize,
    end: usize,
    flags: &mut Vec<Flag<'a>>,
) -> Option<usize> {
    let bytes = ctx.text.as_bytes();
    scan_flags(ctx.text, from, end, |start, stop, processed| {
        let raw = &bytes[start..stop];
        let body_start = start + if raw.starts_with(b"--") { 2 } else { 0 };
        let eq = scan::find(bytes, start, stop, b'=');
        match processed {
            // Quotes or backslashes were removed: the values are new strings.
            Some(text) => {
                let name_end = eq.unwrap_or(stop).max(body_start);
                let body = text.strip_prefix("--").unwrap_or(&text);
                let (name, value) = match body.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (body.to_string(), None),
                };
                let value_start = eq.map_or(stop, |e| e + 1);
                flags.push(Flag {
                    name: Spanned {
                        value: Cow::Owned(name),
                        range: ctx.range(body_start, name_end),
                    },
                    value: value.map(|v| Spanned {
                        value: Cow::Owned(v),
                        range: ctx.range(value_start, stop),
                    }),
                    text: Cow::Owned(text),
                    range: ctx.range(start, stop),
                });
            }
            // The common case: the flag is exactly its source text.
            None => {
                let name_end = eq.unwrap_or(stop).max(body_start);
                flags.push(match ctx.shift_parts(start, stop) {
                    // One slice of the source: every part is too.
                    Some(d) => Flag {
                        name: ctx.spanned_at(d, body_start, name_end),
                        value: eq.map(|e| ctx.spanned_at(d, e + 1, stop)),
                        text: ctx.spanned_at(d, start, stop).value,
                        range: TextRange::new(start + d, stop + d),
                    },
                    None => Flag {
                        name: ctx.spanned(body_start, name_end),
                        value: eq.map(|e| ctx.spanned(e + 1, stop)),
                        text: ctx.cow(start, stop),
                        range: ctx.range(start, stop),
                    },
                });
            }
        }
    })
}

/// The flag scanner itself: calls `on_flag(start, end, processed)` for each
/// flag word, where `processed` is the word with quotes and backslashes
/// removed, or `None` when it has none (so it equals the slice). Returns
/// where the arguments start.
pub(crate) fn scan_flags(
    line: &str,
    from: usize,
    end: usize,
    mut on_flag: impl FnMut(usize, usize, Option<String>),
) -> Option<usize> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let bytes = line.as_bytes();
    // Fast path: flags of plain ASCII (`--name=value`) separated by ASCII
    // spaces need none of the state below. At anything else (a quote, a
    // backslash, a non-ASCII character) the general reader takes over from
    // the start of the word, where it is in the same state.
    let mut pos = from;
    loop {
        while pos < end && class(bytes[pos]) & SPACE != 0 {
            pos += 1;
        }
        if pos >= end {
            return None;
        }
        if bytes[pos] != b'-' || bytes.get(pos + 1) != Some(&b'-') || pos + 1 >= end {
            if bytes[pos] < 0x80 {
                return Some(pos);
            }
            break;
        }
        let stop = scan::word_run(bytes, pos, end, b'\\');
        if stop < end && class(bytes[stop]) & SPACE == 0 {
            break;
        }
        if &bytes[pos..stop] == b"--" {
            return if stop < end { Some(stop) } else { None };
        }
        on_flag(pos, stop, None);
        if stop >= end {
            return None;
        }
        pos = stop + 1;
    }
    let mut phase = Phase::Spaces;
    // The processed word, built only once a quote or backslash appears.
    let mut word: Option<String> = None;
    let mut word_start = pos;
    let mut quote = '\0';
    let mut blank_ok = false;
    // Whether the word so far (up to `pos`) is exactly `--`.
    let is_dashes = |word: &Option<String>, start: usize, pos: usize| match word {
        Some(w) => w == "--",
        None => &line[start..pos] == "--",
    };
    let is_empty = |word: &Option<String>, start: usize, pos: usize| match word {
        Some(w) => w.is_empty(),
        None => pos == start,
    };
    loop {
        if phase == Phase::Spaces {
            if pos >= end {
                return None;
            }
            let (c, n) = char_at(line, pos);
            if is_space(c) {
                pos += n;
                continue;
            }
            if c != '-' || bytes.get(pos + 1) != Some(&b'-') || pos + 1 >= end {
                return Some(pos);
            }
            phase = Phase::Word;
            word_start = pos;
            word = None;
        }
        if pos >= end {
            if !is_dashes(&word, word_start, end) && (blank_ok || !is_empty(&word, word_start, end))
            {
                on_flag(word_start, end, word.take());
            }
            return None;
        }
        if phase == Phase::Word && word.is_none() {
            // Fast path: a run of plain ASCII needs no copying.
            pos = scan::word_run(bytes, pos, end, b'\\');
            if pos >= end {
                continue;
            }
        }
        let (mut c, n) = char_at(line, pos);
        let at = pos;
        pos += n;
        if phase == Phase::Word {
            if is_space(c) {
                phase = Phase::Spaces;
                if is_dashes(&word, word_start, at) {
                    return Some(at);
                }
                if blank_ok || !is_empty(&word, word_start, at) {
                    on_flag(word_start, at, word.take());
                }
                blank_ok = false;
                continue;
            }
            if c == '\'' || c == '"' {
                word.get_or_insert_with(|| line[word_start..at].to_string());
                quote = c;
                blank_ok = true;
                phase = Phase::Quote;
                continue;
            }
            if c == '\\' {
                let w = word.get_or_insert_with(|| line[word_start..at].to_string());
                if pos >= end {
                    continue;
                }
                let (d, m) = char_at(line, pos);
                pos += m;
                c = d;
                w.push(c);
                continue;
            }
            if let Some(w) = &mut word {
                w.push(c);
            }
            continue;
        }
        // Inside quotes (the word is always being built here).
        let w = word.get_or_insert_with(String::new);
        if c == quote {
            phase = Phase::Word;
            continue;
        }
        if c == '\\' {
            if pos >= end {
                phase = Phase::Word;
                continue;
            }
            let (d, m) = char_at(line, pos);
            pos += m;
            c = d;
        }
        w.push(c);
    }
}

/// BuildKit's `parseWords`: words separated by whitespace, quotes and escape
/// characters kept as written. Returns `(start, end)` of each word; the
/// word's value is the slice, minus an escape character dropped at the very
/// end (reported through the third field).
///
/// BuildKit reads this as a state machine over characters (between words,
/// in a word, in quotes); here each state is a loop that skips runs of
/// ordinary bytes in bulk.
pub(crate) fn word_bounds(
    text: &str,
    from: usize,
    end: usize,
    escape: char,
    mut on_word: impl FnMut(usize, usize, bool),
) {
    // The escape character is ASCII (`\\` or `` ` ``).
    let esc = escape as u8;
    let bytes = text.as_bytes();
    let stop = SPACE | QUOTE | HIGH | escape_class(escape);
    // The length of the character at `pos` and whether it is a space.
    let at = |pos: usize| -> (usize, bool) {
        let b = bytes[pos];
        if b < 0x80 {
            (1, class(b) & SPACE != 0)
        } else {
            let (c, n) = char_at(text, pos);
            (n, c.is_whitespace())
        }
    };
    let mut pos = from;
    loop {
        // Between words.
        pos = skip_space(text, pos, end);
        if pos >= end {
            return;
        }
        let start = pos;
        // A word holding only an empty quoted string still counts.
        let mut blank_ok = false;
        let mut nonempty = false;
        let mut dropped = false;
        // In the word, until a space or the end.
        while pos < end {
            let b = bytes[pos];
            if class(b) & stop == 0 {
                pos = scan::word_run(bytes, pos + 1, end, esc);
                nonempty = true;
                continue;
            }
            let (n, space) = at(pos);
            if space {
                break;
            }
            if b == esc {
                pos += 1;
                if pos >= end {
                    // An escape character at the very end is dropped.
                    dropped = true;
                    break;
                }
                pos += at(pos).0;
                nonempty = true;
                continue;
            }
            nonempty = true;
            if b != b'\'' && b != b'"' {
                pos += n;
                continue;
            }
            // In quotes, until the closing quote.
            let quote = b;
            blank_ok = true;
            pos += 1;
            while pos < end {
                let c = bytes[pos];
                if c != quote && c != esc {
                    pos = scan::either(bytes, pos + 1, end, quote, esc);
                    continue;
                }
                pos += 1;
                if c == quote {
                    break;
                }
                if quote != b'\'' {
                    if pos >= end {
                        dropped = true;
                        break;
                    }
                    pos += at(pos).0;
                }
            }
        }
        if blank_ok || nonempty {
            on_word(start, pos.min(end), dropped);
        }
        if pos >= end {
            return;
        }
    }
}

fn parse_words<'a>(ctx: &Ctx<'a, '_>, start: usize, end: usize) -> SmallVec<[Spanned<'a>; 3]> {
    let mut words = SmallVec::new();
    word_bounds(ctx.text, start, end, ctx.escape, |s, e, dropped| {
        words.push(word_value(ctx, s, e, dropped));
    });
    words
}

/// The value of a word from [`word_bounds`].
fn word_value<'a>(ctx: &Ctx<'a, '_>, s: usize, e: usize, dropped: bool) -> Spanned<'a> {
    let vend = if dropped {
        e - ctx.escape.len_utf8()
    } else {
        e
    };
    Spanned {
        value: ctx.cow(s, vend),
        range: ctx.range(s, e),
    }
}

/// BuildKit's `parseStringsWhitespaceDelimited`: split on runs of
/// `[\t\v\f\r ]`.
fn whitespace_delimited<'a>(ctx: &Ctx<'a, '_>, start: usize, end: usize) -> Args<'a> {
    if start >= end {
        return Args::None;
    }
    let bytes = &ctx.text.as_bytes()[..end];
    let mut words = SmallVec::new();
    let mut i = start;
    loop {
        let s = i;
        i = scan::sep(bytes, i, end);
        words.push(ctx.spanned(s, i));
        if i >= end {
            break;
        }
        while i < end && is_ws_sep(bytes[i]) {
            i += 1;
        }
    }
    Args::Words(words)
}

const NOT_STRINGS: &str = "when using JSON array syntax, arrays must be comprised of strings only";

/// BuildKit's `parseJSON`. `Err(true)` means valid JSON holding non-strings.
fn json_args<'a>(
    ctx: &Ctx<'a, '_>,
    start: usize,
    end: usize,
) -> Result<Args<'a>, (JsonError, usize)> {
    let at = skip_space(ctx.text, start, end);
    let text = &ctx.text[at..end];
    if !text.starts_with('[') {
        return Err((JsonError::Invalid, at));
    }
    let mut items = Vec::with_capacity(4);
    let read = json::parse_array(text, |s| {
        let (a, b) = (at + s.start, at + s.end);
        items.push(match s.value {
            // No escapes: the value is the text between the quotes.
            None => Spanned {
                value: ctx.cow(a + 1, b - 1),
                range: ctx.range(a, b),
            },
            Some(v) => Spanned {
                value: Cow::Owned(v),
                range: ctx.range(a, b),
            },
        });
    });
    match read {
        Ok(close) => Ok(Args::Exec(ExecForm {
            items,
            range: ctx.range(at, at + close),
        })),
        Err(e) => Err((e, at)),
    }
}

/// Whether `start..end` can be a JSON array: only text that starts with
/// `[` (after whitespace) goes to the JSON reader.
#[inline(always)]
fn may_be_json(ctx: &Ctx<'_, '_>, start: usize, end: usize) -> bool {
    let at = skip_space(ctx.text, start, end);
    at < end && ctx.text.as_bytes()[at] == b'['
}

/// BuildKit's `parseMaybeJSON`: exec form, or the text in shell form.
#[inline(always)]
fn maybe_json<'a>(
    ctx: &Ctx<'a, '_>,
    start: usize,
    end: usize,
    errors: &mut Vec<SyntaxError>,
) -> Args<'a> {
    if start >= end {
        return Args::None;
    }
    if !may_be_json(ctx, start, end) {
        return Args::Shell(ctx.spanned(start, end));
    }
    json_or_fallback(ctx, start, end, errors)
        .unwrap_or_else(|| Args::Shell(ctx.spanned(start, end)))
}

/// The exec form of `start..end`, or `None` when the JSON is invalid (then
/// BuildKit falls back; an array that holds something other than strings is
/// reported as it does so).
#[inline(never)]
fn json_or_fallback<'a>(
    ctx: &Ctx<'a, '_>,
    start: usize,
    end: usize,
    errors: &mut Vec<SyntaxError>,
) -> Option<Args<'a>> {
    match json_args(ctx, start, end) {
        Ok(args) => Some(args),
        Err((e, at)) => {
            if e == JsonError::NotStrings {
                ctx.error(
                    errors,
                    ErrorKind::InvalidJson,
                    NOT_STRINGS.to_string(),
                    at,
                    end,
                );
            }
            None
        }
    }
}

/// BuildKit's `parseMaybeJSONToList`: exec form, or whitespace-separated
/// words.
#[inline(always)]
fn maybe_json_to_list<'a>(
    ctx: &Ctx<'a, '_>,
    start: usize,
    end: usize,
    errors: &mut Vec<SyntaxError>,
) -> Args<'a> {
    if !may_be_json(ctx, start, end) {
        return whitespace_delimited(ctx, start, end);
    }
    json_or_fallback(ctx, start, end, errors)
        .unwrap_or_else(|| whitespace_delimited(ctx, start, end))
}

/// BuildKit's `parseNameVal` for `ENV` and `LABEL`.
fn name_val<'a>(
    ctx: &Ctx<'a, '_>,
    start: usize,
    end: usize,
    key: &str,
    errors: &mut Vec<SyntaxError>,
) -> Args<'a> {
    let bytes = ctx.text.as_bytes();
    let esc_len = ctx.escape.len_utf8();
    let mut pairs = SmallVec::new();
    // The first word decides the form: legacy when it holds no `=`.
    let mut legacy = None;
    word_bounds(ctx.text, start, end, ctx.escape, |s, e, dropped| {
        let vend = if dropped { e - esc_len } else { e };
        let eq = scan::find(bytes, s, vend, b'=');
        match legacy {
            Some(true) => return,
            Some(false) => {}
            None => {
                legacy = Some(eq.is_none());
                if eq.is_none() {
                    return;
                }
            }
        }
        pairs.push(match eq {
            Some(eq) => match ctx.shift_parts(s, e) {
                // One slice of the source: every part is too.
                Some(d) => KeyValue {
                    key: ctx.spanned_at(d, s, eq),
                    value: Spanned {
                        value: ctx.spanned_at(d, eq + 1, vend).value,
                        range: TextRange::new(eq + 1 + d, e + d),
                    },
                    equals: Some(TextRange::new(eq + d, eq + 1 + d)),
                },
                None => KeyValue {
                    key: ctx.spanned(s, eq),
                    value: Spanned {
                        value: ctx.cow(eq + 1, vend),
                        range: ctx.range(eq + 1, e),
                    },
                    equals: Some(ctx.range(eq, eq + 1)),
                },
            },
            None => {
                ctx.error(
                    errors,
                    ErrorKind::InvalidArguments,
                    format!(
                        "Syntax error - can't find = in {}. Must be of the form: name=value",
                        super::dump::go_quote(&ctx.text[s..vend])
                    ),
                    s,
                    e,
                );
                KeyValue {
                    key: word_value(ctx, s, e, dropped),
                    value: ctx.spanned(e, e),
                    equals: None,
                }
            }
        });
    });
    match legacy {
        None => Args::None,
        Some(false) => Args::KeyValues {
            pairs,
            legacy: false,
        },
        Some(true) => legacy_name_val(ctx, start, end, key, errors),
    }
}

/// The legacy `KEY value` form: the first run of `[\t\v\f\r ]` splits the
/// key from the value.
fn legacy_name_val<'a>(
    ctx: &Ctx<'a, '_>,
    start: usize,
    end: usize,
    key: &str,
    errors: &mut Vec<SyntaxError>,
) -> Args<'a> {
    let bytes = ctx.text.as_bytes();
    let split = scan::sep(bytes, start, end);
    if split == end {
        ctx.error(
            errors,
            ErrorKind::InvalidArguments,
            format!("{key} must have two arguments"),
            start,
            end,
        );
        return Args::KeyValues {
            pairs: smallvec::smallvec![KeyValue {
                key: ctx.spanned(start, end),
                value: ctx.spanned(end, end),
                equals: None,
            }],
            legacy: true,
        };
    }
    let mut value_at = split;
    while value_at < end && is_ws_sep(bytes[value_at]) {
        value_at += 1;
    }
    Args::KeyValues {
        pairs: smallvec::smallvec![KeyValue {
            key: ctx.spanned(start, split),
            value: ctx.spanned(value_at, end),
            equals: None,
        }],
        legacy: true,
    }
}

/// BuildKit's `parseHealthConfig`: a type word, then maybe-JSON. BuildKit
/// looks at single bytes here, so only ASCII spaces separate.
fn health_config<'a>(
    ctx: &Ctx<'a, '_>,
    start: usize,
    end: usize,
    errors: &mut Vec<SyntaxError>,
) -> Args<'a> {
    let bytes = ctx.text.as_bytes();
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let sep = bytes[start..end]
        .iter()
        .position(|&b| space(b))
        .map_or(end, |p| start + p);
    if sep == start {
        return Args::None;
    }
    let next = bytes[sep..end]
        .iter()
        .position(|&b| !space(b))
        .map_or(end, |p| sep + p);
    Args::Healthcheck {
        kind: ctx.spanned(start, sep),
        command: Box::new(maybe_json(ctx, next, end, errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// BuildKit's `parseWords`, transcribed character by character with no
    /// fast paths: the reference [`word_bounds`] must agree with.
    fn reference_words(rest: &str, escape: char) -> Vec<String> {
        #[derive(PartialEq)]
        enum Phase {
            Spaces,
            Word,
            Quote,
        }
        let chars: Vec<char> = rest.chars().collect();
        let mut words = Vec::new();
        let mut phase = Phase::Spaces;
        let mut word = String::new();
        let mut quote = '\0';
        let mut blank_ok = false;
        let mut i = 0;
        loop {
            let at_end = i == chars.len();
            let mut ch = chars.get(i).copied().unwrap_or('\0');
            if phase == Phase::Spaces {
                if at_end {
                    break;
                }
                if ch.is_whitespace() {
                    i += 1;
                    continue;
                }
                phase = Phase::Word;
            }
            if at_end {
                if blank_ok || !word.is_empty() {
                    words.push(word);
                }
                break;
            }
            if phase == Phase::Word {
                if ch.is_whitespace() {
                    phase = Phase::Spaces;
                    if blank_ok || !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                    blank_ok = false;
                    i += 1;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    quote = ch;
                    blank_ok = true;
                    phase = Phase::Quote;
                }
                if ch == escape {
                    if i + 1 == chars.len() {
                        i += 1;
                        continue;
                    }
                    word.push(ch);
                    i += 1;
                    ch = chars[i];
                }
                word.push(ch);
                i += 1;
                continue;
            }
            if ch == quote {
                phase = Phase::Word;
            }
            if ch == escape && quote != '\'' {
                if i + 1 == chars.len() {
                    phase = Phase::Word;
                    i += 1;
                    continue;
                }
                word.push(ch);
                i += 1;
                ch = chars[i];
            }
            word.push(ch);
            i += 1;
        }
        words
    }

    fn word_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            prop::sample::select(vec![
                " ", "\t", "\u{a0}", "\u{85}", "\"", "'", "\\", "`", "=", "é", "${a}",
            ])
            .prop_map(str::to_string),
            "[a-z]{1,12}",
        ];
        prop::collection::vec(piece, 0..24).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn segment_lookup_agrees_with_a_search(
            lens in prop::collection::vec(0usize..6, 1..6),
            offset in 0usize..40,
        ) {
            let mut segments = Vec::new();
            let (mut logical, mut source) = (0, 3);
            for len in lens {
                segments.push(Segment { logical, source, len });
                logical += len;
                source += len + 2;
            }
            prop_assert_eq!(
                SegmentMap(&segments).locate(offset),
                segments.partition_point(|s| s.logical <= offset)
            );
        }

        #[test]
        fn word_bounds_agree_with_buildkit(text in word_text(), backtick in any::<bool>()) {
            let escape = if backtick { '`' } else { '\\' };
            let mut words = Vec::new();
            word_bounds(&text, 0, text.len(), escape, |s, e, dropped| {
                let end = if dropped { e - 1 } else { e };
                words.push(text[s..end].to_string());
            });
            prop_assert_eq!(words, reference_words(&text, escape));
        }
    }

    fn read(line: &str) -> (Instruction<'_>, Vec<SyntaxError>) {
        let segments = [Segment {
            logical: 0,
            source: 0,
            len: line.len(),
        }];
        let ctx = Ctx {
            source: line,
            text: line,
            borrowed: Some(line),
            base: 0,
            segments: &segments,
            escape: '\\',
            logical: LogicalLine::single(line, 0, '\\'),
        };
        let mut errors = Vec::new();
        let inst = parse_instruction(&ctx, 0, &mut errors);
        (inst, errors)
    }

    #[test]
    fn flags_stop_at_the_first_plain_word() {
        let line = "COPY --from=build --chown=\"a b\" src /dst";
        let (inst, _) = read(line);
        let texts: Vec<&str> = inst.flags.iter().map(|f| f.text.as_ref()).collect();
        assert_eq!(texts, ["--from=build", "--chown=a b"]);
        assert!(matches!(inst.flags[0].text, Cow::Borrowed(_)));
        assert_eq!(inst.flags[1].range.slice(line), "--chown=\"a b\"");
        assert_eq!(inst.flags[1].value.as_ref().unwrap().value, "a b");
        assert_eq!(inst.args.values(), ["src", "/dst"]);
    }

    #[test]
    fn double_dash_ends_flags() {
        let (inst, _) = read("CMD --doit=true -- [ \"a\" ]");
        assert_eq!(inst.flags.len(), 1);
        assert!(matches!(inst.args, Args::Exec(_)));
    }

    #[test]
    fn words_keep_quotes_and_escapes() {
        let (inst, _) = read(r#"ARG abc="123 456" def \"x"#);
        assert_eq!(inst.args.values(), [r#"abc="123 456""#, "def", r#"\"x"#]);
    }

    #[test]
    fn env_forms() {
        let (inst, _) = read("ENV a=1 b=\"two words\"");
        let Args::KeyValues { pairs, legacy } = &inst.args else {
            panic!()
        };
        assert!(!legacy);
        assert_eq!(pairs[1].key.value, "b");
        assert_eq!(pairs[1].value.value, "\"two words\"");
        let (inst, _) = read("ENV a  1 2");
        let Args::KeyValues { pairs, legacy } = &inst.args else {
            panic!()
        };
        assert!(legacy);
        assert_eq!(pairs[0].value.value, "1 2");
        let (_, errors) = read("ENV lonely");
        assert_eq!(errors[0].message, "ENV must have two arguments");
    }
}
