//! The course, compiled in by `build.rs` after the engine has checked it.
//!
//! Only what the home page and sidebar need is stored as plain fields; a lesson's
//! Markdown body is parsed into a document tree when the lesson is opened.

use fromlab_engine::content::doc::{self, Doc};

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
