//! The routes and the frame every page shares (header with the skip link, footer).
//!
//! Routing uses the URL fragment (`index.html#/lessons/<slug>`), so the built `dist/`
//! works from any sub-path of a static host without rewrite rules, and back, forward and
//! deep links all work. A heading inside a lesson is addressed as
//! `#/lessons/<slug>/<anchor>`: the fragment is already the route, so the anchor becomes
//! one more path segment rather than a second `#`.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::challenge_frame::ChallengeFrame;
use crate::components::embed_frame::EmbedFrame;
use crate::components::progress_provider::ProgressProvider;
use crate::components::quiz_challenge::{ChallengeQuestion, ChallengeQuestionProps};
use crate::components::settings_provider::SettingsProvider;
use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::components::update_notice::UpdateNotice;
use crate::components::work_provider::WorkProvider;
use crate::embed::encode_component;
use crate::examples;
use crate::hooks::use_work::WorkHandle;
use crate::pages::compare::ComparePage;
use crate::pages::embed_lesson::EmbedLessonPage;
use crate::pages::embed_playground::EmbedPlaygroundPage;
use crate::pages::embed_quiz::{EmbedChallengePage, EmbedQuizPage, EmbedUnknownPage};
use crate::pages::home::HomePage;
use crate::pages::lesson::LessonPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::playground::PlaygroundPage;
use crate::pages::progress::ProgressPage;
use crate::pages::quiz::QuizPage;
use crate::services::{modules, work_storage};

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
    /// Embeds (no site header, sidebar or footer; parameters in `embed.rs`): the
    /// playground, a quiz, one challenge, a lesson, and any other path under
    /// `/embed/`, which says there is no such embed.
    #[at("/embed/playground")]
    EmbedPlayground,
    #[at("/embed/quiz/:slug")]
    EmbedQuiz { slug: String },
    #[at("/embed/challenge/:slug/:question")]
    EmbedChallenge { slug: String, question: String },
    #[at("/embed/lesson/:slug")]
    EmbedLesson { slug: String },
    #[at("/embed/*rest")]
    EmbedUnknown { rest: String },
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

impl Route {
    /// The `href` for this route, relative to the page (`#/lessons/...`).
    pub fn href(&self) -> String {
        format!("#{}", self.to_path())
    }

    /// The embed that shows the same thing, for links followed inside an embed: a
    /// lesson (or one of its sections), a quiz and the playground have one; any other
    /// page stays as it is.
    pub fn embedded(&self) -> Route {
        match self {
            Route::Lesson { slug } | Route::LessonSection { slug, .. } => {
                Route::EmbedLesson { slug: slug.clone() }
            }
            Route::Quiz { slug } => Route::EmbedQuiz { slug: slug.clone() },
            Route::Playground => Route::EmbedPlayground,
            other => other.clone(),
        }
    }

    /// Whether this route is an embed, shown without the site's frame.
    pub fn is_embed(&self) -> bool {
        matches!(
            self,
            Route::EmbedPlayground
                | Route::EmbedQuiz { .. }
                | Route::EmbedChallenge { .. }
                | Route::EmbedLesson { .. }
                | Route::EmbedUnknown { .. }
        )
    }
}

/// The query string that opens the playground with `text` as a copy, remembering the
/// lesson it came from. The text travels as it is, percent-encoded (a lesson's example is
/// short): the lessons module has no compressor for share codes. Slugs are URL-safe.
pub fn playground_query(text: &str, from: Option<&str>) -> String {
    let text = encode_component(text);
    match from {
        Some(slug) => format!("text={text}&from={slug}"),
        None => format!("text={text}"),
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

/// Which of the two wasm modules is running (see `lib.rs`), with what differs between
/// them. The two functions are chosen where a module starts, so each module links only
/// the pages and the kind of challenge it shows.
#[derive(Clone, Copy)]
pub struct Module {
    pub kind: ModuleKind,
    /// The page for a route.
    switch: fn(Route) -> Html,
    /// A Dockerfile challenge inside a quiz, with its key.
    pub challenge: fn(String, ChallengeQuestionProps) -> Html,
    /// The site's pages inside what keeps the learner's work (the playground draft and
    /// the compare pair), in the module that has those pages.
    work: fn(Html) -> Html,
    /// Puts the playground draft and the compare pair back to their starting examples,
    /// for "Reset all": through the provider's handle in the app module; in the lessons
    /// module, which has no provider, by forgetting what is stored.
    pub reset_work: fn(Option<&WorkHandle>),
}

/// The two modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleKind {
    /// The lessons module: home, lessons with their quizzes, lesson embeds.
    Lessons,
    /// The app module: every page.
    App,
}

impl PartialEq for Module {
    fn eq(&self, other: &Module) -> bool {
        self.kind == other.kind
    }
}

impl Module {
    /// The app module: every page, challenges in place.
    pub const APP: Module = Module {
        kind: ModuleKind::App,
        switch: app_switch,
        challenge: challenge_in_place,
        work: with_work,
        reset_work: |work| {
            if let Some(work) = work {
                work.draft.reset(examples::starting_draft());
                work.pair.reset(examples::starting_pair());
            }
        },
    };

    /// The lessons module: the reading pages; challenges in a frame that loads the app
    /// module, and every other page handed over to it.
    pub const LESSONS: Module = Module {
        kind: ModuleKind::Lessons,
        switch: lessons_switch,
        challenge: challenge_in_frame,
        work: |pages| pages,
        reset_work: |_| {
            // Refused storage holds no work to reset.
            let _ = work_storage::forget();
        },
    };
}

fn with_work(pages: Html) -> Html {
    html! { <WorkProvider>{ pages }</WorkProvider> }
}

fn challenge_in_place(key: String, props: ChallengeQuestionProps) -> Html {
    html! { <ChallengeQuestion {key} ..props /> }
}

fn challenge_in_frame(key: String, props: ChallengeQuestionProps) -> Html {
    html! { <ChallengeFrame {key} ..props /> }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub module: Module,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    html! {
        <HashRouter>
            <ContextProvider<Module> context={props.module}>
                <Shell />
            </ContextProvider<Module>>
        </HashRouter>
    }
}

/// The running module, provided at the root of the app. (No default: naming one here
/// would link its pages into both modules.)
#[hook]
pub fn use_module() -> Option<Module> {
    use_context::<Module>()
}

/// The site's frame around a page, or, for an embed, only the embed's own frame. An
/// embed keeps its progress in memory and never opens the learner's draft, so nothing
/// done inside a documentation site is written over the learner's own work.
#[component]
fn Shell() -> Html {
    let module = use_module();
    let embedded = use_route::<Route>().is_some_and(|route| route.is_embed());
    let Some(module) = module else {
        return html! {};
    };
    let render = Callback::from(move |route: Route| (module.switch)(route));
    if embedded {
        return html! {
            <ProgressProvider in_memory=true>
                <EmbedFrame>
                    <Switch<Route> {render} />
                </EmbedFrame>
            </ProgressProvider>
        };
    }
    let pages = (module.work)(html! {
        <>
            <SiteHeader />
            <UpdateNotice />
            <Switch<Route> {render} />
            <SiteFooter />
        </>
    });
    html! {
        <SettingsProvider>
            <ProgressProvider>
                { pages }
            </ProgressProvider>
        </SettingsProvider>
    }
}

/// The pages both modules have (the lessons module's); `None` for the app module's own.
fn reading_page(route: &Route) -> Option<Html> {
    Some(match route.clone() {
        Route::Home => html! { <HomePage /> },
        Route::Lesson { slug } => html! { <LessonPage {slug} /> },
        Route::LessonSection { slug, anchor } => {
            html! { <LessonPage {slug} anchor={Some(anchor)} /> }
        }
        Route::EmbedLesson { slug } => html! { <EmbedLessonPage {slug} /> },
        Route::EmbedUnknown { rest } => html! { <EmbedUnknownPage {rest} /> },
        Route::NotFound => html! { <NotFoundPage /> },
        Route::Progress
        | Route::Playground
        | Route::Compare
        | Route::Quiz { .. }
        | Route::EmbedPlayground
        | Route::EmbedQuiz { .. }
        | Route::EmbedChallenge { .. } => return None,
    })
}

/// The lessons module: its pages, and the hand-over for the others.
fn lessons_switch(route: Route) -> Html {
    reading_page(&route).unwrap_or_else(|| html! { <OpenApp /> })
}

fn app_switch(route: Route) -> Html {
    if let Some(page) = reading_page(&route) {
        return page;
    }
    match route {
        Route::Playground => html! { <PlaygroundPage /> },
        Route::Compare => html! { <ComparePage /> },
        Route::Quiz { slug } => html! { <QuizPage {slug} /> },
        Route::Progress => html! { <ProgressPage /> },
        Route::EmbedPlayground => html! { <EmbedPlaygroundPage /> },
        Route::EmbedQuiz { slug } => html! { <EmbedQuizPage {slug} /> },
        Route::EmbedChallenge { slug, question } => {
            html! { <EmbedChallengePage {slug} {question} /> }
        }
        // Shown by `reading_page` above.
        Route::Home
        | Route::Lesson { .. }
        | Route::LessonSection { .. }
        | Route::EmbedLesson { .. }
        | Route::EmbedUnknown { .. }
        | Route::NotFound => html! { <NotFoundPage /> },
    }
}

/// Shown by the lessons module for a page of the app module while the page reloads
/// with it.
#[component]
fn OpenApp() -> Html {
    use_effect_with((), |()| modules::open_app());
    html! {
        <main class="page opening">
            <p role="status">{ "Opening…" }</p>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::{Route, playground_query, query_param};
    use yew_router::Routable;

    #[test]
    fn playground_queries_round_trip() {
        let query = playground_query("FROM a&b=c\n", Some("distroless"));
        assert_eq!(query, "text=FROM%20a%26b%3Dc%0A&from=distroless");
        let with_mark = format!("?{query}");
        assert_eq!(
            query_param(&with_mark, "text").map(crate::embed::decode_component),
            Some("FROM a&b=c\n".to_string())
        );
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

    #[test]
    fn embed_routes_are_recognised_and_marked() {
        let cases = [
            ("/embed/playground", Route::EmbedPlayground),
            (
                "/embed/quiz/distroless",
                Route::EmbedQuiz {
                    slug: "distroless".into(),
                },
            ),
            (
                "/embed/challenge/distroless/slim-it",
                Route::EmbedChallenge {
                    slug: "distroless".into(),
                    question: "slim-it".into(),
                },
            ),
            (
                "/embed/lesson/distroless",
                Route::EmbedLesson {
                    slug: "distroless".into(),
                },
            ),
            (
                "/embed/slides/3",
                Route::EmbedUnknown {
                    rest: "slides/3".into(),
                },
            ),
        ];
        for (path, route) in cases {
            assert_eq!(Route::recognize(path), Some(route.clone()), "{path}");
            assert!(route.is_embed());
        }
        assert!(!Route::Playground.is_embed());
        assert_eq!(Route::Playground.embedded(), Route::EmbedPlayground);
        assert_eq!(
            Route::LessonSection {
                slug: "distroless".into(),
                anchor: "debug".into()
            }
            .embedded(),
            Route::EmbedLesson {
                slug: "distroless".into()
            }
        );
        assert_eq!(Route::Progress.embedded(), Route::Progress);
    }
}
