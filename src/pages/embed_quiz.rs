//! Embeds of a lesson's quiz (`#/embed/quiz/<slug>`) and of one Dockerfile challenge
//! (`#/embed/challenge/<slug>/<question-id>`), and the notice for an address under
//! `#/embed/` that names no embed. Also the pieces every embed page shares: its
//! heading and the list of parameters that could not be used.

use fromlab_engine::quiz::Kind;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::notice::{Notice, NoticeKind};
use crate::components::quiz::Quiz;
use crate::components::quiz_challenge::ChallengeQuestion;
use crate::content;
use crate::embed::{self, Problem};
use crate::hooks::use_document_title::use_document_title;
use crate::hooks::use_focus_target::use_focus_target;
use crate::services::frame;

/// The id of an embed's `h1`.
pub const TITLE_ID: &str = "embed-title";

#[derive(Properties, PartialEq)]
pub struct EmbedHeaderProps {
    pub title: AttrValue,
    /// Whether the heading is only for screen readers (the page around the embed
    /// introduces it).
    #[prop_or_default]
    pub hidden: bool,
}

/// The embed's heading (its `title` parameter, or the thing's own title). After a link
/// inside the embed opens another one, focus moves here, as on the site's own pages.
#[component]
pub fn EmbedHeader(props: &EmbedHeaderProps) -> Html {
    use_focus_target(props.title.clone(), AttrValue::from(TITLE_ID), false);
    let class = if props.hidden {
        "embed-title visually-hidden"
    } else {
        "embed-title"
    };
    html! {
        <h1 id={TITLE_ID} {class} tabindex="-1">{ props.title.clone() }</h1>
    }
}

#[derive(Properties, PartialEq)]
pub struct ProblemListProps {
    pub problems: Vec<Problem>,
}

/// Parameters that could not be used, each in a sentence, as text.
#[component]
pub fn ProblemList(props: &ProblemListProps) -> Html {
    if props.problems.is_empty() {
        return html! {};
    }
    html! {
        <Notice kind={NoticeKind::Warning}>
            { "Some of this embed's parameters could not be used." }
            <ul class="embed-problems">
                { for props.problems.iter().map(|problem| html! { <li>{ problem.0.clone() }</li> }) }
            </ul>
        </Notice>
    }
}

/// The query string of the current address.
#[hook]
pub fn use_query() -> String {
    use_location()
        .map(|location| location.query_str().to_string())
        .unwrap_or_default()
}

/// The page shown when an embed names something that does not exist.
fn missing(title: &str, message: String) -> Html {
    html! {
        <main id="main" tabindex="-1" class="embed-page">
            <EmbedHeader title={AttrValue::from(title.to_string())} />
            <Notice kind={NoticeKind::Warning}>{ message }</Notice>
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedQuizPageProps {
    pub slug: AttrValue,
}

#[component]
pub fn EmbedQuizPage(props: &EmbedQuizPageProps) -> Html {
    let query = use_query();
    let found = content::find(&props.slug);
    use_document_title(Some(AttrValue::from(found.map_or_else(
        || "Quiz not found".to_string(),
        |(_, lesson)| format!("Quiz: {}", lesson.title),
    ))));
    let (common, problems) = embed::plain_options(&query);
    let (Some((_, lesson)), Some(quiz)) = (found, content::quiz(&props.slug)) else {
        return missing(
            "Quiz not found",
            format!(
                "There is no lesson called “{}”, so there is no quiz to show. Lesson names are the last part of a lesson's address.",
                props.slug
            ),
        );
    };
    let title = common
        .title
        .unwrap_or_else(|| format!("Quiz: {}", lesson.title));
    html! {
        <main id="main" tabindex="-1" class="embed-page embed-quiz">
            <EmbedHeader title={AttrValue::from(title)} />
            <ProblemList {problems} />
            <p class="embed-note">
                { format!("{} questions, one at a time. Your answers are not saved.", quiz.questions.len()) }
            </p>
            <Quiz key={lesson.slug} {quiz} level={2} />
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedChallengePageProps {
    pub slug: AttrValue,
    pub question: AttrValue,
}

#[component]
pub fn EmbedChallengePage(props: &EmbedChallengePageProps) -> Html {
    let query = use_query();
    let found = content::find(&props.slug);
    use_document_title(Some(AttrValue::from(found.map_or_else(
        || "Challenge not found".to_string(),
        |(_, lesson)| format!("Challenge: {}", lesson.title),
    ))));
    let (options, problems) = embed::challenge_options(&query);
    let (Some((_, lesson)), Some(quiz)) = (found, content::quiz(&props.slug)) else {
        return missing(
            "Challenge not found",
            format!("There is no lesson called “{}”.", props.slug),
        );
    };
    let challenges = || quiz.questions.iter().filter(|q| q.kind == Kind::Challenge);
    let Some(question) = challenges().find(|q| q.id == props.question.as_str()) else {
        let ids: Vec<String> = challenges().map(|q| format!("“{}”", q.id)).collect();
        let known = if ids.is_empty() {
            format!("The quiz of “{}” has no challenges.", lesson.title)
        } else {
            format!("Its challenges are {}.", ids.join(", "))
        };
        return missing(
            "Challenge not found",
            format!(
                "The lesson “{}” has no challenge called “{}”. {known}",
                lesson.title, props.question
            ),
        );
    };
    let title = options
        .common
        .title
        .unwrap_or_else(|| format!("Challenge: {}", lesson.title));
    // The page around the embed hears of answers and solves; it may record them (a
    // lesson's quiz does) or ignore them.
    let id = options.common.id;
    let on_answered = {
        let id = id.clone();
        Callback::from(move |(right, message): (bool, String)| {
            frame::post_answered(lesson.slug, &question.id, right, &message, id.as_deref());
        })
    };
    let on_solved =
        Callback::from(move |()| frame::post_solved(lesson.slug, &question.id, id.as_deref()));
    html! {
        <main id="main" tabindex="-1" class="embed-page embed-challenge">
            <EmbedHeader title={AttrValue::from(title)} hidden={!options.header} />
            <ProblemList {problems} />
            if options.header {
                <p class="embed-note">{ "Edit the Dockerfile until every goal is met. Nothing here is saved." }</p>
            }
            <ChallengeQuestion lesson={AttrValue::Static(lesson.slug)} {question} {on_answered} {on_solved} />
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedUnknownPageProps {
    pub rest: AttrValue,
}

#[component]
pub fn EmbedUnknownPage(props: &EmbedUnknownPageProps) -> Html {
    use_document_title(Some(AttrValue::from("No such embed")));
    missing(
        "No such embed",
        format!(
            "There is no embed at “embed/{}”. The embeds are embed/playground, embed/quiz/<lesson>, embed/challenge/<lesson>/<question> and embed/lesson/<lesson>.",
            props.rest
        ),
    )
}
