//! A Dockerfile challenge: the learner edits a starting Dockerfile and every goal is
//! graded by the engine on each keystroke, in the analysis worker (the goals travel
//! with the request). Grades for an older text are dropped; until the grades for the
//! text as it is arrive, the goals say they are being checked, and a submit waits for
//! them. A goal that turns met shows its
//! explanation and is announced politely; when all are met the challenge counts as
//! solved in the learner's progress. Submitting records the attempt as right or
//! missed, like any other question.

use std::rc::Rc;

use fromlab_engine::quiz::{self, Goal, GoalStatus, Question};
use fromlab_engine::transport::{Answer, Ask};
use yew::prelude::*;

use crate::components::dockerfile_editor::DockerfileEditor;
use crate::components::embed_box::EmbedBox;
use crate::components::quiz_choice::RESULT_ID;
use crate::components::quiz_text::{QuizText, plain};
use crate::components::worker_notice::WorkerNotice;
use crate::hooks::use_analysis::Progress;
use crate::hooks::use_progress::use_progress;
use crate::rich_text::with_code;
use crate::services::{page, worker};

/// The goals graded for one text.
#[derive(Clone, PartialEq)]
struct Graded {
    text: String,
    statuses: Vec<GoalStatus>,
}

#[derive(Properties, PartialEq)]
pub struct ChallengeQuestionProps {
    pub lesson: AttrValue,
    pub question: &'static Question,
    /// Called once the learner submits, with the verdict and a sentence to announce.
    pub on_answered: Callback<(bool, String)>,
    /// Called each time the goals turn all met (besides recording the solve).
    #[prop_or_default]
    pub on_solved: Callback<()>,
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
    // The latest text, for answers to compare against when they arrive.
    let latest = use_mut_ref(|| start.to_string());
    let graded = use_state(|| None::<Graded>);
    let failed = use_state(|| None::<Rc<str>>);
    let announcement = use_state(String::new);
    let submitted = use_state(|| None::<bool>);
    let submit_waiting = use_state(|| false);
    let empty = Vec::new();
    let statuses: &Vec<GoalStatus> = graded.as_ref().map_or(&empty, |g| &g.statuses);
    let current = graded.as_ref().is_some_and(|g| g.text == *text);
    use_effect_with(*submitted, |submitted| {
        if submitted.is_some() {
            page::focus_by_id(RESULT_ID);
        }
    });

    let base = format!("quiz-{}-{}", props.lesson, question.id);
    let editor_id = format!("{base}-editor");
    let help_id = format!("{base}-editor-help");
    let goals_id = format!("{base}-goals");

    // Asks for the grades of each new text; when they arrive for the text as it still
    // is, announces goals that changed and records a solve.
    {
        let graded = graded.clone();
        let failed = failed.setter();
        let announcement = announcement.setter();
        let progress = progress.clone();
        let lesson = props.lesson.clone();
        let latest = latest.clone();
        let on_solved = props.on_solved.clone();
        use_effect_with((*text).clone(), move |source| {
            *latest.borrow_mut() = source.clone();
            // The worker grades by kind and fields; the texts stay here.
            let goals = question
                .challenge
                .as_ref()
                .map(|challenge| {
                    challenge
                        .goals
                        .iter()
                        .map(|goal| Goal {
                            text: Default::default(),
                            explanation: Default::default(),
                            ..goal.clone()
                        })
                        .collect()
                })
                .unwrap_or_default();
            let source = source.clone();
            worker::ask(
                Ask::Grade {
                    text: source.clone(),
                    goals,
                },
                move |reply| {
                    let next = match reply {
                        Ok(Answer::Graded { statuses }) => statuses,
                        Ok(Answer::Refused { reason }) => {
                            failed.set(Some(reason.into()));
                            return;
                        }
                        Ok(_) => return,
                        Err(reason) => {
                            failed.set(Some(reason));
                            return;
                        }
                    };
                    if *latest.borrow() != source {
                        return;
                    }
                    if let Some(before) = graded.as_ref() {
                        let news = changes(question, &before.statuses, &next);
                        if !news.is_empty() {
                            announcement.set(news);
                        }
                    }
                    if quiz::all_met(&next) {
                        progress.solve(&lesson, &question.id);
                        on_solved.emit(());
                    }
                    graded.set(Some(Graded {
                        text: source,
                        statuses: next,
                    }));
                },
            );
        });
    }
    let update = {
        let text = text.clone();
        Callback::from(move |source: String| text.set(source))
    };
    let start_over = {
        let update = update.clone();
        Callback::from(move |_| update.emit(start.to_string()))
    };
    // Records the attempt with the grades of the text as it is.
    let finish = {
        let submitted = submitted.clone();
        let progress = progress.clone();
        let lesson = props.lesson.clone();
        let on_answered = props.on_answered.clone();
        Callback::from(move |statuses: Vec<GoalStatus>| {
            let right = quiz::all_met(&statuses);
            progress.answer(&lesson, &question.id, right);
            submitted.set(Some(right));
            on_answered.emit((right, verdict(&statuses)));
        })
    };
    let submit = {
        let finish = finish.clone();
        let statuses = statuses.clone();
        let submit_waiting = submit_waiting.clone();
        Callback::from(move |_| {
            if current {
                finish.emit(statuses.clone());
            } else {
                submit_waiting.set(true);
            }
        })
    };
    // A submit made while grades were on their way completes when they arrive.
    {
        let submit_waiting = submit_waiting.clone();
        let statuses = statuses.clone();
        use_effect_with((current, *submit_waiting), move |&(current, waiting)| {
            if current && waiting {
                submit_waiting.set(false);
                finish.emit(statuses);
            }
        });
    }

    let goals = question.challenge.as_ref().map(|challenge| {
        challenge
            .goals
            .iter()
            .enumerate()
            .map(|(index, goal)| {
                let Some(status) = statuses.get(index) else {
                    return html! {
                        <li class="goal goal-checking">
                            <span class="goal-icon" aria-hidden="true">{ "…" }</span>
                            <div class="goal-body">
                                <p class="goal-state">{ "Checking…" }</p>
                                <QuizText text={AttrValue::Static(&goal.text)} slug={props.lesson.clone()} />
                            </div>
                        </li>
                    };
                };
                let show_why = status.met || submitted.is_some();
                html! {
                    <li class={classes!("goal", if status.met { "goal-met" } else { "goal-unmet" })}>
                        <span class="goal-icon" aria-hidden="true">{ if status.met { "✓" } else { "○" } }</span>
                        <div class="goal-body">
                            <p class="goal-state">{ if status.met { "Met" } else { "Not met yet" } }</p>
                            <QuizText text={AttrValue::Static(&goal.text)} slug={props.lesson.clone()} />
                            <p class="goal-now">
                                { with_code(&status.now) }
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

    let embed_fragment = {
        let lesson = props.lesson.clone();
        Callback::from(move |()| format!("#/embed/challenge/{lesson}/{}", question.id))
    };
    let met = statuses.iter().filter(|s| s.met).count();
    let total = question.challenge.as_ref().map_or(0, |c| c.goals.len());
    let progress_now = match &*failed {
        Some(reason) => Progress::Failed(reason.clone()),
        None if graded.is_none() => Progress::Analysing,
        None if !current => Progress::Stale,
        None => Progress::Current,
    };
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
            <WorkerNotice progress={progress_now.clone()} missing={AttrValue::from("The goals")} />
            <p class="quiz-goals-title" id={goals_id.clone()}>
                if graded.is_none() {
                    <strong>{ format!("Goals: checking {total}…") }</strong>
                } else {
                    <strong>{ format!("Goals: {met} of {total} met") }</strong>
                }
                if *submit_waiting {
                    { " · Submitting once the goals are checked…" }
                }
            </p>
            <ul class="quiz-goals" aria-labelledby={goals_id} aria-busy={if current { "false" } else { "true" }}>{ for goals }</ul>
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
                    { verdict(statuses) }
                </div>
            }
            <EmbedBox
                fragment={embed_fragment}
                title={AttrValue::from("Dockerfile challenge")}
                id={AttrValue::from(base.clone())}
                what="this challenge"
            />
        </div>
    }
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
