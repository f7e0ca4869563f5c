//! The base-image rules (FL101–FL110) beyond their fixtures: every fix they
//! offer removes its diagnostic and breaks no syntax, the examples in their
//! docs behave as the docs say, the real-world corpus gets well-placed and
//! sensible diagnostics, and the catalogue's lifecycle, anchor and registry
//! data answer for tags that have no row of their own.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use fromlab_engine::analysis::analyze;
use fromlab_engine::catalogue::{BUILTIN_TOML, Catalogue, DeprecationStatus, RetiredBy};
use fromlab_engine::diagnostic::{Diagnostic, FixSafety};
use fromlab_engine::rules::{self, Category};
use fromlab_engine::syntax;
use proptest::prelude::*;

/// The rules this file is about, in code order.
const BASE_RULES: [&str; 10] = [
    "untagged-image",
    "latest-tag",
    "floating-tag",
    "unpinned-digest",
    "unofficial-image",
    "deprecated-image",
    "full-base-in-final-stage",
    "build-toolchain-in-final-stage",
    "no-debug-plan",
    "root-user",
];

/// The rules that offer a fix; the others never do.
const FIXING_RULES: [&str; 4] = [
    "latest-tag",
    "floating-tag",
    "deprecated-image",
    "full-base-in-final-stage",
];

fn fixture_sources() -> Vec<(PathBuf, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut out = Vec::new();
    for rule in BASE_RULES {
        let dir = root.join(rule);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "Dockerfile"))
            .collect();
        files.sort();
        for f in files {
            let source = std::fs::read_to_string(&f).expect("fixture");
            out.push((f, source));
        }
    }
    out
}

fn corpus() -> Vec<(String, String)> {
    let dir = common::shared_dir().join("corpus/real-world");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with("_Dockerfile"))
        })
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        142,
        "the real-world corpus holds 142 Dockerfiles"
    );
    files
        .into_iter()
        .map(|f| {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, std::fs::read_to_string(&f).expect("corpus file"))
        })
        .collect()
}

fn count(diagnostics: &[Diagnostic], rule: &str) -> usize {
    diagnostics.iter().filter(|d| d.rule == rule).count()
}

/// Inputs with fixes beyond the fixtures: one per kind of fix.
const FIX_CASES: &[&str] = &[
    "FROM alpine:latest\n",
    "FROM python:latest AS build\nFROM rust:latest\n",
    "FROM debian:stable-slim\nRUN true\n",
    "FROM python:3.12-alpine\n",
    "FROM node:20-slim\n",
    "FROM gcr.io/distroless/cc-debian12:nonroot\n",
    "FROM ubuntu:focal\n",
    "FROM debian:12\n",
    "FROM buildpack-deps:bookworm\n",
    "FROM eclipse-temurin:21\n",
    "FROM registry.access.redhat.com/ubi9/ubi:latest\n",
    "FROM docker.io/library/python:3.12-trixie AS x\nFROM x\n",
];

#[test]
fn every_fix_removes_its_diagnostic_and_breaks_no_syntax() {
    let mut sources: Vec<(String, String)> = fixture_sources()
        .into_iter()
        .map(|(p, s)| (p.display().to_string(), s))
        .collect();
    sources.extend(FIX_CASES.iter().map(|s| (format!("{s:?}"), s.to_string())));
    let mut tried: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for (name, source) in &sources {
        let before = analyze(source).diagnostics;
        let syntax_before = syntax::parse(source).errors().len();
        for d in before.iter().filter(|d| BASE_RULES.contains(&d.rule)) {
            let Some(fix) = &d.fix else { continue };
            if !FIXING_RULES.contains(&d.rule) {
                failures.push(format!(
                    "{name}: {} offers a fix it documents as absent",
                    d.rule
                ));
            }
            if fix.safety != FixSafety::Unsafe {
                failures.push(format!(
                    "{name}: {} fix should be unsafe: {}",
                    d.rule, fix.title
                ));
            }
            *tried.entry(d.rule).or_default() += 1;
            let fixed = fix.apply(source);
            let after = analyze(&fixed).diagnostics;
            if fixed == *source {
                failures.push(format!("{name}: `{}` changes nothing", fix.title));
            }
            if count(&after, d.rule) + 1 != count(&before, d.rule) {
                failures.push(format!(
                    "{name}: `{}` leaves {} diagnostics ({} before):\n{fixed}",
                    fix.title,
                    count(&after, d.rule),
                    count(&before, d.rule)
                ));
            }
            if syntax::parse(&fixed).errors().len() > syntax_before {
                failures.push(format!(
                    "{name}: `{}` adds a syntax error:\n{fixed}",
                    fix.title
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for rule in FIXING_RULES {
        assert!(
            tried.get(rule).copied().unwrap_or(0) >= 3,
            "{rule}: too few fixes exercised ({tried:?})"
        );
    }
}

#[test]
fn fixes_write_what_the_catalogue_knows() {
    let fixed = |source: &str, rule: &str| -> Option<String> {
        analyze(source)
            .diagnostics
            .into_iter()
            .find(|d| d.rule == rule)
            .and_then(|d| d.fix)
            .map(|f| f.apply(source))
    };
    // `latest` as the catalogue saw it, or the newest row of the variant.
    assert_eq!(
        fixed("FROM alpine:latest\n", "latest-tag").as_deref(),
        Some("FROM alpine:3.24\n")
    );
    assert_eq!(
        fixed("FROM rust:latest\n", "latest-tag").as_deref(),
        Some("FROM rust:1.98.0-trixie\n")
    );
    // A floating tag keeps the version written and gains the release.
    assert_eq!(
        fixed("FROM python:3.12-slim\n", "floating-tag").as_deref(),
        Some("FROM python:3.12-slim-trixie\n")
    );
    assert_eq!(
        fixed("FROM python:3-alpine\n", "floating-tag").as_deref(),
        Some("FROM python:3.12-alpine3.24\n")
    );
    // A version the catalogue has no row for gets no guess.
    assert_eq!(fixed("FROM python:3.11-slim\n", "floating-tag"), None);
    // Pointers other than `latest` are not "the newest release".
    assert_eq!(fixed("FROM debian:sid\n", "floating-tag"), None);
    assert_eq!(fixed("FROM node:lts\n", "floating-tag"), None);
    // The newest row is never a retired one.
    assert_eq!(fixed("FROM node:latest\n", "latest-tag"), None);
    // Deprecations move within the family and the variant.
    assert_eq!(
        fixed("FROM node:20-alpine AS web\n", "deprecated-image").as_deref(),
        Some("FROM node:24-alpine AS web\n")
    );
    assert_eq!(fixed("FROM node:18-alpine\n", "deprecated-image"), None);
    assert_eq!(
        fixed(
            "FROM gcr.io/distroless/static-debian12:debug\n",
            "deprecated-image"
        )
        .as_deref(),
        Some("FROM gcr.io/distroless/static-debian13:debug\n")
    );
    assert_eq!(fixed("FROM openjdk:21\n", "deprecated-image"), None);
    assert_eq!(
        fixed("FROM python:3.12-bullseye\n", "deprecated-image"),
        None
    );
    // A digest would no longer match the moved reference.
    assert_eq!(
        fixed(
            "FROM node:20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
            "deprecated-image"
        ),
        None
    );
    // Slim keeps the precision written; another repository keeps the release.
    assert_eq!(
        fixed("FROM python:3.12-trixie\n", "full-base-in-final-stage").as_deref(),
        Some("FROM python:3.12-slim-trixie\n")
    );
    assert_eq!(
        fixed("FROM buildpack-deps:bookworm\n", "full-base-in-final-stage").as_deref(),
        Some("FROM debian:bookworm-slim\n")
    );
    assert_eq!(
        fixed("FROM eclipse-temurin:21-jdk\n", "full-base-in-final-stage").as_deref(),
        Some("FROM eclipse-temurin:21-jre\n")
    );
    // An ARG-built base cannot be edited in place.
    assert_eq!(
        fixed("ARG V=latest\nFROM alpine:${V}\n", "latest-tag"),
        None
    );
}

/// The ```dockerfile blocks in the section of a rule's docs under `heading`.
fn blocks_under(docs: &str, heading: &str) -> Vec<String> {
    let text: String = docs
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let Some(start) = text.find(heading) else {
        return Vec::new();
    };
    let section = &text[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(open) = rest.find("```dockerfile\n") {
        let body = &rest[open + "```dockerfile\n".len()..];
        let Some(close) = body.find("```") else { break };
        blocks.push(body[..close].to_string());
        rest = &body[close..][3..];
    }
    blocks
}

#[test]
fn the_docs_examples_do_what_they_say() {
    let mut failures = Vec::new();
    for name in BASE_RULES {
        let rule = rules::find(name).unwrap_or_else(|| panic!("{name} is not registered"));
        assert_eq!(rule.category, Category::BaseImage, "{name}");
        let examples = blocks_under(rule.docs, "## Example");
        let instead = blocks_under(rule.docs, "## Use instead");
        if examples.is_empty() || instead.is_empty() {
            failures.push(format!(
                "{name}: needs a dockerfile block under Example and Use instead"
            ));
        }
        for block in &examples {
            let analysis = analyze(block);
            if count(&analysis.diagnostics, name) == 0 {
                failures.push(format!("{name}: the example does not fire:\n{block}"));
            }
            if !syntax::parse(block).errors().is_empty() {
                failures.push(format!("{name}: the example has a syntax error:\n{block}"));
            }
        }
        for block in &instead {
            let analysis = analyze(block);
            if count(&analysis.diagnostics, name) != 0 {
                failures.push(format!("{name}: `Use instead` fires:\n{block}"));
            }
            if !syntax::parse(block).errors().is_empty() {
                failures.push(format!(
                    "{name}: `Use instead` has a syntax error:\n{block}"
                ));
            }
        }
        for heading in ["BuildKit", "hadolint"] {
            if !rule.docs.contains(heading) {
                failures.push(format!(
                    "{name}: the docs do not say whether {heading} has an equivalent"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every diagnostic covers at least one byte of the source, on character
/// boundaries, and every fix edits inside the source.
fn check_ranges(name: &str, source: &str, diagnostics: &[Diagnostic], failures: &mut Vec<String>) {
    for d in diagnostics {
        let r = d.range;
        let well_placed = r.start < r.end
            && r.end <= source.len()
            && source.is_char_boundary(r.start)
            && source.is_char_boundary(r.end);
        if !well_placed {
            failures.push(format!("{name}: {} has range {r:?}: {}", d.rule, d.message));
        }
        if d.message.trim().is_empty() {
            failures.push(format!("{name}: {} has an empty message", d.rule));
        }
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                if e.range.start > e.range.end || e.range.end > source.len() {
                    failures.push(format!("{name}: {} fix edits {:?}", d.rule, e.range));
                }
            }
        }
    }
}

#[test]
fn the_real_world_corpus_gets_well_placed_and_sensible_diagnostics() {
    let mut failures = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BASE_RULES.iter().map(|r| (*r, 0)).collect();
    for (name, source) in corpus() {
        let analysis = analyze(&source);
        check_ranges(&name, &source, &analysis.diagnostics, &mut failures);
        for d in &analysis.diagnostics {
            if let Some(n) = counts.get_mut(d.rule) {
                *n += 1;
            }
        }
        // The official images' build files name tags and official or vendor
        // bases; the only retired bases are the ones named after retired releases.
        for rule in ["untagged-image", "latest-tag", "unofficial-image"] {
            if count(&analysis.diagnostics, rule) != 0 {
                failures.push(format!(
                    "{name}: {rule} fires on an official image's build file"
                ));
            }
        }
        let retired = ["bullseye", "plucky", "questing"]
            .iter()
            .any(|r| name.contains(r));
        if retired != (count(&analysis.diagnostics, "deprecated-image") == 1) {
            failures.push(format!(
                "{name}: deprecated-image should fire exactly when the release is retired"
            ));
        }
        // The python images purge their compilers in the same RUN.
        if name.starts_with("docker-library+python")
            && count(&analysis.diagnostics, "build-toolchain-in-final-stage") != 0
        {
            failures.push(format!("{name}: the compilers are purged in the same RUN"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let table: String = counts
        .iter()
        .map(|(rule, n)| format!("{rule}: {n}\n"))
        .collect();
    // Pinned so a change in the rules or the catalogue shows up here; review
    // the new figures with `fromlab check` on the corpus before updating.
    assert_eq!(
        table,
        "build-toolchain-in-final-stage: 10\n\
         deprecated-image: 9\n\
         floating-tag: 3\n\
         full-base-in-final-stage: 17\n\
         latest-tag: 0\n\
         no-debug-plan: 0\n\
         root-user: 136\n\
         unofficial-image: 0\n\
         unpinned-digest: 142\n\
         untagged-image: 0\n"
    );
}

/// Pieces that FROM lines and final stages are made of, for the property test.
fn dockerfile() -> impl Strategy<Value = String> {
    let image = prop::sample::select(vec![
        "python",
        "python:latest",
        "python:3",
        "python:3.12-slim",
        "node:lts",
        "node:18",
        "golang:1.22",
        "debian:bullseye",
        "alpine:3.19",
        "scratch",
        "someone/x:1",
        "ghcr.io/a/b:2",
        "gcr.io/distroless/static-debian12:nonroot",
        "cgr.dev/chainguard/static",
        "openjdk:11",
        "buildpack-deps:trixie",
        "python:3.12@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "${BASE}",
        "$BASE:${TAG}",
        "python:${TAG",
        "build",
        "x:",
        "@sha256:zz",
        "",
        "UPPER/Case:1",
        "café:1",
        "a//b",
    ]);
    let tail = prop::sample::select(vec![
        "",
        "USER root\n",
        "USER 0:0\n",
        "USER app\n",
        "USER ${U}\n",
        "RUN apt-get install -y gcc\n",
        "RUN apk add --virtual .d gcc && apk del .d\n",
        "COPY --from=build /bin/busybox /busybox\n",
        "RUN <<EOF\nmicrodnf install gcc\nEOF\n",
        "FROM build\n",
        "\\\n",
        "ARG BASE=alpine\n",
    ]);
    prop::collection::vec((image, prop::bool::ANY, tail), 1..5).prop_map(|stages| {
        let mut out = String::from("ARG BASE=python\nARG TAG=3.12\n");
        for (i, (image, named, tail)) in stages.into_iter().enumerate() {
            out.push_str("FROM ");
            out.push_str(image);
            if named {
                out.push_str(if i == 0 { " AS build" } else { " AS Stage" });
            }
            out.push('\n');
            out.push_str(tail);
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn base_rules_never_panic_and_place_every_diagnostic(source in dockerfile()) {
        let analysis = analyze(&source);
        let mut failures = Vec::new();
        check_ranges("generated", &source, &analysis.diagnostics, &mut failures);
        for d in analysis.diagnostics.iter().filter(|d| BASE_RULES.contains(&d.rule)) {
            if let Some(fix) = &d.fix {
                let fixed = fix.apply(&source);
                let after = analyze(&fixed);
                check_ranges("fixed", &fixed, &after.diagnostics, &mut failures);
            }
        }
        prop_assert!(failures.is_empty(), "{}\n{source}", failures.join("\n"));
    }
}

#[test]
fn retired_releases_cover_tags_without_rows() {
    let catalogue = Catalogue::builtin();
    let retired = |text: &str| {
        let resolution = catalogue.resolve_str(text);
        catalogue
            .retirement(&resolution)
            .map(|r| (r.deprecation.date.to_string(), r.by))
    };
    for (text, date) in [
        ("node:18-slim", "2026-04-30"),
        ("node:20.11-alpine", "2026-04-30"),
        ("node:23-alpine", "2025-06-01"),
        ("golang:1.21.5", "2025-08-12"),
        ("golang:1.23-alpine", "2025-08-12"),
        ("python:3.8", "2025-10"),
        ("python:3.9.18-slim-bookworm", "2025-10"),
        ("python:3.12-bullseye", "2026-08-31"),
        ("debian:buster", "2024-06-30"),
        ("debian:10-slim", "2024-06-30"),
        ("debian:9", "2022-06-30"),
        ("ubuntu:bionic", "2023-05-31"),
        ("ubuntu:16.04", "2023-05-31"),
        ("ubuntu:23.10", "2024-07-11"),
        ("alpine:3.17", "2025-11-01"),
        ("ruby:3.3-alpine3.19", "2025-11-01"),
        ("postgres:12", "2025-11-13"),
        ("gcr.io/distroless/nodejs18-debian12", "2026-02-27"),
        ("gcr.io/distroless/java17-debian12", "2026-02-27"),
        ("gcr.io/distroless/base-nossl-debian12", "2026-09"),
        ("gcr.io/distroless/static-debian11", "2026-09"),
        ("php:8.2-fpm-bullseye", "2026-08-31"),
    ] {
        let found = retired(text).unwrap_or_else(|| panic!("{text}: not retired"));
        assert_eq!(found.0, date, "{text}: {:?}", found.1);
    }
    for text in [
        "node:22-bookworm-slim",
        "node:24-alpine",
        "node:bookworm",
        "golang:1.25",
        "python:3",
        "python:3.10-slim",
        "python:3.12-slim-trixie",
        "debian:bookworm",
        "debian:12",
        "ubuntu:22.04",
        "ubuntu:24.04",
        "ubuntu:26.04",
        "alpine:3.21",
        "alpine:3.24",
        "postgres:17",
        "gcr.io/distroless/static-debian13",
        "gcr.io/distroless/python3-debian13:nonroot",
        "eclipse-temurin:21-jre-noble",
        "php:8.3-fpm-trixie",
        "scratch",
    ] {
        assert_eq!(retired(text), None, "{text}");
    }
    // Why each applies, so the rule can say it in words.
    assert!(matches!(
        retired("node:18").map(|r| r.1),
        Some(RetiredBy::Release { older: true, .. })
    ));
    assert!(matches!(
        retired("node:21").map(|r| r.1),
        Some(RetiredBy::Release { older: false, .. })
    ));
    assert!(matches!(
        retired("python:3.12-bullseye").map(|r| r.1),
        Some(RetiredBy::Distro { older: false, .. })
    ));
    assert!(matches!(
        retired("node:22-alpine3.18").map(|r| r.1),
        Some(RetiredBy::Distro { older: true, .. })
    ));
    assert!(matches!(
        retired("node:20-bookworm").map(|r| r.1),
        Some(RetiredBy::Image(_))
    ));
    assert!(matches!(
        retired("openjdk:8").map(|r| r.1),
        Some(RetiredBy::Family(_))
    ));
    // The resolution carries the same answer.
    let resolution = catalogue.resolve_str("node:16");
    assert_eq!(
        resolution.deprecation.map(|d| d.status),
        Some(DeprecationStatus::EndOfLife)
    );
}

#[test]
fn families_say_what_pins_their_tags_and_list_releases_in_order() {
    let catalogue = Catalogue::builtin();
    for family in catalogue.families.iter() {
        if family.name != "scratch" {
            assert!(family.anchor.is_some(), "{}: no anchor", family.name);
        }
        // `and_older` releases are listed oldest first, so the nearest one
        // above an older tag is found first.
        let keys: Vec<Vec<u64>> = family
            .releases
            .iter()
            .filter(|r| r.and_older)
            .filter_map(|r| r.version.as_deref())
            .map(|v| v.split('.').filter_map(|p| p.parse().ok()).collect())
            .collect();
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "{}: releases out of order",
            family.name
        );
        for release in family.releases.iter() {
            assert!(!release.source.trim().is_empty(), "{}", release.title);
        }
    }
    for registry in catalogue.registries.iter() {
        assert!(!registry.source.trim().is_empty(), "{}", registry.prefix);
    }
}

#[test]
fn the_checker_finds_broken_lifecycle_and_registry_data() {
    let cases = [
        (
            "title = \"Go 1.23\"\nversion = \"1.23\"",
            "title = \"Go 1.23\"\nversion = \"one\"",
            "not a number",
        ),
        (
            "source = \"PEP 596 (Python 3.9 release schedule); devguide.python.org/versions\"",
            "source = \" \"",
            "no source",
        ),
        ("date = \"2025-11-13\"", "date = \"November\"", "not a date"),
        (
            "prefix = \"mcr.microsoft.com/\"",
            "prefix = \"mcr.microsoft.com\"",
            "must end with `/`",
        ),
        (
            "title = \"PostgreSQL 13\"\nversion = \"13\"",
            "title = \"PostgreSQL 13\"",
            "neither a version nor a distro word",
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
