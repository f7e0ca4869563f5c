//! Reads a content folder from disk for native callers: the app's build script, the
//! `fromlab` command and the tests. The browser app never calls this; it gets the course
//! compiled in.

use std::fs;
use std::io;
use std::path::Path;

use super::{ContentError, Course, SourceFile, load_course};

/// The texts of one content folder: `SUMMARY.md` and every `lessons/*.md`, with the
/// paths to show in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFiles {
    pub summary: (String, String),
    /// `(path, text)` pairs sorted by path, so results never depend on directory order.
    pub lessons: Vec<(String, String)>,
}

impl ContentFiles {
    /// Reads `dir/SUMMARY.md` and `dir/lessons/*.md`. Paths in messages are `shown_as`
    /// followed by the path inside `dir`, for example `content/lessons/x.md`.
    pub fn read(dir: &Path, shown_as: &str) -> io::Result<ContentFiles> {
        let summary_text = fs::read_to_string(dir.join("SUMMARY.md")).map_err(|error| {
            io::Error::new(error.kind(), format!("{shown_as}SUMMARY.md: {error}"))
        })?;
        let mut lessons = Vec::new();
        let lessons_dir = dir.join("lessons");
        let entries = fs::read_dir(&lessons_dir).map_err(|error| {
            io::Error::new(error.kind(), format!("{shown_as}lessons/: {error}"))
        })?;
        for entry in entries {
            let path = entry?.path();
            if path.extension().is_some_and(|ext| ext == "md") {
                let name = path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let text = fs::read_to_string(&path).map_err(|error| {
                    io::Error::new(error.kind(), format!("{shown_as}lessons/{name}: {error}"))
                })?;
                lessons.push((format!("{shown_as}lessons/{name}"), text));
            }
        }
        lessons.sort();
        Ok(ContentFiles {
            summary: (format!("{shown_as}SUMMARY.md"), summary_text),
            lessons,
        })
    }

    /// Runs [`load_course`] over these files.
    pub fn load(&self) -> Result<Course, Vec<ContentError>> {
        let lessons: Vec<SourceFile<'_>> = self
            .lessons
            .iter()
            .map(|(path, text)| SourceFile { path, text })
            .collect();
        load_course(
            SourceFile {
                path: &self.summary.0,
                text: &self.summary.1,
            },
            &lessons,
        )
    }
}
