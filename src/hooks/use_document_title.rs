//! Keeps the browser tab's title in step with the page.

use yew::prelude::*;

use crate::services::page;

/// Sets the document title to `title — fromlab` (or `fromlab` alone for `None`).
#[hook]
pub fn use_document_title(title: Option<AttrValue>) {
    use_effect_with(title, |title| {
        let full = match title {
            Some(title) => format!("{title} — fromlab"),
            None => "fromlab: choose your Docker base image".to_string(),
        };
        page::set_title(&full);
    });
}
