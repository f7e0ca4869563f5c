//! A lesson as an embed (`#/embed/lesson/<slug>`): its text and, unless `quiz=off`,
//! its quiz, without the list of lessons or the pager. Answers are not saved.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::doc_view::DocView;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::quiz::Quiz;
use crate::content;
use crate::embed;
use crate::hooks::use_document_title::use_document_title;
use crate::pages::embed_quiz::{EmbedHeader, ProblemList, use_query};

#[derive(Properties, PartialEq)]
pub struct EmbedLessonPageProps {
    pub slug: AttrValue,
}

#[component]
pub fn EmbedLessonPage(props: &EmbedLessonPageProps) -> Html {
    let query = use_query();
    let found = content::find(&props.slug);
    use_document_title(Some(AttrValue::from(
        found.map_or("Lesson not found", |(_, lesson)| lesson.title),
    )));
    let doc = use_memo(props.slug.clone(), |slug| {
        Rc::new(
            content::find(slug)
                .map(|(_, lesson)| lesson.doc())
                .unwrap_or_default(),
        )
    });
    let (options, problems) = embed::lesson_options(&query);
    let Some((_, lesson)) = found else {
        return html! {
            <main id="main" tabindex="-1" class="embed-page">
                <EmbedHeader title="Lesson not found" />
                <Notice kind={NoticeKind::Warning}>
                    { format!("There is no lesson called “{}”. Lesson names are the last part of a lesson's address.", props.slug) }
                </Notice>
            </main>
        };
    };
    let title = options
        .common
        .title
        .clone()
        .unwrap_or_else(|| lesson.title.to_string());
    let quiz = content::quiz(lesson.slug).filter(|_| options.quiz);
    html! {
        <main id="main" tabindex="-1" class="embed-page embed-lesson lesson">
            <article>
                <EmbedHeader title={AttrValue::from(title)} />
                <ProblemList {problems} />
                <DocView doc={(*doc).clone()} slug={props.slug.clone()} />
            </article>
            if let Some(quiz) = quiz {
                <section class="lesson-quiz" aria-labelledby="lesson-quiz-title">
                    <h2 id="lesson-quiz-title">{ "Check your understanding" }</h2>
                    <p class="embed-note">{ "Your answers are not saved." }</p>
                    <Quiz key={lesson.slug} {quiz} level={3} />
                </section>
            }
        </main>
    }
}
