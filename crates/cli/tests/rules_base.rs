//! `fromlab check` as a learner sees it, for each base-image rule (FL101–FL110):
//! the rendered diagnostic with its source line, underline, fix and lesson.
//! Only the blocks of the rule under test are kept, so other rules joining
//! the registry do not disturb these snapshots.

use std::io::Write;
use std::process::{Command, Stdio};

use expect_test::{Expect, expect};

/// Runs `fromlab check -` on `source` and returns the blocks of `rule`.
fn check(source: &str, rule: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fromlab"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fromlab");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(source.as_bytes())
        .expect("write stdin");
    let output = child.wait_with_output().expect("fromlab output");
    assert!(
        output.status.code().is_some_and(|c| c == 0 || c == 1),
        "fromlab failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("utf-8 stdout");
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let starts_block = line
            .strip_prefix("<stdin>:")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        if starts_block || line.starts_with("<stdin>: ") {
            blocks.extend(current.take());
            if starts_block {
                current = Some(String::new());
            }
        }
        if let Some(block) = current.as_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks.extend(current);
    let tag = format!("[{rule}]");
    let kept: String = blocks
        .into_iter()
        .filter(|b| b.lines().next().is_some_and(|h| h.contains(&tag)))
        .collect();
    assert!(!kept.is_empty(), "{rule} did not fire:\n{text}");
    kept
}

fn snapshot(source: &str, rule: &str, expected: Expect) {
    expected.assert_eq(&check(source, rule));
}

#[test]
fn untagged_image() {
    snapshot(
        "FROM alpine\nRUN apk add --no-cache curl\n",
        "untagged-image",
        expect![[r#"
            <stdin>:1:6: warning[untagged-image]: alpine has no tag, so Docker pulls `latest`, which moves (the catalogue saw it at alpine:3.24 on 2026-09-17): name the version you tested
             1 | FROM alpine
               |      ^^^^^^
               = learn more: the lesson "pinning-tags-and-digests"
        "#]],
    );
}

#[test]
fn latest_tag() {
    snapshot(
        "FROM debian:latest\nRUN apt-get update\n",
        "latest-tag",
        expect![[r#"
            <stdin>:1:13: warning[latest-tag]: debian:latest uses the `latest` tag, which moves (the catalogue saw it at debian:trixie on 2026-08-13): name the version you tested
             1 | FROM debian:latest
               |             ^^^^^^
               = fix: Pin `trixie`, the release `latest` pointed at on 2026-08-13
               = learn more: the lesson "pinning-tags-and-digests"
        "#]],
    );
}

#[test]
fn floating_tag() {
    snapshot(
        "FROM python:3.12-slim AS build\nRUN pip wheel -w /w requests\n",
        "floating-tag",
        expect![[r#"
            <stdin>:1:13: info[floating-tag]: python:3.12-slim is a floating tag: it names no distribution release (such as `-trixie`), so the OS underneath changes when the default moves
             1 | FROM python:3.12-slim AS build
               |             ^^^^^^^^^
               = fix: Pin `3.12-slim-trixie`, the release this tag pointed at on 2026-08-05
               = learn more: the lesson "pinning-tags-and-digests"
        "#]],
    );
}

#[test]
fn unpinned_digest() {
    snapshot(
        "FROM golang:1.22-bookworm AS build\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /app /app\n",
        "unpinned-digest",
        expect![[r#"
            <stdin>:4:6: info[unpinned-digest]: The final image builds on gcr.io/distroless/static-debian13:nonroot, named by tag only, and its publisher has no version tags: a digest (`@sha256:…`) is the only way to pin it
             4 | FROM gcr.io/distroless/static-debian13:nonroot
               |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
               = learn more: the lesson "pinning-tags-and-digests"
        "#]],
    );
}

#[test]
fn unofficial_image() {
    snapshot(
        "FROM someuser/python-fast:3.12\n",
        "unofficial-image",
        expect![[r#"
            <stdin>:1:6: warning[unofficial-image]: someuser/python-fast:3.12 is a community image on Docker Hub: not a Docker Official Image, and not from a publisher the catalogue knows
             1 | FROM someuser/python-fast:3.12
               |      ^^^^^^^^^^^^^^^^^^^^
               = learn more: the lesson "official-images-and-supply-chain"
        "#]],
    );
}

#[test]
fn deprecated_image() {
    snapshot(
        "FROM node:20-alpine AS web\nRUN npm ci\n",
        "deprecated-image",
        expect![[r#"
            <stdin>:1:6: warning[deprecated-image]: node:20-alpine has been end of life since 2026-04-30; use node:24-alpine instead
             1 | FROM node:20-alpine AS web
               |      ^^^^^^^^^^^^^^
               = fix: Move to `node:24-alpine`; a newer release, so test it
               = learn more: the lesson "official-images-and-supply-chain"
        "#]],
    );
}

#[test]
fn full_base_in_final_stage() {
    snapshot(
        "FROM python:3.12\nCOPY . /app\nCMD [\"python\", \"/app/main.py\"]\n",
        "full-base-in-final-stage",
        expect![[r#"
            <stdin>:1:6: warning[full-base-in-final-stage]: The final image ships python:3.12, the full variant: about 1.1 GB on disk, with gcc, g++, make and about 40 -dev libraries (buildpack-deps); python:3.12-slim is about 991 MB smaller on disk
             1 | FROM python:3.12
               |      ^^^^^^^^^^^
               = fix: Switch to `python:3.12-slim`; it has no compilers or -dev packages, so check every RUN
               = learn more: the lesson "full-vs-slim"
        "#]],
    );
}

#[test]
fn build_toolchain_in_final_stage() {
    snapshot(
        "FROM debian:trixie-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends build-essential libpq5 \\\n && rm -rf /var/lib/apt/lists/*\n",
        "build-toolchain-in-final-stage",
        expect![[r#"
            <stdin>:3:48: warning[build-toolchain-in-final-stage]: `build-essential` is installed in the final image and never removed: a build tool the running program does not need; install it in a build stage, or remove it in the same RUN
             3 |  && apt-get install -y --no-install-recommends build-essential libpq5 \
               |                                                ^^^^^^^^^^^^^^^
               = learn more: the lesson "multi-stage-final-image"
        "#]],
    );
}

#[test]
fn no_debug_plan() {
    snapshot(
        "FROM golang:1.22-bookworm AS build\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n",
        "no-debug-plan",
        expect![[r#"
            <stdin>:4:6: info[no-debug-plan]: The final image is built on scratch: no shell and no tools, so `docker exec` has nothing to run; decide now how you will debug it (a debug stage, `docker debug`, `kubectl debug`)
             4 | FROM scratch
               |      ^^^^^^^
               = learn more: the lesson "debugging-without-a-shell"
        "#]],
    );
}

#[test]
fn root_user() {
    snapshot(
        "FROM node:22-bookworm-slim\nUSER node\nRUN npm ci\nUSER root\nCMD [\"node\", \"server.js\"]\n",
        "root-user",
        expect![[r#"
            <stdin>:4:6: warning[root-user]: `USER root` is the last user of the final stage, so the container runs as root
             4 | USER root
               |      ^^^^
               = learn more: the lesson "auditing-and-choosing"
        "#]],
    );
}
