//! The learner's progress as stored and exported: a versioned record per lesson
//! (read, quiz answers and best score, challenges solved), how to read it back, and
//! how to migrate the older format that held only read marks.
//!
//! Format 2 (`fromlab.progress.v2` in `localStorage`, and the export file):
//!
//! ```json
//! {"format": "fromlab-progress", "version": 2, "lessons": {
//!   "distroless": {"read": true,
//!                  "quiz": {"right": ["q1"], "missed": ["q2"], "best": 1},
//!                  "challenges": ["q3"]}}}
//! ```
//!
//! Format 1 (`fromlab.progress.v1`) was `{"read": ["<slug>", ...]}`. Everything here is
//! plain functions over text, so the native tests cover the schema, the migration and
//! every way a stored value or an imported file can be wrong.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// What the `format` field holds, so an export file says what it is.
pub const FORMAT: &str = "fromlab-progress";

/// The current format version.
pub const VERSION: u32 = 2;

/// All progress, keyed by lesson slug. Slugs of lessons that no longer exist are
/// kept, so a course change never destroys progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub lessons: BTreeMap<String, LessonRecord>,
}

impl Default for Record {
    fn default() -> Self {
        Record {
            format: FORMAT.to_string(),
            version: VERSION,
            lessons: BTreeMap::new(),
        }
    }
}

/// One lesson's progress. Empty parts are left out of the JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonRecord {
    #[serde(default, skip_serializing_if = "is_false")]
    pub read: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiz: Option<QuizRecord>,
    /// Ids of the challenges whose goals were all met at some point.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub challenges: BTreeSet<String>,
}

/// One lesson's quiz: the latest answer to each question, right or missed, and the
/// best score reached. The current score is the number of `right` ids that are still
/// questions of the quiz.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizRecord {
    #[serde(default)]
    pub right: BTreeSet<String>,
    #[serde(default)]
    pub missed: BTreeSet<String>,
    #[serde(default)]
    pub best: u32,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl LessonRecord {
    /// Whether nothing is recorded, so the lesson can be left out.
    pub fn is_empty(&self) -> bool {
        !self.read && self.quiz.is_none() && self.challenges.is_empty()
    }
}

/// The one shape format 1 had.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordV1 {
    read: Vec<String>,
}

/// Reads a stored format-2 value. The error says what is wrong, for the notice.
pub fn parse(text: &str) -> Result<Record, String> {
    let record: Record = serde_json::from_str(text).map_err(|error| error.to_string())?;
    validate(record)
}

/// Migrates a stored format-1 value (read marks only) into a format-2 record.
pub fn migrate_v1(text: &str) -> Result<Record, String> {
    let old: RecordV1 = serde_json::from_str(text).map_err(|error| error.to_string())?;
    let mut record = Record::default();
    for slug in old.read {
        check_name("lesson", &slug)?;
        record.lessons.entry(slug).or_default().read = true;
    }
    Ok(record)
}

/// Reads an imported file: a format-2 export, or a format-1 value saved by hand.
pub fn parse_import(text: &str) -> Result<Record, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|error| format!("it is not JSON ({error})"))?;
    let Some(object) = value.as_object() else {
        return Err("it is JSON, but not a fromlab progress file".into());
    };
    if object.contains_key("format") || object.contains_key("version") {
        parse(text)
    } else if object.contains_key("read") {
        migrate_v1(text)
    } else {
        Err("it is JSON, but not a fromlab progress file (it has no `format` field)".into())
    }
}

/// The JSON to store or export.
pub fn to_json(record: &Record, pretty: bool) -> String {
    let result = if pretty {
        serde_json::to_string_pretty(record)
    } else {
        serde_json::to_string(record)
    };
    // A record is strings, numbers and maps with string keys, which always serialise.
    result.unwrap_or_default()
}

/// Checks what serde cannot: the format name and version, and that the ids are
/// usable. Lessons with nothing recorded are dropped.
fn validate(mut record: Record) -> Result<Record, String> {
    if record.format != FORMAT {
        return Err(format!(
            "its `format` is \"{}\", not \"{FORMAT}\"",
            record.format
        ));
    }
    match record.version {
        VERSION => {}
        newer if newer > VERSION => {
            return Err(format!(
                "it was written by a newer fromlab (format {newer}; this one reads format {VERSION})"
            ));
        }
        older => return Err(format!("format {older} is not a version fromlab wrote")),
    }
    for (slug, lesson) in &record.lessons {
        check_name("lesson", slug)?;
        if let Some(quiz) = &lesson.quiz {
            for id in quiz.right.iter().chain(&quiz.missed) {
                check_name("question", id)?;
            }
            if let Some(both) = quiz.right.intersection(&quiz.missed).next() {
                return Err(format!(
                    "question `{both}` of lesson `{slug}` is recorded as both right and missed"
                ));
            }
        }
        for id in &lesson.challenges {
            check_name("challenge", id)?;
        }
    }
    record.lessons.retain(|_, lesson| !lesson.is_empty());
    Ok(record)
}

/// Slugs and ids are short kebab-case words; anything else is not ours.
fn check_name(what: &str, name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 100
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(format!("`{name}` is not a valid {what} id"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Record {
        let mut record = Record::default();
        record.lessons.insert(
            "distroless".into(),
            LessonRecord {
                read: true,
                quiz: Some(QuizRecord {
                    right: ["q1".to_string()].into(),
                    missed: ["q2".to_string()].into(),
                    best: 1,
                }),
                challenges: ["q3".to_string()].into(),
            },
        );
        record.lessons.insert(
            "alpine-and-musl".into(),
            LessonRecord {
                read: true,
                ..LessonRecord::default()
            },
        );
        record
    }

    #[test]
    fn round_trips_through_json_compactly() {
        let record = sample();
        let json = to_json(&record, false);
        assert_eq!(
            json,
            r#"{"format":"fromlab-progress","version":2,"lessons":{"alpine-and-musl":{"read":true},"distroless":{"read":true,"quiz":{"right":["q1"],"missed":["q2"],"best":1},"challenges":["q3"]}}}"#
        );
        assert_eq!(parse(&json), Ok(record.clone()));
        assert_eq!(parse(&to_json(&record, true)), Ok(record));
    }

    #[test]
    fn migrates_format_1_read_marks_without_losing_any() {
        let record = migrate_v1(r#"{"read":["distroless","gone-lesson"]}"#).unwrap();
        assert_eq!(record.version, VERSION);
        let read: Vec<&str> = record
            .lessons
            .iter()
            .filter(|(_, l)| l.read)
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(read, ["distroless", "gone-lesson"]);
        assert!(record.lessons.values().all(|l| l.quiz.is_none()));
        assert_eq!(migrate_v1(r#"{"read":[]}"#), Ok(Record::default()));
    }

    #[test]
    fn rejects_damaged_or_foreign_values_with_a_reason() {
        for (text, reason) in [
            (
                r#"{"format":"fromlab-progress","version":2,"lessons":{"#,
                "EOF",
            ),
            ("", "EOF"),
            ("[1, 2]", "invalid type"),
            (r#"{"read":["distroless"]}"#, "unknown field"),
            (
                r#"{"format":"fromlab-progress","version":2,"theme":"dark"}"#,
                "unknown field `theme`",
            ),
            (
                r#"{"format":"other","version":2,"lessons":{}}"#,
                "not \"fromlab-progress\"",
            ),
            (
                r#"{"format":"fromlab-progress","version":3,"lessons":{}}"#,
                "newer fromlab",
            ),
            (
                r#"{"format":"fromlab-progress","version":1,"lessons":{}}"#,
                "format 1 is not",
            ),
            (
                r#"{"format":"fromlab-progress","version":2,"lessons":{"Bad Slug":{"read":true}}}"#,
                "not a valid lesson id",
            ),
            (
                r#"{"format":"fromlab-progress","version":2,"lessons":{"a":{"quiz":{"right":["x"],"missed":["x"]}}}}"#,
                "both right and missed",
            ),
            (
                r#"{"format":"fromlab-progress","version":2,"lessons":{"a":{"read":"yes"}}}"#,
                "invalid type",
            ),
        ] {
            let error = parse(text).expect_err(text);
            assert!(error.contains(reason), "{text}: {error}");
        }
        for text in [
            r#"{"read": 5}"#,
            r#"{"read":["ok"],"theme":"dark"}"#,
            "nope",
        ] {
            assert!(migrate_v1(text).is_err(), "{text}");
        }
    }

    #[test]
    fn drops_lessons_with_nothing_recorded() {
        let text =
            r#"{"format":"fromlab-progress","version":2,"lessons":{"a":{},"b":{"read":true}}}"#;
        let record = parse(text).unwrap();
        assert_eq!(record.lessons.keys().collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn imports_exports_and_old_values_but_nothing_else() {
        let record = sample();
        assert_eq!(parse_import(&to_json(&record, true)), Ok(record));
        let old = parse_import(r#"{"read":["distroless"]}"#).unwrap();
        assert!(old.lessons["distroless"].read);
        for (text, reason) in [
            ("not json", "not JSON"),
            ("42", "not a fromlab progress file"),
            (r#"{"name":"package.json"}"#, "no `format` field"),
            (
                r#"{"format":"fromlab-progress","version":9}"#,
                "newer fromlab",
            ),
        ] {
            let error = parse_import(text).expect_err(text);
            assert!(error.contains(reason), "{text}: {error}");
        }
    }
}
