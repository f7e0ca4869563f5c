//! Single-key shortcuts for presenting: `j` steps forward (next section or question)
//! and `k` back. They act only while the "Single-key shortcuts" setting is on (WCAG
//! 2.1.4 asks that such shortcuts can be turned off), never with a modifier held, and
//! never while focus is in a text field, so typing is never taken over.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::hooks::use_settings::use_settings;
use crate::services::page;

/// The direction a single-key shortcut asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Next,
    Previous,
}

/// Calls `onstep` for `j` and `k` while single-key shortcuts are on.
#[hook]
pub fn use_single_keys(onstep: Callback<Step>) {
    let enabled = use_settings().get().single_keys;
    use_effect_with((enabled, onstep), move |(enabled, onstep)| {
        let onstep = onstep.clone();
        let listener = enabled.then(web_sys::window).flatten().map(|window| {
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&window, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if event.alt_key() || event.ctrl_key() || event.meta_key() || event.repeat() {
                    return;
                }
                if page::focus_is_in_text_field() {
                    return;
                }
                let step = match event.key().as_str() {
                    "j" => Step::Next,
                    "k" => Step::Previous,
                    _ => return,
                };
                event.prevent_default();
                onstep.emit(step);
            })
        });
        move || drop(listener)
    });
}
