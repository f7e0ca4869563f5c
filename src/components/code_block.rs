//! A code example from a lesson. Dockerfile examples are highlighted and get an
//! "Open in playground" link that carries the code in the URL.

use yew::prelude::*;

use crate::app::{Route, playground_query};
use crate::components::copy_button::CopyButton;
use crate::components::highlight::Highlight;
use crate::components::route_link::RouteLink;

/// The info string that marks Dockerfile examples.
const DOCKERFILE: &str = "dockerfile";

#[derive(Properties, PartialEq)]
pub struct CodeBlockProps {
    pub code: AttrValue,
    /// The fence's info string (`dockerfile`, `console`, ...), empty if none.
    #[prop_or_default]
    pub lang: AttrValue,
    /// The lesson the example is in, so the playground can link back to it.
    #[prop_or_default]
    pub lesson: Option<AttrValue>,
}

#[component]
pub fn CodeBlock(props: &CodeBlockProps) -> Html {
    let is_dockerfile = props.lang == DOCKERFILE;
    let caption = match props.lang.as_str() {
        DOCKERFILE => "Dockerfile",
        "console" => "Terminal",
        "" => "Code",
        other => other,
    }
    .to_string();
    let open_query = use_memo(
        (props.code.clone(), props.lesson.clone()),
        |(code, lesson)| playground_query(code, lesson.as_deref()),
    );
    html! {
        <figure class={classes!("code-block", is_dockerfile.then_some("code-dockerfile"))}>
            <figcaption class="code-caption">
                <span class="code-lang">{ caption }</span>
                <span class="code-actions">
                    if is_dockerfile {
                        <RouteLink to={Route::Playground} query={AttrValue::from((*open_query).clone())} classes={classes!("button", "button-small")}>
                            { "Open in playground" }
                        </RouteLink>
                    }
                    <CopyButton text={props.code.clone()} />
                </span>
            </figcaption>
            // Long lines scroll sideways; tabindex lets keyboard users scroll too.
            <pre tabindex="0"><code>
                if is_dockerfile {
                    <Highlight code={props.code.clone()} />
                } else {
                    { props.code.clone() }
                }
            </code></pre>
        </figure>
    }
}
