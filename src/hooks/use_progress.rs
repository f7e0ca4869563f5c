//! Access to the learner's read marks, with named operations so that components never
//! dispatch raw actions or read raw state.

use yew::prelude::*;

use crate::state::{Action, State, StorageStatus};

/// A handle on the shared progress state, provided by `ProgressProvider`.
#[derive(Clone, PartialEq)]
pub struct ProgressHandle {
    state: UseReducerHandle<State>,
}

impl ProgressHandle {
    pub fn new(state: UseReducerHandle<State>) -> Self {
        ProgressHandle { state }
    }

    pub fn is_read(&self, slug: &str) -> bool {
        self.state.read.contains(slug)
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

    /// Forgets all marks, replacing whatever is stored.
    pub fn start_fresh(&self) {
        self.state.dispatch(Action::StartFresh);
    }

    pub fn storage(&self) -> &StorageStatus {
        &self.state.storage
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
