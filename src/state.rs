//! App-wide state: which lessons the learner has read, and what happened to the copy
//! kept in the browser's storage. One reducer, shared through a context by
//! `components/progress_provider.rs` and read through `hooks/use_progress.rs`.
//!
//! Saving is a side effect of the provider, not of the reducer: every user action bumps
//! `revision`, and the provider writes the marks whenever `revision` changes. A stored
//! value that cannot be read is therefore never touched until the learner acts after
//! seeing the notice that says so.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::Reducible;

use crate::services::storage::{self, Loaded, ProgressRecord};

/// The state of the stored copy of the read marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageStatus {
    /// Nothing stored yet, or stored and read back fine, or saved fine.
    Ok,
    /// A value is stored but is not ours or is damaged; it is left as it is.
    Unreadable { reason: String },
    /// The browser refuses storage (for example in some private or embedded contexts).
    Unavailable,
    /// The last save failed.
    SaveFailed { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Slugs of lessons marked as read. Slugs of lessons that no longer exist are kept so
    /// that a course change never destroys progress.
    pub read: BTreeSet<String>,
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
    /// Drop all marks (and, on the next save, an unreadable stored value).
    StartFresh,
    /// The outcome of saving.
    Saved(Result<(), String>),
}

impl State {
    /// The state at start-up, from what the browser has stored.
    pub fn load() -> State {
        State::from_loaded(storage::load_progress())
    }

    pub fn from_loaded(loaded: Loaded) -> State {
        let (read, storage) = match loaded {
            Loaded::Missing => (BTreeSet::new(), StorageStatus::Ok),
            Loaded::Found(record) => (record.read.into_iter().collect(), StorageStatus::Ok),
            Loaded::Unreadable(reason) => (BTreeSet::new(), StorageStatus::Unreadable { reason }),
            Loaded::Unavailable => (BTreeSet::new(), StorageStatus::Unavailable),
        };
        State {
            read,
            storage,
            revision: 0,
        }
    }

    /// What to store.
    pub fn record(&self) -> ProgressRecord {
        ProgressRecord {
            read: self.read.iter().cloned().collect(),
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetRead { slug, read } => {
                let changed = if read {
                    next.read.insert(slug)
                } else {
                    next.read.remove(&slug)
                };
                if !changed {
                    return self;
                }
                next.revision += 1;
            }
            Action::StartFresh => {
                next.read.clear();
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

    fn reduce(state: State, action: Action) -> State {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn marks_and_unmarks_and_counts_revisions() {
        let state = State::from_loaded(Loaded::Missing);
        let state = reduce(
            state,
            Action::SetRead {
                slug: "distroless".into(),
                read: true,
            },
        );
        assert!(state.read.contains("distroless"));
        assert_eq!(state.revision, 1);
        // Marking twice changes nothing, so nothing needs saving.
        let state = reduce(
            state,
            Action::SetRead {
                slug: "distroless".into(),
                read: true,
            },
        );
        assert_eq!(state.revision, 1);
        let state = reduce(
            state,
            Action::SetRead {
                slug: "distroless".into(),
                read: false,
            },
        );
        assert!(state.read.is_empty());
        assert_eq!(state.revision, 2);
    }

    #[test]
    fn an_unreadable_value_is_reported_and_only_replaced_after_an_action() {
        let state = State::from_loaded(Loaded::Unreadable("expected value".into()));
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
    fn stored_marks_are_kept_even_for_unknown_lessons() {
        let record = ProgressRecord {
            read: vec!["gone".into(), "distroless".into()],
        };
        let state = State::from_loaded(Loaded::Found(record));
        assert_eq!(
            state.record().read,
            vec!["distroless".to_string(), "gone".to_string()]
        );
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
