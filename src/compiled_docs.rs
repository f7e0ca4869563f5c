//! Markdown turned into document trees at build time, so the page carries no Markdown
//! parser: `build.rs` includes this file to write lessons and quiz texts as JSON of the
//! engine's `content::doc::Doc` (plain data, never HTML), and the app's tests include it
//! to check that what was compiled in is exactly what the files say.

use fromlab_engine::content::doc;
use fromlab_engine::quiz::{Quiz, Text};

/// The document tree of `markdown`, as JSON.
pub fn encode(markdown: &str) -> String {
    // Serialising plain owned data cannot fail; an empty document would show as an
    // empty text rather than break the build.
    serde_json::to_string(&doc::parse(markdown)).unwrap_or_default()
}

/// The quizzes with every Markdown field (prompts, scenarios, options, explanations,
/// goals) replaced by its document tree as JSON; everything else is left as it is.
pub fn encode_quizzes(quizzes: &[Quiz]) -> Vec<Quiz> {
    let json = |text: &Text| -> Text { encode(text).into() };
    quizzes
        .iter()
        .map(|quiz| {
            let mut quiz = quiz.clone();
            let questions = quiz.questions.to_mut();
            for question in questions.iter_mut() {
                question.prompt = json(&question.prompt);
                question.scenario = question.scenario.as_ref().map(json);
                for option in question.options.to_mut().iter_mut() {
                    option.text = json(&option.text);
                    option.explanation = json(&option.explanation);
                }
                if let Some(challenge) = question.challenge.as_mut() {
                    for goal in challenge.goals.to_mut().iter_mut() {
                        goal.text = json(&goal.text);
                        goal.explanation = json(&goal.explanation);
                    }
                }
            }
            quiz
        })
        .collect()
}
