//! A Dockerfile challenge: the learner edits a starting Dockerfile and every goal is
//! graded by the engine on each keystroke. A goal that turns met shows its
//! explanation and is announced politely; when all are met the challenge counts as
//! solved in the learner's progress. Submitting records the attempt as right or
//! missed, like any other question.

use fromlab_engine::quiz::{self, GoalStatus, Question};
use yew::prelude::*;

use crate::components::dockerfile_editor::DockerfileEditor;
use crate::components::quiz_choice::RESULT_ID;
use crate::components::quiz_text::{QuizText, plain};
use crate::hooks::use_progress::use_progress;
use crate::services::page;

#[derive(Properties, PartialEq)]
pub struct ChallengeQuestionProps {
    pub lesson: AttrValue,
    pub question: &'static Question,
    /// Called once the learner submits, with the verdict and a sentence to announce.
    pub on_answered: Callback<(bool, String)>,
}

#[component]
pub fn ChallengeQuestion(props: &ChallengeQuestionProps) -> Html {
    let question = props.question;
    let progress = use_progress();
    let start: &'static str = question
        .challenge
        .as_ref()
        .map_or("", |challenge| &challenge.dockerfile);
    let text = use_state(|| start.to_string());
    let statuses = use_state(|| grade(question, start));
    let announcement = use_state(String::new);
    let submitted = use_state(|| None::<bool>);
    use_effect_with(*submitted, |submitted| {
        if submitted.is_some() {
            page::focus_by_id(RESULT_ID);
        }
    });

    let base = format!("quiz-{}-{}", props.lesson, question.id);
    let editor_id = format!("{base}-editor");
    let help_id = format!("{base}-editor-help");
    let goals_id = format!("{base}-goals");

    // Grades the new text, announces goals that changed, and records a solve.
    let update = {
        let text = text.clone();
        let statuses = statuses.clone();
        let announcement = announcement.clone();
        let progress = progress.clone();
        let lesson = props.lesson.clone();
        Callback::from(move |source: String| {
            let next = grade(question, &source);
            let news = changes(question, &statuses, &next);
            if quiz::all_met(&next) {
                progress.solve(&lesson, &question.id);
            }
            if !news.is_empty() {
                announcement.set(news);
            }
            statuses.set(next);
            text.set(source);
        })
    };
    let start_over = {
        let update = update.clone();
        Callback::from(move |_| update.emit(start.to_string()))
    };
    let submit = {
        let statuses = statuses.clone();
        let submitted = submitted.clone();
        let progress = progress.clone();
        let lesson = props.lesson.clone();
        let on_answered = props.on_answered.clone();
        Callback::from(move |_| {
            let right = quiz::all_met(&statuses);
            progress.answer(&lesson, &question.id, right);
            submitted.set(Some(right));
            on_answered.emit((right, verdict(&statuses)));
        })
    };

    let goals = question.challenge.as_ref().map(|challenge| {
        challenge
            .goals
            .iter()
            .zip(statuses.iter())
            .map(|(goal, status)| {
                let show_why = status.met || submitted.is_some();
                html! {
                    <li class={classes!("goal", if status.met { "goal-met" } else { "goal-unmet" })}>
                        <span class="goal-icon" aria-hidden="true">{ if status.met { "✓" } else { "○" } }</span>
                        <div class="goal-body">
                            <p class="goal-state">{ if status.met { "Met" } else { "Not met yet" } }</p>
                            <QuizText text={AttrValue::Static(&goal.text)} slug={props.lesson.clone()} />
                            <p class="goal-now">
                                <QuizText text={AttrValue::from(status.now.clone())} slug={props.lesson.clone()} phrasing=true />
                            </p>
                            if show_why {
                                <div class="goal-explanation">
                                    <QuizText text={AttrValue::Static(&goal.explanation)} slug={props.lesson.clone()} />
                                </div>
                            }
                        </div>
                    </li>
                }
            })
            .collect::<Html>()
    });

    let met = statuses.iter().filter(|s| s.met).count();
    html! {
        <div class="quiz-challenge">
            <div class="quiz-prompt quiz-prompt-block">
                <QuizText text={AttrValue::Static(&question.prompt)} slug={props.lesson.clone()} />
            </div>
            <label class="editor-label" for={editor_id.clone()}>{ "Your Dockerfile" }</label>
            <p class="quiz-hint" id={help_id.clone()}>
                { "The goals below are checked as you type. Tab moves out of the editor." }
            </p>
            <DockerfileEditor
                id={AttrValue::from(editor_id)}
                value={AttrValue::from((*text).clone())}
                oninput={update}
                describedby={Some(AttrValue::from(help_id))}
            />
            <p class="quiz-goals-title" id={goals_id.clone()}>
                <strong>{ format!("Goals: {met} of {} met", statuses.len()) }</strong>
            </p>
            <ul class="quiz-goals" aria-labelledby={goals_id}>{ for goals }</ul>
            <p class="visually-hidden" role="status">{ (*announcement).clone() }</p>
            <div class="quiz-actions">
                <button type="button" class="button" onclick={start_over}>{ "Start over from the original Dockerfile" }</button>
                if submitted.is_none() {
                    <button type="button" class="button button-primary" onclick={submit}>{ "Submit my Dockerfile" }</button>
                }
            </div>
            if let Some(right) = *submitted {
                <div id={RESULT_ID} tabindex="-1" class={classes!("quiz-result", if right { "quiz-result-right" } else { "quiz-result-wrong" })}>
                    <span class="verdict-icon" aria-hidden="true">{ if right { "✓" } else { "✗" } }</span>
                    { " " }
                    { verdict(&statuses) }
                </div>
            }
        </div>
    }
}

fn grade(question: &Question, source: &str) -> Vec<GoalStatus> {
    question
        .challenge
        .as_ref()
        .map(|challenge| quiz::grade_challenge(challenge, source))
        .unwrap_or_default()
}

/// The sentence announcing goals that turned met or unmet, or nothing.
fn changes(question: &Question, before: &[GoalStatus], after: &[GoalStatus]) -> String {
    let Some(challenge) = question.challenge.as_ref() else {
        return String::new();
    };
    let mut parts = Vec::new();
    for ((goal, old), new) in challenge.goals.iter().zip(before).zip(after) {
        match (old.met, new.met) {
            (false, true) => parts.push(format!("Goal met: {}.", plain(&goal.text))),
            (true, false) => parts.push(format!("Goal no longer met: {}.", plain(&goal.text))),
            _ => {}
        }
    }
    if !parts.is_empty() && quiz::all_met(after) {
        parts.push("All goals met: challenge solved.".to_string());
    }
    parts.join(" ")
}

/// The verdict after submitting.
fn verdict(statuses: &[GoalStatus]) -> String {
    let met = statuses.iter().filter(|s| s.met).count();
    if quiz::all_met(statuses) {
        "Solved: every goal is met. Each goal's explanation is shown with it.".to_string()
    } else {
        format!(
            "Not solved yet: {met} of {} goals met. Each goal's explanation is now shown with it; you can keep editing.",
            statuses.len()
        )
    }
}
