//! Image references: splitting the text after `FROM` into registry, namespace,
//! repository, tag and digest, the way Docker does.
//!
//! The grammar and the normalisation follow Docker's reference library
//! (`distribution/reference`): a first path component is a registry only when it
//! contains `.` or `:`, is `localhost`, or has upper-case letters; Docker Hub is
//! `docker.io` (`index.docker.io` is an old spelling of it); and a one-component Docker
//! Hub name lives in the `library` namespace, home of the official images.
//!
//! Every part keeps the text as written and its byte range in the original string, so
//! the playground can colour the parts apart and a fix can rewrite just the tag.
//! Parsing never panics: any input gives either an [`ImageRef`] or an
//! [`ImageRefError`] whose message a learner can act on.
//!
//! ```text
//! registry.example.com:5000/team/tools/python:3.12-slim@sha256:0123…
//! ^^^^^^^^^^^^^^^^^^^^^^^^^ ^^^^^^^^^^ ^^^^^^ ^^^^^^^^^ ^^^^^^^^^^^^^
//! registry                  namespace  repo   tag       digest
//! ```

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// The normalised name of Docker Hub, the registry used when a reference names none.
pub const DOCKER_HUB: &str = "docker.io";

/// The Docker Hub namespace of the official images (`python` is `docker.io/library/python`).
pub const OFFICIAL_NAMESPACE: &str = "library";

/// The reserved name of the empty image. Only the bare word means "no base".
pub const SCRATCH: &str = "scratch";

/// Longest name (registry plus path) Docker accepts, in bytes.
const NAME_MAX: usize = 255;

/// Longest tag Docker accepts, in bytes.
const TAG_MAX: usize = 128;

/// Shortest digest hex Docker's grammar accepts (128 bits).
const DIGEST_HEX_MIN: usize = 32;

/// Digest algorithms Docker can verify, with the length of their hex encoding.
const DIGEST_ALGORITHMS: [(&str, usize); 3] = [("sha256", 64), ("sha384", 96), ("sha512", 128)];

/// One part of a reference: its text exactly as written and where it sits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The text as written (no separator characters).
    pub text: String,
    /// Byte range of `text` inside [`ImageRef::original`].
    pub range: Range<usize>,
}

impl Part {
    fn new(original: &str, range: Range<usize>) -> Part {
        Part {
            text: original.get(range.clone()).unwrap_or_default().to_owned(),
            range,
        }
    }
}

/// A parsed image reference such as `python:3.12-slim` or
/// `gcr.io/distroless/static-debian12:nonroot@sha256:…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageRef {
    /// The reference exactly as given.
    pub original: String,
    /// The registry as written, if the reference names one (`gcr.io`, `localhost:5000`).
    pub registry: Option<Part>,
    /// The registry after normalisation: `docker.io` when none is written, and
    /// `index.docker.io` rewritten to `docker.io`.
    pub registry_normalized: String,
    /// The path between the registry and the last component, as written
    /// (`distroless`, `chainguard`, `ubi9`, or several components like `team/tools`).
    pub namespace: Option<Part>,
    /// The namespace after normalisation: `library` for a one-component Docker Hub
    /// name, otherwise the written namespace or an empty string.
    pub namespace_normalized: String,
    /// The last path component (`python`, `static-debian12`, `ubi-minimal`).
    pub repository: Part,
    /// The tag after `:`, if written.
    pub tag: Option<Part>,
    /// The digest after `@` (`sha256:…`), if written.
    pub digest: Option<Part>,
}

/// What is wrong with a reference that does not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImageRefErrorKind {
    /// Nothing was given.
    Empty,
    /// A `$` remains: a variable was not expanded.
    UnexpandedVariable,
    /// A character that no part of a reference may contain.
    InvalidCharacter,
    /// Upper-case letters in the repository path.
    Uppercase,
    /// An empty path component (`a//b`, a leading or trailing `/`).
    EmptyComponent,
    /// A path component that breaks the separator rules (`-app`, `a..b`).
    InvalidComponent,
    /// A registry host that is not a valid host name.
    InvalidRegistry,
    /// A registry port that is not a number.
    InvalidPort,
    /// A `:` with no tag after it.
    EmptyTag,
    /// A tag with a character or first character Docker rejects.
    InvalidTag,
    /// A tag longer than 128 characters.
    TagTooLong,
    /// An `@` with no digest after it.
    EmptyDigest,
    /// A digest that is not `algorithm:hex`.
    InvalidDigest,
    /// A digest algorithm Docker cannot verify.
    UnsupportedDigestAlgorithm,
    /// A name longer than 255 characters.
    NameTooLong,
    /// A bare 64-character hex string, which Docker reserves for image IDs.
    HexRepositoryName,
}

/// Why a reference does not parse, with where the problem is and a sentence
/// a learner can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageRefError {
    /// The category of problem.
    pub kind: ImageRefErrorKind,
    /// Byte range of the offending text in the input (empty at the end for missing text).
    pub range: Range<usize>,
    /// One plain sentence saying what is wrong.
    pub message: String,
}

impl fmt::Display for ImageRefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImageRefError {}

fn error(
    kind: ImageRefErrorKind,
    range: Range<usize>,
    message: impl Into<String>,
) -> ImageRefError {
    ImageRefError {
        kind,
        range,
        message: message.into(),
    }
}

impl ImageRef {
    /// Parses a reference with Docker's grammar and normalisation.
    ///
    /// The input is taken as is: surrounding spaces are an error, not trimmed, so
    /// ranges always match what the caller passed.
    pub fn parse(input: &str) -> Result<ImageRef, ImageRefError> {
        use ImageRefErrorKind as K;
        if input.is_empty() {
            return Err(error(K::Empty, 0..0, "the image reference is empty"));
        }
        check_characters(input)?;
        if is_hex_identifier(input) {
            return Err(error(
                K::HexRepositoryName,
                0..input.len(),
                "a bare 64-character hex string is an image ID, not a repository name",
            ));
        }

        // '@' cannot appear in a name or tag, so the first one starts the digest.
        let (name_and_tag_end, digest) = match input.find('@') {
            Some(at) => (at, Some(parse_digest(input, at + 1)?)),
            None => (input.len(), None),
        };
        let name_and_tag = &input[..name_and_tag_end];

        // A ':' after the last '/' separates the tag; earlier ones belong to a port.
        let last_slash = name_and_tag.rfind('/');
        let colon = name_and_tag
            .rfind(':')
            .filter(|&c| last_slash.is_none_or(|s| c > s));
        let (name_end, tag) = match colon {
            Some(c) => (c, Some(parse_tag(input, c + 1, name_and_tag_end)?)),
            None => (name_and_tag_end, None),
        };

        let name = &input[..name_end];
        if name.is_empty() {
            return Err(error(
                K::EmptyComponent,
                0..0,
                "the image name is missing before the tag or digest",
            ));
        }
        if name.len() > NAME_MAX {
            return Err(error(
                K::NameTooLong,
                0..name_end,
                format!(
                    "the image name is {} characters long; Docker allows at most {NAME_MAX}",
                    name.len()
                ),
            ));
        }

        let components = split_components(name);
        let first = components.first().cloned().unwrap_or(0..0);
        let first_text = &input[first.clone()];
        let has_registry = components.len() > 1
            && (first_text.contains(['.', ':'])
                || first_text == "localhost"
                || first_text.chars().any(|c| c.is_ascii_uppercase()));

        let registry = if has_registry {
            validate_registry(input, first.clone())?;
            Some(Part::new(input, first))
        } else {
            None
        };
        let path: &[Range<usize>] = if has_registry {
            &components[1..]
        } else {
            &components
        };
        for component in path {
            validate_path_component(input, component.clone())?;
        }

        let registry_normalized = match &registry {
            None => DOCKER_HUB.to_owned(),
            Some(r) if r.text == "index.docker.io" => DOCKER_HUB.to_owned(),
            Some(r) => r.text.clone(),
        };
        let (namespace_ranges, last) = path.split_at(path.len().saturating_sub(1));
        let repository_range = last.first().cloned().unwrap_or(0..0);
        let namespace = match (namespace_ranges.first(), namespace_ranges.last()) {
            (Some(a), Some(b)) => Some(Part::new(input, a.start..b.end)),
            _ => None,
        };
        let namespace_normalized = match &namespace {
            Some(n) => n.text.clone(),
            None if registry_normalized == DOCKER_HUB => OFFICIAL_NAMESPACE.to_owned(),
            None => String::new(),
        };

        Ok(ImageRef {
            original: input.to_owned(),
            registry,
            registry_normalized,
            namespace,
            namespace_normalized,
            repository: Part::new(input, repository_range),
            tag,
            digest,
        })
    }

    /// True for the bare word `scratch`, Docker's empty image. `scratch:latest` and
    /// `docker.io/library/scratch` are not the empty image: Docker tries to pull them
    /// and fails because the name is reserved.
    pub fn is_scratch(&self) -> bool {
        self.original == SCRATCH
    }

    /// True when the image comes from Docker Hub.
    pub fn is_docker_hub(&self) -> bool {
        self.registry_normalized == DOCKER_HUB
    }

    /// True for a Docker Official Image: Docker Hub, `library` namespace.
    pub fn is_official_library(&self) -> bool {
        self.is_docker_hub() && self.namespace_normalized == OFFICIAL_NAMESPACE
    }

    /// The repository path after the registry (`library/python`, `distroless/static-debian12`).
    pub fn path(&self) -> String {
        if self.namespace_normalized.is_empty() {
            self.repository.text.clone()
        } else {
            format!("{}/{}", self.namespace_normalized, self.repository.text)
        }
    }

    /// The fully qualified name without tag or digest (`docker.io/library/python`).
    pub fn canonical_name(&self) -> String {
        format!("{}/{}", self.registry_normalized, self.path())
    }

    /// The short name `docker images` shows in its REPOSITORY column: Docker Hub's
    /// registry and the `library/` namespace are left out (`python`, `bitnami/redis`,
    /// `gcr.io/distroless/static-debian12`).
    pub fn familiar_name(&self) -> String {
        if !self.is_docker_hub() {
            return self.canonical_name();
        }
        let path = self.path();
        match path.strip_prefix("library/") {
            Some(rest) if !rest.contains('/') => rest.to_owned(),
            _ => path,
        }
    }

    /// The familiar name with the tag and digest as written (`python:3.12-slim`).
    pub fn familiar_string(&self) -> String {
        let mut out = self.familiar_name();
        if let Some(tag) = &self.tag {
            out.push(':');
            out.push_str(&tag.text);
        }
        if let Some(digest) = &self.digest {
            out.push('@');
            out.push_str(&digest.text);
        }
        out
    }

    /// The tag Docker pulls: the written tag, `latest` when there is neither tag nor
    /// digest, and none for a digest-only reference.
    pub fn effective_tag(&self) -> Option<&str> {
        match (&self.tag, &self.digest) {
            (Some(tag), _) => Some(&tag.text),
            (None, None) => Some("latest"),
            (None, Some(_)) => None,
        }
    }

    /// Joins the written parts back together with their separators. For every
    /// successfully parsed reference this equals [`ImageRef::original`].
    pub fn rejoin(&self) -> String {
        let mut out = String::new();
        if let Some(registry) = &self.registry {
            out.push_str(&registry.text);
            out.push('/');
        }
        if let Some(namespace) = &self.namespace {
            out.push_str(&namespace.text);
            out.push('/');
        }
        out.push_str(&self.repository.text);
        if let Some(tag) = &self.tag {
            out.push(':');
            out.push_str(&tag.text);
        }
        if let Some(digest) = &self.digest {
            out.push('@');
            out.push_str(&digest.text);
        }
        out
    }
}

/// Rejects characters no part of a reference may hold, naming the first one.
fn check_characters(input: &str) -> Result<(), ImageRefError> {
    use ImageRefErrorKind as K;
    for (i, c) in input.char_indices() {
        let range = i..i + c.len_utf8();
        if c == '$' {
            return Err(error(
                K::UnexpandedVariable,
                range,
                "the reference still contains `$`: a variable was not expanded (declare it with ARG before FROM, with a default)",
            ));
        }
        if c.is_whitespace() {
            return Err(error(
                K::InvalidCharacter,
                range,
                "an image reference cannot contain spaces",
            ));
        }
        let allowed = c.is_ascii_alphanumeric()
            || matches!(c, '.' | '_' | '-' | '/' | ':' | '@' | '[' | ']' | '+');
        if !allowed {
            return Err(error(
                K::InvalidCharacter,
                range,
                format!(
                    "`{}` is not allowed in an image reference",
                    c.escape_debug()
                ),
            ));
        }
    }
    Ok(())
}

fn is_hex_identifier(input: &str) -> bool {
    input.len() == 64
        && input
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Byte ranges of the '/'-separated components of `name` (which starts at offset 0).
fn split_components(name: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in name.bytes().enumerate() {
        if b == b'/' {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..name.len());
    out
}

fn validate_registry(input: &str, range: Range<usize>) -> Result<(), ImageRefError> {
    use ImageRefErrorKind as K;
    let text = &input[range.clone()];
    let bad_host = |why: &str| {
        error(
            K::InvalidRegistry,
            range.clone(),
            format!("`{text}` is not a valid registry host: {why}"),
        )
    };
    // An IPv6 address is written in brackets, optionally followed by a port.
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        let Some(close) = rest.find(']') else {
            return Err(bad_host("the `[` of an IPv6 address is never closed"));
        };
        let address = &rest[..close];
        if address.is_empty()
            || !address
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(bad_host(
                "the IPv6 address holds characters other than hex digits, `:` and `.`",
            ));
        }
        let after = &rest[close + 1..];
        match after.strip_prefix(':') {
            Some(port) => (None, Some((port, range.start + 1 + close + 2))),
            None if after.is_empty() => (None, None),
            None => return Err(bad_host("only a `:port` may follow the IPv6 address")),
        }
    } else {
        match text.find(':') {
            Some(c) => (
                Some(&text[..c]),
                Some((&text[c + 1..], range.start + c + 1)),
            ),
            None => (Some(text), None),
        }
    };
    if let Some(host) = host {
        if host.is_empty() {
            return Err(bad_host("the host name is empty"));
        }
        for label in host.split('.') {
            if label.is_empty() {
                return Err(bad_host(
                    "it has an empty label (`..`, or a leading or trailing `.`)",
                ));
            }
            if !label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            {
                return Err(bad_host(
                    "host names hold only letters, digits, `-` and `.`",
                ));
            }
            if label.starts_with('-') || label.ends_with('-') {
                return Err(bad_host("a host name label cannot start or end with `-`"));
            }
        }
    }
    if let Some((port, start)) = port
        && (port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(error(
            K::InvalidPort,
            start..start + port.len(),
            format!("the registry port `{port}` must be a number"),
        ));
    }
    Ok(())
}

fn validate_path_component(input: &str, range: Range<usize>) -> Result<(), ImageRefError> {
    use ImageRefErrorKind as K;
    let text = &input[range.clone()];
    if text.is_empty() {
        return Err(error(
            K::EmptyComponent,
            range,
            "the repository path has an empty component (`//`, or a `/` at the start or end)",
        ));
    }
    if let Some(i) = text.find(|c: char| c.is_ascii_uppercase()) {
        let at = range.start + i;
        return Err(error(
            K::Uppercase,
            at..at + 1,
            format!("repository names must be lower case: `{text}` is not"),
        ));
    }
    if let Some(i) = text.find(|c: char| {
        !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
    }) {
        let at = range.start + i;
        let c = text[i..].chars().next().unwrap_or('?');
        return Err(error(
            K::InvalidCharacter,
            at..at + c.len_utf8(),
            format!("`{c}` is not allowed in a repository name"),
        ));
    }
    let invalid = |why: &str| {
        error(
            K::InvalidComponent,
            range.clone(),
            format!("`{text}` {why}"),
        )
    };
    let bytes = text.as_bytes();
    let is_alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !bytes.first().copied().is_some_and(is_alnum) || !bytes.last().copied().is_some_and(is_alnum)
    {
        return Err(invalid("must start and end with a letter or digit"));
    }
    // Between alphanumeric runs Docker allows one `.`, one or two `_`, or any number of `-`.
    let mut i = 0;
    while i < bytes.len() {
        if is_alnum(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !is_alnum(bytes[i]) {
            i += 1;
        }
        let separator = &text[start..i];
        let ok = separator == "."
            || separator == "_"
            || separator == "__"
            || separator.bytes().all(|b| b == b'-');
        if !ok {
            return Err(invalid(&format!(
                "joins its parts with `{separator}`; only `.`, `_`, `__` or dashes may separate letters and digits"
            )));
        }
    }
    Ok(())
}

fn parse_tag(input: &str, start: usize, end: usize) -> Result<Part, ImageRefError> {
    use ImageRefErrorKind as K;
    let text = &input[start..end];
    if text.is_empty() {
        return Err(error(
            K::EmptyTag,
            start..start,
            "a `:` must be followed by a tag",
        ));
    }
    if text.len() > TAG_MAX {
        return Err(error(
            K::TagTooLong,
            start..end,
            format!(
                "the tag is {} characters long; Docker allows at most {TAG_MAX}",
                text.len()
            ),
        ));
    }
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    if let Some(i) = text
        .bytes()
        .position(|b| !(word(b) || b == b'.' || b == b'-'))
    {
        let at = start + i;
        return Err(error(
            K::InvalidTag,
            at..at + 1,
            format!(
                "`{}` is not allowed in a tag (letters, digits, `_`, `.` and `-` only)",
                &text[i..i + 1]
            ),
        ));
    }
    if !text.bytes().next().is_some_and(word) {
        return Err(error(
            K::InvalidTag,
            start..start + 1,
            "a tag must start with a letter, digit or `_`",
        ));
    }
    Ok(Part::new(input, start..end))
}

fn parse_digest(input: &str, start: usize) -> Result<Part, ImageRefError> {
    use ImageRefErrorKind as K;
    let end = input.len();
    let text = &input[start..];
    if text.is_empty() {
        return Err(error(
            K::EmptyDigest,
            start..start,
            "an `@` must be followed by a digest such as `sha256:…`",
        ));
    }
    let invalid = |message: String| error(K::InvalidDigest, start..end, message);
    let Some(colon) = text.find(':') else {
        return Err(invalid(format!(
            "`{text}` is not a digest: it needs the form `algorithm:hex`"
        )));
    };
    let (algorithm, hex) = (&text[..colon], &text[colon + 1..]);
    let algorithm_ok = !algorithm.is_empty()
        && algorithm.split(['+', '.', '_', '-']).all(|c| {
            c.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
                && c.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    if !algorithm_ok {
        return Err(invalid(format!(
            "`{algorithm}` is not a valid digest algorithm name"
        )));
    }
    if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid(
            "the digest must end in hexadecimal digits after the `:`".to_owned(),
        ));
    }
    if hex.len() < DIGEST_HEX_MIN {
        return Err(invalid(format!(
            "the digest has {} hex digits; a digest has at least {DIGEST_HEX_MIN}",
            hex.len()
        )));
    }
    let Some(&(_, expected)) = DIGEST_ALGORITHMS
        .iter()
        .find(|(name, _)| *name == algorithm)
    else {
        return Err(error(
            K::UnsupportedDigestAlgorithm,
            start..start + colon,
            format!("Docker cannot verify `{algorithm}` digests; use sha256, sha384 or sha512"),
        ));
    };
    if hex.len() != expected {
        return Err(invalid(format!(
            "a {algorithm} digest has {expected} hex digits, this one has {}",
            hex.len()
        )));
    }
    if hex.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(invalid("digest hex digits must be lower case".to_owned()));
    }
    Ok(Part::new(input, start..end))
}
