//! The home page: what fromlab is, where the learner left off, and every lesson with its
//! summary, reading time and read mark.

use yew::prelude::*;

use crate::app::Route;
use crate::components::progress_notice::ProgressNotice;
use crate::components::read_mark::ReadMark;
use crate::components::route_link::RouteLink;
use crate::components::skip_link::MAIN_ID;
use crate::content;
use crate::hooks::use_document_title::use_document_title;
use crate::hooks::use_focus_target::use_focus_target;
use crate::hooks::use_progress::use_progress;

/// The id of the page title, focused when the learner comes back to this page.
const TITLE_ID: &str = "home-title";

#[component]
pub fn HomePage() -> Html {
    use_document_title(None);
    use_focus_target(AttrValue::from("home"), AttrValue::from(TITLE_ID), false);
    let progress = use_progress();
    let lessons = content::lessons();
    let read = progress.count_read(lessons.iter().map(|lesson| lesson.slug));
    let next = lessons.iter().find(|lesson| !progress.is_read(lesson.slug));
    let total_minutes: u32 = lessons.iter().map(|lesson| lesson.minutes).sum();

    html! {
        <main id={MAIN_ID} tabindex="-1" class="page home">
            <ProgressNotice />
            <h1 id={TITLE_ID} tabindex="-1">{ "Choose your Docker base image with care" }</h1>
            <p class="lead">
                { "The FROM line decides most of an image's size, what it ships and which vulnerabilities it inherits. \
                   These lessons walk the spectrum from full images to scratch, with examples you can open in the playground." }
            </p>
            <p class="progress-summary">
                { format!("{read} of {} lessons read · about {total_minutes} minutes in all.", lessons.len()) }
                if let Some(lesson) = next {
                    { " " }
                    <RouteLink to={Route::Lesson { slug: lesson.slug.to_string() }} classes={classes!("continue-link")}>
                        { if read == 0 { "Start with: " } else { "Continue with: " } }{ lesson.title }
                    </RouteLink>
                }
            </p>
            <h2 class="visually-hidden">{ "Lessons" }</h2>
            <ol class="lesson-list">
                { for lessons.iter().enumerate().map(|(index, lesson)| html! {
                    <li key={lesson.slug} class="lesson-card">
                        <h3 class="lesson-card-title">
                            <span class="lesson-number">{ format!("{}.", index + 1) }</span>{ " " }
                            <RouteLink to={Route::Lesson { slug: lesson.slug.to_string() }}>{ lesson.title }</RouteLink>
                        </h3>
                        <p class="lesson-card-summary">{ lesson.summary }</p>
                        <p class="lesson-card-meta">
                            { format!("{} min read", lesson.minutes) }
                            if progress.is_read(lesson.slug) {
                                { " · " }<ReadMark />
                            }
                            if let Some(score) = progress.score(lesson.slug) {
                                { format!(" · Quiz: {} of {}", score.score, score.total) }
                            }
                        </p>
                    </li>
                }) }
            </ol>
        </main>
    }
}
