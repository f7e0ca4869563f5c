//! Which deprecation or end of life applies to a resolved reference: the row's own
//! when the reference names that row, else a retired release of its family (by
//! version line or distribution word), else a retired distribution release it is
//! built on (`python:3.12-bullseye` sits on Debian 11), else the whole family's.
//!
//! Rows cover the tags the catalogue has sizes for; the families' `releases` cover
//! every other tag of a retired line, so `node:18-slim` or `golang:1.21` are known
//! to be retired without a row of their own.

use super::Catalogue;
use super::data::{Deprecation, Entry, Family, Release};
use super::resolve::{Match, Resolution};
use super::tags::{TagParts, version_key};

/// Why a reference counts as retired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetiredBy<'c> {
    /// The catalogue row the reference names is deprecated or gone.
    Image(&'c Entry),
    /// A release of the image's own family: its version line, or the release
    /// its name or tag names (`debian:bullseye`, `distroless/static-debian12`).
    /// `older` is true when the reference is older than the listed release
    /// rather than that release itself.
    Release {
        /// The retired release.
        release: &'c Release,
        /// True when the tag names an older release than `release`.
        older: bool,
    },
    /// The distribution release the image is built on (a tag word such as
    /// `bullseye` or `alpine3.19`, listed under another family). `older` is
    /// true when the tag names an older release than `release`.
    Distro {
        /// The retired release.
        release: &'c Release,
        /// True when the tag names an older release than `release`.
        older: bool,
    },
    /// Every tag of the family (`openjdk`).
    Family(&'c Family),
}

/// A deprecation that applies to a reference, and why it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retirement<'c> {
    /// The status, date, replacement and note.
    pub deprecation: &'c Deprecation,
    /// Where it comes from.
    pub by: RetiredBy<'c>,
}

impl Catalogue {
    /// The deprecation or end of life that applies to a resolution, if any.
    pub fn retirement<'c>(&'c self, resolution: &Resolution<'c>) -> Option<Retirement<'c>> {
        let parts = &resolution.parts;
        if let Some(entry) = resolution.entry
            && let Some(deprecation) = &entry.deprecation
            && (resolution.status == Match::Exact || names_row(entry, parts))
        {
            return Some(Retirement {
                deprecation,
                by: RetiredBy::Image(entry),
            });
        }
        if let Some(family) = resolution.family
            && let Some((release, older)) = own_release(family, parts)
        {
            return Some(Retirement {
                deprecation: &release.deprecation,
                by: RetiredBy::Release { release, older },
            });
        }
        if let Some(distro) = &parts.distro
            && let Some(release) = self
                .families
                .iter()
                .flat_map(|f| f.releases.iter())
                .filter(|r| r.variants.is_empty())
                .find(|r| names_distro(r, distro))
        {
            return Some(Retirement {
                deprecation: &release.deprecation,
                by: RetiredBy::Distro {
                    release,
                    older: !release.names.iter().any(|n| n == distro),
                },
            });
        }
        let family = resolution.family?;
        family.deprecation.as_ref().map(|deprecation| Retirement {
            deprecation,
            by: RetiredBy::Family(family),
        })
    }
}

/// True when an estimated reference still names the row it borrows from: the same
/// variant and version line, and no other distribution release or flavour (a
/// `:debug` tag of a retired distroless row is that row with a shell).
fn names_row(entry: &Entry, parts: &TagParts) -> bool {
    let variant = parts.variant.as_deref().unwrap_or("full");
    let version = match (&parts.version, &entry.version) {
        (None, None) => true,
        (Some(asked), Some(row)) => starts_with(&version_key(asked), &version_key(row)),
        _ => false,
    };
    variant == entry.variant
        && version
        && parts
            .distro
            .as_deref()
            .is_none_or(|d| entry.distro.as_deref() == Some(d))
        && parts
            .flavour
            .as_deref()
            .is_none_or(|f| entry.flavour.as_deref() == Some(f))
}

/// The family's retired release a tag names: its version line exactly, a release
/// at or above it that retires everything older, or the distribution word it uses.
fn own_release<'c>(family: &'c Family, parts: &TagParts) -> Option<(&'c Release, bool)> {
    let variant = parts.variant.as_deref().unwrap_or("full");
    let releases = || {
        family
            .releases
            .iter()
            .filter(move |r| r.variants.is_empty() || r.variants.iter().any(|v| v == variant))
    };
    if let Some(version) = &parts.version {
        let asked = version_key(version);
        let mut older: Option<(&Release, Vec<u64>)> = None;
        for release in releases() {
            let Some(line) = release.version.as_deref().map(version_key) else {
                continue;
            };
            if line.is_empty() || asked.len() < line.len() {
                continue;
            }
            if starts_with(&asked, &line) {
                return Some((release, false));
            }
            // Compare on the release's own precision: 1.21.5 is older than 1.22.
            let below = asked.get(..line.len()).is_some_and(|head| head < &line[..]);
            if release.and_older && below && older.as_ref().is_none_or(|(_, best)| line < *best) {
                older = Some((release, line));
            }
        }
        if let Some((release, _)) = older {
            return Some((release, true));
        }
    }
    let distro = parts.distro.as_deref()?;
    releases().find_map(|release| {
        if release.names.iter().any(|n| n == distro) {
            Some((release, false))
        } else if names_distro(release, distro) {
            Some((release, true))
        } else {
            None
        }
    })
}

/// True when `distro` is one of the release's names, or an older numbered release
/// of the same word when the release retires everything older (`alpine3.17`
/// against `alpine3.19`, `debian11` against `debian12`).
fn names_distro(release: &Release, distro: &str) -> bool {
    if release.names.iter().any(|n| n == distro) {
        return true;
    }
    if !release.and_older {
        return false;
    }
    let (word, number) = split_number(distro);
    if number.is_empty() {
        return false;
    }
    let asked = version_key(number);
    release.names.iter().any(|name| {
        let (name_word, name_number) = split_number(name);
        let line = version_key(name_number);
        name_word == word
            && !line.is_empty()
            && asked.len() >= line.len()
            && asked.get(..line.len()).is_some_and(|head| head < &line[..])
    })
}

/// `alpine3.19` → (`alpine`, `3.19`); a word with no numeric tail comes back whole.
fn split_number(word: &str) -> (&str, &str) {
    match word.find(|c: char| c.is_ascii_digit()) {
        Some(at) if at > 0 => (&word[..at], &word[at..]),
        _ => (word, ""),
    }
}

fn starts_with(version: &[u64], line: &[u64]) -> bool {
    !line.is_empty() && version.len() >= line.len() && version[..line.len()] == *line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distro_words_compare_by_their_numbers() {
        let release = Release {
            title: "Alpine 3.19".into(),
            version: Some("3.19".into()),
            names: vec!["alpine3.19".into()].into(),
            variants: Vec::new().into(),
            and_older: true,
            deprecation: Deprecation {
                status: super::super::DeprecationStatus::EndOfLife,
                date: "2025-11-01".into(),
                replacement: None,
                note: None,
            },
            source: "test".into(),
        };
        assert!(names_distro(&release, "alpine3.19"));
        assert!(names_distro(&release, "alpine3.17"));
        assert!(names_distro(&release, "alpine3.9"));
        assert!(!names_distro(&release, "alpine3.21"));
        assert!(!names_distro(&release, "alpine"));
        assert!(!names_distro(&release, "bookworm"));
    }
}
