//! The document around the app: its title, focus and scroll position.

use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

fn document() -> Option<Document> {
    web_sys::window().and_then(|window| window.document())
}

/// Sets the tab title.
pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Moves keyboard focus to the element with this id, which scrolls it into view.
/// Returns whether the element exists.
pub fn focus_by_id(id: &str) -> bool {
    let element = document()
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<HtmlElement>().ok());
    match element {
        Some(element) => element.focus().is_ok(),
        None => false,
    }
}

/// Scrolls the window back to the top.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Whether the viewport is wide enough to show the lesson list beside the text.
pub fn is_wide() -> bool {
    web_sys::window()
        .and_then(|window| window.inner_width().ok())
        .and_then(|width| width.as_f64())
        .is_some_and(|width| width >= 900.0)
}

/// Whether keyboard focus is in a place where typing goes into text, where shortcuts
/// must not act.
pub fn focus_is_in_text_field() -> bool {
    let Some(active) = document().and_then(|document| document.active_element()) else {
        return false;
    };
    let tag = active.tag_name().to_ascii_lowercase();
    let editable = active
        .dyn_ref::<HtmlElement>()
        .is_some_and(|element| element.is_content_editable());
    editable || matches!(tag.as_str(), "input" | "textarea" | "select")
}
