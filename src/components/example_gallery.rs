//! The gallery of example Dockerfiles: each opens in the playground as a copy beside
//! the learner's draft (`#/playground?example=<id>`), so trying one loses nothing.

use yew::prelude::*;

use crate::app::Route;
use crate::components::route_link::RouteLink;
use crate::examples;

#[derive(Properties, PartialEq)]
pub struct ExampleGalleryProps {
    /// The id of the example open now, marked as current.
    #[prop_or_default]
    pub current: Option<AttrValue>,
}

#[component]
pub fn ExampleGallery(props: &ExampleGalleryProps) -> Html {
    html! {
        <section class="gallery" aria-labelledby="gallery-title">
            <h2 id="gallery-title">{ "Examples" }</h2>
            <p>
                { "Each example opens as a copy beside your draft. Compare them to see what the FROM line changes." }
            </p>
            <ul class="gallery-list">
                { for examples::examples().iter().map(|example| {
                    let current = props.current.as_deref() == Some(example.id);
                    html! {
                        <li key={example.id} class={classes!("gallery-card", current.then_some("is-current"))}>
                            <h3 class="gallery-title">
                                <RouteLink
                                    to={Route::Playground}
                                    query={AttrValue::from(format!("example={}", example.id))}
                                    aria_current={current.then(|| AttrValue::from("page"))}
                                >
                                    { example.title }
                                </RouteLink>
                            </h3>
                            <p class="gallery-description">{ example.description }</p>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
