//! The playground's "Embed" action: the current Dockerfile as an embed, with a choice of
//! panels and of editable or read-only, turned into the snippet by `EmbedBox`. The
//! snippet is made when the box opens (and when a choice changes), not as the learner
//! types: it compresses the whole text, and its preview would reload on every key.

use fromlab_engine::share;
use yew::prelude::*;

use crate::components::embed_box::EmbedBox;
use crate::embed::{self, Mode, Panel};

#[derive(Properties, PartialEq)]
pub struct PlaygroundEmbedProps {
    /// The Dockerfile the embed opens with.
    pub text: AttrValue,
}

#[component]
pub fn PlaygroundEmbed(props: &PlaygroundEmbedProps) -> Html {
    let panels = use_state(|| Panel::DEFAULT.to_vec());
    let mode = use_state(Mode::default);
    if props.text.len() > share::MAX_DECODED_BYTES {
        return html! {
            <p class="embed-note">
                { format!("No embed: the Dockerfile is larger than the {} KB an address can carry.", share::MAX_DECODED_BYTES / 1000) }
            </p>
        };
    }
    let fragment = {
        let text = props.text.clone();
        let panels = (*panels).clone();
        let mode = *mode;
        Callback::from(move |()| embed::playground_fragment(&text, mode, &panels))
    };
    let options = panels
        .iter()
        .map(|panel| panel.name())
        .chain([mode.name()])
        .collect::<Vec<_>>()
        .join(",");
    let boxes = Panel::ALL.into_iter().map(|panel| {
        let id = format!("embed-panel-{}", panel.name());
        let on = panels.contains(&panel);
        let onchange = {
            let panels = panels.clone();
            Callback::from(move |_: Event| {
                let mut next: Vec<Panel> = (*panels).clone();
                if on {
                    next.retain(|p| *p != panel);
                } else {
                    next.push(panel);
                }
                // An embed shows at least one thing.
                if !next.is_empty() {
                    panels.set(next);
                }
            })
        };
        html! {
            <span class="embed-choice">
                <input type="checkbox" id={id.clone()} checked={on} {onchange} />
                <label for={id}>{ panel.label() }</label>
            </span>
        }
    });
    let toggle_mode = {
        let mode = mode.clone();
        Callback::from(move |_: Event| {
            mode.set(match *mode {
                Mode::Edit => Mode::Read,
                Mode::Read => Mode::Edit,
            })
        })
    };
    html! {
        <EmbedBox
            {fragment}
            options={AttrValue::from(options)}
            title="Dockerfile playground"
            id="playground"
            what="this Dockerfile"
        >
            <fieldset class="embed-options">
                <legend>{ "Show" }</legend>
                { for boxes }
            </fieldset>
            <p class="embed-choice">
                <input type="checkbox" id="embed-read-only" checked={*mode == Mode::Read} onchange={toggle_mode} />
                <label for="embed-read-only">{ "Read-only" }</label>
            </p>
            <p class="embed-note">
                { "The embed opens with the Dockerfile as it was when you pressed Embed; press it twice to take later edits." }
            </p>
        </EmbedBox>
    }
}
