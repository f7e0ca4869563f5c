//! The course, compiled in by `build.rs` after the engine has checked it.
//!
//! Only what the home page and sidebar need is stored as plain fields; a lesson's body
//! is stored as its document tree (parsed from Markdown at build time and encoded with
//! postcard, see `compiled_docs.rs`) and decoded when the lesson is opened. Quizzes are
//! `static` engine values (`fromlab_engine::quiz::Quiz`), one per lesson, whose Markdown
//! fields name their document trees the same way (read them with [`text_doc`]).

use fromlab_engine::content::doc::Doc;
use fromlab_engine::quiz::Quiz;

/// One lesson as compiled into the app.
#[derive(Debug, PartialEq, Eq)]
pub struct LessonEntry {
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub minutes: u32,
    /// The body after the front matter: the place of its document tree in [`DOCS`].
    pub doc: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/course.rs"));

impl LessonEntry {
    /// The lesson body as a document tree.
    pub fn doc(&self) -> Doc {
        text_doc(self.doc)
    }
}

/// Every compiled document tree, in postcard's encoding (see `compiled_docs.rs`).
static DOCS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/docs.bin"));

/// The document tree of a compiled text (a lesson body or a quiz's Markdown field), which
/// names its place in [`DOCS`] as `start..end`. The build wrote it and the tests read
/// every one back, so a text that does not decode cannot ship; it would show as empty
/// rather than break the page.
pub fn text_doc(place: &str) -> Doc {
    place
        .split_once("..")
        .and_then(|(start, end)| Some((start.parse::<usize>().ok()?, end.parse::<usize>().ok()?)))
        .and_then(|(start, end)| DOCS.get(start..end))
        .and_then(|bytes| postcard::from_bytes(bytes).ok())
        .unwrap_or_default()
}

/// All lessons, in course order.
pub fn lessons() -> &'static [LessonEntry] {
    LESSONS
}

/// The position and entry of the lesson with this slug.
pub fn find(slug: &str) -> Option<(usize, &'static LessonEntry)> {
    LESSONS
        .iter()
        .enumerate()
        .find(|(_, lesson)| lesson.slug == slug)
}

/// The quizzes as `static` data, written by `build.rs` after the engine checked them.
mod compiled_quizzes {
    use std::borrow::Cow;

    use fromlab_engine::quiz::{Challenge, Choice, Goal, GoalKind, Kind, Question, Quiz};

    include!(concat!(env!("OUT_DIR"), "/quizzes.rs"));
}

/// The quiz of the lesson with this slug.
pub fn quiz(slug: &str) -> Option<&'static Quiz> {
    compiled_quizzes::QUIZZES
        .iter()
        .find(|quiz| quiz.lesson == slug)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use fromlab_engine::content::doc;
    use fromlab_engine::content::files::ContentFiles;
    use fromlab_engine::quiz::files::QuizFiles;

    /// Every lesson's compiled body decodes to what the engine parses from its file.
    #[test]
    fn compiled_lessons_equal_the_files() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let course = ContentFiles::read(&root, "content/")
            .map(|files| files.load())
            .expect("the course can be read")
            .expect("the course is valid");
        assert_eq!(super::lessons().len(), course.lessons.len());
        for (compiled, lesson) in super::lessons().iter().zip(&course.lessons) {
            assert_eq!(compiled.slug, lesson.slug);
            assert!(!compiled.doc().blocks.is_empty());
            assert_eq!(compiled.doc(), doc::parse(&lesson.body));
        }
    }

    /// The compiled-in quizzes are exactly what the engine reads from the files, so
    /// the code the build script writes loses nothing.
    #[test]
    fn compiled_quizzes_equal_the_files() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let course = ContentFiles::read(&root, "content/")
            .map(|files| files.load())
            .expect("the course can be read")
            .expect("the course is valid");
        let quizzes = QuizFiles::read(&root.join("quizzes"), "content/quizzes/")
            .expect("the quizzes can be read")
            .load(&course)
            .expect("the quizzes are valid");
        // The build adds the lessons' trees first, then the quizzes'.
        let mut docs = crate::compiled_docs::Docs::default();
        for lesson in &course.lessons {
            docs.add(&lesson.body);
        }
        let compiled = crate::compiled_docs::encode_quizzes(&quizzes, &mut docs);
        assert_eq!(super::compiled_quizzes::QUIZZES, compiled.as_slice());
        assert_eq!(super::DOCS, docs.bytes.as_slice());
        // Every text decodes to exactly what the engine parses from the file.
        let decoded = |place: &str| super::text_doc(place);
        for (quiz, file) in super::compiled_quizzes::QUIZZES.iter().zip(&quizzes) {
            for (question, written) in quiz.questions.iter().zip(file.questions.iter()) {
                assert_eq!(decoded(&question.prompt), doc::parse(&written.prompt));
                let options = question.options.iter().zip(written.options.iter());
                for (option, written) in options {
                    assert_eq!(decoded(&option.text), doc::parse(&written.text));
                    assert_eq!(
                        decoded(&option.explanation),
                        doc::parse(&written.explanation)
                    );
                }
            }
        }
        for lesson in super::lessons() {
            assert!(
                super::quiz(lesson.slug).is_some(),
                "{} has a quiz",
                lesson.slug
            );
        }
    }
}
