//! The compatibility and size-habit rules (FL2xx and FL3xx) beyond their
//! fixtures: every fix they offer, applied, removes its diagnostic and adds no
//! syntax error; fixes land exactly where they should (after continuations,
//! pipelines and heredoc lines); and on the real-world corpus of official
//! images every rule runs without panicking, with every range in bounds, and
//! these rules stay quiet on RUNs that are already written well.

mod common;

use std::path::{Path, PathBuf};

use fromlab_engine::analysis::analyze;
use fromlab_engine::diagnostic::{Diagnostic, Fix, FixSafety};
use fromlab_engine::model::run_scripts;
use fromlab_engine::rules::{Category, RULES};
use fromlab_engine::shell::{Action, CleanupKind, Manager};
use fromlab_engine::syntax::{self, TextRange};

/// The rules this file covers.
fn ours() -> Vec<&'static str> {
    RULES
        .iter()
        .filter(|r| matches!(r.category, Category::Compatibility | Category::SizeHabit))
        .map(|r| r.name)
        .collect()
}

fn fixtures(rule: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(rule);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "Dockerfile"))
        .collect();
    files.sort();
    files
}

/// Where `offset` moves when the fix's edits are applied.
fn map_offset(fix: &Fix, offset: usize) -> usize {
    let mut delta: isize = 0;
    for e in &fix.edits {
        if e.range.end <= offset && !(e.range.is_empty() && e.range.start == offset) {
            delta += e.replacement.len() as isize - e.range.len() as isize;
        } else if e.range.start < offset && offset < e.range.end {
            return (e.range.start as isize + delta) as usize;
        }
    }
    (offset as isize + delta) as usize
}

/// Applies one diagnostic's fix and checks it.
fn check_fix(source: &str, d: &Diagnostic, fix: &Fix) -> Result<(), String> {
    for e in &fix.edits {
        if e.range.end > source.len()
            || !source.is_char_boundary(e.range.start)
            || !source.is_char_boundary(e.range.end)
        {
            return Err(format!("edit {:?} does not fit the source", e.range));
        }
    }
    let fixed = fix.apply(source);
    if fixed == source {
        return Err("the fix changes nothing".to_owned());
    }
    let before = syntax::parse(source).errors().len();
    let after = syntax::parse(&fixed).errors().to_vec();
    if after.len() > before {
        return Err(format!("the fix adds syntax errors: {after:?}\n{fixed}"));
    }
    let at = map_offset(fix, d.range.start);
    let still = analyze(&fixed)
        .diagnostics
        .into_iter()
        .filter(|e| e.rule == d.rule && e.range.start == at)
        .collect::<Vec<_>>();
    if !still.is_empty() {
        return Err(format!(
            "the diagnostic is still there after the fix:\n{fixed}\n{still:?}"
        ));
    }
    Ok(())
}

#[test]
fn every_fix_removes_its_diagnostic_and_adds_no_syntax_error() {
    let mut failures = Vec::new();
    let mut fixes = 0;
    for rule in ours() {
        for path in fixtures(rule) {
            let source = std::fs::read_to_string(&path).expect("fixture");
            for d in analyze(&source)
                .diagnostics
                .iter()
                .filter(|d| d.rule == rule)
            {
                let Some(fix) = &d.fix else { continue };
                fixes += 1;
                if let Err(e) = check_fix(&source, d, fix) {
                    failures.push(format!("{} ({}): {e}", path.display(), d.message));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // The fixtures exercise the fixes of every rule that has one.
    assert!(fixes >= 20, "only {fixes} fixes were exercised");
}

/// The ```dockerfile blocks of one section of a rule's docs.
fn doc_blocks(docs: &str, heading: &str) -> Vec<String> {
    // Doc comments keep the space after `///`.
    let docs: String = docs
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let Some(start) = docs.find(heading) else {
        return Vec::new();
    };
    let section = &docs[start + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(open) = rest.find("```dockerfile\n") {
        let body = &rest[open + "```dockerfile\n".len()..];
        let Some(close) = body.find("```") else { break };
        blocks.push(body[..close].to_owned());
        rest = &body[close + 3..];
    }
    blocks
}

#[test]
fn every_example_fires_and_every_alternative_is_quiet() {
    let mut failures = Vec::new();
    for rule in RULES.iter().filter(|r| ours().contains(&r.name)) {
        let examples = doc_blocks(rule.docs, "## Example");
        let alternatives = doc_blocks(rule.docs, "## Use instead");
        if examples.is_empty() || alternatives.is_empty() {
            failures.push(format!(
                "{}: needs an example and an alternative",
                rule.name
            ));
        }
        for block in &examples {
            if !analyze(block)
                .diagnostics
                .iter()
                .any(|d| d.rule == rule.name)
            {
                failures.push(format!(
                    "{}: the example does not fire:\n{block}",
                    rule.name
                ));
            }
        }
        for block in &alternatives {
            let analysis = analyze(block);
            let fired: Vec<&Diagnostic> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.rule == rule.name)
                .collect();
            if !fired.is_empty() {
                failures.push(format!(
                    "{}: the alternative fires:\n{block}\n{fired:?}",
                    rule.name
                ));
            }
            if !syntax::parse(block).errors().is_empty() {
                failures.push(format!(
                    "{}: the alternative has syntax errors:\n{block}",
                    rule.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The source after applying the fix of the only diagnostic of `rule`.
fn fixed(source: &str, rule: &str) -> (String, FixSafety) {
    let analysis = analyze(source);
    let found: Vec<&Diagnostic> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .collect();
    assert_eq!(found.len(), 1, "{rule} on\n{source}\n{found:?}");
    let fix = found[0].fix.as_ref().expect("a fix");
    check_fix(source, found[0], fix).expect("a sound fix");
    (fix.apply(source), fix.safety)
}

#[test]
fn apt_lists_are_removed_after_the_last_apt_command() {
    let (out, safety) = fixed(
        "FROM debian:bookworm-slim\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl\\\n    && curl -V\n",
        "apt-lists-kept",
    );
    assert_eq!(
        out,
        "FROM debian:bookworm-slim\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\\\n    && curl -V\n"
    );
    assert_eq!(safety, FixSafety::Safe);
    // After the whole pipeline, not between its commands.
    let (out, _) = fixed(
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq | tee /log; echo done\n",
        "apt-lists-kept",
    );
    assert!(
        out.contains("| tee /log && rm -rf /var/lib/apt/lists/*; echo done"),
        "{out}"
    );
    // In a heredoc, on the line of the last apt command.
    let (out, _) = fixed(
        "FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\napt-get install -y --no-install-recommends curl # the client\ncurl -V\nEOF\n",
        "apt-lists-kept",
    );
    assert!(
        out.contains("curl && rm -rf /var/lib/apt/lists/* # the client\ncurl -V\n"),
        "{out}"
    );
    // A later RUN that installs with these lists makes the fix unsafe.
    let (_, safety) = fixed(
        "FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
        "apt-lists-kept",
    );
    assert_eq!(safety, FixSafety::Unsafe);
}

#[test]
fn flags_are_inserted_right_after_the_subcommand() {
    let (out, safety) = fixed(
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get -y install curl && rm -rf /var/lib/apt/lists/*\n",
        "apt-install-recommends",
    );
    assert!(
        out.contains("apt-get -y install --no-install-recommends curl"),
        "{out}"
    );
    assert_eq!(safety, FixSafety::Unsafe);
    let (out, safety) = fixed(
        "FROM alpine:3.21\nRUN apk add curl && apk add \\\n  git\n",
        "apk-cache-kept",
    );
    assert_eq!(
        out,
        "FROM alpine:3.21\nRUN apk add --no-cache curl && apk add --no-cache \\\n  git\n"
    );
    assert_eq!(safety, FixSafety::Safe);
    let (out, _) = fixed(
        "FROM alpine:3.21\nRUN apk update && apk add curl\n",
        "apk-cache-kept",
    );
    assert_eq!(
        out,
        "FROM alpine:3.21\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n"
    );
    let (out, safety) = fixed(
        "FROM python:3.12-slim\nRUN python -m pip install -U pip\n",
        "pip-cache-kept",
    );
    assert!(
        out.contains("python -m pip install --no-cache-dir -U pip"),
        "{out}"
    );
    assert_eq!(safety, FixSafety::Safe);
}

#[test]
fn compatibility_fixes_say_what_they_change() {
    let (out, safety) = fixed(
        "FROM gcr.io/distroless/static-debian12\nCOPY app /app\nCMD exec /app --port=80\n",
        "shell-required-on-shell-less-base",
    );
    assert!(out.ends_with("CMD [\"/app\", \"--port=80\"]\n"), "{out}");
    assert_eq!(safety, FixSafety::Unsafe);
    let (out, safety) = fixed(
        "FROM gcr.io/distroless/base-debian12:debug\nRUN mkdir /data",
        "shell-required-on-shell-less-base",
    );
    assert_eq!(
        out,
        "FROM gcr.io/distroless/base-debian12:debug\nSHELL [\"/busybox/sh\", \"-c\"]\nRUN mkdir /data"
    );
    assert_eq!(safety, FixSafety::Safe);
    let (out, safety) = fixed(
        "FROM golang:1.23 AS build\nRUN go mod download && \\\n    go build -o /app .\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ /etc/ssl/certs/\nCOPY --from=build /app /app\n",
        "dynamic-binary-on-scratch",
    );
    assert!(
        out.contains("&& \\\n    CGO_ENABLED=0 go build -o /app ."),
        "{out}"
    );
    assert_eq!(safety, FixSafety::Unsafe);
    let (out, safety) = fixed(
        "FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app",
        "missing-ca-certificates",
    );
    assert_eq!(
        out,
        "FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /app /app"
    );
    assert_eq!(safety, FixSafety::Unsafe);
}

fn corpus() -> Vec<PathBuf> {
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
}

fn in_bounds(source: &str, r: TextRange) -> bool {
    r.start <= r.end
        && r.end <= source.len()
        && source.is_char_boundary(r.start)
        && source.is_char_boundary(r.end)
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn the_official_images_run_clean_through_every_rule() {
    let ours = ours();
    let mut problems = Vec::new();
    let (mut apt_updates, mut apt_cleanups, mut apk_installs, mut pip_installs) = (0, 0, 0, 0);
    for path in corpus() {
        let source = std::fs::read_to_string(&path).expect("corpus file");
        let analysis = analyze(&source);
        for d in &analysis.diagnostics {
            if !in_bounds(&source, d.range) {
                problems.push(format!(
                    "{}: {} range {:?} out of bounds",
                    name(&path),
                    d.rule,
                    d.range
                ));
            }
            for e in d.fix.iter().flat_map(|f| &f.edits) {
                if !in_bounds(&source, e.range) {
                    problems.push(format!(
                        "{}: {} fix edit out of bounds",
                        name(&path),
                        d.rule
                    ));
                }
            }
            // These images are how Docker's library writes its RUNs: none of
            // these rules has anything to say about them.
            if ours.contains(&d.rule) {
                problems.push(format!("{}: {} {}", name(&path), d.rule, d.message));
            }
        }
        // And not because the RUNs went unread: count what the rules saw.
        let parse = syntax::parse(&source);
        for inst in parse.instructions() {
            for script in run_scripts(inst) {
                let a = fromlab_engine::shell::analyze(&script.text);
                for action in &a.actions {
                    match action {
                        Action::Update(u) if u.manager == Manager::Apt => apt_updates += 1,
                        Action::Cleanup(c) if c.kind == CleanupKind::AptLists => apt_cleanups += 1,
                        Action::Install(i) if i.manager == Manager::Apk => apk_installs += 1,
                        Action::Install(i) if i.manager == Manager::Pip => pip_installs += 1,
                        _ => {}
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        apt_updates >= 100,
        "only {apt_updates} apt-get updates seen"
    );
    assert!(
        apt_cleanups >= apt_updates,
        "{apt_cleanups} list cleanups for {apt_updates} updates"
    );
    assert!(apk_installs >= 40, "only {apk_installs} apk installs seen");
    assert!(pip_installs >= 6, "only {pip_installs} pip installs seen");
}

#[test]
fn the_official_images_edited_badly_are_caught() {
    // The same files with the habits undone: every apt-list cleanup and every
    // `--no-cache` removed. The rules must notice on the Linux images.
    let mut lists = 0;
    let mut apk = 0;
    for path in corpus() {
        let source = std::fs::read_to_string(&path).expect("corpus file");
        if source.contains("windowsservercore") {
            continue;
        }
        let worse = source
            .replace("rm -rf /var/lib/apt/lists/*", "true")
            .replace("apk add --no-cache", "apk add");
        let analysis = analyze(&worse);
        for d in &analysis.diagnostics {
            assert!(in_bounds(&worse, d.range), "{}: {d:?}", name(&path));
            if let Some(fix) = &d.fix {
                check_fix(&worse, d, fix).unwrap_or_else(|e| panic!("{}: {e}", name(&path)));
            }
        }
        lists += analysis
            .diagnostics
            .iter()
            .filter(|d| d.rule == "apt-lists-kept")
            .count();
        apk += analysis
            .diagnostics
            .iter()
            .filter(|d| d.rule == "apk-cache-kept")
            .count();
    }
    assert!(lists >= 80, "apt-lists-kept fired {lists} times");
    assert!(apk >= 40, "apk-cache-kept fired {apk} times");
}

/// Lines that exercise these rules, for the property test below.
const FRAGMENTS: &[&str] = &[
    "FROM alpine:3.21",
    "FROM debian:bookworm-slim AS base",
    "FROM golang:1.23 AS build",
    "FROM rust:1.80-alpine AS rs",
    "FROM python:3.12-alpine",
    "FROM scratch",
    "FROM gcr.io/distroless/base-debian12:debug",
    "FROM gcr.io/distroless/static-debian12",
    "FROM base",
    "FROM build AS next",
    "ARG CGO_ENABLED=0",
    "ENV PIP_NO_CACHE_DIR=1 RUSTFLAGS=\"-C target-feature=+crt-static\"",
    "WORKDIR /src",
    "WORKDIR ../$X/",
    "SHELL [\"/busybox/sh\", \"-c\"]",
    "RUN apt-get update && apt-get install -y curl \\",
    "    git | tee /log; \\",
    "RUN apk add curl && apk update",
    "RUN pip install numpy==1.24.4 'pandas<2.1' -r req.txt",
    "RUN --mount=type=cache,target=/var/lib/apt apt-get update",
    "RUN go build -o /out/app ./cmd/app && cd x && go install",
    "RUN cargo build --release --target-dir /t",
    "RUN gcc -o /out/c c.c",
    "RUN rm -rf /var/lib/apt/lists/* /var/cache/apk/* ~/.cache/pip",
    "RUN <<EOF",
    "#!/usr/bin/env python3",
    "apt-get install -y jq",
    "EOF",
    "RUN [\"sh\", \"-c\", \"echo\"]",
    "COPY --from=build /out/app /out/* /app/",
    "COPY --from=rs /t/release/x /x",
    "COPY --from=0 / /",
    "CMD exec /app --port=80",
    "ENTRYPOINT /app $X",
    "HEALTHCHECK CMD /app -h",
    "# fromlab: ignore=apt-lists-kept",
    "RUN \\",
    "",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Half-typed Dockerfiles: any mix of these lines, cut anywhere. Nothing
    /// panics, every range is in bounds, and every fix applies cleanly.
    #[test]
    fn rules_never_panic_on_half_typed_files(
        lines in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..16),
        cut in 0usize..2000,
    ) {
        let joined = lines.join("\n");
        let mut at = cut.min(joined.len());
        while !joined.is_char_boundary(at) {
            at -= 1;
        }
        let source = &joined[..at];
        let analysis = analyze(source);
        for d in &analysis.diagnostics {
            proptest::prop_assert!(in_bounds(source, d.range), "{d:?}");
            if let Some(fix) = &d.fix {
                for e in &fix.edits {
                    proptest::prop_assert!(in_bounds(source, e.range), "{d:?}");
                }
                let _ = analyze(&fix.apply(source));
            }
        }
    }
}
