//! Shown above the editor while it holds a copy opened from a link, a lesson or the
//! gallery: says where the copy came from, that the learner's own work is untouched,
//! and offers to keep the copy (after confirming, since that replaces their work) or
//! to go back to their own.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScratchBannerProps {
    /// Where the copy came from ("a shared link", "the example “…”").
    pub origin: AttrValue,
    /// What the learner's own work is called ("draft", "comparison").
    pub own: AttrValue,
    pub onkeep: Callback<()>,
    pub onback: Callback<()>,
}

#[component]
pub fn ScratchBanner(props: &ScratchBannerProps) -> Html {
    let confirming = use_state(|| false);
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let keep = props.onkeep.reform(|_: MouseEvent| ());
    let back = props.onback.reform(|_: MouseEvent| ());
    html! {
        <div class="scratch-banner" role="region" aria-label="Opened copy">
            <p>
                <strong>{ format!("You are trying {}.", props.origin) }</strong>
                { format!(" Your own {} is safe and unchanged. Edits here are not saved unless you keep this copy.", props.own) }
            </p>
            if *confirming {
                <p class="scratch-confirm">
                    { format!("Keeping this copy replaces your {}. ", props.own) }
                    <button type="button" class="button button-small" onclick={keep}>{ format!("Replace my {}", props.own) }</button>
                    { " " }
                    <button type="button" class="button button-small" onclick={cancel}>{ "Cancel" }</button>
                </p>
            } else {
                <p class="scratch-actions">
                    <button type="button" class="button button-small" onclick={ask}>{ format!("Keep this as my {}", props.own) }</button>
                    { " " }
                    <button type="button" class="button button-small" onclick={back}>{ format!("Back to my {}", props.own) }</button>
                </p>
            }
        </div>
    }
}
