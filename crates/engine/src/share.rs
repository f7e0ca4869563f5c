//! Share codes: Dockerfile text packed into a short, URL-safe string, so a link can carry
//! code into the playground with no server.
//!
//! A code is `v1.` followed by the text compressed with zlib (deflate plus an Adler-32
//! checksum, which catches corrupted links) and written in unpadded base64url. A pair of
//! Dockerfiles (the playground's compare mode) is `p1.` followed by the same packing of
//! one frame, `<length of A in bytes>\n` then A then B: compressing both together lets
//! deflate reuse what the two sides share, which is usually almost everything. Decoding
//! is defensive: links are pasted by hand, cut by chat apps and edited by curious people,
//! so every failure is a [`ShareError`] that says what went wrong, and the decompressed
//! size is capped so a tiny link cannot expand into gigabytes.

use std::fmt;

use miniz_oxide::deflate::compress_to_vec_zlib;
use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_zlib_with_limit};

/// The format written by [`encode`].
pub const VERSION: &str = "v1";

/// The format written by [`encode_pair`].
pub const PAIR_VERSION: &str = "p1";

/// The largest text [`decode`] returns, in bytes. Dockerfiles are far smaller; the cap
/// exists to refuse decompression bombs.
pub const MAX_DECODED_BYTES: usize = 64 * 1024;

/// zlib level 9: codes are made rarely and read often, so spend the time on size.
const LEVEL: u8 = 9;

/// Why a share code could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The code does not start with a version such as `v1.`.
    MissingVersion,
    /// The code has a version this build does not know.
    UnknownVersion(String),
    /// A pair code (`p1.`) where one Dockerfile was expected.
    PairWhereSingleExpected,
    /// A single-Dockerfile code (`v1.`) where a pair was expected.
    SingleWherePairExpected,
    /// A character that is not base64url, at this character position of the payload.
    BadBase64 { position: usize, character: char },
    /// The payload has an impossible length: it was cut short.
    BadLength,
    /// The compressed data is truncated or fails its checksum.
    Corrupt,
    /// The text would be larger than [`MAX_DECODED_BYTES`].
    TooLarge,
    /// The text is not valid UTF-8.
    NotText,
    /// A pair code whose text does not split into two Dockerfiles.
    BadFrame,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::MissingVersion => {
                write!(
                    f,
                    "this is not a fromlab share code (it should start with `{VERSION}.`)"
                )
            }
            ShareError::UnknownVersion(version) => write!(
                f,
                "this share code has format `{version}`, which this version of fromlab cannot read (it reads `{VERSION}` and `{PAIR_VERSION}`); it may come from a newer fromlab"
            ),
            ShareError::PairWhereSingleExpected => write!(
                f,
                "this share code holds two Dockerfiles to compare; open it in Compare instead"
            ),
            ShareError::SingleWherePairExpected => write!(
                f,
                "this share code holds one Dockerfile, not a pair to compare; open it in the playground instead"
            ),
            ShareError::BadBase64 {
                position,
                character,
            } => write!(
                f,
                "this share code has an unexpected character {character:?} at position {position}; it may have been altered when copied"
            ),
            ShareError::BadLength => {
                write!(f, "this share code is cut short; copy the whole link again")
            }
            ShareError::Corrupt => write!(
                f,
                "this share code is damaged (truncated or altered); copy the whole link again"
            ),
            ShareError::TooLarge => write!(
                f,
                "this share code holds more than {} KB of text, which is more than fromlab accepts",
                MAX_DECODED_BYTES / 1000
            ),
            ShareError::NotText => write!(f, "this share code does not hold text"),
            ShareError::BadFrame => write!(
                f,
                "this share code does not split into two Dockerfiles; copy the whole link again"
            ),
        }
    }
}

impl std::error::Error for ShareError {}

/// Packs text into a share code.
pub fn encode(text: &str) -> String {
    pack(VERSION, text.as_bytes())
}

/// Unpacks a share code made by [`encode`].
pub fn decode(code: &str) -> Result<String, ShareError> {
    let bytes = unpack(code, VERSION, MAX_DECODED_BYTES)?;
    String::from_utf8(bytes).map_err(|_| ShareError::NotText)
}

/// Packs two Dockerfiles (A and B of a comparison) into one share code.
pub fn encode_pair(a: &str, b: &str) -> String {
    let length = a.len().to_string();
    let mut frame = Vec::with_capacity(length.len() + 1 + a.len() + b.len());
    frame.extend_from_slice(length.as_bytes());
    frame.push(b'\n');
    frame.extend_from_slice(a.as_bytes());
    frame.extend_from_slice(b.as_bytes());
    pack(PAIR_VERSION, &frame)
}

/// Unpacks a pair code made by [`encode_pair`] into A and B. Each side may hold up to
/// [`MAX_DECODED_BYTES`].
pub fn decode_pair(code: &str) -> Result<(String, String), ShareError> {
    // The frame's header is at most 20 digits and a newline.
    let bytes = unpack(code, PAIR_VERSION, 2 * MAX_DECODED_BYTES + 21)?;
    let text = String::from_utf8(bytes).map_err(|_| ShareError::NotText)?;
    let (length, rest) = text.split_once('\n').ok_or(ShareError::BadFrame)?;
    if length.is_empty() || !length.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ShareError::BadFrame);
    }
    let length: usize = length.parse().map_err(|_| ShareError::BadFrame)?;
    if !rest.is_char_boundary(length) {
        return Err(ShareError::BadFrame);
    }
    let (a, b) = rest.split_at(length);
    if a.len() > MAX_DECODED_BYTES || b.len() > MAX_DECODED_BYTES {
        return Err(ShareError::TooLarge);
    }
    Ok((a.to_string(), b.to_string()))
}

fn pack(version: &str, bytes: &[u8]) -> String {
    let compressed = compress_to_vec_zlib(bytes, LEVEL);
    let mut out = String::with_capacity(version.len() + 1 + compressed.len() * 4 / 3 + 4);
    out.push_str(version);
    out.push('.');
    base64url_encode(&compressed, &mut out);
    out
}

/// Checks the version prefix against `expected` and inflates the payload, refusing more
/// than `limit` bytes.
fn unpack(code: &str, expected: &str, limit: usize) -> Result<Vec<u8>, ShareError> {
    let (version, payload) = code
        .trim()
        .split_once('.')
        .ok_or(ShareError::MissingVersion)?;
    let looks_like_version = version.len() > 1
        && (version.starts_with('v') || version.starts_with('p'))
        && version[1..].bytes().all(|b| b.is_ascii_digit());
    if !looks_like_version {
        return Err(ShareError::MissingVersion);
    }
    if version != expected {
        return Err(match version {
            PAIR_VERSION => ShareError::PairWhereSingleExpected,
            VERSION => ShareError::SingleWherePairExpected,
            other => ShareError::UnknownVersion(other.to_string()),
        });
    }
    let compressed = base64url_decode(payload)?;
    decompress_to_vec_zlib_with_limit(&compressed, limit).map_err(|error| match error.status {
        TINFLStatus::HasMoreOutput => ShareError::TooLarge,
        _ => ShareError::Corrupt,
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
}

fn sextet(c: char) -> Option<u32> {
    match c {
        'A'..='Z' => Some(c as u32 - 'A' as u32),
        'a'..='z' => Some(c as u32 - 'a' as u32 + 26),
        '0'..='9' => Some(c as u32 - '0' as u32 + 52),
        '-' => Some(62),
        '_' => Some(63),
        _ => None,
    }
}

fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut count = 0;
    for (position, character) in text.chars().enumerate() {
        let value = sextet(character).ok_or(ShareError::BadBase64 {
            position,
            character,
        })?;
        acc = (acc << 6) | value;
        bits += 6;
        count += 1;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // One leftover character carries only six bits: never a whole byte.
    if count % 4 == 1 {
        return Err(ShareError::BadLength);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str = "FROM debian:bookworm-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends ca-certificates\n";

    #[test]
    fn round_trips_a_dockerfile_and_stays_url_safe() {
        let code = encode(SAMPLE);
        assert!(code.starts_with("v1."));
        assert!(
            code[3..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert!(code.len() < SAMPLE.len() * 2);
        assert_eq!(decode(&code).unwrap(), SAMPLE);
        assert_eq!(decode(&format!("  {code}\n")).unwrap(), SAMPLE);
        assert_eq!(decode(&encode("")).unwrap(), "");
    }

    #[test]
    fn base64url_matches_known_vectors() {
        // RFC 4648 test vectors, written unpadded.
        for (input, expected) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            let mut out = String::new();
            base64url_encode(input.as_bytes(), &mut out);
            assert_eq!(out, expected);
            assert_eq!(base64url_decode(expected).unwrap(), input.as_bytes());
        }
        let mut out = String::new();
        base64url_encode(&[0xfb, 0xff], &mut out);
        assert_eq!(out, "-_8");
    }

    #[test]
    fn explains_each_kind_of_bad_code() {
        let good = encode(SAMPLE);
        assert_eq!(decode("FROM scratch"), Err(ShareError::MissingVersion));
        assert_eq!(decode("x1.abc"), Err(ShareError::MissingVersion));
        assert_eq!(decode("v.abc"), Err(ShareError::MissingVersion));
        assert_eq!(
            decode("v2.abc"),
            Err(ShareError::UnknownVersion("v2".into()))
        );
        assert_eq!(
            decode("v1.ab+c"),
            Err(ShareError::BadBase64 {
                position: 2,
                character: '+'
            })
        );
        assert_eq!(decode("v1.abcde"), Err(ShareError::BadLength));
        assert_eq!(decode(&good[..good.len() - 4]), Err(ShareError::Corrupt));
        assert_eq!(decode("v1."), Err(ShareError::Corrupt));

        // Flip one payload character: the checksum or the inflater must notice.
        let mut altered: Vec<char> = good.chars().collect();
        let middle = altered.len() / 2;
        altered[middle] = if altered[middle] == 'A' { 'B' } else { 'A' };
        let altered: String = altered.into_iter().collect();
        assert!(matches!(
            decode(&altered),
            Err(ShareError::Corrupt | ShareError::NotText)
        ));

        let mut raw = String::from("v1.");
        base64url_encode(&compress_to_vec_zlib(&[0xff, 0xfe], LEVEL), &mut raw);
        assert_eq!(decode(&raw), Err(ShareError::NotText));
    }

    #[test]
    fn pairs_round_trip_and_keep_their_sides_apart() {
        for (a, b) in [
            ("FROM python:3.12\n", "FROM python:3.12-slim\n"),
            ("", ""),
            ("", "FROM scratch\n"),
            ("FROM é\n12\n", ""),
            ("3\nabc", "\n"),
        ] {
            let code = encode_pair(a, b);
            assert!(code.starts_with("p1."), "{code}");
            assert_eq!(decode_pair(&code).unwrap(), (a.to_string(), b.to_string()));
        }
    }

    #[test]
    fn single_and_pair_codes_are_not_mistaken_for_each_other() {
        let single = encode(SAMPLE);
        let pair = encode_pair(SAMPLE, SAMPLE);
        assert_eq!(decode(&pair), Err(ShareError::PairWhereSingleExpected));
        assert_eq!(
            decode_pair(&single),
            Err(ShareError::SingleWherePairExpected)
        );
        assert_eq!(
            decode_pair("p7.abc"),
            Err(ShareError::UnknownVersion("p7".into()))
        );
        assert_eq!(
            decode_pair(&pair[..pair.len() - 3]),
            Err(ShareError::Corrupt)
        );
        assert!(
            ShareError::PairWhereSingleExpected
                .to_string()
                .contains("Compare")
        );
    }

    #[test]
    fn pair_frames_that_do_not_split_are_refused() {
        for frame in ["no header", "x\nabc", "\nabc", "9\nabc", "-1\nabc"] {
            let code = pack(PAIR_VERSION, frame.as_bytes());
            assert_eq!(decode_pair(&code), Err(ShareError::BadFrame), "{frame:?}");
        }
        // A length that falls inside a character is refused, never split.
        let code = pack(PAIR_VERSION, "1\né".as_bytes());
        assert_eq!(decode_pair(&code), Err(ShareError::BadFrame));
        let too_big = format!(
            "{}\n{}",
            MAX_DECODED_BYTES + 1,
            "a".repeat(MAX_DECODED_BYTES + 1)
        );
        assert_eq!(
            decode_pair(&pack(PAIR_VERSION, too_big.as_bytes())),
            Err(ShareError::TooLarge)
        );
    }

    /// The playground promises links under 2,000 characters for a typical 40-line
    /// Dockerfile; the longest address it builds is the page URL plus this code.
    #[test]
    fn a_typical_forty_line_dockerfile_fits_a_short_link() {
        const TYPICAL: &str = include_str!("../tests/fixtures/share/typical-40-lines.Dockerfile");
        assert_eq!(TYPICAL.lines().count(), 40);
        let page =
            "https://learners.example.org/docs/platform/fromlab/index.html#/playground?code=";
        let link = format!("{page}{}", encode(TYPICAL));
        assert!(link.len() < 2000, "{} characters", link.len());
        // A comparison of that file on two bases stays short too.
        let slim = TYPICAL.replace("-slim-bookworm AS runtime", "-alpine AS runtime");
        let pair = format!("{page}{}", encode_pair(TYPICAL, &slim));
        assert!(pair.len() < 2000, "{} characters", pair.len());
    }

    #[test]
    fn refuses_text_over_the_cap() {
        let at_cap = "a".repeat(MAX_DECODED_BYTES);
        assert_eq!(decode(&encode(&at_cap)).unwrap().len(), MAX_DECODED_BYTES);
        let bomb = encode(&"a".repeat(MAX_DECODED_BYTES + 1));
        // Highly repetitive text compresses to a tiny code, which is exactly the danger.
        assert!(bomb.len() < 1000);
        assert_eq!(decode(&bomb), Err(ShareError::TooLarge));
    }

    #[test]
    fn messages_are_sentences_a_learner_can_act_on() {
        let message = ShareError::UnknownVersion("v9".into()).to_string();
        assert!(
            message.contains("`v9`") && message.contains("`v1`"),
            "{message}"
        );
        assert!(
            ShareError::Corrupt
                .to_string()
                .contains("copy the whole link again")
        );
    }

    proptest! {
        #[test]
        fn any_text_round_trips(text in any::<String>()) {
            prop_assert_eq!(decode(&encode(&text)).unwrap(), text);
        }

        #[test]
        fn any_bytes_round_trip_through_base64url(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let mut out = String::new();
            base64url_encode(&bytes, &mut out);
            prop_assert_eq!(base64url_decode(&out).unwrap(), bytes);
        }

        #[test]
        fn any_pair_round_trips(a in any::<String>(), b in any::<String>()) {
            prop_assert_eq!(decode_pair(&encode_pair(&a, &b)).unwrap(), (a, b));
        }

        #[test]
        fn decode_never_panics(code in "\\PC{0,200}") {
            let _ = decode(&code);
            let _ = decode(&format!("v1.{code}"));
            let _ = decode_pair(&format!("p1.{code}"));
            let _ = decode_pair(&pack(PAIR_VERSION, code.as_bytes()));
        }
    }
}
