//! Writes checked quizzes as a Rust expression of `static` data, for the app's build
//! script. The browser then carries the quizzes as plain structs borrowed from the
//! binary: no TOML parser, no deserialiser and no decoding at start-up.
//!
//! The output names the types unqualified (`Quiz`, `Cow`, ...); the including module
//! brings them into scope.

use std::fmt::Write as _;

use super::data::{Challenge, Choice, Goal, GoalKind, Kind, Question, Quiz};

/// `&[Quiz { .. }, ..]` for these quizzes, in order.
pub fn to_rust(quizzes: &[Quiz]) -> String {
    let mut out = String::from("&[\n");
    for quiz in quizzes {
        out.push_str("Quiz { lesson: ");
        text(&mut out, &quiz.lesson);
        out.push_str(", questions: Cow::Borrowed(&[\n");
        for question in quiz.questions.iter() {
            write_question(&mut out, question);
        }
        out.push_str("]) },\n");
    }
    out.push(']');
    out
}

fn write_question(out: &mut String, question: &Question) {
    out.push_str("  Question { id: ");
    text(out, &question.id);
    let kind = match question.kind {
        Kind::Single => "Single",
        Kind::Multiple => "Multiple",
        Kind::Scenario => "Scenario",
        Kind::Challenge => "Challenge",
    };
    let _ = write!(out, ", kind: Kind::{kind}, prompt: ");
    text(out, &question.prompt);
    out.push_str(", scenario: ");
    optional(out, question.scenario.as_deref());
    let _ = write!(
        out,
        ", fixed_order: {}, options: Cow::Borrowed(&[",
        question.fixed_order
    );
    for choice in question.options.iter() {
        write_choice(out, choice);
    }
    out.push_str("]), challenge: ");
    match &question.challenge {
        Some(challenge) => write_challenge(out, challenge),
        None => out.push_str("None"),
    }
    out.push_str(" },\n");
}

fn write_choice(out: &mut String, choice: &Choice) {
    out.push_str("Choice { id: ");
    text(out, &choice.id);
    out.push_str(", text: ");
    text(out, &choice.text);
    let _ = write!(out, ", correct: {}, explanation: ", choice.correct);
    text(out, &choice.explanation);
    out.push_str(" }, ");
}

fn write_challenge(out: &mut String, challenge: &Challenge) {
    out.push_str("Some(Challenge { dockerfile: ");
    text(out, &challenge.dockerfile);
    out.push_str(", solution: ");
    optional(out, challenge.solution.as_deref());
    out.push_str(", goals: Cow::Borrowed(&[");
    for goal in challenge.goals.iter() {
        write_goal(out, goal);
    }
    out.push_str("]) })");
}

fn write_goal(out: &mut String, goal: &Goal) {
    let kind = match goal.kind {
        GoalKind::MaxSize => "MaxSize",
        GoalKind::RuleAbsent => "RuleAbsent",
        GoalKind::NoErrors => "NoErrors",
        GoalKind::FinalBase => "FinalBase",
    };
    let _ = write!(out, "Goal {{ kind: GoalKind::{kind}, max_mb: ");
    match goal.max_mb {
        Some(mb) => {
            let _ = write!(out, "Some({mb})");
        }
        None => out.push_str("None"),
    }
    out.push_str(", rule: ");
    optional(out, goal.rule.as_deref());
    out.push_str(", family: ");
    optional(out, goal.family.as_deref());
    out.push_str(", variant: ");
    optional(out, goal.variant.as_deref());
    out.push_str(", text: ");
    text(out, &goal.text);
    out.push_str(", explanation: ");
    text(out, &goal.explanation);
    out.push_str(" }, ");
}

fn text(out: &mut String, value: &str) {
    // Debug formatting of a str is a valid Rust string literal, every special
    // character escaped.
    let _ = write!(out, "Cow::Borrowed({value:?})");
}

fn optional(out: &mut String, value: Option<&str>) {
    match value {
        Some(value) => {
            out.push_str("Some(");
            text(out, value);
            out.push(')');
        }
        None => out.push_str("None"),
    }
}
