//! The built-in image catalogue: its data is sound, and references resolve to exact
//! rows, estimates or unknown as the rules expect.

use fromlab_engine::catalogue::{
    BUILTIN_TOML, Catalogue, DeprecationStatus, Evidence, Libc, Match, PackageManager, Point,
    Shell, TagParts, User,
};
use fromlab_engine::image_ref::ImageRef;
use proptest::prelude::*;

fn catalogue() -> &'static Catalogue {
    Catalogue::builtin()
}

#[test]
fn the_compiled_in_data_equals_the_toml_source() {
    let parsed = Catalogue::from_toml(BUILTIN_TOML).expect("the catalogue TOML parses");
    assert_eq!(
        &parsed,
        Catalogue::builtin(),
        "build.rs must write exactly what the TOML says"
    );
}

#[test]
fn builtin_catalogue_parses_and_has_no_problems() {
    let catalogue = catalogue();
    assert!(
        catalogue.images.len() >= 45,
        "only {} rows",
        catalogue.images.len()
    );
    let problems = catalogue.problems();
    assert!(
        problems.is_empty(),
        "catalogue problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_row_has_a_source_a_date_and_consistent_sizes() {
    for entry in catalogue().images.iter() {
        let id = entry.id();
        assert!(!entry.source.trim().is_empty(), "{id}: source");
        assert!(
            entry.date.len() >= 4 && entry.date[..4].parse::<u32>().is_ok(),
            "{id}: date {}",
            entry.date
        );
        for figure in [&entry.compressed, &entry.disk] {
            assert!(
                figure.low() <= figure.bytes && figure.bytes <= figure.high(),
                "{id}: {figure:?}"
            );
            if figure.evidence == Evidence::Estimate {
                assert!(figure.method.is_some(), "{id}: estimate without method");
            }
        }
        assert!(
            entry.compressed.bytes <= entry.disk.bytes,
            "{id}: pull larger than disk"
        );
    }
}

#[test]
fn the_catalogue_covers_what_the_course_needs() {
    let catalogue = catalogue();
    let required = [
        "scratch",
        "alpine:3.20",
        "alpine:3.21",
        "alpine:3.24",
        "busybox:latest",
        "debian:bookworm",
        "debian:bookworm-slim",
        "debian:trixie",
        "debian:trixie-slim",
        "ubuntu:22.04",
        "ubuntu:24.04",
        "python:3.12",
        "python:3.12-slim",
        "python:3.12-slim-bookworm",
        "python:3.12-alpine",
        "node:20",
        "node:20-slim",
        "node:20-alpine",
        "golang:1.22",
        "golang:1.22-alpine",
        "eclipse-temurin:21-jdk",
        "eclipse-temurin:21-jre",
        "eclipse-temurin:21-jre-alpine",
        "eclipse-temurin:21-jre-ubi9-minimal",
        "openjdk:21",
        "nginx:latest",
        "nginx:alpine",
        "nginx:alpine-slim",
        "rust:1",
        "rust:slim",
        "rust:alpine",
        "postgres:latest",
        "postgres:alpine",
        "ruby:slim",
        "ruby:alpine",
        "gcr.io/distroless/static-debian12:latest",
        "gcr.io/distroless/static-debian13:latest",
        "gcr.io/distroless/base-debian12:latest",
        "gcr.io/distroless/base-debian13:latest",
        "gcr.io/distroless/cc-debian12:latest",
        "gcr.io/distroless/cc-debian13:latest",
        "gcr.io/distroless/python3-debian12:latest",
        "gcr.io/distroless/python3-debian13:latest",
        "gcr.io/distroless/java21-debian12:latest",
        "gcr.io/distroless/nodejs20-debian12:latest",
        "cgr.dev/chainguard/static:latest",
        "cgr.dev/chainguard/python:latest",
        "cgr.dev/chainguard/node:latest",
        "registry.access.redhat.com/ubi9/ubi:latest",
        "registry.access.redhat.com/ubi9/ubi-minimal:latest",
        "registry.access.redhat.com/ubi9/ubi-micro:latest",
    ];
    for id in required {
        assert!(catalogue.entry(id).is_some(), "missing row {id}");
    }
}

#[test]
fn every_family_spectrum_names_real_rows() {
    let catalogue = catalogue();
    for family in catalogue.families.iter() {
        let spectrum = catalogue.spectrum(family);
        for point in Point::SPECTRUM {
            let found: Vec<_> = spectrum.iter().filter(|p| p.point == point).collect();
            assert_eq!(found.len(), 1, "{}: {point:?}", family.name);
        }
        for point in spectrum {
            match (&point.row, &point.not_applicable) {
                (Some(row), None) => {
                    assert!(catalogue.entry(row).is_some(), "{}: {row}", family.name)
                }
                (None, Some(why)) => assert!(!why.is_empty()),
                other => panic!("{}: {other:?}", family.name),
            }
        }
    }
    // Rows borrow the spectrum of the language they run: distroless python3 compares
    // with the python family, Go's distroless point is static, and python has no scratch.
    let distroless_python = catalogue
        .entry("gcr.io/distroless/python3-debian13:latest")
        .unwrap();
    let spectrum = catalogue.spectrum_for(distroless_python);
    assert_eq!(spectrum[0].row.as_deref(), Some("python:3.12"));
    let scratch = spectrum.iter().find(|p| p.point == Point::Scratch).unwrap();
    assert!(scratch.row.is_none() && scratch.not_applicable.is_some());
    let go = catalogue.family("golang").unwrap();
    let distroless = catalogue
        .spectrum(go)
        .iter()
        .find(|p| p.point == Point::Distroless)
        .unwrap();
    assert_eq!(
        distroless.row.as_deref(),
        Some("gcr.io/distroless/static-debian13:latest")
    );
}

fn parts(text: &str) -> TagParts {
    let catalogue = catalogue();
    TagParts::parse(text, &catalogue.vocabulary, &catalogue.modifiers)
}

#[test]
fn tags_and_names_read_as_families_and_variants() {
    let p = parts("3.12-slim-bookworm");
    assert_eq!(
        (
            p.version.as_deref(),
            p.variant.as_deref(),
            p.distro.as_deref()
        ),
        (Some("3.12"), Some("slim"), Some("bookworm"))
    );
    let p = parts("20-alpine3.19");
    assert_eq!(
        (
            p.version.as_deref(),
            p.variant.as_deref(),
            p.distro.as_deref()
        ),
        (Some("20"), Some("alpine"), Some("alpine3.19"))
    );
    let p = parts("21-jre-alpine");
    assert_eq!(
        (
            p.version.as_deref(),
            p.flavour.as_deref(),
            p.variant.as_deref()
        ),
        (Some("21"), Some("jre"), Some("alpine"))
    );
    let p = parts("21-jre-alpine-3.24");
    assert_eq!(p.distro.as_deref(), Some("alpine3.24"));
    let p = parts("java21-debian12");
    assert_eq!(
        (
            p.variant.as_deref(),
            p.version.as_deref(),
            p.distro.as_deref()
        ),
        (Some("java"), Some("21"), Some("debian12"))
    );
    let p = parts("python3-debian13").merge(parts("nonroot"));
    assert_eq!(
        (p.variant.as_deref(), p.version.as_deref()),
        (Some("python"), Some("3"))
    );
    assert_eq!(p.modifiers, ["nonroot"]);
    let p = parts("static-debian12");
    assert_eq!(
        (p.variant.as_deref(), p.distro.as_deref()),
        (Some("static"), Some("debian12"))
    );
    let p = parts("alpine-slim");
    assert_eq!(p.variant.as_deref(), Some("alpine-slim"));
    let p = parts("ubi9/ubi-minimal");
    assert_eq!(
        (p.variant.as_deref(), p.distro.as_deref()),
        (Some("minimal"), Some("ubi9"))
    );
    let p = parts("latest-dev");
    assert_eq!(
        (p.channel.as_deref(), p.modifiers.as_slice()),
        (Some("latest"), &["dev".to_owned()][..])
    );
    let p = parts("3.12-frobnicated");
    assert_eq!(p.unrecognised, ["frobnicated"]);
}

/// (reference, expected match, row the figures come from, words the reason must hold)
const RESOLUTIONS: &[(&str, Match, Option<&str>, &str)] = &[
    (
        "python:3.12-slim",
        Match::Exact,
        Some("python:3.12-slim"),
        "in the catalogue",
    ),
    (
        "docker.io/library/python:3.12-slim",
        Match::Exact,
        Some("python:3.12-slim"),
        "in the catalogue",
    ),
    (
        "python:3.12-slim-bookworm",
        Match::Exact,
        Some("python:3.12-slim-bookworm"),
        "2026-08-25",
    ),
    (
        "python:3.12-slim-trixie",
        Match::Exact,
        Some("python:3.12-slim"),
        "catalogue's python:3.12-slim",
    ),
    (
        "node:20-alpine3.19",
        Match::Exact,
        Some("node:20-alpine"),
        "catalogue's node:20-alpine",
    ),
    (
        "alpine",
        Match::Exact,
        Some("alpine:3.24"),
        "catalogue's alpine:3.24",
    ),
    (
        "alpine:latest",
        Match::Exact,
        Some("alpine:3.24"),
        "catalogue's alpine:3.24",
    ),
    (
        "debian:latest",
        Match::Exact,
        Some("debian:trixie"),
        "catalogue's debian:trixie",
    ),
    (
        "rust:latest",
        Match::Exact,
        Some("rust:1"),
        "catalogue's rust:1",
    ),
    (
        "eclipse-temurin:21",
        Match::Exact,
        Some("eclipse-temurin:21-jdk"),
        "21-jdk",
    ),
    ("scratch", Match::Exact, Some("scratch"), "empty image"),
    (
        "redhat/ubi9-minimal",
        Match::Exact,
        Some("registry.access.redhat.com/ubi9/ubi-minimal:latest"),
        "ubi-minimal",
    ),
    (
        "gcr.io/distroless/static-debian12:nonroot",
        Match::Exact,
        Some("gcr.io/distroless/static-debian12:latest"),
        "65532",
    ),
    (
        "gcr.io/distroless/cc-debian12:nonroot",
        Match::Exact,
        Some("gcr.io/distroless/cc-debian12:latest"),
        "nonroot",
    ),
    (
        "python:3.11-slim",
        Match::Estimated,
        Some("python:3.12-slim"),
        "estimated from python:3.12-slim",
    ),
    (
        "python:3.13-alpine3.20",
        Match::Estimated,
        Some("python:3.12-alpine"),
        "nearest alpine row",
    ),
    (
        "python:3.12-bookworm",
        Match::Estimated,
        Some("python:3.12"),
        "nearest full row",
    ),
    (
        "node:22-slim",
        Match::Estimated,
        Some("node:20-slim"),
        "estimated from node:20-slim",
    ),
    (
        "node:20-alpine3.20",
        Match::Estimated,
        Some("node:20-alpine"),
        "node:20-alpine",
    ),
    (
        "python",
        Match::Estimated,
        Some("python:3.12"),
        "newest release",
    ),
    (
        "python:latest",
        Match::Estimated,
        Some("python:3.12"),
        "newest release",
    ),
    (
        "python:slim",
        Match::Estimated,
        Some("python:3.12-slim"),
        "newest release",
    ),
    (
        "nginx:stable-alpine",
        Match::Estimated,
        Some("nginx:alpine"),
        "nearest alpine row",
    ),
    (
        "eclipse-temurin:17-jre",
        Match::Estimated,
        Some("eclipse-temurin:21-jre"),
        "full jre row",
    ),
    (
        "golang:1.23-alpine",
        Match::Estimated,
        Some("golang:1.22-alpine"),
        "golang:1.22-alpine",
    ),
    (
        "debian:bullseye-slim",
        Match::Estimated,
        Some("debian:trixie-slim"),
        "not in the catalogue",
    ),
    (
        "gcr.io/distroless/static",
        Match::Estimated,
        Some("gcr.io/distroless/static-debian13:latest"),
        "static row",
    ),
    (
        "gcr.io/distroless/java17-debian13",
        Match::Estimated,
        Some("gcr.io/distroless/java21-debian13:latest"),
        "java row",
    ),
    (
        "gcr.io/distroless/static-debian12:debug",
        Match::Estimated,
        Some("gcr.io/distroless/static-debian12:latest"),
        "busybox",
    ),
    (
        "cgr.dev/chainguard/python:latest-dev",
        Match::Estimated,
        Some("cgr.dev/chainguard/python:latest"),
        "apk",
    ),
    (
        "busybox:musl",
        Match::Estimated,
        Some("busybox:latest"),
        "musl",
    ),
    (
        "registry.access.redhat.com/ubi8/ubi-minimal",
        Match::Estimated,
        Some("registry.access.redhat.com/ubi9/ubi-minimal:latest"),
        "minimal row",
    ),
    (
        "myorg/app:1.0",
        Match::Unknown,
        None,
        "not in the catalogue",
    ),
    ("php:8.3-apache", Match::Unknown, None, "official image"),
    (
        "ghcr.io/acme/api:2",
        Match::Unknown,
        None,
        "not in the catalogue",
    ),
    ("python:foo", Match::Unknown, None, "cannot read `foo`"),
    (
        "python:3.12-windowsservercore",
        Match::Unknown,
        None,
        "windowsservercore variant",
    ),
    (
        "eclipse-temurin:17-jdk-alpine",
        Match::Unknown,
        None,
        "alpine jdk variant",
    ),
    ("scratch:latest", Match::Unknown, None, "only the bare word"),
    (
        "Python:3",
        Match::Unknown,
        None,
        "not a valid image reference",
    ),
];

#[test]
fn references_resolve_to_exact_estimated_or_unknown() {
    let catalogue = catalogue();
    for (text, status, row, words) in RESOLUTIONS {
        let resolution = catalogue.resolve_str(text);
        assert_eq!(resolution.status, *status, "{text}: {}", resolution.reason);
        assert_eq!(
            resolution.entry.map(|e| e.id()).as_deref(),
            *row,
            "{text}: {}",
            resolution.reason
        );
        assert!(
            resolution.reason.contains(words),
            "{text}: reason {:?} lacks {words:?}",
            resolution.reason
        );
        match status {
            Match::Unknown => {
                assert!(
                    resolution.disk.is_none() && resolution.compressed.is_none(),
                    "{text}: no made-up size"
                );
                assert!(!resolution.facts().known);
            }
            _ => {
                let disk = resolution.disk.expect("disk");
                assert!(
                    disk.low <= disk.bytes && disk.bytes <= disk.high,
                    "{text}: {disk:?}"
                );
                assert!(resolution.facts().known);
            }
        }
    }
}

#[test]
fn a_digest_only_reference_of_a_known_repository_is_estimated() {
    let digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let resolution = catalogue().resolve_str(&format!("python@{digest}"));
    assert_eq!(resolution.status, Match::Estimated);
    assert!(
        resolution.reason.contains("by digest"),
        "{}",
        resolution.reason
    );
    assert!(
        resolution.reference.ends_with('…'),
        "long digests are shortened: {}",
        resolution.reference
    );

    let pinned = catalogue().resolve_str(&format!("python:3.12-slim@{digest}"));
    assert_eq!(pinned.status, Match::Exact);
    assert!(
        pinned.reason.contains("digest pins one build"),
        "{}",
        pinned.reason
    );
}

#[test]
fn estimates_widen_the_range_they_borrow() {
    let catalogue = catalogue();
    let exact = catalogue.resolve_str("python:3.12-slim").disk.unwrap();
    let estimated = catalogue.resolve_str("python:3.11-slim").disk.unwrap();
    assert_eq!(estimated.bytes, exact.bytes);
    assert!(estimated.low < exact.low && estimated.high > exact.high);
    let debug = catalogue
        .resolve_str("gcr.io/distroless/static-debian12:debug")
        .disk
        .unwrap();
    let plain = catalogue
        .resolve_str("gcr.io/distroless/static-debian12")
        .disk
        .unwrap();
    assert!(debug.low > plain.low, "the debug shell adds bytes");
}

#[test]
fn facts_follow_rows_and_modifiers() {
    let catalogue = catalogue();
    let alpine = catalogue.resolve_str("python:3.12-alpine").facts();
    assert_eq!(alpine.libc, Some(Libc::Musl));
    assert_eq!(alpine.package_manager, Some(PackageManager::Apk));
    assert_eq!(alpine.shell, Some(Shell::Busybox));

    let full = catalogue.resolve_str("python:3.12").facts();
    assert!(
        full.build_toolchain.is_some(),
        "the full image ships compilers"
    );
    assert!(
        catalogue
            .resolve_str("python:3.12-slim")
            .facts()
            .build_toolchain
            .is_none()
    );
    assert!(
        catalogue
            .resolve_str("golang:1.22-alpine")
            .facts()
            .build_toolchain
            .is_some()
    );

    let static_ = catalogue
        .resolve_str("gcr.io/distroless/static-debian12")
        .facts();
    assert_eq!(
        (static_.libc, static_.shell, static_.user),
        (Some(Libc::None), Some(Shell::None), Some(User::Root))
    );
    let nonroot = catalogue
        .resolve_str("gcr.io/distroless/static-debian12:nonroot")
        .facts();
    assert_eq!(nonroot.user, Some(User::Nonroot));
    let debug = catalogue
        .resolve_str("gcr.io/distroless/base-debian12:debug")
        .facts();
    assert_eq!(debug.shell, Some(Shell::Busybox));
    let dev = catalogue
        .resolve_str("cgr.dev/chainguard/python:latest-dev")
        .facts();
    assert_eq!(dev.package_manager, Some(PackageManager::Apk));

    let scratch = catalogue.resolve_str("scratch").facts();
    assert_eq!(
        (scratch.libc, scratch.shell),
        (Some(Libc::None), Some(Shell::None))
    );
    assert_eq!(catalogue.resolve_str("scratch").disk.unwrap().high, 0);
}

#[test]
fn deprecations_come_with_dates_and_replacements() {
    let catalogue = catalogue();
    let removed = catalogue.resolve_str("gcr.io/distroless/python3-debian12");
    let deprecation = removed.deprecation.expect("python3-debian12 was removed");
    assert_eq!(deprecation.status, DeprecationStatus::Removed);
    assert_eq!(deprecation.date, "2026-05-11");
    assert_eq!(
        deprecation.replacement.as_deref(),
        Some("gcr.io/distroless/python3-debian13")
    );

    for (text, date) in [
        ("gcr.io/distroless/java21-debian12", "2026-02-27"),
        ("gcr.io/distroless/nodejs20-debian12", "2026-02-27"),
        ("gcr.io/distroless/static-debian12", "2026-09"),
    ] {
        assert_eq!(
            catalogue.resolve_str(text).deprecation.map(|d| &*d.date),
            Some(date),
            "{text}"
        );
    }
    // Every openjdk tag is deprecated, even one the catalogue cannot size.
    for text in ["openjdk:21", "openjdk:17-jdk-slim", "openjdk:11"] {
        let resolution = catalogue.resolve_str(text);
        let deprecation = resolution
            .deprecation
            .unwrap_or_else(|| panic!("{text}: not deprecated"));
        assert_eq!(deprecation.replacement.as_deref(), Some("eclipse-temurin"));
    }
    assert!(catalogue.resolve_str("node:20-slim").deprecation.is_some());
    // An estimate borrows sizes, not the deprecation of the row it borrows from.
    assert!(catalogue.resolve_str("node:22-slim").deprecation.is_none());
    assert!(
        catalogue
            .resolve_str("gcr.io/distroless/python3-debian13")
            .deprecation
            .is_none()
    );
}

#[test]
fn reference_sizes_hold() {
    let catalogue = catalogue();
    let disk = |id: &str| catalogue.entry(id).unwrap().disk.bytes;
    assert!(disk("python:3.12") - disk("python:3.12-slim") > 900_000_000);
    let pull = |id: &str| catalogue.entry(id).unwrap().compressed.bytes;
    assert!(
        pull("rust:alpine") > pull("rust:slim"),
        "rust:alpine is larger than rust:slim"
    );
    assert_eq!(pull("python:3.12-alpine"), 18_037_743);
    assert_eq!(disk("alpine:3.21"), 7_800_000);
}

#[test]
fn the_checker_finds_broken_data() {
    // Each edit breaks one rule; problems() must notice every one.
    let cases = [
        (
            "source = \"repo-info:repos/alpine/remote/3.21.md@1746b587; local/3.21.8.md@7859ce44\"",
            "source = \"\"",
            "no source",
        ),
        ("date = \"2026-09-17\"", "date = \"last autumn\"", "date"),
        (
            "{ bytes = 3_626_020, evidence = \"exact\" }",
            "{ bytes = 3_626_020, low = 4_000_000, evidence = \"exact\" }",
            "does not hold",
        ),
        (
            "{ point = \"full\", row = \"python:3.12\" }",
            "{ point = \"full\", row = \"python:3.99\" }",
            "does not exist",
        ),
        (
            "tag = \"3.12-slim-bookworm\"",
            "tag = \"3.12-slim-bullseye\"",
            "distro",
        ),
        (
            "method = \"by analogy with python3-debian12 (~18-20 MB); not measured\" }",
            "}",
            "needs a method",
        ),
    ];
    for (from, to, words) in cases {
        assert!(BUILTIN_TOML.contains(from), "fixture text moved: {from}");
        let broken = BUILTIN_TOML.replacen(from, to, 1);
        let catalogue = Catalogue::from_toml(&broken).expect("still valid TOML");
        let problems = catalogue.problems();
        assert!(
            problems.iter().any(|p| p.contains(words)),
            "{words}: {problems:?}"
        );
    }
}

#[test]
fn malformed_files_are_errors_with_a_line() {
    let error = Catalogue::from_toml("[meta]\nsource = \"x\"\nsnapshot = \n").unwrap_err();
    assert_eq!(error.line, Some(3), "{error}");
    let error = Catalogue::from_toml("[[image]]\nrepository = 3\n").unwrap_err();
    assert!(error.to_string().contains("catalogue line"), "{error}");
}

#[test]
fn image_refs_in_spectra_parse() {
    for family in catalogue().families.iter() {
        for point in family.spectrum.iter() {
            if let Some(row) = &point.row {
                assert!(ImageRef::parse(row).is_ok(), "{row}");
            }
        }
    }
}

proptest! {
    #[test]
    fn reading_any_text_never_panics(text in "\\PC{0,200}") {
        let _ = Catalogue::from_toml(&text);
    }

    #[test]
    fn resolving_any_reference_never_panics(text in "[a-z0-9._:/@\\-]{0,40}") {
        let resolution = catalogue().resolve_str(&text);
        if resolution.status == Match::Unknown {
            prop_assert!(resolution.disk.is_none());
        }
    }
}

proptest! {
    // Each case parses the whole 50 KB file, so fewer cases keep the suite quick.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn reading_a_damaged_catalogue_never_panics(cut in 0usize..BUILTIN_TOML.len(), len in 0usize..40) {
        let start = (0..=cut).rev().find(|&i| BUILTIN_TOML.is_char_boundary(i)).unwrap_or(0);
        let end = (start + len..=BUILTIN_TOML.len()).find(|&i| BUILTIN_TOML.is_char_boundary(i)).unwrap_or(BUILTIN_TOML.len());
        let damaged = format!("{}{}", &BUILTIN_TOML[..start], &BUILTIN_TOML[end..]);
        if let Ok(catalogue) = Catalogue::from_toml(&damaged) {
            let _ = catalogue.problems();
            let _ = catalogue.resolve_str("python:3.11-slim");
        }
    }
}
