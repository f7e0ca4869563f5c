//! Byte scanning for the parser's hot loops: a table of byte classes, so a
//! loop tests one table entry per byte instead of a chain of comparisons,
//! and word-at-a-time searches that step over eight plain bytes at once.
//!
//! The word-at-a-time searches use the classic bit trick: for a 64-bit word
//! `x`, `(x - 0x0101…01 * n) & !x & 0x8080…80` sets the high bit of every
//! byte below `n` (for `n <= 0x80`). It never misses a byte, and a borrow
//! can only flag extra bytes *above* a true hit, so the lowest set bit is
//! always a real one; where the flagged set is wider than what is searched
//! for, each flagged byte is checked exactly. Everything here is safe code
//! on byte slices and gives the same answers as a plain byte loop (the
//! tests compare them).

/// BuildKit's `[\t\v\f\r ]`, the separator of whitespace-delimited lists.
pub(crate) const SEP: u8 = 1;
/// ASCII White_Space: `[\t\n\v\f\r ]`.
pub(crate) const SPACE: u8 = 1 << 1;
/// A quote, `'` or `"`.
pub(crate) const QUOTE: u8 = 1 << 2;
/// The backslash.
pub(crate) const BACKSLASH: u8 = 1 << 3;
/// The backtick (the other escape character).
pub(crate) const BACKTICK: u8 = 1 << 4;
/// A byte of a multi-byte character.
pub(crate) const HIGH: u8 = 1 << 5;
/// What ends the plain run of a JSON string: `"`, `\` or a control byte.
pub(crate) const JSON_STOP: u8 = 1 << 6;

static CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut c = 0;
        if matches!(b, b'\t' | 0x0b | 0x0c | b'\r' | b' ') {
            c |= SEP;
        }
        if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            c |= SPACE;
        }
        if matches!(b, b'\'' | b'"') {
            c |= QUOTE;
        }
        if b == b'\\' {
            c |= BACKSLASH;
        }
        if b == b'`' {
            c |= BACKTICK;
        }
        if b >= 0x80 {
            c |= HIGH;
        }
        if b < 0x20 || b == b'"' || b == b'\\' {
            c |= JSON_STOP;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The classes of byte `b`.
#[inline(always)]
pub(crate) fn class(b: u8) -> u8 {
    CLASSES[b as usize]
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// High bit set in every byte of `x` below `n` (exact up to the lowest).
#[inline(always)]
fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * n as u64) & !x & HIGH_BITS
}

/// High bit set in every byte of `x` equal to `b` (exact up to the lowest).
#[inline(always)]
fn equal(x: u64, b: u8) -> u64 {
    below(x ^ (ONES * b as u64), 1)
}

/// A chunk of eight bytes as a little-endian word.
#[inline(always)]
fn word(chunk: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(chunk);
    u64::from_le_bytes(w)
}

/// Offset of the first set high bit's byte.
#[inline(always)]
fn first(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// The first offset in `start..end` whose byte has a class in `mask`, or
/// `end`. `candidates` flags, in a word, at least every byte that can be
/// in `mask` (and perhaps others above a true one, which the exact check
/// skips), so a word without candidates is skipped whole.
#[inline(always)]
fn find_class(
    bytes: &[u8],
    start: usize,
    end: usize,
    mask: u8,
    candidates: impl Fn(u64) -> u64,
) -> usize {
    let mut chunks = bytes[start..end].chunks_exact(8);
    let mut at = start;
    for chunk in &mut chunks {
        let mut hits = candidates(word(chunk));
        while hits != 0 {
            let k = first(hits);
            if class(chunk[k]) & mask != 0 {
                return at + k;
            }
            hits &= hits - 1;
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| class(b) & mask != 0)
        .map_or(end, |k| at + k)
}

/// The first `[\t\v\f\r ]` in `bytes[i..end]`, or `end`.
#[inline]
pub(crate) fn sep(bytes: &[u8], i: usize, end: usize) -> usize {
    find_class(bytes, i, end, SEP, |w| below(w, 0x21))
}

/// The end of a run of plain word bytes in `bytes[i..end]`: the first ASCII
/// space, quote, non-ASCII byte or `extra` (an ASCII byte), or `end`.
#[inline]
pub(crate) fn word_run(bytes: &[u8], i: usize, end: usize, extra: u8) -> usize {
    let mask = SPACE | QUOTE | HIGH | extra_class(extra);
    find_class(bytes, i, end, mask, |w| {
        below(w, 0x21) | (w & HIGH_BITS) | equal(w, b'"') | equal(w, b'\'') | equal(w, extra)
    })
}

/// The first byte in `bytes[start..end]` equal to `a` or `b`, or `end`.
#[inline]
pub(crate) fn either(bytes: &[u8], start: usize, end: usize, a: u8, b: u8) -> usize {
    let mut chunks = bytes[start..end].chunks_exact(8);
    let mut at = start;
    for chunk in &mut chunks {
        let w = word(chunk);
        let hits = equal(w, a) | equal(w, b);
        if hits != 0 {
            return at + first(hits);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| c == a || c == b)
        .map_or(end, |k| at + k)
}

/// The first `b` in `bytes[start..end]`.
#[inline]
pub(crate) fn find(bytes: &[u8], start: usize, end: usize, b: u8) -> Option<usize> {
    Some(either(bytes, start, end, b, b)).filter(|&i| i < end)
}

/// The end of the plain run of a JSON string in `bytes[i..]`: the first
/// `"`, `\` or control byte, or the end.
#[inline]
pub(crate) fn json_run(bytes: &[u8], i: usize) -> usize {
    find_class(bytes, i, bytes.len(), JSON_STOP, |w| {
        below(w, 0x20) | equal(w, b'"') | equal(w, b'\\')
    })
}

/// The class bit of an escape character byte (`\` or `` ` ``); 0 for any
/// other byte.
#[inline(always)]
pub(crate) fn extra_class(b: u8) -> u8 {
    match b {
        b'\\' => BACKSLASH,
        b'`' => BACKTICK,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(
            prop_oneof![
                Just(b' '),
                Just(b'\t'),
                Just(b'\n'),
                Just(b'\r'),
                Just(0x0b),
                Just(0x0c),
                Just(0x01),
                Just(b'"'),
                Just(b'\''),
                Just(b'\\'),
                Just(b'`'),
                Just(0xc3),
                Just(0xa9),
                Just(0x85),
                Just(0xa0),
                0x21u8..0x7f,
                any::<u8>(),
            ],
            0..40,
        )
    }

    proptest! {
        #[test]
        fn word_at_a_time_searches_match_byte_loops(bytes in texts(), from in 0usize..40, cut in 0usize..40) {
            let end = bytes.len().saturating_sub(cut);
            let i = from.min(end);
            let slow = |stop: &dyn Fn(u8) -> bool| {
                bytes[i..end].iter().position(|&b| stop(b)).map_or(end, |p| i + p)
            };
            prop_assert_eq!(sep(&bytes, i, end), slow(&|b| matches!(b, b'\t' | 0x0b | 0x0c | b'\r' | b' ')));
            for extra in [b'\\', b'`'] {
                prop_assert_eq!(
                    word_run(&bytes, i, end, extra),
                    slow(&|b| b >= 0x80 || b == extra || matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | b'"' | b'\''))
                );
            }
            prop_assert_eq!(either(&bytes, i, end, b'"', b'\\'), slow(&|b| b == b'"' || b == b'\\'));
            prop_assert_eq!(find(&bytes, i, end, b'='), bytes[i..end].iter().position(|&b| b == b'=').map(|p| i + p));
            let json_slow = bytes[i..].iter().position(|&b| b < 0x20 || b == b'"' || b == b'\\').map_or(bytes.len(), |p| i + p);
            prop_assert_eq!(json_run(&bytes, i), json_slow);
        }
    }
}
