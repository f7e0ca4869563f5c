//! Course content: lessons written in Markdown with TOML front matter, their order in
//! `SUMMARY.md`, the plain-data document tree the app renders, and the checks that keep
//! every lesson well formed.
//!
//! Content flows through named stages, each usable on its own:
//! 1. [`summary::parse`] reads the course order from `SUMMARY.md`;
//! 2. [`front_matter::split`] separates a lesson's TOML header from its Markdown body;
//! 3. [`doc::parse`] turns a Markdown body into a [`doc::Doc`] tree (total: never fails);
//! 4. [`load_course`] runs all of the above over a set of files and applies the checks in
//!    [`check`], returning either a [`Course`] or every problem found, each naming a file,
//!    a line and a column.
//!
//! The functions here take text, not paths, so the browser app, the build script and the
//! tests share them; [`files`] is the thin native layer that reads a content folder.

pub mod check;
pub mod doc;
pub mod examples;
pub mod files;
pub mod front_matter;
pub(crate) mod position;
pub mod slug;
pub mod summary;

use std::fmt;

pub use check::load_course;
pub use doc::Doc;
pub use front_matter::FrontMatter;

/// One text file of the course, named by the path shown in error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceFile<'a> {
    /// The path as it should appear in messages, for example `content/lessons/distroless.md`.
    pub path: &'a str,
    /// The whole text of the file.
    pub text: &'a str,
}

/// A checked course: every lesson in course order.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub lessons: Vec<Lesson>,
}

impl Course {
    /// The lesson with this slug, if the course has one.
    pub fn lesson(&self, slug: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|lesson| lesson.slug == slug)
    }
}

/// One checked lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// The file stem, used in URLs and by rules and quizzes to refer to the lesson.
    pub slug: String,
    /// The path the lesson was read from, as shown in messages.
    pub path: String,
    pub front: FrontMatter,
    /// The Markdown after the front matter.
    pub body: String,
    /// The 1-based line of the file on which `body` starts.
    pub body_line: usize,
    pub doc: Doc,
}

/// A problem found in the content, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ContentError {
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ContentError {}
