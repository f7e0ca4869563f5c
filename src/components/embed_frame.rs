//! The frame of every embed: no site header, sidebar or footer, the `embed` class on
//! `<html>` (for the embed's own spacing), and its height reported to the parent
//! window whenever it changes, with the address's `id` parameter echoed back.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::query_param;
use crate::embed::decode_component;
use crate::services::{frame, page};

#[derive(Properties, PartialEq)]
pub struct EmbedFrameProps {
    pub children: Html,
}

#[component]
pub fn EmbedFrame(props: &EmbedFrameProps) -> Html {
    let root = use_node_ref();
    let id = use_location()
        .and_then(|location| query_param(location.query_str(), "id").map(decode_component))
        .filter(|id| !id.is_empty());
    {
        let root = root.clone();
        use_effect_with(id, move |id| {
            page::set_root_class("embed", true);
            let reporter = root
                .cast::<web_sys::Element>()
                .and_then(|element| frame::report_height(element, id.clone()));
            move || {
                drop(reporter);
                page::set_root_class("embed", false);
            }
        });
    }
    html! {
        <div class="embed-root" ref={root}>
            { props.children.clone() }
        </div>
    }
}
