//! The hand-over from the lessons module to the app module (see `lib.rs`).
//!
//! `static/start.js` loads the app module for the app's own pages, and for any address
//! whose query has `module=app`. The lessons module, shown a page it does not have
//! (after a link or the back button), replaces the address with the same one plus that
//! parameter, so the page loads again with the app module. The parameter makes the
//! choice certain: the start script's list of the app's pages only saves a reload.

use crate::services::store;

/// The query parameter that asks `static/start.js` for the app module.
const PARAMETER: &str = "module=app";

/// Where the hand-over leaves the address it goes to, so the app module can tell a
/// hand-over (the learner followed a link) from a page load.
const HANDOVER_KEY: &str = "fromlab.handover";

/// Reloads the page as it is, with the app module.
pub fn open_app() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    if let Ok(href) = location.href() {
        let target = with_app_module(&href);
        store::session_write(HANDOVER_KEY, &target);
        let _ = location.replace(&target);
    }
}

/// Whether this page was opened by the hand-over, which then counts as a navigation
/// inside the app (focus moves to the new page, see `use_focus_target`). Answers once.
pub fn arrived_by_handover() -> bool {
    let here = web_sys::window().and_then(|window| window.location().href().ok());
    matches!((store::session_take(HANDOVER_KEY), here), (Some(target), Some(here)) if target == here)
}

/// `href` with `module=app` added to its query, the fragment kept.
fn with_app_module(href: &str) -> String {
    let (page, fragment) = href
        .split_once('#')
        .map_or((href, None), |(p, f)| (p, Some(f)));
    let joined = match page.split_once('?') {
        Some((_, query)) if query.split('&').any(|pair| pair == PARAMETER) => page.to_string(),
        Some((_, "")) => format!("{page}{PARAMETER}"),
        Some(_) => format!("{page}&{PARAMETER}"),
        None => format!("{page}?{PARAMETER}"),
    };
    match fragment {
        Some(fragment) => format!("{joined}#{fragment}"),
        None => joined,
    }
}

/// `page` (an address without its fragment) without the `module=app` parameter, for
/// links the learner copies: whoever opens them gets the module their page needs.
pub fn without_app_module(page: &str) -> String {
    let Some((path, query)) = page.split_once('?') else {
        return page.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| *pair != PARAMETER && !pair.is_empty())
        .collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::{with_app_module, without_app_module};

    #[test]
    fn the_parameter_is_added_once_and_the_fragment_kept() {
        let cases = [
            (
                "https://h/docs/#/playground",
                "https://h/docs/?module=app#/playground",
            ),
            (
                "https://h/docs/index.html#/quiz/x?q=1",
                "https://h/docs/index.html?module=app#/quiz/x?q=1",
            ),
            (
                "https://h/?lang=en#/compare",
                "https://h/?lang=en&module=app#/compare",
            ),
            ("https://h/?#/compare", "https://h/?module=app#/compare"),
            (
                "https://h/?module=app#/compare",
                "https://h/?module=app#/compare",
            ),
            ("https://h/", "https://h/?module=app"),
        ];
        for (href, expected) in cases {
            assert_eq!(with_app_module(href), expected, "{href}");
        }
    }

    #[test]
    fn copied_addresses_lose_the_parameter_and_keep_the_rest() {
        let cases = [
            ("https://h/docs/?module=app", "https://h/docs/"),
            (
                "https://h/docs/?lang=en&module=app",
                "https://h/docs/?lang=en",
            ),
            (
                "https://h/docs/?module=app&lang=en",
                "https://h/docs/?lang=en",
            ),
            ("https://h/docs/index.html", "https://h/docs/index.html"),
        ];
        for (page, expected) in cases {
            assert_eq!(without_app_module(page), expected, "{page}");
        }
    }
}
