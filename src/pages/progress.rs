//! The progress page (`#/progress`): the whole course with what the learner has read,
//! their quiz scores and challenges, resets (per lesson and for everything, each
//! confirmed), and export to and import from a JSON file.
//!
//! An import is read and checked completely before anything changes; a file that is
//! not a fromlab progress file is rejected with the reason, and a good one replaces
//! the current progress only after the learner confirms.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::Route;
use crate::components::confirm_button::ConfirmButton;
use crate::components::progress_notice::ProgressNotice;
use crate::components::read_mark::ReadMark;
use crate::components::route_link::RouteLink;
use crate::components::skip_link::MAIN_ID;
use crate::content;
use crate::hooks::use_document_title::use_document_title;
use crate::hooks::use_focus_target::use_focus_target;
use crate::hooks::use_progress::use_progress;
use crate::progress::{self, Record};
use crate::services::files;

/// The id of the page title.
const TITLE_ID: &str = "progress-title";

/// The name an export is saved under.
const EXPORT_NAME: &str = "fromlab-progress.json";

/// A checked import waiting for the learner's go-ahead.
#[derive(Clone, PartialEq)]
struct Pending {
    name: String,
    record: Record,
}

#[component]
pub fn ProgressPage() -> Html {
    use_document_title(Some(AttrValue::from("Your progress")));
    use_focus_target(
        AttrValue::from("progress"),
        AttrValue::from(TITLE_ID),
        false,
    );
    let progress = use_progress();
    let message = use_state(String::new);
    let pending = use_state(|| None::<Pending>);
    let lessons = content::lessons();

    let mut answered_right = 0;
    let mut questions = 0;
    let mut solved = 0;
    let mut challenges = 0;
    for lesson in lessons {
        if let Some(quiz) = content::quiz(lesson.slug) {
            questions += quiz.questions.len();
            challenges += quiz.challenge_count();
        }
        answered_right += progress.score(lesson.slug).map_or(0, |s| s.score as usize);
        solved += progress.challenges_solved(lesson.slug);
    }
    let read = progress.count_read(lessons.iter().map(|lesson| lesson.slug));

    let rows = lessons.iter().enumerate().map(|(index, lesson)| {
        let total = content::quiz(lesson.slug).map_or(0, |q| q.questions.len());
        let count = content::quiz(lesson.slug).map_or(0, |q| q.challenge_count());
        let score = progress.score(lesson.slug);
        let has_progress = progress.lesson(lesson.slug).is_some();
        let reset = {
            let progress = progress.clone();
            let message = message.clone();
            let slug = lesson.slug;
            let title = lesson.title;
            Callback::from(move |()| {
                progress.reset_lesson(slug);
                message.set(format!("Progress for “{title}” was reset."));
            })
        };
        html! {
            <tr key={lesson.slug}>
                <th scope="row">
                    <RouteLink to={Route::Lesson { slug: lesson.slug.to_string() }}>
                        { format!("{}. {}", index + 1, lesson.title) }
                    </RouteLink>
                </th>
                <td>
                    if progress.is_read(lesson.slug) { <ReadMark /> } else { { "Not yet" } }
                </td>
                <td>
                    { match score {
                        Some(s) => format!("{} of {total}", s.score),
                        None => "Not taken".to_string(),
                    } }
                    { " · " }
                    <RouteLink to={Route::Quiz { slug: lesson.slug.to_string() }}>
                        <span>{ if score.is_some() { "Review" } else { "Take it" } }</span>
                        <span class="visually-hidden">{ format!(" the quiz on “{}”", lesson.title) }</span>
                    </RouteLink>
                </td>
                <td>{ score.map_or_else(|| "–".to_string(), |s| format!("{} of {total}", s.best)) }</td>
                <td>
                    { if count == 0 { "None in this quiz".to_string() } else { format!("{} of {count}", progress.challenges_solved(lesson.slug)) } }
                </td>
                <td>
                    if has_progress {
                        <ConfirmButton
                            id={format!("reset-{}", lesson.slug)}
                            label="Reset"
                            aria_label={Some(AttrValue::from(format!("Reset progress for “{}”", lesson.title)))}
                            question={format!("Forget what you did in “{}”?", lesson.title)}
                            confirm="Yes, reset"
                            onconfirm={reset}
                        />
                    } else {
                        <span class="muted">{ "Nothing to reset" }</span>
                    }
                </td>
            </tr>
        }
    });

    let reset_all = {
        let progress = progress.clone();
        let message = message.clone();
        Callback::from(move |()| {
            progress.start_fresh();
            message.set("All progress was reset.".to_string());
        })
    };
    let export = {
        let progress = progress.clone();
        let message = message.clone();
        Callback::from(move |_| {
            let text = progress.export_json();
            message.set(
                match files::download(EXPORT_NAME, &text, "application/json") {
                    Ok(()) => format!("Your progress was exported to {EXPORT_NAME}."),
                    Err(error) => format!("The export failed: {error}."),
                },
            );
        })
    };
    let choose_file = {
        let message = message.clone();
        let pending = pending.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|list| list.get(0)) else {
                return;
            };
            // Cleared so that choosing the same file again is a change too.
            input.set_value("");
            let message = message.clone();
            let pending = pending.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let checked = files::read_text(file)
                    .await
                    .and_then(|text| progress::parse_import(&text));
                match checked {
                    Ok(record) => {
                        message.set(String::new());
                        pending.set(Some(Pending { name, record }));
                    }
                    Err(reason) => {
                        pending.set(None);
                        message.set(format!(
                            "“{name}” was not imported: {reason}. Your progress has not changed."
                        ));
                    }
                }
            });
        })
    };

    let confirm_import = pending.as_ref().map(|found| {
        let lessons_read = found.record.lessons.values().filter(|l| l.read).count();
        let answers: usize = found
            .record
            .lessons
            .values()
            .filter_map(|l| l.quiz.as_ref())
            .map(|q| q.right.len() + q.missed.len())
            .sum();
        let onconfirm = {
            let progress = progress.clone();
            let message = message.clone();
            let pending = pending.clone();
            let found = found.clone();
            Callback::from(move |()| {
                progress.import(found.record.clone());
                pending.set(None);
                message.set(format!("Your progress was imported from “{}”.", found.name));
            })
        };
        let oncancel = {
            let pending = pending.clone();
            let message = message.clone();
            Callback::from(move |()| {
                pending.set(None);
                message.set("The import was cancelled; your progress has not changed.".to_string());
            })
        };
        html! {
            <ConfirmButton
                id="confirm-import"
                label="Import"
                question={format!(
                    "“{}” holds {lessons_read} lessons read and {answers} quiz answers. Replace your current progress with it?",
                    found.name
                )}
                confirm="Yes, replace my progress"
                open=true
                {onconfirm}
                {oncancel}
            />
        }
    });

    html! {
        <main id={MAIN_ID} tabindex="-1" class="page progress-page">
            <ProgressNotice />
            <h1 id={TITLE_ID} tabindex="-1">{ "Your progress" }</h1>
            <p class="lead">
                { "Kept in this browser only: nothing is sent anywhere. Export it to keep a copy or to carry it to another browser." }
            </p>
            <p class="progress-summary">
                { format!(
                    "{read} of {} lessons read · {answered_right} of {questions} quiz questions answered right · {solved} of {challenges} Dockerfile challenges solved.",
                    lessons.len()
                ) }
            </p>
            <p class="progress-message" role="status">{ (*message).clone() }</p>
            <div class="table-scroll" role="region" aria-label="Progress by lesson" tabindex="0">
                <table class="progress-table">
                    <thead>
                        <tr>
                            <th scope="col">{ "Lesson" }</th>
                            <th scope="col">{ "Read" }</th>
                            <th scope="col">{ "Quiz score" }</th>
                            <th scope="col">{ "Best score" }</th>
                            <th scope="col">{ "Challenges solved" }</th>
                            <th scope="col">{ "Reset" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>

            <h2>{ "Start over" }</h2>
            <p>{ "Resetting forgets read marks, quiz answers and solved challenges in every lesson." }</p>
            <ConfirmButton
                id="reset-all"
                label="Reset all progress"
                question="Forget your progress in every lesson? Only an exported copy can bring it back."
                confirm="Yes, reset everything"
                onconfirm={reset_all}
            />

            <h2>{ "Export and import" }</h2>
            <p>{ "An export is a small JSON file. Importing one replaces your current progress, after you confirm." }</p>
            <p>
                <button type="button" class="button" onclick={export}>{ "Export progress to a file" }</button>
            </p>
            <p class="import-field">
                <label for="progress-import">{ "Import progress from a file" }</label>
                { " " }
                <input type="file" id="progress-import" accept=".json,application/json" onchange={choose_file} />
            </p>
            if let Some(confirm) = confirm_import {
                <p>{ confirm }</p>
            }
        </main>
    }
}
