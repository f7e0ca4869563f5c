//! A lesson's quiz on its own page (`#/quiz/<slug>`), for practice after reading or
//! for a class working through the questions together.

use yew::prelude::*;

use crate::app::Route;
use crate::components::progress_notice::ProgressNotice;
use crate::components::quiz::Quiz;
use crate::components::route_link::RouteLink;
use crate::components::skip_link::MAIN_ID;
use crate::content;
use crate::hooks::use_document_title::use_document_title;
use crate::hooks::use_focus_target::use_focus_target;
use crate::pages::not_found::NotFoundPage;

/// The id of the page title.
const TITLE_ID: &str = "quiz-page-title";

#[derive(Properties, PartialEq)]
pub struct QuizPageProps {
    pub slug: AttrValue,
}

#[component]
pub fn QuizPage(props: &QuizPageProps) -> Html {
    let found = content::find(&props.slug);
    use_document_title(found.map(|(_, lesson)| AttrValue::from(format!("Quiz: {}", lesson.title))));
    use_focus_target(
        AttrValue::from(format!("quiz/{}", props.slug)),
        AttrValue::from(TITLE_ID),
        false,
    );
    let (Some((index, lesson)), Some(quiz)) = (found, content::quiz(&props.slug)) else {
        return html! { <NotFoundPage /> };
    };
    let lessons = content::lessons();
    html! {
        <main id={MAIN_ID} tabindex="-1" class="page quiz-page">
            <ProgressNotice />
            <p class="lesson-eyebrow">
                { format!("Quiz for lesson {} of {} · {} questions", index + 1, lessons.len(), quiz.questions.len()) }
            </p>
            <h1 id={TITLE_ID} tabindex="-1">{ format!("Quiz: {}", lesson.title) }</h1>
            <p>
                <RouteLink to={Route::Lesson { slug: lesson.slug.to_string() }}>
                    { "Read the lesson “" }{ lesson.title }{ "”" }
                </RouteLink>
                { " · " }
                <RouteLink to={Route::Progress}>{ "Your progress" }</RouteLink>
            </p>
            <Quiz key={lesson.slug} {quiz} level={2} />
        </main>
    }
}
