//! The playground's gallery: example Dockerfiles kept as plain files under
//! `content/examples/`, listed in order with a title and a one-line description in
//! `content/examples/index.toml`.
//!
//! ```text
//! [[examples]]
//! id = "go-scratch"                      # the file is go-scratch.Dockerfile
//! title = "Go service on scratch"
//! description = "One line on what the example shows."
//! ```
//!
//! The Dockerfiles stay real Dockerfiles (no header inside them), so each one can be
//! built or checked with `fromlab check` as it is. [`load_examples`] checks the index
//! and every file, and the app's build script compiles the result in, so a broken
//! example fails the build with a message naming the file and line.

use std::fs;
use std::io;
use std::path::Path;

use serde::Deserialize;

use super::position::LineIndex;
use super::slug::slugify;
use super::{ContentError, SourceFile};
use crate::syntax;

/// The longest title, in characters: titles are shown on small cards.
pub const MAX_TITLE_CHARS: usize = 60;

/// The longest description, in characters: one line under the title.
pub const MAX_DESCRIPTION_CHARS: usize = 160;

/// One checked example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The file stem, used in links (`#/playground?example=<id>`).
    pub id: String,
    /// A short name.
    pub title: String,
    /// One line on what the example shows.
    pub description: String,
    /// The Dockerfile.
    pub dockerfile: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Index {
    examples: Vec<IndexEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndexEntry {
    id: String,
    title: String,
    description: String,
}

/// The texts of the examples folder, with the paths to show in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFiles {
    pub index: (String, String),
    /// `(path, text)` of every `*.Dockerfile`, sorted by path.
    pub dockerfiles: Vec<(String, String)>,
}

impl ExampleFiles {
    /// Reads `dir/index.toml` and `dir/*.Dockerfile`; paths in messages start with
    /// `shown_as` (for example `content/examples/`).
    pub fn read(dir: &Path, shown_as: &str) -> io::Result<ExampleFiles> {
        let index = fs::read_to_string(dir.join("index.toml")).map_err(|error| {
            io::Error::new(error.kind(), format!("{shown_as}index.toml: {error}"))
        })?;
        let mut dockerfiles = Vec::new();
        let entries = fs::read_dir(dir)
            .map_err(|error| io::Error::new(error.kind(), format!("{shown_as}: {error}")))?;
        for entry in entries {
            let path = entry?.path();
            if path.extension().is_some_and(|ext| ext == "Dockerfile") {
                let name = path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let text = fs::read_to_string(&path).map_err(|error| {
                    io::Error::new(error.kind(), format!("{shown_as}{name}: {error}"))
                })?;
                dockerfiles.push((format!("{shown_as}{name}"), text));
            }
        }
        dockerfiles.sort();
        Ok(ExampleFiles {
            index: (format!("{shown_as}index.toml"), index),
            dockerfiles,
        })
    }

    /// Runs [`load_examples`] over these files.
    pub fn load(&self) -> Result<Vec<Example>, Vec<ContentError>> {
        let files: Vec<SourceFile<'_>> = self
            .dockerfiles
            .iter()
            .map(|(path, text)| SourceFile { path, text })
            .collect();
        load_examples(
            SourceFile {
                path: &self.index.0,
                text: &self.index.1,
            },
            &files,
        )
    }
}

/// The id a Dockerfile path stands for: its file name without `.Dockerfile`.
fn stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.strip_suffix(".Dockerfile").unwrap_or(name)
}

/// Checks the index and the Dockerfiles and returns the examples in index order, or
/// every problem found.
pub fn load_examples(
    index: SourceFile<'_>,
    dockerfiles: &[SourceFile<'_>],
) -> Result<Vec<Example>, Vec<ContentError>> {
    let mut errors = Vec::new();
    let lines = LineIndex::new(index.text);
    let error_at = |offset: usize, message: String| {
        let (line, column) = lines.locate(offset);
        ContentError {
            path: index.path.to_string(),
            line,
            column,
            message,
        }
    };
    let parsed: Index = match toml::from_str(index.text) {
        Ok(parsed) => parsed,
        Err(error) => {
            let offset = error.span().map_or(0, |span| span.start);
            return Err(vec![error_at(offset, error.message().trim().to_string())]);
        }
    };
    // Entries carry no spans once deserialised; each is located by its `id = "..."` line.
    let entry_offset = |id: &str| {
        index
            .text
            .find(&format!("id = \"{id}\""))
            .unwrap_or_default()
    };
    if parsed.examples.is_empty() {
        errors.push(error_at(0, "the gallery lists no examples".into()));
    }

    let mut examples = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for entry in &parsed.examples {
        let at = entry_offset(&entry.id);
        let mut fail = |message: String| errors.push(error_at(at, message));
        if slugify(&entry.id) != entry.id {
            fail(format!(
                "example id `{}` must be lower-case letters, digits and single dashes",
                entry.id
            ));
        }
        if seen.contains(&entry.id.as_str()) {
            fail(format!("example id `{}` is listed twice", entry.id));
        }
        seen.push(&entry.id);
        let title_chars = entry.title.trim().chars().count();
        if title_chars == 0 || title_chars > MAX_TITLE_CHARS {
            fail(format!(
                "example `{}`: the title must be 1 to {MAX_TITLE_CHARS} characters",
                entry.id
            ));
        }
        let description = entry.description.trim();
        if description.is_empty()
            || description.contains('\n')
            || description.chars().count() > MAX_DESCRIPTION_CHARS
        {
            fail(format!(
                "example `{}`: the description must be one line of 1 to {MAX_DESCRIPTION_CHARS} characters",
                entry.id
            ));
        }
        let Some(file) = dockerfiles.iter().find(|file| stem(file.path) == entry.id) else {
            fail(format!(
                "example `{}` has no file `{}.Dockerfile`",
                entry.id, entry.id
            ));
            continue;
        };
        check_dockerfile(file, &mut errors);
        examples.push(Example {
            id: entry.id.clone(),
            title: entry.title.trim().to_string(),
            description: description.to_string(),
            dockerfile: file.text.to_string(),
        });
    }
    for file in dockerfiles {
        if !parsed
            .examples
            .iter()
            .any(|entry| entry.id == stem(file.path))
        {
            errors.push(ContentError {
                path: file.path.to_string(),
                line: 1,
                column: 1,
                message: format!(
                    "this example is not listed in {}; add it there or remove the file",
                    index.path
                ),
            });
        }
    }
    if errors.is_empty() {
        Ok(examples)
    } else {
        errors.sort();
        Err(errors)
    }
}

/// An example must be a Dockerfile Docker would accept: no syntax error, and at least
/// one stage. (A deliberately bad example is bad by the rules, never by the syntax.)
fn check_dockerfile(file: &SourceFile<'_>, errors: &mut Vec<ContentError>) {
    let parse = syntax::parse(file.text);
    let lines = LineIndex::new(file.text);
    for error in parse.errors() {
        let (line, column) = lines.locate(error.range.start);
        errors.push(ContentError {
            path: file.path.to_string(),
            line,
            column,
            message: error.message.clone(),
        });
    }
    let has_from = parse
        .instructions()
        .any(|inst| inst.kind == syntax::InstructionKind::From);
    if !has_from {
        errors.push(ContentError {
            path: file.path.to_string(),
            line: 1,
            column: 1,
            message: "an example needs at least one FROM".into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file<'a>(path: &'a str, text: &'a str) -> SourceFile<'a> {
        SourceFile { path, text }
    }

    const INDEX: &str = "[[examples]]\nid = \"a\"\ntitle = \"A\"\ndescription = \"One line.\"\n";

    #[test]
    fn loads_examples_in_index_order() {
        let index =
            format!("{INDEX}\n[[examples]]\nid = \"b-2\"\ntitle = \"B\"\ndescription = \"Two.\"\n");
        let examples = load_examples(
            file("ex/index.toml", &index),
            &[
                file("ex/b-2.Dockerfile", "FROM scratch\n"),
                file("ex/a.Dockerfile", "FROM alpine:3.24\n"),
            ],
        )
        .unwrap();
        let ids: Vec<&str> = examples.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b-2"]);
        assert_eq!(examples[0].dockerfile, "FROM alpine:3.24\n");
    }

    #[test]
    fn reports_every_problem_with_its_place() {
        let index = "[[examples]]\nid = \"Bad Id\"\ntitle = \"\"\ndescription = \"x\"\n\n\
                     [[examples]]\nid = \"ok\"\ntitle = \"Fine\"\ndescription = \"x\"\n\n\
                     [[examples]]\nid = \"ok\"\ntitle = \"Again\"\ndescription = \"x\"\n";
        let errors = load_examples(
            file("ex/index.toml", index),
            &[
                file("ex/ok.Dockerfile", "FROM alpine:3.24\nFROM\n"),
                file("ex/stray.Dockerfile", "FROM scratch\n"),
            ],
        )
        .unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        let expect = [
            "ex/index.toml:2:1: example id `Bad Id` must be lower-case letters, digits and single dashes",
            "ex/index.toml:2:1: example `Bad Id`: the title must be 1 to 60 characters",
            "ex/index.toml:2:1: example `Bad Id` has no file `Bad Id.Dockerfile`",
            "ex/index.toml:7:1: example id `ok` is listed twice",
            "ex/stray.Dockerfile:1:1: this example is not listed in ex/index.toml; add it there or remove the file",
        ];
        for line in expect {
            assert!(
                shown.iter().any(|s| s == line),
                "missing {line:?} in {shown:#?}"
            );
        }
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("ex/ok.Dockerfile:2:1: ")),
            "the syntax error is reported: {shown:#?}"
        );
    }

    #[test]
    fn rejects_bad_toml_and_unknown_fields() {
        let errors = load_examples(file("i.toml", "[[examples]]\nid = \n"), &[]).unwrap_err();
        assert_eq!(errors[0].line, 2);
        let errors = load_examples(
            file("i.toml", &format!("{INDEX}colour = \"red\"\n")),
            &[file("a.Dockerfile", "FROM scratch\n")],
        )
        .unwrap_err();
        assert!(errors[0].message.contains("colour"), "{errors:?}");
        let errors = load_examples(file("i.toml", "examples = []\n"), &[]).unwrap_err();
        assert_eq!(errors[0].message, "the gallery lists no examples");
    }

    #[test]
    fn the_real_gallery_loads_with_at_least_ten_examples() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/examples");
        let examples = ExampleFiles::read(&dir, "content/examples/")
            .unwrap()
            .load()
            .unwrap_or_else(|errors| panic!("{errors:#?}"));
        assert!(examples.len() >= 10, "{} examples", examples.len());
    }

    #[test]
    fn a_file_without_from_is_refused() {
        let errors = load_examples(
            file("i.toml", INDEX),
            &[file("a.Dockerfile", "# nothing here\n")],
        )
        .unwrap_err();
        assert_eq!(errors[0].message, "an example needs at least one FROM");
    }
}
