//! Dockerfile text coloured by the engine's token stream. Each token becomes a text node
//! in a `<span>` with the token kind's class, so nothing in the code is ever parsed as
//! markup.

use yew::prelude::*;

use fromlab_engine::syntax;

#[derive(Properties, PartialEq)]
pub struct HighlightProps {
    pub code: AttrValue,
}

#[component]
pub fn Highlight(props: &HighlightProps) -> Html {
    let tokens = use_memo(props.code.clone(), |code| syntax::tokens(code));
    let code = props.code.clone();
    html! {
        { for tokens.iter().filter_map(|token| {
            // Offsets come from the lexer and tile the text; `get` keeps a bad offset
            // from ever panicking the page.
            code.get(token.start..token.end)
                .map(|text| html! { <span class={token.kind.css_class()}>{ text.to_string() }</span> })
        }) }
    }
}
