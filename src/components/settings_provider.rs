//! Owns the classroom settings, saves them when they change (when storage allows),
//! and puts presenter mode on the page as the `presenter` class of `<html>`.

use yew::prelude::*;

use crate::hooks::use_settings::SettingsHandle;
use crate::services::{page, settings_storage};
use crate::settings::SettingsState;

#[derive(Properties, PartialEq)]
pub struct SettingsProviderProps {
    pub children: Html,
}

#[component]
pub fn SettingsProvider(props: &SettingsProviderProps) -> Html {
    let state = use_reducer(|| {
        let (settings, stored) = settings_storage::load();
        SettingsState {
            settings,
            stored,
            revision: 0,
        }
    });
    {
        let state = state.clone();
        use_effect_with(state.revision, move |&revision| {
            if revision > 0 && state.stored {
                // A failed save leaves the setting on for this page; there is nothing
                // to lose, so it is not worth a notice of its own.
                let _ = settings_storage::save(state.settings);
            }
        });
    }
    use_effect_with(state.settings.presenter, |&on| {
        page::set_root_class("presenter", on);
        move || page::set_root_class("presenter", false)
    });
    html! {
        <ContextProvider<SettingsHandle> context={SettingsHandle::new(state)}>
            { props.children.clone() }
        </ContextProvider<SettingsHandle>>
    }
}
