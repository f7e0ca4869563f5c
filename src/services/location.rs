//! The address of the page itself, for links the learner copies out of the app.

use crate::services::modules;

/// The full address of the app with `fragment` (a route such as `#/playground?code=…`),
/// keeping whatever path the app is served from (and dropping the hand-over between
/// modules, see `modules.rs`).
pub fn app_url(fragment: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let page = href.split_once('#').map_or(href.as_str(), |(page, _)| page);
    Some(format!("{}{fragment}", modules::without_app_module(page)))
}
