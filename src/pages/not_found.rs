//! Shown for any route the app does not know, including a lesson slug that does not exist.

use yew::prelude::*;

use crate::app::Route;
use crate::components::route_link::RouteLink;
use crate::components::skip_link::MAIN_ID;
use crate::hooks::use_document_title::use_document_title;
use crate::hooks::use_focus_target::use_focus_target;

#[component]
pub fn NotFoundPage() -> Html {
    use_document_title(Some(AttrValue::from("Page not found")));
    use_focus_target(
        AttrValue::from("not-found"),
        AttrValue::from("not-found-title"),
        false,
    );
    html! {
        <main id={MAIN_ID} tabindex="-1" class="page not-found">
            <h1 id="not-found-title" tabindex="-1">{ "Page not found" }</h1>
            <p>
                { "There is no page at this address. It may have been renamed; the lessons are all listed on " }
                <RouteLink to={Route::Home}>{ "the home page" }</RouteLink>{ "." }
            </p>
        </main>
    }
}
