//! A polite live region that tells screen-reader users what the latest edit changed,
//! once typing pauses, and only when the summary differs from the last one.

use yew::prelude::*;

use crate::hooks::use_debounced::use_debounced;

/// How long typing must pause before the summary is announced.
const PAUSE_MS: u32 = 1200;

#[derive(Properties, PartialEq)]
pub struct LiveSummaryProps {
    /// The summary of the current state ("2 warnings. 119 MB on disk · 43 MB to pull.").
    pub message: AttrValue,
}

#[component]
pub fn LiveSummary(props: &LiveSummaryProps) -> Html {
    let settled = use_debounced(props.message.clone(), PAUSE_MS);
    html! {
        <p class="visually-hidden live-summary" role="status">{ settled }</p>
    }
}
