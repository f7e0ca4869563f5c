//! The end of a quiz: the score (from the saved progress, so it is the same after a
//! reload), each question's verdict, and the ways on: retry only the missed ones,
//! answer the ones left unanswered, show every answer with its explanation, or take
//! the whole quiz again.

use fromlab_engine::quiz::{Kind, Quiz};
use yew::prelude::*;

use crate::components::code_block::CodeBlock;
use crate::components::quiz_text::{QuizText, plain};
use crate::hooks::use_progress::use_progress;

/// The id of the score heading, focused when the review opens.
pub const REVIEW_ID: &str = "quiz-review-heading";

#[derive(Properties, PartialEq)]
pub struct QuizReviewProps {
    pub quiz: &'static Quiz,
    /// The level of the review's heading (the answers use the next one).
    pub level: u8,
    pub on_retry: Callback<()>,
    pub on_continue: Callback<()>,
    pub on_restart: Callback<()>,
}

#[component]
pub fn QuizReview(props: &QuizReviewProps) -> Html {
    let progress = use_progress();
    let show_answers = use_state(|| false);
    let quiz = props.quiz;
    let slug = AttrValue::Static(&quiz.lesson);
    let total = quiz.questions.len();
    let score = progress.score(&quiz.lesson);
    let missed = progress.missed(&quiz.lesson);
    let heading = format!("h{}", props.level.clamp(2, 5));
    let sub_heading = format!("h{}", props.level.clamp(2, 5) + 1);
    let answers_id = format!("quiz-{}-answers", quiz.lesson);

    let toggle = {
        let show_answers = show_answers.clone();
        Callback::from(move |_| show_answers.set(!*show_answers))
    };
    let retry = props.on_retry.reform(|_: MouseEvent| ());
    let continue_quiz = props.on_continue.reform(|_: MouseEvent| ());
    let unanswered = quiz
        .questions
        .iter()
        .filter(|q| progress.verdict(&quiz.lesson, &q.id).is_none())
        .count();
    let restart = props.on_restart.reform(|_: MouseEvent| ());

    let verdicts = quiz.questions.iter().enumerate().map(|(index, question)| {
        let (icon, word, class) = match progress.verdict(&quiz.lesson, &question.id) {
            Some(true) => ("✓", "Right", "is-correct"),
            Some(false) => ("✗", "Missed", "is-wrong"),
            None => ("–", "Not answered", "is-other"),
        };
        html! {
            <li class={classes!("quiz-verdict", class)} key={question.id.to_string()}>
                <span class="verdict-icon" aria-hidden="true">{ icon }</span>
                { " " }<strong>{ format!("{word}:") }</strong>{ " " }
                { format!("Question {}, ", index + 1) }{ plain(&question.prompt) }
            </li>
        }
    });

    let answers = quiz.questions.iter().enumerate().map(|(index, question)| {
        let body = if question.kind == Kind::Challenge {
            let goals = question.challenge.iter().flat_map(|c| c.goals.iter()).map(|goal| html! {
                <li>
                    <QuizText text={AttrValue::Static(&goal.text)} slug={slug.clone()} />
                    <div class="goal-explanation">
                        <QuizText text={AttrValue::Static(&goal.explanation)} slug={slug.clone()} />
                    </div>
                </li>
            });
            let solution = question.challenge.as_ref().and_then(|c| c.solution.as_deref());
            html! {
                <>
                    <p><strong>{ "Goals" }</strong></p>
                    <ul class="quiz-answer-goals">{ for goals }</ul>
                    if let Some(solution) = solution {
                        <p><strong>{ "One Dockerfile that meets every goal" }</strong></p>
                        <CodeBlock code={AttrValue::Static(solution)} lang={AttrValue::Static("dockerfile")} lesson={Some(slug.clone())} />
                    }
                </>
            }
        } else {
            let options = question.options.iter().map(|option| {
                let (icon, words, class) = if option.correct {
                    ("✓", "Correct:", "is-correct")
                } else {
                    ("✗", "Not correct:", "is-other")
                };
                html! {
                    <li class={classes!("quiz-answer-option", class)}>
                        <p class="quiz-option-verdict">
                            <span class="verdict-icon" aria-hidden="true">{ icon }</span>{ " " }
                            <strong>{ words }</strong>{ " " }
                            <QuizText text={AttrValue::Static(&option.text)} slug={slug.clone()} phrasing=true />
                        </p>
                        <QuizText text={AttrValue::Static(&option.explanation)} slug={slug.clone()} />
                    </li>
                }
            });
            html! { <ul class="quiz-answer-options">{ for options }</ul> }
        };
        html! {
            <section class="quiz-answer" key={question.id.to_string()}>
                <@{sub_heading.clone()}>{ format!("Question {}", index + 1) }</@>
                if let Some(scenario) = &question.scenario {
                    <div class="quiz-scenario">
                        <QuizText text={AttrValue::Static(scenario)} slug={slug.clone()} />
                    </div>
                }
                <div class="quiz-prompt-block">
                    <QuizText text={AttrValue::Static(&question.prompt)} slug={slug.clone()} />
                </div>
                { body }
            </section>
        }
    });

    let (score_now, best) = score.map_or((0, 0), |s| (s.score, s.best));
    let solved = progress.challenges_solved(&quiz.lesson);
    let challenges = quiz.challenge_count();
    html! {
        <div class="quiz-review">
            <@{heading} id={REVIEW_ID} tabindex="-1" class="quiz-score">
                { format!("Your score: {score_now} of {total}") }
            </@>
            <p>
                { format!("Best so far: {best} of {total}.") }
                if challenges > 0 {
                    { format!(" Dockerfile challenges solved: {solved} of {challenges}.") }
                }
            </p>
            <ol class="quiz-verdicts">{ for verdicts }</ol>
            <div class="quiz-actions">
                if !missed.is_empty() {
                    <button type="button" class="button button-primary" onclick={retry}>
                        { format!("Retry the ones I missed ({})", missed.len()) }
                    </button>
                }
                if unanswered > 0 {
                    <button type="button" class="button button-primary" onclick={continue_quiz}>
                        { format!("Answer the ones not answered yet ({unanswered})") }
                    </button>
                }
                <button type="button" class="button" aria-expanded={if *show_answers { "true" } else { "false" }} aria-controls={answers_id.clone()} onclick={toggle}>
                    { if *show_answers { "Hide answers" } else { "Show answers" } }
                </button>
                <button type="button" class="button" onclick={restart}>{ "Take the whole quiz again" }</button>
            </div>
            <div id={answers_id} class="quiz-answers" hidden={!*show_answers}>
                if *show_answers {
                    { for answers }
                }
            </div>
        </div>
    }
}
