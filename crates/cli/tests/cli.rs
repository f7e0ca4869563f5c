//! The `fromlab` command end to end: every subcommand, every exit status and
//! every error message, run as a real process.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use expect_test::expect;

fn fromlab(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fromlab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fromlab");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("fromlab output")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fromlab-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write temp file");
    path
}

fn shared() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    assert!(
        dir.is_dir(),
        "../shared is missing: expected {}",
        dir.display()
    );
    dir
}

#[test]
fn parse_buildkit_dump_matches_every_result_file() {
    let dir = shared().join("conformance/buildkit/parser/testfiles");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("testfiles")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 33);
    for case in cases {
        let file = case.join("Dockerfile");
        let out = fromlab(
            &["parse", "--dump", "buildkit", file.to_str().expect("path")],
            None,
        );
        let expected = std::fs::read_to_string(case.join("result")).expect("result");
        assert_eq!(stdout(&out), expected, "{}", case.display());
    }
}

#[test]
fn parse_reads_standard_input() {
    let out = fromlab(&["parse", "-"], Some(b"FROM alpine:3.21\nCMD [\"sh\"]\n"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "(from \"alpine:3.21\")\n(cmd \"sh\")\n");
    assert_eq!(stderr(&out), "");
}

#[test]
fn parse_json_lists_instructions_ranges_and_errors() {
    let out = fromlab(
        &["parse", "--dump", "json", "-"],
        Some(b"# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\nCOPY --from=build /a /b\nBOGUS x\n"),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "an unknown instruction is an error"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v["directives"][0]["name"], "syntax");
    assert_eq!(v["instructions"][0]["kind"], "FROM");
    assert_eq!(v["instructions"][0]["args"][2], "build");
    assert_eq!(v["instructions"][1]["flags"][0]["name"], "from");
    assert_eq!(v["instructions"][1]["flags"][0]["value"], "build");
    assert_eq!(v["instructions"][1]["range"]["line"], 3);
    assert_eq!(v["instructions"][1]["range"]["column"], 1);
    assert_eq!(v["errors"][0]["kind"], "unknown-instruction");
    assert_eq!(v["errors"][0]["range"]["line"], 4);
    let stage = &v["stages"][0];
    assert_eq!(stage["name"], "build");
    assert_eq!(stage["is_final"], true);
    assert_eq!(stage["base"]["kind"], "image");
    assert_eq!(stage["base"]["image"]["repository"], "golang");
    assert_eq!(stage["base"]["image"]["namespace"], "library");
    assert_eq!(stage["base"]["image"]["registry"], "docker.io");
    assert_eq!(stage["base"]["image"]["tag"], "1.22");
    assert_eq!(stage["copies_from"][0]["kind"], "stage");
}

#[test]
fn parse_json_substitutes_args_in_from() {
    let out = fromlab(
        &["parse", "--dump", "json", "-"],
        Some(b"ARG PY=3.12\nFROM python:${PY}-slim AS app\nFROM app\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v["global_args"][0]["name"], "PY");
    assert_eq!(v["stages"][0]["base"]["expanded"], "python:3.12-slim");
    assert_eq!(v["stages"][0]["base"]["written"], "python:${PY}-slim");
    assert_eq!(v["stages"][1]["base"]["kind"], "stage");
    assert_eq!(v["stages"][1]["base"]["stage"], 0);
}

#[test]
fn check_text_looks_like_a_compiler() {
    let file = temp_file(
        "Dockerfile.bad",
        // The rules are silenced so only the syntax errors are rendered.
        "# fromlab: ignore=all\nFROM alpine\nRUNN apk add curl\n\tCOPY --chwon=1 a b\n".as_bytes(),
    );
    let out = fromlab(&["check", file.to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out).replace(file.to_str().expect("path"), "Dockerfile");
    expect![[r#"
        Dockerfile:3:1: error[unknown-instruction]: unknown instruction: RUNN (did you mean RUN?)
         3 | RUNN apk add curl
           | ^^^^
        Dockerfile:4:7: error[unknown-flag]: unknown flag: chwon (did you mean --chown?); COPY accepts --from, --chown, --chmod, --link, --parents, --exclude
         4 | 	COPY --chwon=1 a b
           | 	     ^^^^^^^^^
        Dockerfile: 2 errors, 0 warnings, 0 notes
    "#]]
    .assert_eq(&text);
}

#[test]
fn check_json_has_one_based_positions() {
    let out = fromlab(
        &["check", "--format", "json", "-"],
        Some("FROM a\nRUN é \\\n  --x\nCMD [\"a\", 1]\n".as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "invalid-json");
    assert_eq!(d["code"], "S008");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 4);
    assert_eq!(d["column"], 5);
    assert_eq!(d["end_column"], 13);
    assert!(d["lesson"].is_null());
    assert!(d["fix"].is_null());
}

#[test]
fn check_clean_file_exits_zero() {
    // Pinned by digest and not running as root: nothing for the rules to say.
    let out = fromlab(
        &["check", "-"],
        Some(b"FROM alpine:3.21@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nUSER 65534\nCMD [\"sh\"]\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "<stdin>: no problems found\n");
}

#[test]
fn unreadable_and_non_utf8_input_exit_two_with_one_line() {
    let missing = fromlab(&["check", "/definitely/not/here/Dockerfile"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        stderr(&missing),
        "fromlab: cannot read /definitely/not/here/Dockerfile: no such file\n"
    );
    assert_eq!(stdout(&missing), "");

    let dir = std::env::temp_dir();
    let is_dir = fromlab(&["parse", dir.to_str().expect("path")], None);
    assert_eq!(is_dir.status.code(), Some(2));
    assert_eq!(stderr(&is_dir).lines().count(), 1);

    let binary = fromlab(&["parse", "-"], Some(b"FROM a\n\xff\xfe"));
    assert_eq!(binary.status.code(), Some(2));
    assert_eq!(
        stderr(&binary),
        "fromlab: <stdin> is not UTF-8 text (invalid byte at offset 7)\n"
    );
}

#[test]
fn usage_errors_exit_two_with_one_line() {
    for args in [
        &["bogus"][..],
        &["parse"][..],
        &["parse", "--dump", "yaml", "-"][..],
        &["check", "--format", "xml", "-"][..],
        &[][..],
    ] {
        let out = fromlab(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("fromlab: "), "{err}");
    }
}

#[test]
fn help_and_version_succeed() {
    let help = fromlab(&["--help"], None);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("check"));
    let version = fromlab(&["--version"], None);
    assert_eq!(version.status.code(), Some(0));
    assert!(stdout(&version).starts_with("fromlab "));
}
