//! A button that copies text to the clipboard and says, in a live region, whether it
//! worked.

use yew::prelude::*;

use crate::services::clipboard;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    pub text: AttrValue,
    /// What is being copied, for the button's visible label ("Copy code").
    #[prop_or(AttrValue::Static("Copy code"))]
    pub label: AttrValue,
}

#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let status = use_state(String::new);
    let onclick = {
        let status = status.clone();
        let text = props.text.clone();
        Callback::from(move |_| {
            let status = status.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match clipboard::copy_text(&text).await {
                    Ok(()) => status.set("Copied.".into()),
                    Err(reason) => status.set(format!("Could not copy: {reason}.")),
                }
            });
        })
    };
    html! {
        <>
            <button type="button" class="button button-small" {onclick}>{ props.label.clone() }</button>
            <span class="copy-status" role="status">{ (*status).clone() }</span>
        </>
    }
}
