//! Reads the quiz folder from disk for native callers: the app's build script and the
//! tests. The browser app never calls this; it gets the quizzes compiled in.

use std::fs;
use std::io;
use std::path::Path;

use super::check::load_quizzes;
use super::data::Quiz;
use crate::content::{ContentError, Course, SourceFile};

/// The texts of every `*.toml` in one quiz folder, with the paths to show in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizFiles {
    /// The folder as messages show it, ending in `/` (`content/quizzes/`).
    pub shown_as: String,
    /// `(path, text)` pairs sorted by path, so results never depend on directory order.
    pub files: Vec<(String, String)>,
}

impl QuizFiles {
    /// Reads `dir/*.toml`. Paths in messages are `shown_as` followed by the file name.
    pub fn read(dir: &Path, shown_as: &str) -> io::Result<QuizFiles> {
        let entries = fs::read_dir(dir)
            .map_err(|error| io::Error::new(error.kind(), format!("{shown_as}: {error}")))?;
        let mut files = Vec::new();
        for entry in entries {
            let path = entry?.path();
            if path.extension().is_some_and(|ext| ext == "toml") {
                let name = path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let text = fs::read_to_string(&path).map_err(|error| {
                    io::Error::new(error.kind(), format!("{shown_as}{name}: {error}"))
                })?;
                files.push((format!("{shown_as}{name}"), text));
            }
        }
        files.sort();
        Ok(QuizFiles {
            shown_as: shown_as.to_string(),
            files,
        })
    }

    /// Runs [`load_quizzes`] over these files.
    pub fn load(&self, course: &Course) -> Result<Vec<Quiz>, Vec<ContentError>> {
        let files: Vec<SourceFile<'_>> = self
            .files
            .iter()
            .map(|(path, text)| SourceFile { path, text })
            .collect();
        load_quizzes(&self.shown_as, &files, course)
    }
}
