//! A link to a route of the app.
//!
//! It is a plain `<a href="#/...">`: following it changes the fragment, which the hash
//! router hears, so there is no click handler to get wrong and opening in a new tab works.
//! Unlike yew-router's `Link` it can carry `aria-current`.
//!
//! Inside an embed, a link to a lesson, a quiz or the playground leads to the embed of
//! the same thing (`Route::embedded`), so a reader in a documentation site never finds
//! the whole site, header and all, inside the frame.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

#[derive(Properties, PartialEq)]
pub struct RouteLinkProps {
    pub to: Route,
    /// A query string without the `?`, already URL-safe.
    #[prop_or_default]
    pub query: Option<AttrValue>,
    #[prop_or_default]
    pub classes: Classes,
    /// Set to `page` on the link to the page being shown.
    #[prop_or_default]
    pub aria_current: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn RouteLink(props: &RouteLinkProps) -> Html {
    let in_embed = use_route::<Route>().is_some_and(|route| route.is_embed());
    let to = if in_embed {
        props.to.embedded()
    } else {
        props.to.clone()
    };
    let mut href = to.href();
    if let Some(query) = &props.query {
        href.push('?');
        href.push_str(query);
    }
    html! {
        <a href={href} class={props.classes.clone()} aria-current={props.aria_current.clone()}>
            { props.children.clone() }
        </a>
    }
}
