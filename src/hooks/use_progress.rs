//! Access to the learner's progress, with named operations so that components never
//! dispatch raw actions or read raw state.

use yew::prelude::*;

use crate::content;
use crate::progress::{self, LessonRecord, Record};
use crate::state::{self, Action, State, StorageStatus};

/// A handle on the shared progress state, provided by `ProgressProvider`.
#[derive(Clone, PartialEq)]
pub struct ProgressHandle {
    state: UseReducerHandle<State>,
}

/// A lesson's quiz score as the learner sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Questions whose latest answer is right.
    pub score: u32,
    /// The best score reached.
    pub best: u32,
    /// Questions in the quiz.
    pub total: u32,
}

impl ProgressHandle {
    pub fn new(state: UseReducerHandle<State>) -> Self {
        ProgressHandle { state }
    }

    pub fn is_read(&self, slug: &str) -> bool {
        self.state.is_read(slug)
    }

    /// How many of these lessons are marked as read.
    pub fn count_read<'a>(&self, slugs: impl IntoIterator<Item = &'a str>) -> usize {
        slugs.into_iter().filter(|slug| self.is_read(slug)).count()
    }

    pub fn set_read(&self, slug: &str, read: bool) {
        self.state.dispatch(Action::SetRead {
            slug: slug.to_string(),
            read,
        });
    }

    /// Forgets all progress, replacing whatever is stored.
    pub fn start_fresh(&self) {
        self.state.dispatch(Action::StartFresh);
    }

    pub fn storage(&self) -> &StorageStatus {
        &self.state.storage
    }

    /// Everything recorded for a lesson.
    pub fn lesson(&self, slug: &str) -> Option<&LessonRecord> {
        self.state.progress.lessons.get(slug)
    }

    /// The quiz score of a lesson, once any question has been answered.
    pub fn score(&self, slug: &str) -> Option<Score> {
        let quiz = self.lesson(slug)?.quiz.as_ref()?;
        let total = content::quiz(slug).map_or(0, |q| q.questions.len());
        let total = u32::try_from(total).unwrap_or(u32::MAX);
        Some(Score {
            score: state::score(slug, quiz).min(total),
            best: quiz.best.min(total),
            total,
        })
    }

    /// Whether the latest answer to a question was right (`None` if never answered).
    pub fn verdict(&self, lesson: &str, question: &str) -> Option<bool> {
        let quiz = self.lesson(lesson)?.quiz.as_ref()?;
        if quiz.right.contains(question) {
            Some(true)
        } else if quiz.missed.contains(question) {
            Some(false)
        } else {
            None
        }
    }

    /// Ids of the questions whose latest answer was wrong, in quiz order.
    pub fn missed(&self, slug: &str) -> Vec<String> {
        let Some(quiz) = content::quiz(slug) else {
            return Vec::new();
        };
        quiz.questions
            .iter()
            .filter(|q| self.verdict(slug, &q.id) == Some(false))
            .map(|q| q.id.to_string())
            .collect()
    }

    /// Records the verdict on one answer.
    pub fn answer(&self, lesson: &str, question: &str, right: bool) {
        self.state.dispatch(Action::Answered {
            lesson: lesson.to_string(),
            question: question.to_string(),
            right,
        });
    }

    /// How many of a lesson's challenges have been solved.
    pub fn challenges_solved(&self, slug: &str) -> usize {
        let Some(quiz) = content::quiz(slug) else {
            return 0;
        };
        self.lesson(slug).map_or(0, |lesson| {
            lesson
                .challenges
                .iter()
                .filter(|id| quiz.question(id).is_some())
                .count()
        })
    }

    pub fn is_solved(&self, lesson: &str, question: &str) -> bool {
        self.lesson(lesson)
            .is_some_and(|l| l.challenges.contains(question))
    }

    /// Records that every goal of a challenge was met.
    pub fn solve(&self, lesson: &str, question: &str) {
        if !self.is_solved(lesson, question) {
            self.state.dispatch(Action::ChallengeSolved {
                lesson: lesson.to_string(),
                question: question.to_string(),
            });
        }
    }

    /// Forgets one lesson's progress.
    pub fn reset_lesson(&self, slug: &str) {
        self.state.dispatch(Action::ResetLesson {
            slug: slug.to_string(),
        });
    }

    /// Replaces all progress with an imported record.
    pub fn import(&self, record: Record) {
        self.state.dispatch(Action::Import(record));
    }

    /// All progress as the JSON of an export file.
    pub fn export_json(&self) -> String {
        progress::to_json(self.state.record(), true)
    }
}

/// The progress handle from the nearest `ProgressProvider`.
#[hook]
pub fn use_progress() -> ProgressHandle {
    match use_context::<ProgressHandle>() {
        Some(handle) => handle,
        None => panic!("use_progress must be called inside ProgressProvider"),
    }
}
