//! Access to the learner's kept work (the playground draft and the compare pair), with
//! named operations so that pages never dispatch raw actions.

use yew::prelude::*;
use yew_router::prelude::Navigator;

use crate::app::Route;
use crate::work_state::{Kept, KeptAction, Pair, Scratch, WorkStorage};

/// The callbacks of [`KeptHandle::banner_callbacks`].
pub struct BannerCallbacks {
    pub onkeep: Callback<()>,
    pub onback: Callback<()>,
    pub onreplace: Callback<()>,
}

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

    /// Edits the copy being looked at when one is open (`is_copy`), the learner's own
    /// work otherwise.
    pub fn edit_either(&self, is_copy: bool, value: T) {
        if is_copy {
            self.edit_scratch(value);
        } else {
            self.edit(value);
        }
    }

    /// What a page's banners do with this work: keep the open copy as the learner's own
    /// and go to `own`, go back to `own` leaving the copy, or save over a stored value
    /// that could not be read.
    pub fn banner_callbacks(&self, navigator: Option<Navigator>, own: Route) -> BannerCallbacks {
        let to_own = move || {
            if let Some(navigator) = &navigator {
                navigator.push(&own);
            }
        };
        let onkeep = {
            let handle = self.clone();
            let to_own = to_own.clone();
            Callback::from(move |()| {
                handle.keep_scratch();
                to_own();
            })
        };
        let onreplace = {
            let handle = self.clone();
            Callback::from(move |()| handle.replace_unreadable())
        };
        BannerCallbacks {
            onkeep,
            onback: Callback::from(move |()| to_own()),
            onreplace,
        }
    }

    /// Makes the open scratch the learner's own copy.
    pub fn keep_scratch(&self) {
        self.state.dispatch(KeptAction::KeepScratch);
    }

    /// Saves over a stored value that could not be read.
    pub fn replace_unreadable(&self) {
        self.state.dispatch(KeptAction::ReplaceUnreadable);
    }

    /// Back to `start`, for "Reset all" (after the learner confirmed).
    pub fn reset(&self, start: T) {
        self.state.dispatch(KeptAction::Reset(start));
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
