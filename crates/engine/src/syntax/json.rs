//! The JSON arrays of exec form (`CMD ["app", "--serve"]`), read the way Go's
//! `encoding/json` reads them, because that decides between exec form, a
//! shell-form fallback and an error.
//!
//! BuildKit asks Go to decode the whole argument text as an array: text that
//! is not valid JSON falls back to shell form; valid JSON that holds anything
//! but strings is an error. We need the byte range of every string for
//! highlighting and fixes, which a general JSON crate does not give, so this
//! small reader validates the grammar itself. It is iterative, so deeply
//! nested input cannot overflow the stack.

use super::scan;

/// Why a text is not a JSON array of strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// Not valid JSON (or not starting with `[`): BuildKit falls back to
    /// shell form.
    Invalid,
    /// Valid JSON array holding something other than strings: an error.
    NotStrings,
}

/// A decoded string element: its value and the byte range of its literal
/// (quotes included) relative to the text given to [`parse_array`]. The
/// value is `None` when the literal has no escape, so it is exactly the text
/// between the quotes.
pub(crate) struct JsonString {
    pub value: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// Reads `text` (which must start with `[`) as one JSON array followed only
/// by JSON whitespace, handing each string element to `on_string` as it is
/// read (so a caller can build its own list without an intermediate one).
/// Returns where the array ends. On an error, the strings already handed
/// over mean nothing.
pub(crate) fn parse_array(
    text: &str,
    mut on_string: impl FnMut(JsonString),
) -> Result<usize, JsonError> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'[') {
        return Err(JsonError::Invalid);
    }
    let mut r = Reader { text, pos: 1 };
    let mut non_string = false;
    r.ws();
    if r.peek() == Some(b']') {
        r.pos += 1;
    } else {
        loop {
            r.ws();
            if r.peek() == Some(b'"') {
                let start = r.pos;
                let value = r.string()?;
                on_string(JsonString {
                    value,
                    start,
                    end: r.pos,
                });
            } else {
                r.value()?;
                non_string = true;
            }
            r.ws();
            match r.peek() {
                Some(b',') => r.pos += 1,
                Some(b']') => {
                    r.pos += 1;
                    break;
                }
                _ => return Err(JsonError::Invalid),
            }
        }
    }
    let end = r.pos;
    r.ws();
    if r.pos != bytes.len() {
        return Err(JsonError::Invalid);
    }
    if non_string {
        return Err(JsonError::NotStrings);
    }
    Ok(end)
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), JsonError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(JsonError::Invalid)
        }
    }

    /// Any JSON value, validated with an explicit stack of open containers.
    fn value(&mut self) -> Result<(), JsonError> {
        // Each entry is the closing byte of an open container.
        let mut stack: Vec<u8> = Vec::new();
        loop {
            self.ws();
            // Read one value start.
            match self.peek() {
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'[') => {
                    self.pos += 1;
                    self.ws();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                    } else {
                        stack.push(b']');
                        continue;
                    }
                }
                Some(b'{') => {
                    self.pos += 1;
                    self.ws();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                    } else {
                        self.object_key()?;
                        stack.push(b'}');
                        continue;
                    }
                }
                Some(b't') => self.literal("true")?,
                Some(b'f') => self.literal("false")?,
                Some(b'n') => self.literal("null")?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                _ => return Err(JsonError::Invalid),
            }
            // After a complete value: close containers or move to the next
            // element.
            loop {
                let Some(&close) = stack.last() else {
                    return Ok(());
                };
                self.ws();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if close == b'}' {
                            self.ws();
                            self.object_key()?;
                        }
                        break;
                    }
                    Some(c) if c == close => {
                        self.pos += 1;
                        stack.pop();
                    }
                    _ => return Err(JsonError::Invalid),
                }
            }
        }
    }

    fn object_key(&mut self) -> Result<(), JsonError> {
        if self.peek() != Some(b'"') {
            return Err(JsonError::Invalid);
        }
        self.string()?;
        self.ws();
        if self.peek() != Some(b':') {
            return Err(JsonError::Invalid);
        }
        self.pos += 1;
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<(), JsonError> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(JsonError::Invalid),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(JsonError::Invalid);
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(JsonError::Invalid);
            }
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or(JsonError::Invalid)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(JsonError::Invalid);
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| JsonError::Invalid)
    }

    /// A string literal starting at `"`, decoded as Go decodes it: invalid
    /// surrogates become U+FFFD. `None` when there is no escape to decode.
    #[inline(always)]
    fn string(&mut self) -> Result<Option<String>, JsonError> {
        let bytes = self.text.as_bytes();
        let start = self.pos + 1;
        let i = scan::json_run(bytes, start);
        match bytes.get(i) {
            Some(b'"') => {
                self.pos = i + 1;
                Ok(None)
            }
            Some(b'\\') => self.escaped_string(start, i),
            _ => Err(JsonError::Invalid),
        }
    }

    /// The rest of a string literal from its first escape at `i`.
    #[inline(never)]
    fn escaped_string(&mut self, start: usize, i: usize) -> Result<Option<String>, JsonError> {
        let mut out = String::from(&self.text[start..i]);
        self.pos = i;
        loop {
            let rest = &self.text[self.pos..];
            let Some(c) = rest.chars().next() else {
                return Err(JsonError::Invalid);
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(Some(out));
                }
                '\\' => {
                    self.pos += 1;
                    let Some(e) = self.peek() else {
                        return Err(JsonError::Invalid);
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let first = self.hex4()?;
                            out.push(self.surrogate(first)?);
                        }
                        _ => return Err(JsonError::Invalid),
                    }
                }
                c if (c as u32) < 0x20 => return Err(JsonError::Invalid),
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// Combines a `\u` escape with a following low surrogate when there is
    /// one, as Go does; a lone surrogate decodes to U+FFFD.
    fn surrogate(&mut self, first: u32) -> Result<char, JsonError> {
        if !(0xD800..0xDC00).contains(&first) {
            return Ok(char::from_u32(first).unwrap_or('\u{FFFD}'));
        }
        if self.text[self.pos..].starts_with("\\u") {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            // Not a pair: the second escape is read again on its own.
            self.pos = save;
        }
        Ok('\u{FFFD}')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Result<Vec<String>, JsonError> {
        let mut items = Vec::new();
        parse_array(text, |s| {
            items.push(
                s.value
                    .unwrap_or_else(|| text[s.start + 1..s.end - 1].to_string()),
            )
        })
        .map(|_| items)
    }

    #[test]
    fn decodes_arrays_of_strings() {
        assert_eq!(strings("[]"), Ok(vec![]));
        assert_eq!(strings(r#"[ "a", "b" ]"#), Ok(vec!["a".into(), "b".into()]));
        assert_eq!(
            strings(r#"["\" \\ \/ \b \f \n \r \t \u0000 \u00e9 \ud83d\ude00"]"#),
            Ok(vec!["\" \\ / \u{8} \u{c} \n \r \t \u{0} é 😀".into()])
        );
        assert_eq!(strings(r#"["\ud800x"]"#), Ok(vec!["\u{FFFD}x".into()]));
    }

    #[test]
    fn invalid_json_falls_back_and_non_strings_are_errors() {
        for bad in [
            "['a']",
            r#"["a""#,
            r#"["a",]"#,
            r#"["a"] trailing"#,
            "[01]",
            "[1.]",
            r#"["\x"]"#,
            "[\"tab\there\"]",
            r#"[{"a" 1}]"#,
        ] {
            assert_eq!(strings(bad), Err(JsonError::Invalid), "{bad}");
        }
        for non_string in [
            "[1]",
            r#"["a", null]"#,
            r#"[["nested"]]"#,
            r#"[{"a": [1, {"b": true}]}]"#,
            "[-0.5e+3]",
        ] {
            assert_eq!(
                strings(non_string),
                Err(JsonError::NotStrings),
                "{non_string}"
            );
        }
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let deep = format!("[{}{}]", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(strings(&deep), Err(JsonError::NotStrings));
        let open = "[".repeat(100_000);
        assert_eq!(strings(&open), Err(JsonError::Invalid));
    }
}
