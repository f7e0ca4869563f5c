//! "Share": a link whose fragment carries the Dockerfile (or the compare pair) as a
//! versioned, compressed share code. The link is made on request, shown in a read-only
//! field that can be selected or copied, and forgotten when the text changes.

use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::services::location;

#[derive(Properties, PartialEq)]
pub struct ShareBoxProps {
    /// The text the link would carry; a change clears a link made earlier.
    pub text: AttrValue,
    /// Makes the route fragment (`#/playground?code=…`), or says why there is none.
    pub fragment: Callback<(), Result<String, String>>,
    /// A prefix for DOM ids, unique on the page.
    pub id: AttrValue,
    /// What the link opens, for the explanation under it.
    #[prop_or(AttrValue::Static("this Dockerfile"))]
    pub what: AttrValue,
}

#[component]
pub fn ShareBox(props: &ShareBoxProps) -> Html {
    let link = use_state(|| None::<Result<String, String>>);
    {
        let link = link.clone();
        use_effect_with(props.text.clone(), move |_| link.set(None));
    }
    let onclick = {
        let link = link.clone();
        let fragment = props.fragment.clone();
        Callback::from(move |_: MouseEvent| {
            let made = fragment.emit(()).and_then(|fragment| {
                location::app_url(&fragment)
                    .ok_or_else(|| "the page address is not available".to_string())
            });
            link.set(Some(made));
        })
    };
    let field_id = format!("{}-link", props.id);
    html! {
        <div class="share-box">
            <button type="button" class="button" {onclick}>{ "Share" }</button>
            { match &*link {
                Some(Ok(url)) => html! {
                    <div class="share-result">
                        <label for={field_id.clone()}>{ "Link to share" }</label>
                        <input id={field_id} class="share-link" type="text" readonly=true value={url.clone()} />
                        <CopyButton text={AttrValue::from(url.clone())} label={AttrValue::from("Copy link")} />
                        <p class="share-note">
                            { format!("{} characters. It opens {} as a copy: whoever opens it keeps their own draft.", url.chars().count(), props.what) }
                        </p>
                    </div>
                },
                Some(Err(reason)) => html! { <p class="share-note" role="status">{ format!("No link: {reason}.") }</p> },
                None => html! {},
            } }
        </div>
    }
}
