//! The list of all lessons beside a lesson, with the current one marked for assistive
//! technology (`aria-current`) as well as visually, and read lessons checked.

use yew::prelude::*;

use crate::app::Route;
use crate::components::read_mark::ReadMark;
use crate::components::route_link::RouteLink;
use crate::content;
use crate::hooks::use_progress::use_progress;
use crate::services::page;

#[derive(Properties, PartialEq)]
pub struct LessonSidebarProps {
    /// The slug of the lesson being shown.
    pub current: AttrValue,
}

#[component]
pub fn LessonSidebar(props: &LessonSidebarProps) -> Html {
    let progress = use_progress();
    // Open beside the text on wide screens; folded above it on phones, where the list
    // would otherwise push the lesson a screen down.
    let open = use_state(page::is_wide);
    let lessons = content::lessons();
    let read = progress.count_read(lessons.iter().map(|lesson| lesson.slug));
    html! {
        <nav class="sidebar" aria-label="Lessons">
            <details open={*open}>
                <summary>{ format!("All lessons ({read} of {} read)", lessons.len()) }</summary>
                <ol class="sidebar-list">
                    { for lessons.iter().map(|lesson| {
                        let current = props.current == lesson.slug;
                        html! {
                            <li key={lesson.slug}>
                                <RouteLink
                                    to={Route::Lesson { slug: lesson.slug.to_string() }}
                                    classes={classes!("sidebar-link", current.then_some("is-current"))}
                                    aria_current={current.then(|| AttrValue::from("page"))}
                                >
                                    <span class="sidebar-title">{ lesson.title }</span>
                                    if progress.is_read(lesson.slug) {
                                        <ReadMark labelled={false} />
                                    }
                                </RouteLink>
                            </li>
                        }
                    }) }
                </ol>
            </details>
        </nav>
    }
}
