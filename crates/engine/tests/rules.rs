//! Every rule against its fixtures (`tests/fixtures/rules/<rule>/`), with the
//! expected diagnostics marked in the fixtures themselves, plus the checks
//! that every rule is documented under the fixed headings and links to a
//! lesson that exists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fromlab_engine::analysis::analyze;
use fromlab_engine::rules::{DOC_HEADINGS, RULES};

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// `(line, start column, end column, rule)`, 1-based, end exclusive.
type Mark = (usize, usize, usize, String);

/// The markers of a fixture: comment lines of carets naming a rule.
fn markers(source: &str) -> Vec<Mark> {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = Vec::new();
    let mut target = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix('#') else {
            target = i;
            continue;
        };
        let carets_at = rest.find('^');
        let is_marker = carets_at.is_some_and(|at| rest[..at].chars().all(|c| c == ' '));
        if !is_marker {
            target = i;
            continue;
        }
        let at = carets_at.unwrap_or(0);
        let len = rest[at..].chars().take_while(|&c| c == '^').count();
        let rule = rest[at + len..].trim().to_string();
        // Column c of the marker line (1-based, '#' is column 1) marks column
        // c - 1 of the target line.
        let start = at + 1;
        out.push((target + 1, start, start + len, rule));
    }
    out
}

fn check_fixture(rule: &str, path: &Path) -> Result<usize, String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let expected: BTreeSet<Mark> = markers(&source)
        .into_iter()
        .filter(|m| m.3 == rule)
        .collect();
    let analysis = analyze(&source);
    let index = fromlab_engine::syntax::LineIndex::new(&source);
    let actual: BTreeSet<Mark> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| {
            let a = index.line_col(&source, d.range.start);
            let b = index.line_col(&source, d.range.end);
            let end = if b.line == a.line {
                b.column
            } else {
                index.line_text(&source, a.line).chars().count() + 1
            };
            (a.line, a.column, end, d.rule.to_string())
        })
        .collect();
    if expected != actual {
        let messages: Vec<String> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| format!("  {:?}: {}", d.range, d.message))
            .collect();
        return Err(format!(
            "{}:\n  expected {expected:?}\n  actual   {actual:?}\n{}",
            path.display(),
            messages.join("\n")
        ));
    }
    Ok(expected.len())
}

#[test]
fn every_rule_matches_its_fixtures() {
    let mut failures = Vec::new();
    for rule in RULES {
        let dir = fixtures_dir().join(rule.name);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| {
                panic!("{} has no fixture folder {}: {e}", rule.name, dir.display())
            })
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "Dockerfile"))
            .collect();
        files.sort();
        let mut fires = 0;
        let mut quiet = 0;
        for f in &files {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match check_fixture(rule.name, f) {
                Ok(n) if name.starts_with("fires") => {
                    if n == 0 {
                        failures.push(format!("{}: a `fires` fixture needs a marker", f.display()));
                    }
                    fires += 1;
                }
                Ok(n) if name.starts_with("quiet") => {
                    if n != 0 {
                        failures.push(format!(
                            "{}: a `quiet` fixture must not mark the rule",
                            f.display()
                        ));
                    }
                    quiet += 1;
                }
                Ok(_) => failures.push(format!("{}: name it fires* or quiet*", f.display())),
                Err(e) => failures.push(e),
            }
        }
        if fires == 0 || quiet == 0 {
            failures.push(format!(
                "{} needs at least one fires* and one quiet* fixture (has {fires} and {quiet})",
                rule.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn markers_are_read_as_documented() {
    let src = "FROM python:latest\n#            ^^^^^^ latest-tag\n";
    assert_eq!(markers(src), vec![(1, 13, 19, "latest-tag".to_string())]);
}

#[test]
fn rules_have_unique_names_and_codes() {
    let names: BTreeSet<_> = RULES.iter().map(|r| r.name).collect();
    let codes: BTreeSet<_> = RULES.iter().map(|r| r.code).collect();
    assert_eq!(names.len(), RULES.len(), "duplicate rule name");
    assert_eq!(codes.len(), RULES.len(), "duplicate rule code");
    for r in RULES {
        assert!(
            fromlab_engine::content::slug::is_slug(r.name),
            "{} is not a kebab-case name",
            r.name
        );
    }
}

#[test]
fn every_rule_is_documented_and_links_to_a_lesson() {
    let content = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let files = fromlab_engine::content::files::ContentFiles::read(&content, "content/")
        .expect("read the course");
    let course = files.load().expect("the course loads");
    let mut failures = Vec::new();
    for r in RULES {
        let mut at = 0;
        for heading in DOC_HEADINGS {
            match r.docs[at..].find(heading) {
                Some(i) => at += i + heading.len(),
                None => failures.push(format!("{}: docs lack `{heading}` (in order)", r.name)),
            }
        }
        if course.lesson(r.lesson).is_none() {
            failures.push(format!("{}: lesson `{}` does not exist", r.name, r.lesson));
        }
        if r.summary.is_empty() {
            failures.push(format!("{}: empty summary", r.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
