//! Reading image tags (and distroless-style names) as version, variant, distro,
//! flavour and modifiers, using the catalogue's vocabulary.
//!
//! `python:3.12-slim-bookworm` reads as version 3.12, variant slim, distro bookworm;
//! `node:20-alpine3.19` as version 20, variant alpine, distro alpine3.19;
//! `gcr.io/distroless/java21-debian12:nonroot` as variant java, version 21, distro
//! debian12 and the modifier nonroot. Words the vocabulary does not know are kept
//! apart, so resolution can say which part of a tag it did not understand.

use serde::Serialize;

use super::data::{Modifier, Text, Vocabulary};

/// What a tag or name says about an image. Fields the text does not mention are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TagParts {
    /// The version (`3.12`, `21`, `1.22.5`).
    pub version: Option<String>,
    /// The variant (`slim`, `alpine`, `static`); `None` means the family's full image.
    pub variant: Option<String>,
    /// The distribution release (`bookworm`, `alpine3.19`, `debian12`).
    pub distro: Option<String>,
    /// `jdk` or `jre`.
    pub flavour: Option<String>,
    /// A moving pointer such as `latest` or `stable`.
    pub channel: Option<String>,
    /// Modifier words (`nonroot`, `debug`, `dev`).
    pub modifiers: Vec<String>,
    /// Words the vocabulary does not know.
    pub unrecognised: Vec<String>,
}

impl TagParts {
    /// Reads `text` (a tag, or a name such as `python3-debian13` or `ubi9/ubi-minimal`).
    pub fn parse(text: &str, vocabulary: &Vocabulary, modifiers: &[Modifier]) -> TagParts {
        let tokens: Vec<&str> = text.split(['-', '/']).filter(|t| !t.is_empty()).collect();
        let known = |list: &[Text], word: &str| list.iter().any(|w| w == word);
        let mut parts = TagParts::default();
        // The distro word of the previous token, so `alpine-3.24` reads as alpine3.24.
        let mut previous_distro: Option<String> = None;
        let mut i = 0;
        while i < tokens.len() {
            // Variant names made of several words (alpine-slim, base-nossl) win.
            if let Some(len) = (2..=3).rev().find(|&len| {
                i + len <= tokens.len()
                    && known(&vocabulary.variants, &tokens[i..i + len].join("-"))
            }) {
                parts.variant = Some(tokens[i..i + len].join("-"));
                previous_distro = None;
                i += len;
                continue;
            }
            let token = tokens[i];
            i += 1;
            let distro_word = previous_distro.take();
            if known(&vocabulary.ignored, token) {
                continue;
            }
            if known(&vocabulary.channels, token) {
                parts.channel = Some(token.to_owned());
                continue;
            }
            if modifiers.iter().any(|m| m.word == token) {
                parts.modifiers.push(token.to_owned());
                continue;
            }
            if token.starts_with(|c: char| c.is_ascii_digit()) {
                match (&parts.version, distro_word) {
                    (None, _) => parts.version = Some(token.to_owned()),
                    (Some(_), Some(word)) => parts.distro = Some(format!("{word}{token}")),
                    (Some(_), None) => parts.unrecognised.push(token.to_owned()),
                }
                continue;
            }
            let (word, number) = split_number(token);
            let is_variant = known(&vocabulary.variants, word);
            let is_distro = known(&vocabulary.distros, word);
            if is_variant {
                parts.variant = Some(word.to_owned());
                if !number.is_empty() {
                    if is_distro {
                        parts.distro = Some(token.to_owned());
                    } else if parts.version.is_none() {
                        parts.version = Some(number.to_owned());
                    }
                }
            } else if is_distro {
                parts.distro = Some(token.to_owned());
            } else if number.is_empty() && known(&vocabulary.flavours, word) {
                parts.flavour = Some(word.to_owned());
            } else {
                parts.unrecognised.push(token.to_owned());
                continue;
            }
            if is_distro && number.is_empty() {
                previous_distro = Some(word.to_owned());
            }
        }
        parts
    }

    /// Fills the fields this one leaves empty from `other` (a tag read after a name).
    pub fn merge(mut self, other: TagParts) -> TagParts {
        self.version = self.version.or(other.version);
        self.variant = self.variant.or(other.variant);
        self.distro = self.distro.or(other.distro);
        self.flavour = self.flavour.or(other.flavour);
        self.channel = self.channel.or(other.channel);
        self.modifiers.extend(other.modifiers);
        self.unrecognised.extend(other.unrecognised);
        self
    }
}

/// Splits a trailing version number off a word: `alpine3.19` → (`alpine`, `3.19`),
/// `java21` → (`java`, `21`). Words without a numeric tail come back whole.
fn split_number(token: &str) -> (&str, &str) {
    match token.find(|c: char| c.is_ascii_digit()) {
        Some(at) if at > 0 && token[at..].bytes().all(|b| b.is_ascii_digit() || b == b'.') => {
            (&token[..at], &token[at..])
        }
        _ => (token, ""),
    }
}

/// The numeric components of a version (`3.12.14` → `[3, 12, 14]`), for comparing
/// versions by distance; reading stops at the first part that is not a number.
pub(crate) fn version_key(version: &str) -> Vec<u64> {
    version
        .split(['.', '_', '+'])
        .map_while(|part| {
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u64>().ok()
        })
        .collect()
}
