//! A link to a route of the app.
//!
//! It is a plain `<a href="#/...">`: following it changes the fragment, which the hash
//! router hears, so there is no click handler to get wrong and opening in a new tab works.
//! Unlike yew-router's `Link` it can carry `aria-current`.

use yew::prelude::*;

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
    let mut href = props.to.href();
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
