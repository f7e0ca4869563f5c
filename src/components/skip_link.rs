//! The first thing a keyboard user reaches: a link that skips the header and lesson list.
//!
//! Its `href` is the current route, not `#main`, because the fragment is the route here:
//! following it would otherwise leave the page. The click handler moves focus instead.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::services::page;

/// The id every page gives its `<main>` element.
pub const MAIN_ID: &str = "main";

#[component]
pub fn SkipLink() -> Html {
    let location = use_location();
    let href = location
        .map(|location| format!("#{}{}", location.path(), location.query_str()))
        .unwrap_or_else(|| "#/".into());
    let onclick = Callback::from(|event: MouseEvent| {
        event.prevent_default();
        page::focus_by_id(MAIN_ID);
    });
    html! {
        <a class="skip-link" {href} {onclick}>{ "Skip to main content" }</a>
    }
}
