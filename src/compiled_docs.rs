//! Markdown turned into document trees at build time, so the page carries no Markdown
//! parser: `build.rs` includes this file to write lessons and quiz texts as the engine's
//! `content::doc::Doc` (plain data, never HTML) in postcard's compact encoding, all of
//! them one after another in `$OUT_DIR/docs.bin`; the app's tests include it to check
//! that what was compiled in is exactly what the files say. A compiled text names its
//! tree by its place in that file, `start..end` (read it with `content::text_doc`).

use fromlab_engine::content::doc;
use fromlab_engine::quiz::{Quiz, Text};

/// The compiled document trees, in the order they were added.
#[derive(Default)]
pub struct Docs {
    pub bytes: Vec<u8>,
}

impl Docs {
    /// Adds the document tree of `markdown` and says where it is, as `start..end`.
    pub fn add(&mut self, markdown: &str) -> String {
        let start = self.bytes.len();
        // Serialising plain owned data into a vector cannot fail; an empty place would
        // show as an empty text rather than break the build.
        let encoded = postcard::to_allocvec(&doc::parse(markdown)).unwrap_or_default();
        self.bytes.extend_from_slice(&encoded);
        format!("{start}..{}", self.bytes.len())
    }
}

/// The quizzes with every Markdown field (prompts, scenarios, options, explanations,
/// goals) replaced by the place of its document tree in `docs`; everything else is left
/// as it is.
pub fn encode_quizzes(quizzes: &[Quiz], docs: &mut Docs) -> Vec<Quiz> {
    let mut place = |text: &Text| -> Text { docs.add(text).into() };
    quizzes
        .iter()
        .map(|quiz| {
            let mut quiz = quiz.clone();
            let questions = quiz.questions.to_mut();
            for question in questions.iter_mut() {
                question.prompt = place(&question.prompt);
                question.scenario = question.scenario.as_ref().map(&mut place);
                for option in question.options.to_mut().iter_mut() {
                    option.text = place(&option.text);
                    option.explanation = place(&option.explanation);
                }
                if let Some(challenge) = question.challenge.as_mut() {
                    for goal in challenge.goals.to_mut().iter_mut() {
                        goal.text = place(&goal.text);
                        goal.explanation = place(&goal.explanation);
                    }
                }
            }
            quiz
        })
        .collect()
}
