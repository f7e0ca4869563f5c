//! "Embed": the `<iframe>` snippet that puts one page of fromlab into another site,
//! shown as text in a read-only field with a copy button, and a live preview of the
//! same frame (sized by the same height messages the host script reads).
//!
//! The snippet's addresses are resolved against this page's own address, so they work
//! from whatever sub-path the app is served from. Inside an embed the action is not
//! offered.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::copy_button::CopyButton;
use crate::embed::{self, HOST_SCRIPT};
use crate::services::{frame, location};

#[derive(Properties, PartialEq)]
pub struct EmbedBoxProps {
    /// Makes the embed's route fragment (`#/embed/quiz/<slug>`). Called when the box
    /// opens and when `options` changes, not on every render: the playground's fragment
    /// compresses the whole Dockerfile.
    pub fragment: Callback<(), String>,
    /// The choices the fragment depends on besides the text (the playground's panels
    /// and mode); a change remakes the snippet while the box is open.
    #[prop_or_default]
    pub options: AttrValue,
    /// The frame's title (its accessible name on the host page).
    pub title: AttrValue,
    /// A prefix for DOM ids, unique on the page.
    pub id: AttrValue,
    /// What is embedded, for the button ("this quiz").
    pub what: AttrValue,
    /// Options shown above the snippet (the playground's panels and mode).
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn EmbedBox(props: &EmbedBoxProps) -> Html {
    // The fragment while the box is open, made when it opened.
    let made = use_state(|| None::<String>);
    let in_embed = use_route::<Route>().is_some_and(|route| route.is_embed());
    {
        let made = made.clone();
        let fragment = props.fragment.clone();
        use_effect_with(props.options.clone(), move |_| {
            if made.is_some() {
                made.set(Some(fragment.emit(())));
            }
        });
    }
    let toggle = {
        let made = made.clone();
        let fragment = props.fragment.clone();
        Callback::from(move |_: MouseEvent| {
            made.set(match *made {
                Some(_) => None,
                None => Some(fragment.emit(())),
            })
        })
    };
    let open = made.is_some();
    if in_embed {
        return html! {};
    }
    let panel_id = format!("{}-embed", props.id);
    html! {
        <div class="embed-box">
            <button
                type="button"
                class="button button-small"
                aria-expanded={if open { "true" } else { "false" }}
                aria-controls={panel_id.clone()}
                onclick={toggle}
            >
                { "Embed" }<span class="visually-hidden">{ format!(" {}", props.what) }</span>
            </button>
            <div id={panel_id} class="embed-panel" hidden={!open}>
                if let Some(fragment) = &*made {
                    { props.children.clone() }
                    <EmbedSnippet
                        fragment={AttrValue::from(fragment.clone())}
                        title={props.title.clone()}
                        id={props.id.clone()}
                    />
                }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EmbedSnippetProps {
    fragment: AttrValue,
    title: AttrValue,
    id: AttrValue,
}

#[component]
fn EmbedSnippet(props: &EmbedSnippetProps) -> Html {
    let preview = use_node_ref();
    let src = location::app_url(&props.fragment);
    {
        let preview = preview.clone();
        use_effect_with(src.clone(), move |_| {
            let listener = preview.cast().and_then(frame::follow_height);
            move || drop(listener)
        });
    }
    let Some(src) = src else {
        return html! { <p class="embed-note">{ "The page address is not available, so no snippet can be made." }</p> };
    };
    let script = embed::sibling_url(&src, HOST_SCRIPT);
    let code = embed::snippet(&src, &props.title, &script);
    let field_id = format!("{}-embed-code", props.id);
    html! {
        <>
            <label for={field_id.clone()}>{ "HTML to paste into your page" }</label>
            <textarea id={field_id} class="embed-code" readonly=true rows="5" value={code.clone()} spellcheck="false" />
            <p><CopyButton text={AttrValue::from(code)} label={AttrValue::from("Copy the HTML")} /></p>
            <p class="embed-note">
                { "The script sizes the frame to its content; it accepts height messages only from the frame's own window and origin. \
                   Nothing done inside the frame is saved. The README's “Embedding” section lists every parameter." }
            </p>
            <p class="embed-preview-label">{ "Preview" }</p>
            <iframe
                ref={preview}
                class="embed-preview"
                src={src}
                title={format!("Preview: {}", props.title)}
                sandbox="allow-scripts allow-same-origin"
            />
        </>
    }
}
