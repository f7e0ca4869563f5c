//! Moves focus where a navigation points, as a screen reader or keyboard user expects
//! after following a link in a single-page app: to the heading a section link names, or
//! to the new page's title.
//!
//! The first page of a visit is treated like an ordinary page load: focus stays at the
//! top of the document (so the first Tab reaches the skip link), unless the address names
//! a section, which is focused as a browser focuses a fragment target. A page the lessons
//! module handed over to the app module (`services/modules.rs`) is not a first page: the
//! learner followed a link to it.

use std::cell::Cell;

use yew::prelude::*;

use crate::services::{modules, page};

thread_local! {
    /// Whether a page has already been shown in this visit.
    static SHOWN_A_PAGE: Cell<bool> = const { Cell::new(false) };
}

/// After the page for `key` renders, focuses the element with id `target` (scrolling it
/// into view), or scrolls to the top if there is none. On the first page of a visit this
/// happens only when `on_first_page` is set. Runs again only when `key` or `target`
/// change, so re-renders (such as marking a lesson read) leave focus alone.
#[hook]
pub fn use_focus_target(key: AttrValue, target: AttrValue, on_first_page: bool) {
    use_effect_with((key, target), move |(_, target)| {
        let first =
            !SHOWN_A_PAGE.with(|shown| shown.replace(true)) && !modules::arrived_by_handover();
        if first && !on_first_page {
            return;
        }
        if !page::focus_by_id(target) {
            page::scroll_to_top();
        }
    });
}
