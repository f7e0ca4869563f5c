//! Quiz format, checks and grading against fixtures: one deliberately broken quiz per
//! check, each with the exact messages it must produce in `expected.txt`, a valid quiz
//! with every kind of question, and the project's real quizzes.
//!
//! Run with `UPDATE_EXPECTED=1` to rewrite the `expected.txt` files after a deliberate
//! change to a message, then review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use fromlab_engine::content::Course;
use fromlab_engine::content::files::ContentFiles;
use fromlab_engine::quiz::files::QuizFiles;
use fromlab_engine::quiz::shuffle::{option_order, shuffled};
use fromlab_engine::quiz::{self, GoalKind, Kind, Quiz, grade};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quizzes")
}

fn course() -> Course {
    ContentFiles::read(&fixtures().join("course"), "")
        .expect("the fixture course can be read")
        .load()
        .unwrap_or_else(|errors| panic!("the fixture course must be valid: {errors:#?}"))
}

/// The files of one case, plus `base/beta.toml` unless the case has its own.
fn case_files(name: &str) -> QuizFiles {
    let dir = fixtures().join("cases").join(name);
    let mut files = QuizFiles::read(&dir, "quizzes/")
        .unwrap_or_else(|error| panic!("case {name} cannot be read: {error}"));
    if !files
        .files
        .iter()
        .any(|(path, _)| path == "quizzes/beta.toml")
    {
        let text = fs::read_to_string(fixtures().join("base/beta.toml")).unwrap();
        files.files.push(("quizzes/beta.toml".into(), text));
        files.files.sort();
    }
    files
}

fn valid_quiz() -> Quiz {
    let quizzes = case_files("valid")
        .load(&course())
        .unwrap_or_else(|errors| panic!("the valid case must load: {errors:#?}"));
    quizzes
        .into_iter()
        .next()
        .expect("alpha's quiz comes first")
}

/// Loads a broken case and compares every message with its `expected.txt`.
fn check_case(name: &str) {
    let errors = match case_files(name).load(&course()) {
        Ok(_) => panic!("case {name} was accepted, but it is deliberately broken"),
        Err(errors) => errors,
    };
    let actual: String = errors.iter().map(|error| format!("{error}\n")).collect();
    let expected_path = fixtures().join("cases").join(name).join("expected.txt");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&expected_path)
        .unwrap_or_else(|error| panic!("{}: {error}", expected_path.display()));
    assert_eq!(
        actual, expected,
        "messages for case {name} differ from expected.txt"
    );
}

macro_rules! rejected {
    ($($test:ident => $dir:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_case($dir);
            }
        )*
    };
}

rejected! {
    rejects_invalid_toml => "bad-toml",
    rejects_an_unknown_field => "unknown-field",
    rejects_an_unknown_question_kind => "unknown-kind",
    rejects_a_lesson_that_differs_from_the_file_name => "lesson-mismatch",
    rejects_a_quiz_for_a_lesson_not_in_the_course => "unknown-lesson",
    rejects_a_course_lesson_without_a_quiz => "missing-quiz",
    rejects_a_file_name_that_is_not_a_slug => "bad-file-name",
    rejects_a_quiz_without_questions => "no-questions",
    rejects_a_question_id_that_is_not_kebab_case => "bad-question-id",
    rejects_duplicate_question_ids => "duplicate-question-id",
    rejects_duplicate_and_malformed_option_ids => "option-ids",
    rejects_single_and_scenario_questions_without_exactly_one_correct_option => "correct-count-single",
    rejects_a_multiple_choice_question_without_a_correct_option => "correct-count-multiple",
    rejects_fewer_than_three_or_more_than_six_options => "option-count",
    rejects_a_missing_or_stray_scenario => "scenario-fields",
    rejects_parts_that_do_not_fit_the_kind => "kind-fields",
    rejects_a_starting_dockerfile_with_a_syntax_error => "challenge-dockerfile",
    rejects_a_challenge_without_goals => "no-goals",
    rejects_a_goal_naming_an_unknown_rule => "unknown-rule",
    rejects_a_goal_naming_an_unknown_family_or_variant_or_an_impossible_pair => "unknown-base",
    rejects_goal_fields_that_do_not_fit_the_kind => "goal-fields",
    rejects_a_challenge_already_solved_at_its_start => "already-solved",
    rejects_a_solution_that_misses_a_goal_or_does_not_parse => "bad-solution",
    rejects_unsupported_markdown_and_empty_text => "markdown",
    rejects_links_that_do_not_resolve => "broken-link",
}

#[test]
fn the_valid_case_loads_every_kind_of_question() {
    let quiz = valid_quiz();
    assert_eq!(quiz.lesson, "alpha");
    let kinds: Vec<Kind> = quiz.questions.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Single,
            Kind::Multiple,
            Kind::Scenario,
            Kind::Challenge
        ]
    );
    let scenario = quiz.question("the-team").unwrap();
    assert!(
        scenario
            .scenario
            .as_deref()
            .unwrap()
            .contains("CGO_ENABLED=0")
    );
    let challenge = quiz
        .question("pin-the-tag")
        .unwrap()
        .challenge
        .as_ref()
        .unwrap();
    let kinds: Vec<GoalKind> = challenge.goals.iter().map(|g| g.kind).collect();
    assert_eq!(
        kinds,
        [
            GoalKind::RuleAbsent,
            GoalKind::FinalBase,
            GoalKind::NoErrors,
            GoalKind::MaxSize
        ]
    );
    assert_eq!(challenge.goals[3].max_mb, Some(300));
    assert_eq!(challenge.goals[1].family.as_deref(), Some("python"));
    assert!(quiz.question("pick-many").unwrap().fixed_order);
    assert_eq!(quiz.challenge_count(), 1);
}

#[test]
fn quizzes_come_back_in_course_order() {
    let quizzes = case_files("valid").load(&course()).unwrap();
    let lessons: Vec<&str> = quizzes.iter().map(|q| &*q.lesson).collect();
    assert_eq!(lessons, ["alpha", "beta"]);
}

#[test]
fn single_and_scenario_answers_are_right_only_with_the_one_correct_option() {
    let quiz = valid_quiz();
    let single = quiz.question("pick-one").unwrap();
    assert!(grade::is_right(single, &["slim"]));
    assert!(!grade::is_right(single, &["full"]));
    assert!(!grade::is_right(single, &["slim", "full"]));
    assert!(!grade::is_right::<&str>(single, &[]));
    assert!(!grade::is_right(single, &["no-such-option"]));
    let scenario = quiz.question("the-team").unwrap();
    assert!(grade::is_right(scenario, &["scratch"]));
    assert!(!grade::is_right(scenario, &["golang"]));
}

#[test]
fn multiple_choice_needs_all_and_only_the_correct_options() {
    let quiz = valid_quiz();
    let multiple = quiz.question("pick-many").unwrap();
    assert!(grade::is_right(multiple, &["shell", "package-manager"]));
    assert!(grade::is_right(multiple, &["package-manager", "shell"]));
    assert!(!grade::is_right(multiple, &["shell"]), "one missing");
    assert!(
        !grade::is_right(multiple, &["shell", "package-manager", "runtime"]),
        "one too many"
    );
    assert!(!grade::is_right(multiple, &["none"]));
}

#[test]
fn a_challenge_is_never_right_by_options() {
    let quiz = valid_quiz();
    let challenge = quiz.question("pin-the-tag").unwrap();
    assert!(!grade::is_right(challenge, &["a"]));
}

#[test]
fn challenge_goals_turn_met_as_the_dockerfile_improves() {
    let quiz = valid_quiz();
    let challenge = quiz
        .question("pin-the-tag")
        .unwrap()
        .challenge
        .as_ref()
        .unwrap();
    let met = |source: &str| -> Vec<bool> {
        quiz::grade_challenge(challenge, source)
            .iter()
            .map(|s| s.met)
            .collect()
    };
    // The goals: latest-tag absent, final base python slim, no errors, at most 300 MB.
    assert_eq!(met(&challenge.dockerfile), [false, false, true, false]);
    assert_eq!(
        met("FROM python:3.12\nCMD [\"python\"]\n"),
        [true, false, true, false]
    );
    assert_eq!(met("FROM python:3.12-slim\n"), [true, true, true, true]);
    assert_eq!(
        met("FROM python:3.11-slim-bookworm\n"),
        [true, true, true, true],
        "an estimated slim tag is still slim"
    );
    assert_eq!(
        met("FROM node:20-slim\n"),
        [true, false, true, true],
        "slim and small, but not python"
    );
    assert_eq!(
        met("FROM python:3.12-slim\nRUNN x\n"),
        [true, true, false, true]
    );
    assert_eq!(
        met(""),
        [true, false, false, false],
        "an empty file is a syntax error"
    );
    assert!(quiz::all_met(&quiz::grade_challenge(
        challenge,
        challenge.solution.as_deref().unwrap()
    )));
    assert!(!quiz::all_met(&[]), "no goals is not solved");
}

#[test]
fn goal_statuses_say_where_the_dockerfile_stands() {
    let quiz = valid_quiz();
    let challenge = quiz
        .question("pin-the-tag")
        .unwrap()
        .challenge
        .as_ref()
        .unwrap();
    let statuses = quiz::grade_challenge(
        challenge,
        "FROM python:latest AS build\nFROM python:latest\n",
    );
    assert_eq!(
        statuses[0].now,
        "`latest-tag` fires 2 times, first on line 1."
    );
    assert!(
        statuses[1]
            .now
            .starts_with("The final stage is based on python:latest (python family, full variant"),
        "{}",
        statuses[1].now
    );
    let statuses = quiz::grade_challenge(challenge, "FROM example.com/mine:1\nRUNN x\n");
    assert_eq!(
        statuses[1].now,
        "The final stage is based on example.com/mine:1, which is not in the catalogue."
    );
    assert_eq!(statuses[2].now, "1 error.");
}

#[test]
fn max_size_goals_use_the_estimate_on_disk_and_need_a_known_base() {
    let quiz = valid_quiz();
    let challenge = quiz
        .question("pin-the-tag")
        .unwrap()
        .challenge
        .as_ref()
        .unwrap();
    let size = |source: &str| quiz::grade_challenge(challenge, source).remove(3);
    let full = size("FROM python:3.12\n");
    assert!(!full.met);
    assert!(
        full.now.starts_with("Estimated ") && full.now.ends_with("on disk; the budget is 300 MB."),
        "{}",
        full.now
    );
    let slim = size("FROM python:3.12-slim\nCOPY . .\n");
    assert!(slim.met, "{}", slim.now);
    // A big install on the slim base goes over the budget again.
    let heavy = size(
        "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y build-essential default-jdk\n",
    );
    assert!(!heavy.met, "{}", heavy.now);
    let unknown = size("FROM example.com/mine:1\n");
    assert!(!unknown.met);
    assert_eq!(
        unknown.now,
        "The base image example.com/mine:1 is not in the catalogue, so the image's size is unknown."
    );
    assert!(!size("# no instructions\n").met);
}

#[test]
fn silencing_a_rule_does_not_meet_a_rule_absent_goal() {
    let quiz = valid_quiz();
    let challenge = quiz
        .question("pin-the-tag")
        .unwrap()
        .challenge
        .as_ref()
        .unwrap();
    for source in [
        "# fromlab: ignore=latest-tag\nFROM python:latest\n",
        "# fromlab: ignore=all\nFROM python:latest\n",
    ] {
        let statuses = quiz::grade_challenge(challenge, source);
        assert!(!statuses[0].met, "{source}");
        assert!(
            statuses[0]
                .now
                .contains("silenced by the comment on line 1"),
            "{}",
            statuses[0].now
        );
    }
    // Mentioning another rule silences nothing here.
    let statuses =
        quiz::grade_challenge(challenge, "# fromlab: ignore=root-user\nFROM python:3.12\n");
    assert!(statuses[0].met);
}

#[test]
fn a_buildkit_check_skip_directive_does_not_meet_a_rule_absent_goal() {
    use std::borrow::Cow;
    let goal = quiz::Goal {
        kind: GoalKind::RuleAbsent,
        max_mb: None,
        rule: Some(Cow::Borrowed("stage-name-casing")),
        family: None,
        variant: None,
        text: Cow::Borrowed("Lower-case stage names"),
        explanation: Cow::Borrowed("BuildKit lower-cases them anyway."),
    };
    let grade = |source: &str| {
        let analysis = fromlab_engine::analysis::analyze(source);
        quiz::grade_goals(std::slice::from_ref(&goal), source, &analysis).remove(0)
    };
    assert!(!grade("FROM alpine:3.20 AS Build\nFROM alpine:3.20\n").met);
    assert!(grade("FROM alpine:3.20 AS build\nFROM alpine:3.20\n").met);
    for skip in ["StageNameCasing", "all", "FromAsCasing,stagenamecasing"] {
        let source = format!("# check=skip={skip}\nFROM alpine:3.20 AS Build\nFROM alpine:3.20\n");
        let status = grade(&source);
        assert!(!status.met, "{source}");
        assert!(
            status.now.contains("silenced by the comment on line 1"),
            "{}",
            status.now
        );
    }
    // Skipping another check silences nothing this goal is about.
    let status = grade("# check=skip=FromAsCasing\nFROM alpine:3.20 AS Build\nFROM alpine:3.20\n");
    assert!(status.now.contains("fires on line 2"), "{}", status.now);
}

#[test]
fn the_final_base_follows_stages_and_knows_scratch() {
    let catalogue = fromlab_engine::catalogue::Catalogue::builtin();
    let analysis = fromlab_engine::analysis::analyze(
        "FROM golang:1.22 AS build\nFROM scratch AS run\nFROM run\n",
    );
    let base = grade::final_base(&analysis.model, catalogue).unwrap();
    assert_eq!(base.shown, "scratch");
    let entry = base.entry.unwrap();
    assert!(grade::base_matches(
        catalogue,
        entry,
        Some("scratch"),
        Some("scratch")
    ));
    let analysis = fromlab_engine::analysis::analyze("FROM gcr.io/distroless/python3-debian12\n");
    let entry = grade::final_base(&analysis.model, catalogue)
        .unwrap()
        .entry
        .unwrap();
    assert!(
        grade::variant_matches(catalogue, entry, "distroless"),
        "a distroless row is at the distroless point: {entry:?}"
    );
    assert!(grade::final_base(&fromlab_engine::analysis::analyze("").model, catalogue).is_none());
}

#[test]
fn shuffles_are_permutations_that_depend_on_the_seed() {
    for len in 0..8 {
        for seed in [0, 1, 42, u64::MAX] {
            let mut order = shuffled(len, seed);
            order.sort_unstable();
            assert_eq!(order, (0..len).collect::<Vec<_>>());
        }
    }
    let orders: std::collections::HashSet<Vec<usize>> =
        (0..50).map(|seed| shuffled(5, seed)).collect();
    assert!(
        orders.len() > 10,
        "50 seeds give many orders, got {}",
        orders.len()
    );
    assert_eq!(shuffled(5, 7), shuffled(5, 7), "one seed, one order");
}

#[test]
fn fixed_order_keeps_the_written_order() {
    let quiz = valid_quiz();
    let fixed = quiz.question("pick-many").unwrap();
    for seed in 0..20 {
        assert_eq!(option_order(fixed, seed), [0, 1, 2, 3]);
    }
    let free = quiz.question("pick-one").unwrap();
    let orders: std::collections::HashSet<Vec<usize>> =
        (0..20).map(|seed| option_order(free, seed)).collect();
    assert!(orders.len() > 1);
}

/// The real quizzes must pass every check; the app's build script runs the same
/// checks, and this test names the problems without a wasm build.
#[test]
fn the_project_quizzes_pass_every_check() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let course = ContentFiles::read(&root, "content/")
        .unwrap()
        .load()
        .unwrap_or_else(|errors| panic!("the course has errors: {errors:#?}"));
    let files = QuizFiles::read(&root.join("quizzes"), "content/quizzes/")
        .unwrap_or_else(|error| panic!("the quizzes must exist: {error}"));
    let quizzes = files.load(&course).unwrap_or_else(|errors| {
        let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the quizzes have errors:\n{}", listed.join("\n"))
    });
    assert_eq!(quizzes.len(), course.lessons.len(), "one quiz per lesson");
    // The course's minimums (issue 6): at least five questions per lesson,
    // mixing kinds, at least twelve Dockerfile challenges, each challenge
    // with a worked solution the build checks.
    let mut challenges = 0;
    for quiz in &quizzes {
        assert!(
            quiz.questions.len() >= 5,
            "{}: {} questions, at least 5 needed",
            quiz.lesson,
            quiz.questions.len()
        );
        let kinds: std::collections::BTreeSet<String> = quiz
            .questions
            .iter()
            .map(|q| format!("{:?}", q.kind))
            .collect();
        assert!(kinds.len() >= 2, "{}: mix question kinds", quiz.lesson);
        for q in quiz.questions.iter() {
            if let Some(challenge) = &q.challenge {
                challenges += 1;
                assert!(
                    challenge.solution.is_some(),
                    "{} / {}: every challenge carries a worked solution",
                    quiz.lesson,
                    q.id
                );
            }
        }
    }
    assert!(
        challenges >= 12,
        "{challenges} Dockerfile challenges, at least 12 needed"
    );
}

mod never_panics {
    use fromlab_engine::content::SourceFile;
    use fromlab_engine::quiz::{self, load_quizzes};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_quiz_file_of_any_text_loads_or_reports(text in "(?s)(lesson = \"alpha\"\n\\[\\[questions\\]\\]\n)?.{0,300}") {
            let course = super::course();
            let result = load_quizzes(
                "quizzes/",
                &[SourceFile { path: "quizzes/alpha.toml", text: &text }],
                &course,
            );
            if let Err(errors) = result {
                prop_assert!(!errors.is_empty());
                for error in errors {
                    prop_assert!(error.line >= 1 && error.column >= 1);
                }
            }
        }

        #[test]
        fn goals_grade_any_dockerfile(source in "(?s)(FROM [a-z:.0-9/-]{0,20}\n)?.{0,200}") {
            let quiz = super::valid_quiz();
            let challenge = quiz.question("pin-the-tag").unwrap().challenge.as_ref().unwrap();
            let statuses = quiz::grade_challenge(challenge, &source);
            prop_assert_eq!(statuses.len(), challenge.goals.len());
        }
    }
}
