//! The playground's example gallery, compiled in by `build.rs` from
//! `content/examples/` after the engine has checked it, and the Dockerfiles a new
//! learner starts with.

use crate::work_state::Pair;

/// One example as compiled into the app.
#[derive(Debug, PartialEq, Eq)]
pub struct ExampleEntry {
    /// The file stem, used in links (`#/playground?example=<id>`).
    pub id: &'static str,
    pub title: &'static str,
    /// One line on what the example shows.
    pub description: &'static str,
    pub dockerfile: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// All examples, in gallery order.
pub fn examples() -> &'static [ExampleEntry] {
    EXAMPLES
}

/// The example with this id.
pub fn find(id: &str) -> Option<&'static ExampleEntry> {
    EXAMPLES.iter().find(|example| example.id == id)
}

/// The example the seeds' full-versus-slim experiment starts from.
const FULL_PYTHON: &str = "python-numpy-full";

/// What the playground shows before the learner has a draft: a Python job on the full
/// image, which gives every panel something to say.
pub fn starting_draft() -> String {
    find(FULL_PYTHON)
        .map(|example| example.dockerfile.to_string())
        .unwrap_or_else(|| "FROM python:3.12\n".to_string())
}

/// What compare mode starts with: the seeds' experiment, the same job built `FROM
/// python:3.12` (A) and `FROM python:3.12-slim` (B), nothing else changed.
pub fn starting_pair() -> Pair {
    let a = starting_draft();
    let b = a.replacen("FROM python:3.12\n", "FROM python:3.12-slim\n", 1);
    Pair { a, b }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starting_pair_differs_only_in_the_from_line() {
        let pair = starting_pair();
        assert!(pair.a.contains("FROM python:3.12\n"), "{}", pair.a);
        assert!(pair.b.contains("FROM python:3.12-slim\n"), "{}", pair.b);
        let differing: Vec<(&str, &str)> = pair
            .a
            .lines()
            .zip(pair.b.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(differing, [("FROM python:3.12", "FROM python:3.12-slim")]);
    }

    #[test]
    fn the_gallery_covers_what_the_course_promises() {
        // The spectrum points and languages issue 5 lists, by the bases they use.
        for base in [
            "FROM scratch",
            "FROM gcr.io/distroless/static",
            "FROM python:3.12\n",
            "FROM python:3.12-slim",
            "FROM python:3.12-alpine",
            "FROM node:20-bookworm-slim",
            "FROM node:20-alpine",
            "FROM eclipse-temurin:21-jdk",
            "FROM eclipse-temurin:21-jre",
            "FROM gcr.io/distroless/java21",
            "FROM gcr.io/distroless/cc",
            "FROM nginx:1.31-alpine",
            "FROM ubuntu:latest",
        ] {
            assert!(
                examples().iter().any(|e| e.dockerfile.contains(base)),
                "no example uses {base:?}"
            );
        }
        assert!(examples().len() >= 10);
        assert!(find("bad-habits").is_some());
    }
}
