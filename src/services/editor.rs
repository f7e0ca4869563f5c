//! The editor's textarea as the browser sees it: selections, edits that the browser's
//! own undo history records, scrolling a line into view, and which diagnostic lies under
//! the pointer. Offsets here are the textarea's UTF-16 units; `editing.rs` converts.

use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, HtmlDocument, HtmlTextAreaElement, InputEvent, InputEventInit,
    ScrollIntoViewOptions, ScrollLogicalPosition,
};

fn document() -> Option<Document> {
    web_sys::window().and_then(|window| window.document())
}

/// The textarea with this id.
pub fn textarea(id: &str) -> Option<HtmlTextAreaElement> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// The textarea's text.
pub fn value(id: &str) -> Option<String> {
    textarea(id).map(|area| area.value())
}

/// The selection as `(start, end)`.
pub fn selection(id: &str) -> Option<(u32, u32)> {
    let area = textarea(id)?;
    let start = area.selection_start().ok()??;
    let end = area.selection_end().ok()??;
    Some((start, end))
}

/// Focuses the textarea and selects `start..end` (an empty range places the caret).
pub fn select(id: &str, start: u32, end: u32) {
    if let Some(area) = textarea(id) {
        let _ = area.focus();
        let _ = area.set_selection_range(start, end);
    }
}

/// Replaces `start..end` with `text` as if the learner had typed it, so Ctrl+Z undoes
/// it, then selects `selection`. The textarea fires its `input` event either way, so
/// the app hears the change through the same path as typing.
pub fn replace(id: &str, start: u32, end: u32, text: &str, selection: (u32, u32)) {
    let Some(area) = textarea(id) else {
        return;
    };
    let _ = area.focus();
    let _ = area.set_selection_range(start, end);
    // `insertText` is the one way to edit a textarea that joins the undo history.
    let inserted = document()
        .and_then(|document| document.dyn_into::<HtmlDocument>().ok())
        .and_then(|document| {
            document
                .exec_command_with_show_ui_and_value("insertText", false, text)
                .ok()
        })
        .unwrap_or(false);
    if !inserted {
        // Without it the edit still happens, outside the undo history.
        let _ = area.set_range_text_with_start_and_end_and_mode(text, start, end, "end");
        let init = InputEventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = InputEvent::new_with_event_init_dict("input", &init) {
            let _ = area.dispatch_event(&event);
        }
    }
    let _ = area.set_selection_range(selection.0, selection.1);
}

/// Scrolls the editor so that the 0-based `line` is visible. The gutter has a row for
/// every line, where the highlighted layer draws only those near the view.
pub fn reveal_line(editor_id: &str, line: usize) {
    let selector = format!("#{editor_id} .gutter-row:nth-child({})", line + 1);
    let element = document().and_then(|document| document.query_selector(&selector).ok()?);
    if let Some(element) = element {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Nearest);
        options.set_inline(ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Which lines of a scrolling editor of `rows` lines are in view: the first and how
/// many, from its scroll offset and height (lines are all the same height; the layer's
/// padding of about two lines is counted with them).
pub fn lines_in_view(scroller: &Element, rows: usize) -> Option<(usize, usize)> {
    let pitch = f64::from(scroller.scroll_height()) / (rows + 2) as f64;
    if !pitch.is_finite() || pitch <= 0.0 {
        return None;
    }
    let first = (f64::from(scroller.scroll_top()) / pitch).floor() as usize;
    let visible = (f64::from(scroller.client_height()) / pitch).ceil() as usize + 1;
    Some((first, visible))
}

/// The index of the diagnostic drawn under the point `(x, y)`, read from the
/// highlighted layer beneath the textarea (`data-diagnostic` on marked segments).
pub fn diagnostic_at(x: f32, y: f32) -> Option<usize> {
    let stack = document()?.elements_from_point(x, y);
    stack.iter().find_map(|node| {
        node.dyn_ref::<Element>()?
            .get_attribute("data-diagnostic")?
            .parse()
            .ok()
    })
}
