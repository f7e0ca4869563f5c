//! The content checks, run over the whole course at once because links cross lessons.
//!
//! Each check reports every problem it finds rather than stopping at the first, so one
//! build shows an author everything to fix. Messages name the file, line and column.

use std::collections::{HashMap, HashSet};

use super::doc::{self, Doc, LinkTarget, UnsupportedKind};
use super::front_matter::{self, FrontMatter};
use super::position::LineIndex;
use super::slug::is_slug;
use super::summary::{self, Entry};
use super::{ContentError, Course, Lesson, SourceFile};

/// The info string that marks a Dockerfile example; every lesson needs at least one.
pub const DOCKERFILE_LANG: &str = "dockerfile";

/// Reads and checks a whole course: the summary and every lesson file. Returns the
/// lessons in course order, or every problem found, sorted by file and position.
pub fn load_course(
    summary: SourceFile<'_>,
    lessons: &[SourceFile<'_>],
) -> Result<Course, Vec<ContentError>> {
    let mut errors = Vec::new();
    let (entries, summary_errors) = summary::parse(summary.text);
    errors.extend(summary_errors.into_iter().map(|error| ContentError {
        path: summary.path.to_string(),
        line: error.line,
        column: error.column,
        message: error.message,
    }));

    let mut parsed: HashMap<String, Lesson> = HashMap::new();
    for file in lessons {
        if let Some(lesson) = read_lesson(file, &mut errors) {
            parsed.insert(lesson.slug.clone(), lesson);
        }
    }
    // Files whose slug was unusable are known by stem so that "not in SUMMARY" is not
    // reported twice for them.
    let file_stems: HashSet<String> = lessons
        .iter()
        .map(|file| stem(file.path).to_string())
        .collect();

    // The summary decides which lessons exist and in what order.
    let mut order: Vec<&Entry> = Vec::new();
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    for entry in &entries {
        if let Some(first) = first_line.get(entry.slug.as_str()) {
            errors.push(summary_error(
                summary.path,
                entry.line,
                format!(
                    "lesson `{}` is listed twice (first at line {first})",
                    entry.slug
                ),
            ));
            continue;
        }
        first_line.insert(&entry.slug, entry.line);
        if !file_stems.contains(&entry.slug) {
            errors.push(summary_error(
                summary.path,
                entry.line,
                format!(
                    "lesson `{}` has no file `lessons/{}.md`",
                    entry.slug, entry.slug
                ),
            ));
            continue;
        }
        if let Some(lesson) = parsed.get(&entry.slug)
            && lesson.front.title != entry.title
        {
            errors.push(summary_error(
                summary.path,
                entry.line,
                format!(
                    "title `{}` differs from the front matter title `{}` in {}",
                    entry.title, lesson.front.title, lesson.path
                ),
            ));
        }
        order.push(entry);
    }
    for file in lessons {
        // A file with an unusable name already has its own error.
        if is_slug(stem(file.path)) && !first_line.contains_key(stem(file.path)) {
            errors.push(ContentError {
                path: file.path.to_string(),
                line: 1,
                column: 1,
                message: format!(
                    "this lesson is not listed in {}; add a line `- [Title](lessons/{}.md)`",
                    summary.path,
                    stem(file.path)
                ),
            });
        }
    }

    // Anchors of every lesson, for links between lessons.
    let anchors: HashMap<&str, HashSet<&str>> = parsed
        .iter()
        .map(|(slug, lesson)| {
            let set = lesson
                .doc
                .headings()
                .iter()
                .map(|h| h.anchor.as_str())
                .collect();
            (slug.as_str(), set)
        })
        .collect();
    let listed: HashSet<&str> = order.iter().map(|entry| entry.slug.as_str()).collect();
    for lesson in parsed.values() {
        check_body(lesson, &anchors, &listed, &mut errors);
    }

    if errors.is_empty() {
        let mut parsed = parsed;
        let lessons = order
            .iter()
            .filter_map(|entry| parsed.remove(&entry.slug))
            .collect();
        Ok(Course { lessons })
    } else {
        errors.sort();
        errors.dedup();
        Err(errors)
    }
}

fn summary_error(path: &str, line: usize, message: String) -> ContentError {
    ContentError {
        path: path.to_string(),
        line,
        column: 1,
        message,
    }
}

/// The file name without folders or the `.md` extension.
fn stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// Splits, parses and locates one lesson file; reports and skips it when its name or
/// front matter is unusable.
fn read_lesson(file: &SourceFile<'_>, errors: &mut Vec<ContentError>) -> Option<Lesson> {
    let index = LineIndex::new(file.text);
    let error_at = |offset: usize, message: String| {
        let (line, column) = index.locate(offset);
        ContentError {
            path: file.path.to_string(),
            line,
            column,
            message,
        }
    };
    let slug = stem(file.path);
    if !is_slug(slug) {
        errors.push(error_at(
            0,
            format!("`{slug}` is not a valid lesson file name: use lower-case ASCII letters, digits and single dashes, ending in `.md`"),
        ));
        return None;
    }
    let split = match front_matter::split(file.text) {
        Ok(split) => split,
        Err(error) => {
            errors.push(error_at(error.offset, error.message));
            return None;
        }
    };
    let front: FrontMatter = match front_matter::parse(split.toml) {
        Ok(front) => front,
        Err(error) => {
            errors.push(error_at(split.toml_offset + error.offset, error.message));
            return None;
        }
    };
    Some(Lesson {
        slug: slug.to_string(),
        path: file.path.to_string(),
        front,
        body: split.body.to_string(),
        body_line: index.locate(split.body_offset).0,
        doc: doc::parse(split.body),
    })
}

/// Checks one lesson body: headings, anchors, links, unsupported constructs, examples.
fn check_body(
    lesson: &Lesson,
    anchors: &HashMap<&str, HashSet<&str>>,
    listed: &HashSet<&str>,
    errors: &mut Vec<ContentError>,
) {
    let body = LineIndex::new(&lesson.body);
    let error_at = |offset: usize, message: String| {
        let (line, column) = body.locate(offset);
        ContentError {
            path: lesson.path.clone(),
            line: line + lesson.body_line - 1,
            column,
            message,
        }
    };
    let doc: &Doc = &lesson.doc;

    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut previous_level = 1;
    for heading in doc.headings() {
        if heading.level == 1 {
            errors.push(error_at(
                heading.offset,
                "the title in the front matter is the lesson's only `#` heading; use `##` or deeper here".into(),
            ));
        } else if heading.level > previous_level + 1 {
            errors.push(error_at(
                heading.offset,
                format!(
                    "heading level {} follows level {previous_level}; do not skip levels",
                    heading.level
                ),
            ));
        }
        previous_level = heading.level;
        if heading.anchor.is_empty() {
            errors.push(error_at(
                heading.offset,
                "this heading has no ASCII letter or digit to make an anchor from; give it one with `{#anchor}`".into(),
            ));
            continue;
        }
        if heading.explicit_anchor && !is_slug(&heading.anchor) {
            errors.push(error_at(
                heading.offset,
                format!(
                    "anchor `{}` must be lower-case ASCII letters, digits and single dashes",
                    heading.anchor
                ),
            ));
        }
        let (line, _) = body.locate(heading.offset);
        let line = line + lesson.body_line - 1;
        if let Some(first) = seen.get(heading.anchor.as_str()) {
            errors.push(error_at(
                heading.offset,
                format!(
                    "anchor `{}` is already used by the heading at line {first}; give one of them an explicit `{{#anchor}}`",
                    heading.anchor
                ),
            ));
        } else {
            seen.insert(&heading.anchor, line);
        }
    }

    let own = anchors.get(lesson.slug.as_str());
    for link in doc.links() {
        match &link.target {
            LinkTarget::Anchor(anchor) => {
                if !own.is_some_and(|set| set.contains(anchor.as_str())) {
                    errors.push(error_at(
                        link.offset,
                        format!("link to `#{anchor}`: this lesson has no heading with that anchor"),
                    ));
                }
            }
            LinkTarget::Lesson { slug, anchor } => {
                if !listed.contains(slug.as_str()) {
                    errors.push(error_at(
                        link.offset,
                        format!("link to `{slug}.md`: there is no such lesson in the course"),
                    ));
                } else if let (Some(anchor), Some(target)) = (anchor, anchors.get(slug.as_str())) {
                    // A listed lesson missing from `anchors` failed to load and has its own
                    // error already; its anchors cannot be checked until that is fixed.
                    if !target.contains(anchor.as_str()) {
                        errors.push(error_at(
                            link.offset,
                            format!("link to `{slug}.md#{anchor}`: that lesson has no heading with anchor `{anchor}`"),
                        ));
                    }
                }
            }
            LinkTarget::External(_) => {}
            LinkTarget::Unsupported(dest) => errors.push(error_at(
                link.offset,
                format!("link to `{dest}`: link to another lesson as `<slug>.md`, to a heading as `#anchor`, or to an absolute https:// URL"),
            )),
        }
    }

    for found in &doc.unsupported {
        let message = match found.what {
            UnsupportedKind::Html => {
                "raw HTML is not allowed in lessons; it would be shown as text"
            }
            UnsupportedKind::Image => {
                "images are not supported in lessons (the app loads nothing that is not compiled in)"
            }
        };
        errors.push(error_at(found.offset, message.into()));
    }

    let has_example = doc
        .code_blocks()
        .iter()
        .any(|code| code.lang == DOCKERFILE_LANG);
    if !has_example {
        errors.push(ContentError {
            path: lesson.path.clone(),
            line: lesson.body_line,
            column: 1,
            message: format!("a lesson needs at least one ```{DOCKERFILE_LANG} example"),
        });
    }
}
