//! The sign that a lesson has been read: a check mark plus words, never colour alone.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReadMarkProps {
    /// Whether to show the word "Read" (the sidebar shows only the check mark, with the
    /// word kept for screen readers).
    #[prop_or(true)]
    pub labelled: bool,
}

#[component]
pub fn ReadMark(props: &ReadMarkProps) -> Html {
    html! {
        <span class="read-mark">
            <span aria-hidden="true">{ "✓" }</span>
            if props.labelled {
                { " Read" }
            } else {
                <span class="visually-hidden">{ " (read)" }</span>
            }
        </span>
    }
}
