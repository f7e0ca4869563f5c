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

/// Adds or removes a class on the `<html>` element (presenter mode, embeds), so styles
/// can follow a setting without any `style` attribute.
pub fn set_root_class(class: &str, on: bool) {
    let Some(root) = document().and_then(|document| document.document_element()) else {
        return;
    };
    let list = root.class_list();
    let _ = if on {
        list.add_1(class)
    } else {
        list.remove_1(class)
    };
}

/// Moves focus to the next (or previous) element matching `selector`: from the focused
/// one when it matches, otherwise from the top of the viewport. Returns whether focus
/// moved. Used by the single-key shortcuts to step through a lesson's headings.
pub fn step_focus(selector: &str, forward: bool) -> bool {
    let Some(document) = document() else {
        return false;
    };
    let Ok(list) = document.query_selector_all(selector) else {
        return false;
    };
    let elements: Vec<HtmlElement> = (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect();
    let active = document.active_element();
    let current = elements.iter().position(|element| {
        active
            .as_ref()
            .is_some_and(|active| active.is_same_node(Some(element)))
    });
    let target = match current {
        Some(at) if forward => elements.get(at + 1),
        Some(at) => at.checked_sub(1).and_then(|at| elements.get(at)),
        // Nothing focused among them: the first heading below the top of the window
        // going forward, the last one above it going back.
        None if forward => elements
            .iter()
            .find(|element| element.get_bounding_client_rect().top() > 1.0),
        None => elements
            .iter()
            .rev()
            .find(|element| element.get_bounding_client_rect().top() < -1.0),
    };
    target.is_some_and(|element| element.focus().is_ok())
}
