//! Previous and next links at the foot of a lesson.

use yew::prelude::*;

use crate::app::Route;
use crate::components::route_link::RouteLink;
use crate::content;

#[derive(Properties, PartialEq)]
pub struct LessonPagerProps {
    /// The position of the current lesson in the course.
    pub index: usize,
}

#[component]
pub fn LessonPager(props: &LessonPagerProps) -> Html {
    let lessons = content::lessons();
    let previous = props.index.checked_sub(1).and_then(|i| lessons.get(i));
    let next = lessons.get(props.index + 1);
    html! {
        <nav class="pager" aria-label="Previous and next lesson">
            if let Some(lesson) = previous {
                <RouteLink to={Route::Lesson { slug: lesson.slug.to_string() }} classes={classes!("pager-link", "pager-previous")}>
                    <span class="pager-direction">{ "← Previous" }</span>
                    <span class="pager-title">{ lesson.title }</span>
                </RouteLink>
            }
            if let Some(lesson) = next {
                <RouteLink to={Route::Lesson { slug: lesson.slug.to_string() }} classes={classes!("pager-link", "pager-next")}>
                    <span class="pager-direction">{ "Next →" }</span>
                    <span class="pager-title">{ lesson.title }</span>
                </RouteLink>
            } else {
                <RouteLink to={Route::Home} classes={classes!("pager-link", "pager-next")}>
                    <span class="pager-direction">{ "Done" }</span>
                    <span class="pager-title">{ "Back to all lessons" }</span>
                </RouteLink>
            }
        </nav>
    }
}
