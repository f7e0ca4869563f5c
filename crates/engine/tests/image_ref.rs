//! Image reference parsing: Docker's grammar, its normalisation, clear errors, and
//! no panic on any input.

use fromlab_engine::image_ref::{ImageRef, ImageRefErrorKind};
use proptest::prelude::*;

const SHA: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// (input, registry as written, normalised registry, namespace as written,
/// normalised namespace, repository, tag, digest, familiar name)
type Row = (
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

#[test]
fn splits_and_normalises_like_docker() {
    let digest = Box::leak(format!("python@{SHA}").into_boxed_str());
    let both =
        Box::leak(format!("gcr.io/distroless/static-debian12:nonroot@{SHA}").into_boxed_str());
    let rows: Vec<Row> = vec![
        (
            "python",
            None,
            "docker.io",
            None,
            "library",
            "python",
            None,
            None,
            "python",
        ),
        (
            "python:3.12-slim",
            None,
            "docker.io",
            None,
            "library",
            "python",
            Some("3.12-slim"),
            None,
            "python",
        ),
        (
            "library/python:3.12",
            None,
            "docker.io",
            Some("library"),
            "library",
            "python",
            Some("3.12"),
            None,
            "python",
        ),
        (
            "docker.io/library/python:3.12",
            Some("docker.io"),
            "docker.io",
            Some("library"),
            "library",
            "python",
            Some("3.12"),
            None,
            "python",
        ),
        (
            "index.docker.io/library/alpine",
            Some("index.docker.io"),
            "docker.io",
            Some("library"),
            "library",
            "alpine",
            None,
            None,
            "alpine",
        ),
        (
            "docker.io/python",
            Some("docker.io"),
            "docker.io",
            None,
            "library",
            "python",
            None,
            None,
            "python",
        ),
        (
            "bitnami/redis:7.2",
            None,
            "docker.io",
            Some("bitnami"),
            "bitnami",
            "redis",
            Some("7.2"),
            None,
            "bitnami/redis",
        ),
        (
            "gcr.io/distroless/static-debian12",
            Some("gcr.io"),
            "gcr.io",
            Some("distroless"),
            "distroless",
            "static-debian12",
            None,
            None,
            "gcr.io/distroless/static-debian12",
        ),
        (
            "cgr.dev/chainguard/python:latest-dev",
            Some("cgr.dev"),
            "cgr.dev",
            Some("chainguard"),
            "chainguard",
            "python",
            Some("latest-dev"),
            None,
            "cgr.dev/chainguard/python",
        ),
        (
            "registry.access.redhat.com/ubi9/ubi-minimal:9.4",
            Some("registry.access.redhat.com"),
            "registry.access.redhat.com",
            Some("ubi9"),
            "ubi9",
            "ubi-minimal",
            Some("9.4"),
            None,
            "registry.access.redhat.com/ubi9/ubi-minimal",
        ),
        (
            "localhost/app",
            Some("localhost"),
            "localhost",
            None,
            "",
            "app",
            None,
            None,
            "localhost/app",
        ),
        (
            "localhost:5000/team/tools/app:v1",
            Some("localhost:5000"),
            "localhost:5000",
            Some("team/tools"),
            "team/tools",
            "app",
            Some("v1"),
            None,
            "localhost:5000/team/tools/app",
        ),
        (
            "[::1]:5000/app:1",
            Some("[::1]:5000"),
            "[::1]:5000",
            None,
            "",
            "app",
            Some("1"),
            None,
            "[::1]:5000/app",
        ),
        (
            "Registry.Example.com/app",
            Some("Registry.Example.com"),
            "Registry.Example.com",
            None,
            "",
            "app",
            None,
            None,
            "Registry.Example.com/app",
        ),
        // No slash: "localhost:5000" is the image "localhost" with tag "5000", as in Docker.
        (
            "localhost:5000",
            None,
            "docker.io",
            None,
            "library",
            "localhost",
            Some("5000"),
            None,
            "localhost",
        ),
        (
            "my_org/my__app-x--y.z:Tag_1.0-rc",
            None,
            "docker.io",
            Some("my_org"),
            "my_org",
            "my__app-x--y.z",
            Some("Tag_1.0-rc"),
            None,
            "my_org/my__app-x--y.z",
        ),
        (
            digest,
            None,
            "docker.io",
            None,
            "library",
            "python",
            None,
            Some(&digest[7..]),
            "python",
        ),
        (
            both,
            Some("gcr.io"),
            "gcr.io",
            Some("distroless"),
            "distroless",
            "static-debian12",
            Some("nonroot"),
            Some(&both[42..]),
            "gcr.io/distroless/static-debian12",
        ),
        (
            "scratch",
            None,
            "docker.io",
            None,
            "library",
            "scratch",
            None,
            None,
            "scratch",
        ),
    ];
    for (input, registry, registry_n, namespace, namespace_n, repository, tag, digest, familiar) in
        rows
    {
        let r = ImageRef::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(
            r.registry.as_ref().map(|p| p.text.as_str()),
            registry,
            "{input}: registry"
        );
        assert_eq!(
            r.registry_normalized, registry_n,
            "{input}: normalised registry"
        );
        assert_eq!(
            r.namespace.as_ref().map(|p| p.text.as_str()),
            namespace,
            "{input}: namespace"
        );
        assert_eq!(
            r.namespace_normalized, namespace_n,
            "{input}: normalised namespace"
        );
        assert_eq!(r.repository.text, repository, "{input}: repository");
        assert_eq!(r.tag.as_ref().map(|p| p.text.as_str()), tag, "{input}: tag");
        assert_eq!(
            r.digest.as_ref().map(|p| p.text.as_str()),
            digest,
            "{input}: digest"
        );
        assert_eq!(r.familiar_name(), familiar, "{input}: familiar name");
        assert_eq!(r.rejoin(), input, "{input}: rejoin");
        assert_parts_match_original(&r);
    }
}

fn assert_parts_match_original(r: &ImageRef) {
    let parts = [
        &r.registry,
        &r.namespace,
        &Some(r.repository.clone()),
        &r.tag,
        &r.digest,
    ];
    for part in parts.into_iter().flatten() {
        assert_eq!(
            &r.original[part.range.clone()],
            part.text,
            "{}: range of {:?}",
            r.original,
            part.text
        );
    }
}

#[test]
fn helpers_answer_the_questions_rules_ask() {
    let official = ImageRef::parse("docker.io/library/node:20").unwrap();
    assert!(official.is_docker_hub());
    assert!(official.is_official_library());
    assert_eq!(official.canonical_name(), "docker.io/library/node");
    assert_eq!(official.familiar_string(), "node:20");

    let user = ImageRef::parse("someone/node:20").unwrap();
    assert!(user.is_docker_hub());
    assert!(!user.is_official_library());

    let vendor = ImageRef::parse("gcr.io/distroless/base-debian12").unwrap();
    assert!(!vendor.is_docker_hub());
    assert!(!vendor.is_official_library());

    // A nested path under library/ is not an official image and keeps its prefix.
    let nested = ImageRef::parse("docker.io/library/a/b").unwrap();
    assert_eq!(nested.familiar_name(), "library/a/b");
    assert!(!nested.is_official_library());
}

#[test]
fn effective_tag_follows_docker_defaults() {
    assert_eq!(
        ImageRef::parse("alpine").unwrap().effective_tag(),
        Some("latest")
    );
    assert_eq!(
        ImageRef::parse("alpine:3.21").unwrap().effective_tag(),
        Some("3.21")
    );
    let pinned = ImageRef::parse(&format!("alpine@{SHA}")).unwrap();
    assert_eq!(pinned.effective_tag(), None);
    let both = ImageRef::parse(&format!("alpine:3.21@{SHA}")).unwrap();
    assert_eq!(both.effective_tag(), Some("3.21"));
}

#[test]
fn only_the_bare_word_is_scratch() {
    assert!(ImageRef::parse("scratch").unwrap().is_scratch());
    assert!(!ImageRef::parse("scratch:latest").unwrap().is_scratch());
    assert!(
        !ImageRef::parse("docker.io/library/scratch")
            .unwrap()
            .is_scratch()
    );
}

#[test]
fn invalid_references_get_a_kind_a_range_and_a_message() {
    use ImageRefErrorKind as K;
    let long_tag = format!("alpine:{}", "a".repeat(129));
    let long_name = format!("a/{}", "b".repeat(260));
    let hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let cases: Vec<(&str, K, &str)> = vec![
        ("", K::Empty, "empty"),
        ("python:3.12 ", K::InvalidCharacter, "spaces"),
        ("${BASE}:1", K::UnexpandedVariable, "variable"),
        ("python:$V", K::UnexpandedVariable, "variable"),
        ("Python:3.12", K::Uppercase, "lower case"),
        ("myorg/MyApp", K::Uppercase, "lower case"),
        ("pytho\u{e9}n", K::InvalidCharacter, "not allowed"),
        ("a//b", K::EmptyComponent, "empty component"),
        ("python/", K::EmptyComponent, "empty component"),
        ("/python", K::EmptyComponent, "empty component"),
        ("-python", K::InvalidComponent, "start and end"),
        ("python-", K::InvalidComponent, "start and end"),
        ("py..thon", K::InvalidComponent, "separate"),
        ("py___thon", K::InvalidComponent, "separate"),
        ("py._thon", K::InvalidComponent, "separate"),
        ("-bad.com/app", K::InvalidRegistry, "registry host"),
        ("bad..com/app", K::InvalidRegistry, "registry host"),
        ("[::1/app", K::InvalidRegistry, "never closed"),
        ("host.com:port/app", K::InvalidPort, "number"),
        ("host.com:/app", K::InvalidPort, "number"),
        ("python:", K::EmptyTag, "followed by a tag"),
        ("python:.3", K::InvalidTag, "must start"),
        ("python:-3", K::InvalidTag, "must start"),
        (long_tag.as_str(), K::TagTooLong, "at most 128"),
        ("python@", K::EmptyDigest, "followed by a digest"),
        ("python@sha256", K::InvalidDigest, "algorithm:hex"),
        ("python@sha256:abc", K::InvalidDigest, "at least 32"),
        (
            "python@sha256:0123456789abcdef0123456789abcdef",
            K::InvalidDigest,
            "64 hex digits",
        ),
        ("python@sha256:xyz", K::InvalidDigest, "hexadecimal"),
        (
            "python@1sha:0123456789abcdef0123456789abcdef",
            K::InvalidDigest,
            "algorithm name",
        ),
        (
            "python@md5:0123456789abcdef0123456789abcdef",
            K::UnsupportedDigestAlgorithm,
            "cannot verify",
        ),
        (
            "python@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            K::InvalidDigest,
            "lower case",
        ),
        (long_name.as_str(), K::NameTooLong, "at most 255"),
        (hex, K::HexRepositoryName, "image ID"),
        (":tag", K::EmptyComponent, "missing"),
    ];
    for (input, kind, words) in cases {
        let err = ImageRef::parse(input).expect_err(input);
        assert_eq!(err.kind, kind, "{input:?}: {}", err.message);
        assert!(
            err.message.contains(words),
            "{input:?}: message {:?} should say {words:?}",
            err.message
        );
        assert!(
            err.range.start <= err.range.end && err.range.end <= input.len(),
            "{input:?}: range"
        );
        assert!(input.is_char_boundary(err.range.start) && input.is_char_boundary(err.range.end));
    }
}

#[test]
fn error_ranges_point_at_the_problem() {
    let err = ImageRef::parse("alpine@md5:0123456789abcdef0123456789abcdef").unwrap_err();
    assert_eq!(err.range, 7..10);
    let err = ImageRef::parse("myorg/MyApp:1").unwrap_err();
    assert_eq!(err.range, 6..7);
    let err = ImageRef::parse("python:3.1 2").unwrap_err();
    assert_eq!(err.range, 10..11);
}

fn component() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,4}((\\.|_|__|-{1,3})[a-z0-9]{1,4}){0,2}"
}

proptest! {
    #[test]
    fn never_panics(input in "\\PC{0,80}") {
        let _ = ImageRef::parse(&input);
    }

    #[test]
    fn never_panics_on_reference_like_noise(input in "[a-zA-Z0-9._:/@\\-\\[\\]$+ ]{0,60}") {
        if let Ok(r) = ImageRef::parse(&input) {
            prop_assert_eq!(r.rejoin(), input.clone());
        }
    }

    #[test]
    fn parts_rejoin_to_the_original(
        registry in proptest::option::of("[a-z0-9]{1,6}\\.[a-z]{2,3}(:[0-9]{1,5})?"),
        path in proptest::collection::vec(component(), 1..4),
        tag in proptest::option::of("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,20}"),
        digest in proptest::option::of("[0-9a-f]{64}"),
    ) {
        // Without a registry, a dotted first component would itself be read as one.
        prop_assume!(registry.is_some() || path.len() == 1 || !path[0].contains('.'));
        let mut text = String::new();
        if let Some(r) = &registry {
            text.push_str(r);
            text.push('/');
        }
        text.push_str(&path.join("/"));
        if let Some(t) = &tag {
            text.push(':');
            text.push_str(t);
        }
        if let Some(d) = &digest {
            text.push_str("@sha256:");
            text.push_str(d);
        }
        let r = ImageRef::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(r.rejoin(), text.clone());
        prop_assert_eq!(r.registry.as_ref().map(|p| p.text.clone()), registry);
        prop_assert_eq!(&r.repository.text, path.last().unwrap());
        prop_assert_eq!(r.tag.as_ref().map(|p| p.text.clone()), tag);
        for part in [&r.registry, &r.namespace, &Some(r.repository.clone()), &r.tag, &r.digest].into_iter().flatten() {
            prop_assert_eq!(&text[part.range.clone()], part.text.as_str());
        }
    }
}
