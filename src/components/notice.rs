//! A message about something the learner should know, announced by screen readers.
//! Its kind is spelled out in words as well as colour.

use yew::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warning,
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub kind: NoticeKind,
    pub children: Html,
}

#[component]
pub fn Notice(props: &NoticeProps) -> Html {
    let (class, label) = match props.kind {
        NoticeKind::Info => ("notice notice-info", "Note:"),
        NoticeKind::Warning => ("notice notice-warning", "Warning:"),
    };
    html! {
        <div class={class} role="status">
            <strong class="notice-label">{ label }</strong>{ " " }
            { props.children.clone() }
        </div>
    }
}
