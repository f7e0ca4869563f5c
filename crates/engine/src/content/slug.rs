//! The one slug function: lesson slugs and heading anchors are both spelled with it.

/// Turns a heading's text into its anchor: ASCII letters and digits are kept (lower-cased),
/// every run of anything else becomes one `-`, and dashes at either end are trimmed.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Whether `s` is already in slug form (what [`slugify`] could return, and not empty).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && slugify(s) == s
}

#[cfg(test)]
mod tests {
    use super::{is_slug, slugify};

    #[test]
    fn slugify_keeps_ascii_words_and_collapses_the_rest() {
        assert_eq!(
            slugify("Why the FROM line sets the floor"),
            "why-the-from-line-sets-the-floor"
        );
        assert_eq!(
            slugify("  musl vs. glibc: DNS & locale  "),
            "musl-vs-glibc-dns-locale"
        );
        assert_eq!(slugify("`CGO_ENABLED=0`"), "cgo-enabled-0");
        assert_eq!(slugify("Größe"), "gr-e");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn is_slug_accepts_only_canonical_forms() {
        assert!(is_slug("alpine-and-musl"));
        assert!(is_slug("step-2"));
        assert!(!is_slug(""));
        assert!(!is_slug("Alpine"));
        assert!(!is_slug("-alpine"));
        assert!(!is_slug("alpine--musl"));
        assert!(!is_slug("alpine_musl"));
    }
}
