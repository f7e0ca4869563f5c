//! Owns the one app-wide reducer and shares it, and saves the progress whenever the
//! learner changes it.

use yew::prelude::*;

use crate::hooks::use_progress::ProgressHandle;
use crate::services::storage;
use crate::state::{Action, State, StorageStatus};

#[derive(Properties, PartialEq)]
pub struct ProgressProviderProps {
    pub children: Html,
}

#[component]
pub fn ProgressProvider(props: &ProgressProviderProps) -> Html {
    let state = use_reducer(State::load);
    {
        let state = state.clone();
        use_effect_with(state.revision, move |&revision| {
            // Revision 0 is the state as loaded: nothing changed, so nothing is written,
            // which leaves an unreadable stored value alone until the learner acts.
            if revision > 0 && state.storage != StorageStatus::Unavailable {
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
