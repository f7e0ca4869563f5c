//! The routes and the frame every page shares (header with the skip link, footer).
//!
//! Routing uses the URL fragment (`index.html#/lessons/<slug>`), so the built `dist/`
//! works from any sub-path of a static host without rewrite rules, and back, forward and
//! deep links all work. A heading inside a lesson is addressed as
//! `#/lessons/<slug>/<anchor>`: the fragment is already the route, so the anchor becomes
//! one more path segment rather than a second `#`.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::progress_provider::ProgressProvider;
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::components::work_provider::WorkProvider;
use crate::pages::compare::ComparePage;
use crate::pages::home::HomePage;
use crate::pages::lesson::LessonPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::playground::PlaygroundPage;
use crate::pages::progress::ProgressPage;
use crate::pages::quiz::QuizPage;

/// Every page of the app.
#[derive(Routable, Clone, Debug, PartialEq)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/lessons/:slug")]
    Lesson { slug: String },
    /// A heading inside a lesson.
    #[at("/lessons/:slug/:anchor")]
    LessonSection { slug: String, anchor: String },
    /// The playground; a share code may arrive in the `code` query parameter, or an
    /// example's id in `example`.
    #[at("/playground")]
    Playground,
    /// Two Dockerfiles side by side; a shared pair arrives in the `pair` parameter.
    #[at("/compare")]
    Compare,
    /// A lesson's quiz on its own page.
    #[at("/quiz/:slug")]
    Quiz { slug: String },
    /// The whole course's progress, with reset, export and import.
    #[at("/progress")]
    Progress,
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

impl Route {
    /// The `href` for this route, relative to the page (`#/lessons/...`).
    pub fn href(&self) -> String {
        format!("#{}", self.to_path())
    }
}

/// The query string that opens the playground with `code` (a share code), remembering
/// the lesson it came from. Share codes and slugs are URL-safe, so nothing is escaped.
pub fn playground_query(code: &str, from: Option<&str>) -> String {
    match from {
        Some(slug) => format!("code={code}&from={slug}"),
        None => format!("code={code}"),
    }
}

/// The value of one parameter in a query string such as `?code=v1.x&from=distroless`.
pub fn query_param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

#[component]
pub fn App() -> Html {
    html! {
        <HashRouter>
            <ProgressProvider>
                <WorkProvider>
                    <SiteHeader />
                    <Switch<Route> render={switch} />
                    <SiteFooter />
                </WorkProvider>
            </ProgressProvider>
        </HashRouter>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <HomePage /> },
        Route::Lesson { slug } => html! { <LessonPage {slug} /> },
        Route::LessonSection { slug, anchor } => {
            html! { <LessonPage {slug} anchor={Some(anchor)} /> }
        }
        Route::Playground => html! { <PlaygroundPage /> },
        Route::Compare => html! { <ComparePage /> },
        Route::Quiz { slug } => html! { <QuizPage {slug} /> },
        Route::Progress => html! { <ProgressPage /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}

#[cfg(test)]
mod tests {
    use super::{Route, playground_query, query_param};
    use yew_router::Routable;

    #[test]
    fn playground_queries_round_trip() {
        let query = playground_query("v1.abc-_", Some("distroless"));
        assert_eq!(query, "code=v1.abc-_&from=distroless");
        let with_mark = format!("?{query}");
        assert_eq!(query_param(&with_mark, "code"), Some("v1.abc-_"));
        assert_eq!(query_param(&with_mark, "from"), Some("distroless"));
        assert_eq!(query_param(&with_mark, "other"), None);
        assert_eq!(query_param("", "code"), None);
    }

    #[test]
    fn lesson_sections_are_one_more_path_segment() {
        let route = Route::LessonSection {
            slug: "distroless".into(),
            anchor: "debug".into(),
        };
        assert_eq!(route.href(), "#/lessons/distroless/debug");
        assert_eq!(Route::recognize("/lessons/distroless/debug"), Some(route));
        assert_eq!(
            Route::recognize("/lessons/distroless"),
            Some(Route::Lesson {
                slug: "distroless".into()
            })
        );
        assert_eq!(Route::recognize("/nowhere"), Some(Route::NotFound));
    }
}
