//! A lesson: the list of lessons, the text with linkable headings, a read toggle, the
//! lesson's quiz and previous/next links. An anchor in the route focuses that heading.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::Route;
use crate::components::doc_view::{DocView, section_id};
use crate::components::lesson_pager::LessonPager;
use crate::components::lesson_sidebar::LessonSidebar;
use crate::components::progress_notice::ProgressNotice;
use crate::components::quiz::Quiz;
use crate::components::read_mark::ReadMark;
use crate::components::read_toggle::ReadToggle;
use crate::components::route_link::RouteLink;
use crate::components::skip_link::MAIN_ID;
use crate::content;
use crate::hooks::use_document_title::use_document_title;
use crate::hooks::use_focus_target::use_focus_target;
use crate::hooks::use_lesson_shortcuts::use_lesson_shortcuts;
use crate::hooks::use_progress::use_progress;
use crate::pages::not_found::NotFoundPage;

/// The id of a lesson's title, focused when a lesson opens.
const TITLE_ID: &str = "lesson-title";

#[derive(Properties, PartialEq)]
pub struct LessonPageProps {
    pub slug: AttrValue,
    /// A heading anchor to focus, from `#/lessons/<slug>/<anchor>`.
    #[prop_or_default]
    pub anchor: Option<AttrValue>,
}

#[component]
pub fn LessonPage(props: &LessonPageProps) -> Html {
    let found = content::find(&props.slug);
    use_document_title(found.map(|(_, lesson)| AttrValue::from(lesson.title)));
    let lessons = content::lessons();
    let route_at = |index: Option<usize>| {
        index
            .and_then(|index| lessons.get(index))
            .map(|lesson| Route::Lesson {
                slug: lesson.slug.to_string(),
            })
    };
    let index = found.map(|(index, _)| index);
    use_lesson_shortcuts(
        route_at(index.and_then(|index| index.checked_sub(1))),
        route_at(index.map(|index| index + 1)),
    );
    let focus = props
        .anchor
        .as_ref()
        .map_or_else(|| TITLE_ID.to_string(), |anchor| section_id(anchor));
    use_focus_target(
        props.slug.clone(),
        AttrValue::from(focus),
        props.anchor.is_some(),
    );
    let doc = use_memo(props.slug.clone(), |slug| {
        Rc::new(
            content::find(slug)
                .map(|(_, lesson)| lesson.doc())
                .unwrap_or_default(),
        )
    });
    let progress = use_progress();

    let Some((index, lesson)) = found else {
        return html! { <NotFoundPage /> };
    };
    html! {
        <div class="lesson-layout">
            <LessonSidebar current={props.slug.clone()} />
            <main id={MAIN_ID} tabindex="-1" class="page lesson">
                <ProgressNotice />
                <article>
                    <header class="lesson-header">
                        <p class="lesson-eyebrow">
                            { format!("Lesson {} of {} · {} min read", index + 1, lessons.len(), lesson.minutes) }
                            if progress.is_read(lesson.slug) {
                                { " · " }<ReadMark />
                            }
                        </p>
                        <h1 id={TITLE_ID} tabindex="-1">{ lesson.title }</h1>
                    </header>
                    <DocView doc={(*doc).clone()} slug={props.slug.clone()} />
                    <ReadToggle slug={props.slug.clone()} />
                </article>
                if let Some(quiz) = content::quiz(lesson.slug) {
                    <section class="lesson-quiz" aria-labelledby="lesson-quiz-title">
                        <h2 id="lesson-quiz-title">{ "Check your understanding" }</h2>
                        <p class="quiz-intro">
                            { format!("{} questions, one at a time. ", quiz.questions.len()) }
                            <RouteLink to={Route::Quiz { slug: lesson.slug.to_string() }}>
                                { "Open the quiz on its own page" }
                            </RouteLink>
                        </p>
                        <Quiz key={lesson.slug} {quiz} level={3} />
                    </section>
                }
                <LessonPager {index} />
            </main>
        </div>
    }
}
