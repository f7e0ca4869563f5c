//! Access to the learner's kept work (the playground draft and the compare pair), with
//! named operations so that pages never dispatch raw actions.

use yew::prelude::*;

use crate::work_state::{Kept, KeptAction, Pair, Scratch, WorkStorage};

/// A handle on one piece of kept work.
pub struct KeptHandle<T: Clone + PartialEq + 'static> {
    state: UseReducerHandle<Kept<T>>,
}

impl<T: Clone + PartialEq + 'static> Clone for KeptHandle<T> {
    fn clone(&self) -> Self {
        KeptHandle {
            state: self.state.clone(),
        }
    }
}

impl<T: Clone + PartialEq + 'static> PartialEq for KeptHandle<T> {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
    }
}

impl<T: Clone + PartialEq + 'static> KeptHandle<T> {
    pub fn new(state: UseReducerHandle<Kept<T>>) -> Self {
        KeptHandle { state }
    }

    /// The learner's own copy.
    pub fn value(&self) -> &T {
        &self.state.value
    }

    /// The scratch copy opened by `key`, if that is the one open.
    pub fn scratch(&self, key: &str) -> Option<&Scratch<T>> {
        self.state.scratch.as_ref().filter(|s| s.key == key)
    }

    pub fn edit(&self, value: T) {
        self.state.dispatch(KeptAction::Edit(value));
    }

    pub fn open_scratch(&self, key: String, value: T) {
        self.state.dispatch(KeptAction::OpenScratch { key, value });
    }

    pub fn edit_scratch(&self, value: T) {
        self.state.dispatch(KeptAction::EditScratch(value));
    }

    /// Makes the open scratch the learner's own copy.
    pub fn keep_scratch(&self) {
        self.state.dispatch(KeptAction::KeepScratch);
    }

    /// Saves over a stored value that could not be read.
    pub fn replace_unreadable(&self) {
        self.state.dispatch(KeptAction::ReplaceUnreadable);
    }

    pub fn storage(&self) -> &WorkStorage {
        &self.state.storage
    }

    /// The stored text that could not be read.
    pub fn unreadable(&self) -> Option<&str> {
        self.state.unreadable.as_deref()
    }

    /// The state itself, for the provider's saving effect.
    pub fn kept(&self) -> &Kept<T> {
        &self.state
    }

    pub(crate) fn saved(&self, result: Result<(), String>) {
        self.state.dispatch(KeptAction::Saved(result));
    }
}

/// The learner's kept work, provided by `WorkProvider`.
#[derive(Clone, PartialEq)]
pub struct WorkHandle {
    pub draft: KeptHandle<String>,
    pub pair: KeptHandle<Pair>,
}

/// The work handle from the nearest `WorkProvider`.
#[hook]
pub fn use_work() -> WorkHandle {
    match use_context::<WorkHandle>() {
        Some(handle) => handle,
        None => panic!("use_work must be called inside WorkProvider"),
    }
}
