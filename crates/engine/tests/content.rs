//! Content checks against fixtures: one deliberately broken course per check, each with
//! the exact messages it must produce in `expected.txt`, plus the project's real course.
//!
//! Run with `UPDATE_EXPECTED=1` to rewrite the `expected.txt` files after a deliberate
//! change to a message, then review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use fromlab_engine::content::doc::LinkTarget;
use fromlab_engine::content::files::ContentFiles;

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/content")
        .join(name)
}

/// Loads a fixture course and compares every error message with `expected.txt`.
fn check_fixture(name: &str) {
    let dir = fixture_dir(name);
    let files = ContentFiles::read(&dir, "")
        .unwrap_or_else(|error| panic!("fixture {name} cannot be read: {error}"));
    let errors = match files.load() {
        Ok(_) => panic!("fixture {name} was accepted, but it is deliberately broken"),
        Err(errors) => errors,
    };
    let actual: String = errors.iter().map(|error| format!("{error}\n")).collect();
    let expected_path = dir.join("expected.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&expected_path)
        .unwrap_or_else(|error| panic!("{}: {error}", expected_path.display()));
    assert_eq!(
        actual, expected,
        "messages for fixture {name} differ from expected.txt"
    );
}

macro_rules! rejected {
    ($($test:ident => $dir:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_fixture($dir);
            }
        )*
    };
}

rejected! {
    rejects_a_lesson_without_front_matter => "missing-front-matter",
    rejects_unclosed_front_matter => "unclosed-front-matter",
    rejects_a_missing_field => "missing-field",
    rejects_a_field_of_the_wrong_type => "wrong-type",
    rejects_an_unknown_field => "unknown-field",
    rejects_invalid_toml => "bad-toml",
    rejects_a_summary_line_that_is_not_an_entry => "summary-bad-line",
    rejects_a_lesson_listed_twice => "summary-duplicate",
    rejects_a_summary_entry_without_a_file => "summary-missing-file",
    rejects_a_file_missing_from_the_summary => "file-not-in-summary",
    rejects_a_summary_title_that_differs_from_the_front_matter => "title-mismatch",
    rejects_a_link_to_a_missing_lesson => "broken-lesson-link",
    rejects_a_link_to_a_missing_anchor_in_another_lesson => "broken-cross-anchor",
    rejects_a_link_to_a_missing_anchor_in_the_same_lesson => "broken-anchor",
    rejects_duplicate_heading_anchors => "duplicate-anchor",
    rejects_an_explicit_anchor_that_is_not_a_slug => "explicit-anchor-shape",
    rejects_a_heading_with_no_anchor_text => "empty-anchor",
    rejects_a_lesson_without_a_dockerfile_example => "no-dockerfile",
    rejects_a_level_one_heading_in_the_body => "h1-in-body",
    rejects_skipped_heading_levels => "skipped-heading-level",
    rejects_an_unsupported_link => "unsupported-link",
    rejects_raw_html => "raw-html",
    rejects_images => "image",
    rejects_a_file_name_that_is_not_a_slug => "bad-file-name",
}

#[test]
fn accepts_the_valid_fixture_in_summary_order() {
    let files = ContentFiles::read(&fixture_dir("valid"), "").unwrap();
    let course = files.load().unwrap_or_else(|errors| panic!("{errors:#?}"));
    let slugs: Vec<_> = course
        .lessons
        .iter()
        .map(|lesson| lesson.slug.as_str())
        .collect();
    assert_eq!(slugs, ["alpha", "beta"]);
    let beta = course.lesson("beta").unwrap();
    assert_eq!(beta.front.title, "Beta");
    assert_eq!(beta.front.minutes, 5);
    assert_eq!(beta.body_line, 6);
    let anchors: Vec<_> = beta
        .doc
        .headings()
        .iter()
        .map(|h| h.anchor.clone())
        .collect();
    assert_eq!(anchors, ["setup", "more"]);
    let targets: Vec<_> = beta
        .doc
        .links()
        .iter()
        .map(|link| link.target.clone())
        .collect();
    assert_eq!(
        targets,
        [
            LinkTarget::Lesson {
                slug: "alpha".into(),
                anchor: Some("start-here".into())
            },
            LinkTarget::Anchor("more".into()),
        ]
    );
}

/// The real course must pass every check; the app's build script runs the same checks,
/// and this test names the problems without a wasm build.
#[test]
fn the_project_course_passes_every_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let files = ContentFiles::read(&root, "content/")
        .unwrap_or_else(|error| panic!("the course must exist at {}: {error}", root.display()));
    let course = files.load().unwrap_or_else(|errors| {
        let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the course has content errors:\n{}", listed.join("\n"))
    });
    assert!(!course.lessons.is_empty(), "the course has no lessons");
    assert_eq!(course.lessons.len(), files.lessons.len());
}

mod never_panics {
    use fromlab_engine::content::{SourceFile, doc, load_course};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn markdown_of_any_shape_parses(text in "(?s).{0,400}") {
            let _ = doc::parse(&text);
        }

        #[test]
        fn markdown_made_of_syntax_characters_parses(text in "[#*_`\\[\\]()<>!|\\-+ \n{}:=a1.]{0,300}") {
            let parsed = doc::parse(&text);
            // Every heading gets an anchor string, even if it is empty.
            for heading in parsed.headings() {
                prop_assert!(heading.anchor.is_ascii());
            }
        }

        #[test]
        fn a_course_of_any_text_loads_or_reports(summary in "(?s).{0,200}", lesson in "(?s)(\\+\\+\\+\n)?.{0,300}") {
            let result = load_course(
                SourceFile { path: "SUMMARY.md", text: &summary },
                &[SourceFile { path: "lessons/any.md", text: &lesson }],
            );
            if let Err(errors) = result {
                prop_assert!(!errors.is_empty());
                for error in errors {
                    prop_assert!(error.line >= 1 && error.column >= 1);
                }
            }
        }
    }
}
