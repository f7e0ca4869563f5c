//! Agreement with BuildKit, Docker's own builder, on its parser test corpus
//! (`../shared/conformance/buildkit`, Apache-2.0): every positive case dumps
//! exactly as BuildKit's `result` file, every negative case is an error, and
//! every word-expansion case gives BuildKit's answer.

mod common;

use fromlab_engine::expand::Lex;
use fromlab_engine::syntax::parse;

#[test]
fn positive_cases_dump_exactly_like_buildkit() {
    let dir = common::shared_dir().join("conformance/buildkit/parser/testfiles");
    let cases = common::subdirs(&dir);
    assert_eq!(cases.len(), 33, "the corpus has 33 positive cases");
    let mut failures = Vec::new();
    for case in &cases {
        let source = std::fs::read_to_string(case.join("Dockerfile")).expect("Dockerfile");
        let expected = std::fs::read_to_string(case.join("result")).expect("result");
        let actual = parse(&source).buildkit_dump();
        if actual != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}\n--- actual\n{actual}",
                case.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn negative_cases_are_errors() {
    let dir = common::shared_dir().join("conformance/buildkit/parser/testfiles-negative");
    let cases = common::subdirs(&dir);
    assert_eq!(cases.len(), 4, "the corpus has 4 negative cases");
    for case in &cases {
        let source = std::fs::read_to_string(case.join("Dockerfile")).expect("Dockerfile");
        let parsed = parse(&source);
        assert!(
            !parsed.errors().is_empty(),
            "{} should be rejected but parsed without error",
            case.display()
        );
        assert_eq!(
            parsed.print(),
            source,
            "{} must still round-trip",
            case.display()
        );
    }
}

fn env(pairs: &[&str]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

#[test]
fn env_var_cases_expand_like_buildkit() {
    let path = common::shared_dir().join("conformance/buildkit/shell/envVarTest");
    let text = std::fs::read_to_string(&path).expect("envVarTest");
    let vars = env(&["PWD=/home", "SHELL=bash", "KOREAN=한국어", "NULL="]);
    let lex = Lex::new('\\');
    let mut checked = 0;
    let mut failures = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split('|').collect();
        assert_eq!(parts.len(), 3, "line {} is malformed", n + 1);
        let platform = parts[0].trim();
        if platform == "W" {
            continue;
        }
        assert!(
            matches!(platform, "A" | "U"),
            "line {}: bad platform",
            n + 1
        );
        let source = parts[1].trim();
        let expected = parts[2].trim();
        checked += 1;
        let got = lex.process_word(source, &vars);
        let ok = match (&got, expected) {
            (Err(_), "error") => true,
            (Ok(v), e) => e != "error" && v == e,
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "line {}: {source:?} expected {expected:?}, got {got:?}",
                n + 1
            ));
        }
    }
    assert!(checked > 200, "only {checked} cases were checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn words_cases_split_like_buildkit() {
    let path = common::shared_dir().join("conformance/buildkit/shell/wordsTest");
    let text = std::fs::read_to_string(&path).expect("wordsTest");
    let lex = Lex::new('\\');
    let mut vars: Vec<String> = Vec::new();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("ENV ") {
            vars.push(rest.trim_start_matches(' ').to_string());
            continue;
        }
        let parts: Vec<&str> = line.split('|').collect();
        assert_eq!(parts.len(), 2, "line {} is malformed", n + 1);
        let source = parts[0].trim();
        let expected: Vec<&str> = parts[1].trim_start_matches(' ').split(',').collect();
        let refs: Vec<&str> = vars.iter().map(String::as_str).collect();
        let got = lex
            .process_words(source, &env(&refs))
            .unwrap_or_else(|_| vec!["error".to_string()]);
        checked += 1;
        if got != expected {
            failures.push(format!(
                "line {}: {source:?} expected {expected:?}, got {got:?}",
                n + 1
            ));
        }
    }
    assert!(checked >= 20, "only {checked} cases were checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
