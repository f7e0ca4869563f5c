//! `fromlab check` on Docker's own build checks (`FL401`-`FL421`), run as a
//! real process: the rendered text of each finding (source line, underline,
//! fix and lesson), the JSON of a fix, BuildKit's `# check=` directive, and
//! `fromlab explain`.
//!
//! The snapshots keep only the build-check findings, so the base-image and
//! compatibility rules can evolve without touching them.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use expect_test::expect;

fn fromlab(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fromlab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fromlab");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("fromlab output")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

/// The text output reduced to the findings of the build-check rules: a
/// finding is its `<stdin>:line:col: severity[rule]: ...` line and the
/// indented lines under it.
fn build_check_findings(text: &str) -> String {
    let mut out = String::new();
    let mut keep = false;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("<stdin>:") {
            keep = rest.split(": ").nth(1).is_some_and(|head| {
                head.split_once('[')
                    .and_then(|(_, r)| r.strip_suffix(']'))
                    .is_some_and(|rule| BUILD_CHECKS.contains(&rule))
            });
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The names of the build-check rules.
const BUILD_CHECKS: [&str; 21] = [
    "stage-name-casing",
    "from-as-casing",
    "empty-continuation",
    "inconsistent-instruction-casing",
    "duplicate-stage-name",
    "reserved-stage-name",
    "shell-form-command",
    "maintainer-instruction",
    "undefined-arg-in-from",
    "relative-workdir",
    "undefined-variable",
    "repeated-instruction",
    "legacy-key-value",
    "redundant-target-platform",
    "secret-in-arg-or-env",
    "invalid-default-arg-in-from",
    "constant-platform-flag",
    "expose-protocol-casing",
    "expose-invalid-format",
    "copy-from-undefined-stage",
    "copy-from-own-stage",
];

const DOCKERFILE: &str = r#"# syntax=docker/dockerfile:1
ARG PYTHON_VERSION=3.12
FROM --platform=$TARGETPLATFORM python:${PYTHON_VERSON}-slim-bookworm as Build
MAINTAINER Ada Lovelace <ada@example.org>
ENV APP_HOME /srv/app
ARG NPM_TOKEN
WORKDIR app
copy --chown=$APP_USER . $APP_HOME
RUN pip install --no-cache-dir -r requirements.txt && \

    python -m compileall .
EXPOSE 8000:8000/TCP
CMD python -m app
CMD ["python", "-m", "app"]

FROM --platform=linux/arm64 gcr.io/distroless/python3-debian12 AS build
COPY --from=buidl /srv/app /srv/app
COPY --from=build /srv/app /srv/app2
FROM scratch AS context
"#;

#[test]
fn check_renders_every_build_check_finding() {
    let out = fromlab(&["check", "-"], DOCKERFILE);
    assert_eq!(out.status.code(), Some(1), "errors make the exit status 1");
    expect![[r#"
        <stdin>:16:67: error[duplicate-stage-name]: stage name `build` is already used by the stage on line 3; give each stage its own name
         16 | FROM --platform=linux/arm64 gcr.io/distroless/python3-debian12 AS build
            |                                                                   ^^^^^
            = learn more: the lesson "multi-stage-final-image"
        <stdin>:18:13: error[copy-from-own-stage]: `COPY --from=build` copies from `build`, the stage it is in: BuildKit stops with a circular dependency
         18 | COPY --from=build /srv/app /srv/app2
            |             ^^^^^
            = learn more: the lesson "multi-stage-final-image"
        <stdin>:19:17: error[reserved-stage-name]: `context` is reserved: BuildKit uses it for the build context; name the stage something else
         19 | FROM scratch AS context
            |                 ^^^^^^^
            = learn more: the lesson "multi-stage-final-image"
        <stdin>:3:33: warning[invalid-default-arg-in-from]: with the `ARG` defaults, `python:${PYTHON_VERSON}-slim-bookworm` reads `python:-slim-bookworm`, which is not a valid image name: a tag must start with a letter, digit or `_`
         3 | FROM --platform=$TARGETPLATFORM python:${PYTHON_VERSON}-slim-bookworm as Build
           |                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
           = learn more: the lesson "pinning-tags-and-digests"
        <stdin>:3:40: warning[undefined-arg-in-from]: `PYTHON_VERSON` is not declared by an `ARG` before the first `FROM`, so it is empty here (did you mean `PYTHON_VERSION`?)
         3 | FROM --platform=$TARGETPLATFORM python:${PYTHON_VERSON}-slim-bookworm as Build
           |                                        ^^^^^^^^^^^^^^^^
           = learn more: the lesson "pinning-tags-and-digests"
        <stdin>:3:71: warning[from-as-casing]: `as` is not in the same case as `FROM`: write `AS`
         3 | FROM --platform=$TARGETPLATFORM python:${PYTHON_VERSON}-slim-bookworm as Build
           |                                                                       ^^
           = fix: Write `AS`
           = learn more: the lesson "multi-stage-final-image"
        <stdin>:3:74: warning[stage-name-casing]: stage name `Build` has upper-case letters; BuildKit treats it as `build`
         3 | FROM --platform=$TARGETPLATFORM python:${PYTHON_VERSON}-slim-bookworm as Build
           |                                                                          ^^^^^
           = fix: Rename the stage `build`
           = learn more: the lesson "multi-stage-final-image"
        <stdin>:4:1: warning[maintainer-instruction]: `MAINTAINER` is deprecated: record the author in the `org.opencontainers.image.authors` label
         4 | MAINTAINER Ada Lovelace <ada@example.org>
           | ^^^^^^^^^^
           = fix: Use `LABEL org.opencontainers.image.authors`
           = learn more: the lesson "official-images-and-supply-chain"
        <stdin>:5:5: warning[legacy-key-value]: `ENV APP_HOME ...` is the legacy form: write `ENV APP_HOME=...`
         5 | ENV APP_HOME /srv/app
           |     ^^^^^^^^^^^^^^^^^
           = fix: Write `ENV APP_HOME=/srv/app`
           = learn more: the lesson "auditing-and-choosing"
        <stdin>:6:5: warning[secret-in-arg-or-env]: `ARG NPM_TOKEN` looks like a secret: its value stays readable in the image's history and configuration
         6 | ARG NPM_TOKEN
           |     ^^^^^^^^^
           = learn more: the lesson "official-images-and-supply-chain"
        <stdin>:7:9: warning[relative-workdir]: `app` is relative to the working directory of `python:${PYTHON_VERSON}-slim-bookworm`, which this Dockerfile never sets
         7 | WORKDIR app
           |         ^^^
           = fix: Write `/app` (if the base image works in `/`)
           = learn more: the lesson "from-sets-the-floor"
        <stdin>:8:1: warning[inconsistent-instruction-casing]: `copy` is not in upper case like most instructions in this file
         8 | copy --chown=$APP_USER . $APP_HOME
           | ^^^^
           = fix: Write `COPY`
           = learn more: the lesson "auditing-and-choosing"
        <stdin>:8:14: warning[undefined-variable]: `$APP_USER` is not defined by an `ARG` or `ENV` before this line, so it expands to nothing (unless the base image `python:${PYTHON_VERSON}-slim-bookworm` sets it)
         8 | copy --chown=$APP_USER . $APP_HOME
           |              ^^^^^^^^^
           = learn more: the lesson "auditing-and-choosing"
        <stdin>:9:55: warning[empty-continuation]: this RUN continues onto a blank line; Docker skips it today but plans to reject it
         9 | RUN pip install --no-cache-dir -r requirements.txt && \
           |                                                       ^
           = fix: Delete the blank line
           = learn more: the lesson "auditing-and-choosing"
        <stdin>:12:8: warning[expose-invalid-format]: `8000:8000/TCP` gives a host port, which EXPOSE ignores: only the container port `8000/TCP` is recorded
         12 | EXPOSE 8000:8000/TCP
            |        ^^^^^^^^^^^^^
            = fix: Write `8000/TCP`
            = learn more: the lesson "auditing-and-choosing"
        <stdin>:12:8: warning[expose-protocol-casing]: protocol `TCP` in `8000:8000/TCP` should be lower case: `tcp`
         12 | EXPOSE 8000:8000/TCP
            |        ^^^^^^^^^^^^^
            = fix: Write `tcp`
            = learn more: the lesson "auditing-and-choosing"
        <stdin>:13:1: warning[repeated-instruction]: this CMD has no effect: the CMD on line 14 replaces it (only the last one in a stage counts)
         13 | CMD python -m app
            | ^^^^^^^^^^^^^^^^^
            = fix: Delete this CMD
            = learn more: the lesson "auditing-and-choosing"
        <stdin>:13:5: warning[shell-form-command]: CMD in shell form runs under `/bin/sh -c`, which can keep signals such as SIGTERM from reaching the program
         13 | CMD python -m app
            |     ^^^^^^^^^^^^^
            = fix: Write `CMD ["python", "-m", "app"]`
            = learn more: the lesson "distroless"
        <stdin>:17:13: warning[copy-from-undefined-stage]: no stage is named `buidl`, so BuildKit will try to pull an image called `buidl` from Docker Hub (did you mean `build`?)
         17 | COPY --from=buidl /srv/app /srv/app
            |             ^^^^^
            = learn more: the lesson "multi-stage-final-image"
        <stdin>:3:6: info[redundant-target-platform]: `--platform=$TARGETPLATFORM` repeats the default: every stage is built for the target platform
         3 | FROM --platform=$TARGETPLATFORM python:${PYTHON_VERSON}-slim-bookworm as Build
           |      ^^^^^^^^^^^^^^^^^^^^^^^^^^
           = fix: Remove the `--platform` flag
           = learn more: the lesson "multi-stage-final-image"
        <stdin>:16:6: info[constant-platform-flag]: `--platform=linux/arm64` pins this stage to one platform: built elsewhere, it runs under emulation
         16 | FROM --platform=linux/arm64 gcr.io/distroless/python3-debian12 AS build
            |      ^^^^^^^^^^^^^^^^^^^^^^
            = learn more: the lesson "multi-stage-final-image"
    "#]]
    .assert_eq(&build_check_findings(&stdout(&out)));
}

#[test]
fn check_json_carries_the_fixes() {
    let out = fromlab(&["check", "--format", "json", "-"], DOCKERFILE);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let find = |rule: &str| {
        v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .find(|d| d["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule}"))
            .clone()
    };
    let legacy = find("legacy-key-value");
    assert_eq!(legacy["code"], "FL413");
    assert_eq!(legacy["line"], 5);
    assert_eq!(legacy["fix"]["safety"], "safe");
    assert_eq!(legacy["fix"]["edits"][0]["replacement"], "=");
    assert_eq!(legacy["fix"]["edits"][0]["column"], 13);
    let shell = find("shell-form-command");
    assert_eq!(shell["fix"]["safety"], "unsafe");
    assert_eq!(
        shell["fix"]["edits"][0]["replacement"],
        r#"["python", "-m", "app"]"#
    );
    let own = find("copy-from-own-stage");
    assert_eq!(own["severity"], "error");
    assert!(own["fix"].is_null());
    assert_eq!(own["lesson"], "multi-stage-final-image");
}

#[test]
fn check_directive_skips_and_escalates_buildkit_checks() {
    let src =
        "# check=skip=StageNameCasing;error=true\nFROM scratch as Base\nCOPY --from=nope /a /b\n";
    let out = fromlab(&["check", "-"], src);
    expect![[r#"
        <stdin>:2:14: error[from-as-casing]: `as` is not in the same case as `FROM`: write `AS`
         2 | FROM scratch as Base
           |              ^^
           = fix: Write `AS`
           = learn more: the lesson "multi-stage-final-image"
        <stdin>:3:13: warning[copy-from-undefined-stage]: no stage is named `nope`, so BuildKit will try to pull an image called `nope` from Docker Hub
         3 | COPY --from=nope /a /b
           |             ^^^^
           = learn more: the lesson "multi-stage-final-image"
    "#]]
    .assert_eq(&build_check_findings(&stdout(&out)));
}

#[test]
fn explain_names_the_buildkit_check() {
    let out = fromlab(&["explain", "undefined-variable"], "");
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let head: Vec<&str> = text.lines().take(2).collect();
    expect![[r#"
        undefined-variable (FL411): A variable is used before any `ARG` or `ENV` defines it
        severity: warning; lesson: auditing-and-choosing; BuildKit check: UndefinedVar"#]]
    .assert_eq(&head.join("\n"));
    assert!(text.contains("This is BuildKit's build check `UndefinedVar`"));
}
