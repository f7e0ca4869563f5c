//! `fromlab check` as a learner sees it for the compatibility and size-habit
//! rules (FL2xx and FL3xx): the rendered text of their diagnostics, with the
//! underline, the fix and the lesson, on Dockerfiles that make the classic
//! mistakes of moving to Alpine, distroless and scratch.
//!
//! Other rules (base images, BuildKit's checks) also report on these files;
//! the snapshots keep only the blocks of the rules this file is about, so
//! they change only when these rules do.

use std::io::Write;
use std::process::{Command, Stdio};

use expect_test::{Expect, expect};

/// The codes of the rules under test.
fn ours(code: &str) -> bool {
    code.starts_with("FL2") || code.starts_with("FL3")
}

/// Runs `fromlab check -` on `source`, returns the exit status, the blocks of
/// the rules under test, and the summary line.
fn check(source: &str) -> (Option<i32>, String, String) {
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
    let out = child.wait_with_output().expect("fromlab output");
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    let codes: Vec<(&str, &str)> = fromlab_rules();
    let mut kept = String::new();
    let mut keep = false;
    let mut summary = String::new();
    for line in text.lines() {
        if line.starts_with("<stdin>:") {
            // A header (`<stdin>:3:5: error[rule]: ...`) or the summary.
            keep = codes
                .iter()
                .any(|(name, code)| ours(code) && line.contains(&format!("[{name}]: ")));
            if !line.contains("]: ") {
                summary = line.to_owned();
            }
        }
        if keep {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    (out.status.code(), kept, summary)
}

/// `(name, code)` of every rule.
fn fromlab_rules() -> Vec<(&'static str, &'static str)> {
    fromlab_engine::rules::RULES
        .iter()
        .map(|r| (r.name, r.code))
        .collect()
}

fn snapshot(source: &str, expected: Expect) {
    let (status, kept, summary) = check(source);
    assert!(
        summary.starts_with("<stdin>: ") && summary.contains("error"),
        "summary line: {summary:?}"
    );
    expected.assert_eq(&kept);
    // Errors make the command fail; these files all have one.
    assert_eq!(status, Some(1));
}

#[test]
fn moving_a_python_service_to_alpine() {
    snapshot(
        r#"FROM python:3.12-alpine
RUN apt-get update && apt-get install -y libpq-dev
RUN apk add build-base postgresql-dev
RUN pip install numpy==1.24.4 psycopg2-binary
RUN rm -rf /var/cache/apk/*
CMD ["python", "-m", "app"]
"#,
        expect![[r#"
            <stdin>:2:5: error[package-manager-mismatch]: `apt-get` is Debian's and Ubuntu's package manager, but python:3.12-alpine has apk: use `apk add --no-cache` (Alpine's package names differ, and its packages are built for musl)
             2 | RUN apt-get update && apt-get install -y libpq-dev
               |     ^^^^^^^
               = learn more: the lesson "alpine-and-musl"
            <stdin>:3:9: warning[apk-cache-kept]: `apk add` without --no-cache leaves Alpine's package index (1.5–3.5 MB on disk) in /var/cache/apk, and this RUN never removes it, so it stays in the layer
             3 | RUN apk add build-base postgresql-dev
               |         ^^^
               = fix: Add --no-cache
               = learn more: the lesson "alpine-and-musl"
            <stdin>:4:9: warning[pip-cache-kept]: `pip install` keeps every downloaded wheel in its cache (about 19 MB of wheels for the packages fromlab knows), and this RUN leaves the cache in the layer
             4 | RUN pip install numpy==1.24.4 psycopg2-binary
               |         ^^^^^^^
               = fix: Add --no-cache-dir
               = learn more: the lesson "measuring-size-saved"
            <stdin>:4:17: warning[musl-python-wheels]: numpy==1.24.4 predates its first musllinux wheel (1.25.0), so on musl (python:3.12-alpine) pip compiles it from source, which needs gfortran, openblas-dev, linux-headers installed first or the build fails
             4 | RUN pip install numpy==1.24.4 psycopg2-binary
               |                 ^^^^^^^^^^^^^
               = learn more: the lesson "alpine-and-musl"
            <stdin>:5:12: warning[cache-cleaned-in-later-layer]: Removing apk's package index here saves nothing: the layer of the RUN on line 3 still holds a copy, and a later RUN cannot shrink it; clean up in that RUN
             5 | RUN rm -rf /var/cache/apk/*
               |            ^^^^^^^^^^^^^^^^
               = learn more: the lesson "measuring-size-saved"
        "#]],
    );
}

#[test]
fn shipping_a_go_service_on_scratch() {
    snapshot(
        r#"FROM golang:1.23-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /out/server ./cmd/server

FROM scratch
COPY --from=build /out/server /server
ENV UPSTREAM=https://api.example.com
CMD /server --port 8080
"#,
        expect![[r#"
            <stdin>:7:19: error[dynamic-binary-on-scratch]: /out/server is built by `go build` in stage build (golang:1.23-bookworm, line 4), which links glibc dynamically: cgo is on by default where a C compiler is installed, as here, and then the net and os/user packages use the C library; scratch has no C library, so it fails to start with "no such file or directory"
             7 | COPY --from=build /out/server /server
               |                   ^^^^^^^^^^^
               = fix: Build it with CGO_ENABLED=0 (a static binary)
               = learn more: the lesson "scratch-and-static-binaries"
            <stdin>:9:5: error[shell-required-on-shell-less-base]: Shell-form CMD runs through /bin/sh, but scratch has no shell: the container fails to start; write it in exec form
             9 | CMD /server --port 8080
               |     ^^^^^^^^^^^^^^^^^^^
               = fix: Write it in exec form
               = learn more: the lesson "distroless"
            <stdin>:6:6: warning[missing-ca-certificates]: This scratch image has no CA certificates, and ENV UPSTREAM names an https:// address: TLS connections will fail with "certificate signed by unknown authority"
             6 | FROM scratch
               |      ^^^^^^^
               = fix: Copy the CA bundle from stage build
               = learn more: the lesson "scratch-and-static-binaries"
        "#]],
    );
}

#[test]
fn debian_habits_that_cost_size() {
    snapshot(
        r#"FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl
RUN rm -rf /var/lib/apt/lists/*
RUN apk add --no-cache jq
"#,
        expect![[r#"
            <stdin>:4:5: error[package-manager-mismatch]: `apk` is Alpine's package manager, but debian:bookworm-slim has apt: use `apt-get install` (package names differ between distributions)
             4 | RUN apk add --no-cache jq
               |     ^^^
               = learn more: the lesson "alpine-and-musl"
            <stdin>:2:5: warning[apt-lists-kept]: This RUN downloads the apt package lists (20–45 MB on disk) and never removes them, so they stay in the layer
             2 | RUN apt-get update && apt-get install -y curl
               |     ^^^^^^^^^^^^^^
               = fix: Remove the apt lists in the same RUN
               = learn more: the lesson "measuring-size-saved"
            <stdin>:3:12: warning[cache-cleaned-in-later-layer]: Removing the apt package lists here saves nothing: the layer of the RUN on line 2 still holds a copy, and a later RUN cannot shrink it; clean up in that RUN
             3 | RUN rm -rf /var/lib/apt/lists/*
               |            ^^^^^^^^^^^^^^^^^^^^
               = learn more: the lesson "measuring-size-saved"
            <stdin>:2:31: info[apt-install-recommends]: `apt-get install` without --no-install-recommends also installs every package these recommend (about 9.0 MB more on disk for the packages fromlab knows)
             2 | RUN apt-get update && apt-get install -y curl
               |                               ^^^^^^^
               = fix: Add --no-install-recommends
               = learn more: the lesson "full-vs-slim"
        "#]],
    );
}
