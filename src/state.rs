//! App-wide state: the learner's progress (lessons read, quiz answers, challenges
//! solved) and what happened to the copy kept in the browser's storage. One reducer,
//! shared through a context by `components/progress_provider.rs` and read through
//! `hooks/use_progress.rs`.
//!
//! Saving is a side effect of the provider, not of the reducer: every user action bumps
//! `revision`, and the provider writes the progress whenever `revision` changes. A
//! stored value that cannot be read is therefore never overwritten before the learner
//! has seen the notice that says so (and a copy of it has been set aside).

use std::rc::Rc;

use yew::Reducible;

use crate::content;
use crate::progress::{QuizRecord, Record};
use crate::services::storage::{self, Loaded};

/// The state of the stored copy of the read marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageStatus {
    /// Nothing stored yet, or stored and read back fine, or saved fine.
    Ok,
    /// A value is stored but is not ours or is damaged. It is kept under the key
    /// `kept_under` (a copy set aside, or the old format's own key), or, when no copy
    /// could be made, left where it is until the learner acts.
    Unreadable {
        reason: String,
        kept_under: Option<String>,
    },
    /// The browser refuses storage (for example in some private or embedded contexts).
    Unavailable,
    /// The last save failed.
    SaveFailed { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Everything the learner has done, per lesson. Lessons that no longer exist are
    /// kept so that a course change never destroys progress.
    pub progress: Record,
    pub storage: StorageStatus,
    /// Bumped by every change the learner makes; 0 means nothing to save.
    pub revision: u32,
}

/// Everything that changes the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    SetRead {
        slug: String,
        read: bool,
    },
    /// Drop all progress (and, on the next save, an unreadable stored value).
    StartFresh,
    /// The learner answered a quiz question (or submitted a challenge).
    Answered {
        lesson: String,
        question: String,
        right: bool,
    },
    /// Every goal of a challenge is met.
    ChallengeSolved {
        lesson: String,
        question: String,
    },
    /// Drop one lesson's progress.
    ResetLesson {
        slug: String,
    },
    /// Replace all progress with an imported record.
    Import(Record),
    /// The outcome of saving.
    Saved(Result<(), String>),
}

impl State {
    /// The state at start-up, from what the browser has stored.
    pub fn load() -> State {
        State::from_loaded(storage::load_progress())
    }

    pub fn from_loaded(loaded: Loaded) -> State {
        let (progress, storage) = match loaded {
            Loaded::Missing => (Record::default(), StorageStatus::Ok),
            // Migrated read marks are saved in the new format with the next change;
            // the old value stays under its own key.
            Loaded::Found(record) | Loaded::Migrated(record) => (record, StorageStatus::Ok),
            Loaded::Unreadable { reason, kept_under } => (
                Record::default(),
                StorageStatus::Unreadable { reason, kept_under },
            ),
            Loaded::Unavailable => (Record::default(), StorageStatus::Unavailable),
        };
        State {
            progress,
            storage,
            revision: 0,
        }
    }

    /// What to store.
    pub fn record(&self) -> &Record {
        &self.progress
    }

    /// Whether a lesson is marked as read.
    pub fn is_read(&self, slug: &str) -> bool {
        self.progress.lessons.get(slug).is_some_and(|l| l.read)
    }
}

/// The number of questions answered rightly that are still in the lesson's quiz (all
/// of them for a lesson the app has no quiz for).
pub fn score(lesson: &str, quiz: &QuizRecord) -> u32 {
    let known = content::quiz(lesson);
    let count = quiz
        .right
        .iter()
        .filter(|id| known.is_none_or(|q| q.question(id).is_some()))
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetRead { slug, read } => {
                let lesson = next.progress.lessons.entry(slug.clone()).or_default();
                if lesson.read == read {
                    return self;
                }
                lesson.read = read;
                if lesson.is_empty() {
                    next.progress.lessons.remove(&slug);
                }
                next.revision += 1;
            }
            Action::StartFresh => {
                next.progress = Record::default();
                next.revision += 1;
            }
            Action::Answered {
                lesson,
                question,
                right,
            } => {
                let entry = next.progress.lessons.entry(lesson.clone()).or_default();
                let quiz = entry.quiz.get_or_insert_with(QuizRecord::default);
                if right {
                    quiz.missed.remove(&question);
                    quiz.right.insert(question);
                } else {
                    quiz.right.remove(&question);
                    quiz.missed.insert(question);
                }
                quiz.best = quiz.best.max(score(&lesson, quiz));
                next.revision += 1;
            }
            Action::ChallengeSolved { lesson, question } => {
                let entry = next.progress.lessons.entry(lesson).or_default();
                if !entry.challenges.insert(question) {
                    return self;
                }
                next.revision += 1;
            }
            Action::ResetLesson { slug } => {
                if next.progress.lessons.remove(&slug).is_none() {
                    return self;
                }
                next.revision += 1;
            }
            Action::Import(record) => {
                next.progress = record;
                next.revision += 1;
            }
            Action::Saved(result) => {
                next.storage = match (result, &self.storage) {
                    // Storage that is refused stays refused; the notice already says so.
                    (_, StorageStatus::Unavailable) => StorageStatus::Unavailable,
                    (Ok(()), _) => StorageStatus::Ok,
                    (Err(reason), _) => StorageStatus::SaveFailed { reason },
                };
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{self, LessonRecord};

    fn reduce(state: State, action: Action) -> State {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn set_read(slug: &str, read: bool) -> Action {
        Action::SetRead {
            slug: slug.into(),
            read,
        }
    }

    fn answered(lesson: &str, question: &str, right: bool) -> Action {
        Action::Answered {
            lesson: lesson.into(),
            question: question.into(),
            right,
        }
    }

    #[test]
    fn marks_and_unmarks_and_counts_revisions() {
        let state = State::from_loaded(Loaded::Missing);
        let state = reduce(state, set_read("distroless", true));
        assert!(state.is_read("distroless"));
        assert_eq!(state.revision, 1);
        // Marking twice changes nothing, so nothing needs saving.
        let state = reduce(state, set_read("distroless", true));
        assert_eq!(state.revision, 1);
        let state = reduce(state, set_read("distroless", false));
        assert!(!state.is_read("distroless"));
        assert!(
            state.progress.lessons.is_empty(),
            "an empty lesson is dropped"
        );
        assert_eq!(state.revision, 2);
    }

    #[test]
    fn an_unreadable_value_is_reported_and_only_replaced_after_an_action() {
        let state = State::from_loaded(Loaded::Unreadable {
            reason: "expected value".into(),
            kept_under: None,
        });
        assert_eq!(
            state.revision, 0,
            "nothing may be written before the learner acts"
        );
        assert!(matches!(state.storage, StorageStatus::Unreadable { .. }));
        let state = reduce(state, Action::StartFresh);
        assert_eq!(state.revision, 1);
        let state = reduce(state, Action::Saved(Ok(())));
        assert_eq!(state.storage, StorageStatus::Ok);
    }

    #[test]
    fn migrated_marks_are_kept_even_for_unknown_lessons() {
        let record = progress::migrate_v1(r#"{"read":["gone","distroless"]}"#).unwrap();
        let state = State::from_loaded(Loaded::Migrated(record));
        assert!(state.is_read("gone") && state.is_read("distroless"));
        assert_eq!(state.storage, StorageStatus::Ok);
        assert_eq!(state.revision, 0, "migrating alone writes nothing");
    }

    #[test]
    fn answers_keep_the_latest_verdict_and_the_best_score() {
        let lesson = "no-such-lesson";
        let state = State::from_loaded(Loaded::Missing);
        let state = reduce(state, answered(lesson, "q1", true));
        let state = reduce(state, answered(lesson, "q2", false));
        let quiz = state.progress.lessons[lesson].quiz.clone().unwrap();
        assert_eq!(quiz.right, ["q1".to_string()].into());
        assert_eq!(quiz.missed, ["q2".to_string()].into());
        assert_eq!(quiz.best, 1);
        // Retrying the missed one rightly raises the score and the best.
        let state = reduce(state, answered(lesson, "q2", true));
        let quiz = state.progress.lessons[lesson].quiz.clone().unwrap();
        assert!(quiz.missed.is_empty());
        assert_eq!((score(lesson, &quiz), quiz.best), (2, 2));
        // A later wrong answer lowers the score but never the best.
        let state = reduce(state, answered(lesson, "q1", false));
        let quiz = state.progress.lessons[lesson].quiz.clone().unwrap();
        assert_eq!((score(lesson, &quiz), quiz.best), (1, 2));
        assert_eq!(state.revision, 4);
    }

    #[test]
    fn the_score_counts_only_questions_the_quiz_still_has() {
        let lesson = content::lessons()[0].slug;
        let quiz = content::quiz(lesson).expect("every lesson has a quiz");
        let real = quiz.questions[0].id.to_string();
        let record = QuizRecord {
            right: [real, "retired-question".to_string()].into(),
            ..QuizRecord::default()
        };
        assert_eq!(score(lesson, &record), 1);
    }

    #[test]
    fn challenges_resets_and_imports() {
        let state = State::from_loaded(Loaded::Missing);
        let solved = Action::ChallengeSolved {
            lesson: "distroless".into(),
            question: "c1".into(),
        };
        let state = reduce(state, solved.clone());
        let state = reduce(state, solved);
        assert_eq!(state.revision, 1, "solving twice is one change");
        let state = reduce(state, set_read("alpine-and-musl", true));
        let state = reduce(
            state,
            Action::ResetLesson {
                slug: "distroless".into(),
            },
        );
        assert_eq!(
            state.progress.lessons.keys().collect::<Vec<_>>(),
            ["alpine-and-musl"]
        );
        let mut imported = Record::default();
        imported.lessons.insert(
            "scratch-and-static-binaries".into(),
            LessonRecord {
                read: true,
                ..LessonRecord::default()
            },
        );
        let state = reduce(state, Action::Import(imported.clone()));
        assert_eq!(state.record(), &imported);
        let state = reduce(state, Action::StartFresh);
        assert_eq!(state.record(), &Record::default());
        assert_eq!(state.revision, 5);
    }

    #[test]
    fn save_failures_are_kept_but_unavailable_storage_stays_unavailable() {
        let state = State::from_loaded(Loaded::Missing);
        let state = reduce(state, Action::Saved(Err("quota exceeded".into())));
        assert_eq!(
            state.storage,
            StorageStatus::SaveFailed {
                reason: "quota exceeded".into()
            }
        );
        let state = State::from_loaded(Loaded::Unavailable);
        let state = reduce(state, Action::Saved(Ok(())));
        assert_eq!(state.storage, StorageStatus::Unavailable);
    }
}
