//! Keyboard shortcuts on lesson pages: Alt+Shift+→ opens the next lesson and
//! Alt+Shift+← the previous one. Both need two modifiers, so ordinary typing and the
//! browser's own Alt+← (back) are never taken over, and they do nothing while focus is
//! in a text field.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::services::page;

#[hook]
pub fn use_lesson_shortcuts(previous: Option<Route>, next: Option<Route>) {
    let navigator = use_navigator();
    use_effect_with((previous, next), move |(previous, next)| {
        let (previous, next) = (previous.clone(), next.clone());
        let listener = web_sys::window().map(|window| {
            // Not passive: the handler must be able to cancel the browser's own action.
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&window, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if !event.alt_key() || !event.shift_key() || event.ctrl_key() || event.meta_key() {
                    return;
                }
                if page::focus_is_in_text_field() {
                    return;
                }
                let target = match event.key().as_str() {
                    "ArrowRight" => next.as_ref(),
                    "ArrowLeft" => previous.as_ref(),
                    _ => None,
                };
                if let (Some(route), Some(navigator)) = (target, navigator.as_ref()) {
                    event.prevent_default();
                    navigator.push(route);
                }
            })
        });
        move || drop(listener)
    });
}
