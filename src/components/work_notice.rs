//! Tells the learner when their saved draft or comparison cannot be read or saved. An
//! unreadable value is shown (so it can be copied out) and left alone until the
//! learner chooses to save over it.

use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::components::notice::{Notice, NoticeKind};
use crate::work_state::WorkStorage;

#[derive(Properties, PartialEq)]
pub struct WorkNoticeProps {
    /// What is kept ("draft", "comparison").
    pub what: AttrValue,
    pub storage: WorkStorage,
    /// The stored text that could not be read.
    #[prop_or_default]
    pub unreadable: Option<AttrValue>,
    pub onreplace: Callback<()>,
}

#[component]
pub fn WorkNotice(props: &WorkNoticeProps) -> Html {
    let what = &props.what;
    match &props.storage {
        WorkStorage::Ok => html! {},
        WorkStorage::Unreadable { reason } => {
            let raw = props.unreadable.clone().unwrap_or_default();
            let onclick = props.onreplace.reform(|_: MouseEvent| ());
            html! {
                <Notice kind={NoticeKind::Warning}>
                    { format!("Your saved {what} could not be read, so the editor shows a starting example instead. \
                               The stored value has been left exactly as it is, and nothing you type is saved until you choose to replace it. ") }
                    <span class="notice-detail">{ format!("(Details: {reason}.)") }</span>
                    <details class="stored-value">
                        <summary>{ "Show what is stored" }</summary>
                        <pre tabindex="0"><code>{ raw.clone() }</code></pre>
                        <CopyButton text={raw} label={AttrValue::from("Copy what is stored")} />
                    </details>
                    <button type="button" class="button" {onclick}>{ format!("Save my work over it") }</button>
                </Notice>
            }
        }
        WorkStorage::Unavailable => html! {
            <Notice kind={NoticeKind::Info}>
                { format!("This browser does not let fromlab save here, so your {what} lasts only until you close this page. Use Share to keep it as a link.") }
            </Notice>
        },
        WorkStorage::SaveFailed { reason } => html! {
            <Notice kind={NoticeKind::Warning}>
                { format!("Your {what} could not be saved ({reason}). Use Share to keep it as a link.") }
            </Notice>
        },
    }
}
