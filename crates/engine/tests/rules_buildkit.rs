//! Docker's own build checks (`FL401`-`FL421`) beyond their fixtures: the
//! contract of names and BuildKit check names, BuildKit's `# check=`
//! directive, every fix applied and read back, and the real-world corpus.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fromlab_engine::analysis::analyze;
use fromlab_engine::diagnostic::{Diagnostic, FixSafety, Severity};
use fromlab_engine::expand::{Lex, NoEnv};
use fromlab_engine::rules::{Category, RULES};
use fromlab_engine::syntax::{self, Args, InstructionKind};

/// The contract: code, name, BuildKit check, severity.
const CONTRACT: [(&str, &str, Option<&str>, Severity); 21] = [
    (
        "FL401",
        "stage-name-casing",
        Some("StageNameCasing"),
        Severity::Warning,
    ),
    (
        "FL402",
        "from-as-casing",
        Some("FromAsCasing"),
        Severity::Warning,
    ),
    (
        "FL403",
        "empty-continuation",
        Some("NoEmptyContinuation"),
        Severity::Warning,
    ),
    (
        "FL404",
        "inconsistent-instruction-casing",
        Some("ConsistentInstructionCasing"),
        Severity::Warning,
    ),
    (
        "FL405",
        "duplicate-stage-name",
        Some("DuplicateStageName"),
        Severity::Error,
    ),
    (
        "FL406",
        "reserved-stage-name",
        Some("ReservedStageName"),
        Severity::Error,
    ),
    (
        "FL407",
        "shell-form-command",
        Some("JSONArgsRecommended"),
        Severity::Warning,
    ),
    (
        "FL408",
        "maintainer-instruction",
        Some("MaintainerDeprecated"),
        Severity::Warning,
    ),
    (
        "FL409",
        "undefined-arg-in-from",
        Some("UndefinedArgInFrom"),
        Severity::Warning,
    ),
    (
        "FL410",
        "relative-workdir",
        Some("WorkdirRelativePath"),
        Severity::Warning,
    ),
    (
        "FL411",
        "undefined-variable",
        Some("UndefinedVar"),
        Severity::Warning,
    ),
    (
        "FL412",
        "repeated-instruction",
        Some("MultipleInstructionsDisallowed"),
        Severity::Warning,
    ),
    (
        "FL413",
        "legacy-key-value",
        Some("LegacyKeyValueFormat"),
        Severity::Warning,
    ),
    (
        "FL414",
        "redundant-target-platform",
        Some("RedundantTargetPlatform"),
        Severity::Info,
    ),
    (
        "FL415",
        "secret-in-arg-or-env",
        Some("SecretsUsedInArgOrEnv"),
        Severity::Warning,
    ),
    (
        "FL416",
        "invalid-default-arg-in-from",
        Some("InvalidDefaultArgInFrom"),
        Severity::Warning,
    ),
    (
        "FL417",
        "constant-platform-flag",
        Some("FromPlatformFlagConstDisallowed"),
        Severity::Info,
    ),
    (
        "FL418",
        "expose-protocol-casing",
        Some("ExposeProtoCasing"),
        Severity::Warning,
    ),
    (
        "FL419",
        "expose-invalid-format",
        Some("ExposeInvalidFormat"),
        Severity::Warning,
    ),
    (
        "FL420",
        "copy-from-undefined-stage",
        None,
        Severity::Warning,
    ),
    ("FL421", "copy-from-own-stage", None, Severity::Error),
];

fn is_build_check(d: &Diagnostic) -> bool {
    d.code.starts_with("FL4")
}

fn rules_of(source: &str, rule: &str) -> Vec<Diagnostic> {
    analyze(source)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

fn syntax_errors(source: &str) -> usize {
    analyze(source)
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('S'))
        .count()
}

#[test]
fn the_build_checks_follow_the_contract() {
    for (code, name, buildkit, severity) in CONTRACT {
        let rule = RULES
            .iter()
            .find(|r| r.code == code)
            .unwrap_or_else(|| panic!("{code} is not registered"));
        assert_eq!(rule.name, name, "{code}");
        assert_eq!(rule.buildkit, buildkit, "{code}");
        assert_eq!(rule.severity, severity, "{code}");
        assert_eq!(rule.category, Category::BuildCheck, "{code}");
        match buildkit {
            Some(check) => assert!(
                rule.docs
                    .contains(&format!("BuildKit's build check `{check}`")),
                "{name}: the docs must say it is BuildKit's check `{check}`"
            ),
            None => assert!(rule.docs.contains("BuildKit has no build check"), "{name}"),
        }
        assert!(
            rule.docs.contains("prints") || buildkit.is_none(),
            "{name}: the docs must quote what BuildKit prints"
        );
    }
    let registered = RULES
        .iter()
        .filter(|r| r.category == Category::BuildCheck)
        .count();
    assert_eq!(registered, CONTRACT.len());
}

#[test]
fn check_skip_silences_the_named_buildkit_checks() {
    let body = "FROM scratch as Base\ncopy Dockerfile .\nCOPY --from=base /a /b\n";
    let names = |src: &str| -> Vec<&'static str> {
        let mut v: Vec<_> = analyze(src)
            .diagnostics
            .iter()
            .filter(|d| is_build_check(d))
            .map(|d| d.rule)
            .collect();
        v.sort_unstable();
        v
    };
    assert_eq!(
        names(body),
        [
            "copy-from-own-stage",
            "from-as-casing",
            "inconsistent-instruction-casing",
            "stage-name-casing"
        ]
    );
    assert_eq!(
        names(&format!(
            "# check=skip=StageNameCasing,FromAsCasing\n{body}"
        )),
        ["copy-from-own-stage", "inconsistent-instruction-casing"]
    );
    // BuildKit's own case: skipping one check leaves the others.
    assert_eq!(
        names("#check=skip=ConsistentInstructionCasing\nFROM scratch as base\ncopy Dockerfile .\n"),
        ["from-as-casing"]
    );
    // `all` silences every BuildKit check; the two fromlab additions have no
    // BuildKit name and stay.
    assert_eq!(
        names(&format!("# check=skip=all\n{body}")),
        ["copy-from-own-stage"]
    );
}

#[test]
fn check_error_true_turns_buildkit_warnings_into_errors() {
    let src = "# check=error=true\nFROM --platform=$TARGETPLATFORM scratch as base\ncopy Dockerfile .\nCOPY --from=assets /a /b\n";
    let severities: BTreeMap<&str, Severity> = analyze(src)
        .diagnostics
        .iter()
        .filter(|d| is_build_check(d))
        .map(|d| (d.rule, d.severity))
        .collect();
    assert_eq!(severities["from-as-casing"], Severity::Error);
    assert_eq!(
        severities["inconsistent-instruction-casing"],
        Severity::Error
    );
    // Notes stay notes, and a rule with no BuildKit equivalent keeps its
    // own severity.
    assert_eq!(severities["redundant-target-platform"], Severity::Info);
    assert_eq!(severities["copy-from-undefined-stage"], Severity::Warning);

    let src = "# check=skip=ConsistentInstructionCasing;error=true\nFROM scratch as base\ncopy Dockerfile .\n";
    let found: Vec<(&str, Severity)> = analyze(src)
        .diagnostics
        .iter()
        .filter(|d| is_build_check(d))
        .map(|d| (d.rule, d.severity))
        .collect();
    assert_eq!(found, [("from-as-casing", Severity::Error)]);

    let without = "FROM scratch as base\n";
    assert_eq!(
        rules_of(without, "from-as-casing")[0].severity,
        Severity::Warning
    );
}

fn fixture_files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut files = Vec::new();
    for (_, name, _, _) in CONTRACT {
        let dir = root.join(name);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|x| x == "Dockerfile") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = common::shared_dir().join("corpus/real-world");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with("Dockerfile"))
        })
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What BuildKit reads from the `ENV` and `LABEL` pairs of a file, with
/// every variable unset.
fn key_values(source: &str) -> Vec<(String, String)> {
    let parse = syntax::parse(source);
    let lex = Lex::new(parse.escape());
    let mut out = Vec::new();
    for inst in parse.instructions() {
        if let Args::KeyValues { pairs, .. } = &inst.args {
            for p in pairs {
                let v = |s: &str| {
                    lex.process_word(s, &NoEnv)
                        .unwrap_or_else(|e| format!("error: {e}"))
                };
                out.push((v(p.key.as_str()), v(p.value.as_str())));
            }
        }
    }
    out
}

/// Checks one fix against the file it came from; returns a failure message.
fn check_fix(path: &Path, source: &str, d: &Diagnostic) -> Option<String> {
    let fix = d.fix.as_ref()?;
    let fixed = fix.apply(source);
    let place = format!(
        "{} ({} at {:?}, fix `{}`)",
        path.display(),
        d.rule,
        d.range,
        fix.title
    );
    if fixed == source {
        return Some(format!("{place}: the fix changes nothing"));
    }
    if syntax_errors(&fixed) > syntax_errors(source) {
        return Some(format!("{place}: the fix adds a syntax error:\n{fixed}"));
    }
    let before = rules_of(source, d.rule).len();
    let after = rules_of(&fixed, d.rule).len();
    if after >= before {
        return Some(format!("{place}: the diagnostic is still there:\n{fixed}"));
    }
    // What BuildKit reads must not change where the fix claims so.
    let dump = |s: &str| syntax::parse(s).buildkit_dump();
    let same = match d.rule {
        "empty-continuation" => dump(source) == dump(&fixed),
        "inconsistent-instruction-casing" | "from-as-casing" | "stage-name-casing" => {
            dump(source).to_lowercase() == dump(&fixed).to_lowercase()
        }
        "legacy-key-value" => key_values(source) == key_values(&fixed),
        "maintainer-instruction" => {
            let author = syntax::parse(source)
                .instructions()
                .find(|i| i.kind == InstructionKind::Maintainer)
                .and_then(|i| match &i.args {
                    Args::Text(t) => Some(t.as_str().to_string()),
                    _ => None,
                });
            let label = key_values(&fixed)
                .into_iter()
                .find(|(k, _)| k == "org.opencontainers.image.authors")
                .map(|(_, v)| v);
            author.is_some() && author == label
        }
        _ => true,
    };
    if !same {
        return Some(format!(
            "{place}: the fix changes what BuildKit reads:\n{fixed}"
        ));
    }
    None
}

#[test]
fn every_fix_removes_its_diagnostic_and_keeps_the_build() {
    let mut failures = Vec::new();
    let mut tried: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for path in fixture_files().iter().chain(corpus_files().iter()) {
        let source = read(path);
        for d in analyze(&source)
            .diagnostics
            .iter()
            .filter(|d| is_build_check(d))
        {
            let Some(fix) = &d.fix else { continue };
            let entry = tried.entry(d.rule).or_default();
            match fix.safety {
                FixSafety::Safe => entry.0 += 1,
                FixSafety::Unsafe => entry.1 += 1,
            }
            failures.extend(check_fix(path, &source, d));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Every rule that offers a fix had it tried, with the safety its docs
    // promise: (safe, unsafe) counts.
    let offered: Vec<(&str, bool, bool)> = vec![
        ("stage-name-casing", true, false),
        ("from-as-casing", true, false),
        ("empty-continuation", true, false),
        ("inconsistent-instruction-casing", true, false),
        ("shell-form-command", false, true),
        ("maintainer-instruction", false, true),
        ("relative-workdir", false, true),
        ("repeated-instruction", true, false),
        ("legacy-key-value", true, true),
        ("redundant-target-platform", true, false),
        ("expose-protocol-casing", true, false),
        ("expose-invalid-format", true, false),
    ];
    for (rule, safe, unsafe_) in offered {
        let (s, u) = tried.get(rule).copied().unwrap_or_default();
        assert_eq!(
            (s > 0, u > 0),
            (safe, unsafe_),
            "{rule}: {s} safe, {u} unsafe fixes tried"
        );
    }
    let without_fixes: Vec<&&str> = tried
        .keys()
        .filter(|r| {
            [
                "duplicate-stage-name",
                "reserved-stage-name",
                "undefined-arg-in-from",
                "undefined-variable",
                "secret-in-arg-or-env",
                "invalid-default-arg-in-from",
                "constant-platform-flag",
                "copy-from-undefined-stage",
                "copy-from-own-stage",
            ]
            .contains(r)
        })
        .collect();
    assert!(without_fixes.is_empty(), "{without_fixes:?} offered a fix");
}

#[test]
fn fixes_keep_continuation_lines_in_place() {
    let src = "FROM scratch\nENV DEPS \\\n\tgcc \\\n\tmake\n";
    let d = &rules_of(src, "legacy-key-value")[0];
    let fixed = d.fix.as_ref().expect("a fix").apply(src);
    // The blanks between key and value go (the first value line moves up);
    // the rest of the value keeps its lines.
    assert_eq!(fixed, "FROM scratch\nENV DEPS=\"gcc \\\n\tmake\"\n");

    let src = "FROM scratch\nMAINTAINER Ada \"Countess\" <ada@example.org>\nCMD [\"x\"]\n";
    let d = &rules_of(src, "maintainer-instruction")[0];
    let fix = d.fix.as_ref().expect("a fix");
    assert_eq!(fix.safety, FixSafety::Unsafe);
    assert_eq!(
        fix.apply(src),
        "FROM scratch\nLABEL org.opencontainers.image.authors=\"Ada \\\"Countess\\\" <ada@example.org>\"\nCMD [\"x\"]\n"
    );

    let src = "FROM scratch\nRUN a \\\n\n  \n  b\nCMD [\"x\"]\n";
    let d = &rules_of(src, "empty-continuation")[0];
    assert_eq!(
        d.fix.as_ref().expect("a fix").apply(src),
        "FROM scratch\nRUN a \\\n  b\nCMD [\"x\"]\n"
    );
}

#[test]
fn the_real_world_corpus_gets_only_the_findings_buildkit_gives() {
    let files = corpus_files();
    assert_eq!(
        files.len(),
        142,
        "the real-world corpus holds 142 Dockerfiles"
    );
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for path in &files {
        let source = read(path);
        let analysis = analyze(&source);
        for d in &analysis.diagnostics {
            let r = d.range;
            if r.start > r.end
                || r.end > source.len()
                || !source.is_char_boundary(r.start)
                || !source.is_char_boundary(r.end)
            {
                failures.push(format!("{}: {} has range {r:?}", path.display(), d.rule));
            }
            if !is_build_check(d) {
                continue;
            }
            *counts.entry(d.rule).or_default() += 1;
            // The only name BuildKit takes for a secret in these images is
            // the GPG key fingerprint of the python images.
            if d.rule == "secret-in-arg-or-env" && r.slice(&source) != "GPG_KEY" {
                failures.push(format!("{}: unexpected secret {d:?}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The official images write `ENV key value` (BuildKit warns about every
    // one) and python's `ENV GPG_KEY`; nothing else of Docker's checks fires.
    let expected: BTreeMap<&str, usize> =
        [("legacy-key-value", 468), ("secret-in-arg-or-env", 24)].into();
    assert_eq!(counts, expected);
}

#[test]
fn half_typed_files_never_panic() {
    let src = "ARG A=${\nFROM --platform=$ ${A:?} AS\nCOPY --from= \\\n\nEXPOSE :/ 1:2:3:/TCP [\nENV \"a b\nWORKDIR\nONBUILD COPY --from=$x a b\nLABEL k \"\nMAINTAINER\n";
    for end in 0..=src.len() {
        if src.is_char_boundary(end) {
            let part = &src[..end];
            for d in analyze(part).diagnostics {
                assert!(d.range.end <= part.len(), "{part:?}: {d:?}");
                if let Some(fix) = &d.fix {
                    let _ = analyze(&fix.apply(part));
                }
            }
        }
    }
}

/// The first ```dockerfile block after `heading` in a rule's docs.
fn docs_block<'d>(docs: &'d str, heading: &str) -> Option<&'d str> {
    let section = &docs[docs.find(heading)? + heading.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let body = &section[section.find("```dockerfile\n")? + "```dockerfile\n".len()..];
    Some(&body[..body.find("```")?])
}

#[test]
fn the_docs_examples_fire_and_their_alternatives_do_not() {
    let mut failures = Vec::new();
    for (_, name, _, _) in CONTRACT {
        let Some(rule) = RULES.iter().find(|r| r.name == name) else {
            failures.push(format!("{name}: not registered"));
            continue;
        };
        match docs_block(rule.docs, "## Example") {
            Some(example) if !rules_of(example, name).is_empty() => {}
            Some(example) => {
                failures.push(format!("{name}: the example does not fire:\n{example}"))
            }
            None => failures.push(format!("{name}: no ```dockerfile example")),
        }
        match docs_block(rule.docs, "## Use instead") {
            Some(better) if rules_of(better, name).is_empty() => {}
            Some(better) => failures.push(format!("{name}: the alternative fires:\n{better}")),
            None => failures.push(format!("{name}: no ```dockerfile alternative")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every diagnostic's range lies inside the source, on character boundaries,
/// and every fix applies without breaking UTF-8.
fn assert_well_formed(source: &str) {
    for d in analyze(source).diagnostics {
        let r = d.range;
        assert!(
            r.start <= r.end
                && r.end <= source.len()
                && source.is_char_boundary(r.start)
                && source.is_char_boundary(r.end),
            "{source:?}: {d:?}"
        );
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert!(
                    e.range.start <= e.range.end && e.range.end <= source.len(),
                    "{source:?}: {d:?}"
                );
            }
            let _ = analyze(&fix.apply(source));
        }
    }
}

#[test]
fn buildkit_parser_test_files_never_upset_the_build_checks() {
    let dir = common::shared_dir().join("conformance/buildkit/parser/testfiles");
    let cases = common::subdirs(&dir);
    assert_eq!(cases.len(), 33, "BuildKit's parser corpus holds 33 cases");
    for case in cases {
        assert_well_formed(&read(&case.join("Dockerfile")));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn generated_dockerfiles_never_upset_the_build_checks(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "FROM ", "from ", "From ", "ARG ", "ENV ", "LABEL ", "COPY ", "ADD ", "RUN ",
                "CMD ", "ENTRYPOINT ", "WORKDIR ", "EXPOSE ", "MAINTAINER ", "SHELL [\"sh\"]",
                "ONBUILD ", "HEALTHCHECK CMD ", "USER ", "VOLUME ", "AS ", "as ", "scratch",
                "alpine:3.21", "Build", "build", "context", "--platform=", "--from=",
                "--chown=", "--mount=type=cache,target=", "$A", "${B:-x}", "${TARGETPLATFORM}",
                "$TARGETPLATFORM", "linux/amd64", "A=1", "B", "=", " ", "\t", "\\\n", "\n",
                "\n\n", "\"", "'", "`", "#", "# check=skip=all\n", "<<EOF\n", "EOF\n", "80",
                "127.0.0.1:80:80/TCP", ":", "/", "é", "0", "1", "[\"a\"]", "GITHUB_TOKEN",
            ]),
            0..40,
        )
    ) {
        assert_well_formed(&parts.concat());
    }
}
