//! The button that marks the current lesson as read, or not.

use yew::prelude::*;

use crate::hooks::use_progress::use_progress;

#[derive(Properties, PartialEq)]
pub struct ReadToggleProps {
    pub slug: AttrValue,
}

#[component]
pub fn ReadToggle(props: &ReadToggleProps) -> Html {
    let progress = use_progress();
    let read = progress.is_read(&props.slug);
    let onclick = {
        let progress = progress.clone();
        let slug = props.slug.clone();
        Callback::from(move |_| progress.set_read(&slug, !read))
    };
    html! {
        <div class="read-toggle">
            <button type="button" class="button" aria-pressed={if read { "true" } else { "false" }} {onclick}>
                <span class="read-toggle-box" aria-hidden="true">{ if read { "✓" } else { "" } }</span>
                { "I have read this lesson" }
            </button>
            <span class="read-toggle-status" role="status">
                { if read { "Marked as read." } else { "" } }
            </span>
        </div>
    }
}
