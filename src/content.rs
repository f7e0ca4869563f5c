//! The course, compiled in by `build.rs` after the engine has checked it.
//!
//! Only what the home page and sidebar need is stored as plain fields; a lesson's
//! Markdown body is parsed into a document tree when the lesson is opened. Quizzes are
//! `static` engine values (`fromlab_engine::quiz::Quiz`), one per lesson.

use fromlab_engine::content::doc::{self, Doc};
use fromlab_engine::quiz::Quiz;

/// One lesson as compiled into the app.
#[derive(Debug, PartialEq, Eq)]
pub struct LessonEntry {
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub minutes: u32,
    /// The Markdown after the front matter.
    pub body: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/course.rs"));

impl LessonEntry {
    /// The lesson body as a document tree.
    pub fn doc(&self) -> Doc {
        doc::parse(self.body)
    }
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

    use fromlab_engine::content::files::ContentFiles;
    use fromlab_engine::quiz::files::QuizFiles;

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
        assert_eq!(super::compiled_quizzes::QUIZZES, quizzes.as_slice());
        for lesson in super::lessons() {
            assert!(
                super::quiz(lesson.slug).is_some(),
                "{} has a quiz",
                lesson.slug
            );
        }
    }
}
