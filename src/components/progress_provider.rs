//! Owns the one app-wide reducer and shares it, and saves the progress whenever the
//! learner changes it.

use yew::prelude::*;

use crate::hooks::use_progress::ProgressHandle;
use crate::services::storage::{self, Loaded};
use crate::state::{Action, State, StorageStatus};

#[derive(Properties, PartialEq)]
pub struct ProgressProviderProps {
    pub children: Html,
    /// Starts empty and never reads or writes storage (embeds: a reader's answers in a
    /// documentation site are not the learner's progress).
    #[prop_or_default]
    pub in_memory: bool,
}

#[component]
pub fn ProgressProvider(props: &ProgressProviderProps) -> Html {
    let in_memory = props.in_memory;
    let state = use_reducer(move || {
        if in_memory {
            State::from_loaded(Loaded::Missing)
        } else {
            State::load()
        }
    });
    {
        let state = state.clone();
        use_effect_with(state.revision, move |&revision| {
            // Revision 0 is the state as loaded: nothing changed, so nothing is written,
            // which leaves an unreadable stored value alone until the learner acts.
            if revision > 0 && !in_memory && state.storage != StorageStatus::Unavailable {
                let result = storage::save_progress(state.record());
                state.dispatch(Action::Saved(result));
            }
        });
    }
    html! {
        <ContextProvider<ProgressHandle> context={ProgressHandle::new(state)}>
            { props.children.clone() }
        </ContextProvider<ProgressHandle>>
    }
}
