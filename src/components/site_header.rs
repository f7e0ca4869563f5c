//! The banner at the top of every page: the app's name and its main sections.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::route_link::RouteLink;
use crate::components::skip_link::SkipLink;

#[component]
pub fn SiteHeader() -> Html {
    let route = use_route::<Route>();
    let current = |wanted: fn(&Route) -> bool| -> Option<AttrValue> {
        route
            .as_ref()
            .filter(|route| wanted(route))
            .map(|_| AttrValue::from("page"))
    };
    html! {
        <header class="site-header">
            // First in the banner, so the first Tab of a visit reaches it.
            <SkipLink />
            <RouteLink to={Route::Home} classes={classes!("brand")}>
                <span class="brand-mark" aria-hidden="true">{ "FROM" }</span>
                { " fromlab" }
            </RouteLink>
            <nav aria-label="Site">
                <ul class="site-nav">
                    <li>
                        <RouteLink to={Route::Home} aria_current={current(|r| matches!(r, Route::Home))}>
                            { "Lessons" }
                        </RouteLink>
                    </li>
                    <li>
                        <RouteLink to={Route::Playground} aria_current={current(|r| matches!(r, Route::Playground))}>
                            { "Playground" }
                        </RouteLink>
                    </li>
                    <li>
                        <RouteLink to={Route::Progress} aria_current={current(|r| matches!(r, Route::Progress))}>
                            { "Progress" }
                        </RouteLink>
                    </li>
                </ul>
            </nav>
        </header>
    }
}
