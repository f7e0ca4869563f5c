//! A single, multiple-choice or scenario question: native radio buttons or check
//! boxes in a fieldset whose legend is the prompt. Submitting grades the answer with
//! the engine, records it, shows the verdict in words and with an icon, puts each
//! option's explanation under it, and moves focus to the verdict.
//!
//! With the classroom setting "Hide quiz answers" on, the verdict and explanations wait
//! for "Reveal the answer", which also works before anyone answers (the class
//! discusses, the presenter reveals; nothing is recorded then).

use fromlab_engine::quiz::{self, Kind, Question};
use yew::prelude::*;

use crate::components::quiz_text::{QuizText, plain};
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_settings::use_settings;
use crate::services::page;

/// The id of the verdict shown after submitting, which receives focus.
pub const RESULT_ID: &str = "quiz-result";

#[derive(Properties, PartialEq)]
pub struct ChoiceQuestionProps {
    pub lesson: AttrValue,
    pub question: &'static Question,
    /// The attempt's shuffle seed.
    pub seed: u64,
    /// Called once the answer is graded, with the verdict and a sentence to announce.
    pub on_answered: Callback<(bool, String)>,
}

#[component]
pub fn ChoiceQuestion(props: &ChoiceQuestionProps) -> Html {
    let question = props.question;
    let progress = use_progress();
    let selected = use_state(Vec::<String>::new);
    let submitted = use_state(|| None::<bool>);
    let missing_answer = use_state(|| false);
    let hide = use_settings().get().hide_answers;
    let revealed = use_state(|| false);
    let order = use_memo((question.id.clone(), props.seed), |(_, seed)| {
        quiz::shuffle::option_order(question, *seed)
    });
    use_effect_with((*submitted, *revealed), |(submitted, revealed)| {
        if submitted.is_some() || *revealed {
            page::focus_by_id(RESULT_ID);
        }
    });
    // Whether the answer (verdict, right options, explanations) is on show.
    let showing = if hide { *revealed } else { submitted.is_some() };

    let multiple = question.kind == Kind::Multiple;
    let base = format!("quiz-{}-{}", props.lesson, question.id);
    let hint_id = format!("{base}-hint");
    let error_id = format!("{base}-error");

    // Submitting is handled on the button's click, not the form's submit event: a
    // sandboxed iframe without `allow-forms` (as embeds run) never fires `submit`, but
    // Enter in the form and on the button still arrive as a click on it.
    let submit = {
        let selected = selected.clone();
        let submitted = submitted.clone();
        let missing_answer = missing_answer.clone();
        let progress = progress.clone();
        let lesson = props.lesson.clone();
        let on_answered = props.on_answered.clone();
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            if submitted.is_some() {
                return;
            }
            if selected.is_empty() {
                missing_answer.set(true);
                page::focus_by_id(&format!("quiz-{}-{}-option-0", lesson, question.id));
                return;
            }
            missing_answer.set(false);
            let right = quiz::is_right(question, &selected);
            progress.answer(&lesson, &question.id, right);
            submitted.set(Some(right));
            let sentence = if hide {
                "Answer recorded. It stays hidden until revealed.".to_string()
            } else {
                verdict_sentence(question, right)
            };
            on_answered.emit((right, sentence));
        })
    };
    let onsubmit = Callback::from(|event: SubmitEvent| event.prevent_default());
    let reveal = {
        let revealed = revealed.clone();
        let submitted = submitted.clone();
        let on_answered = props.on_answered.clone();
        Callback::from(move |_: MouseEvent| {
            revealed.set(true);
            let sentence = match *submitted {
                Some(right) => verdict_sentence(question, right),
                None => format!("Revealed. {}", answer_sentence(question)),
            };
            // Before anyone answered, revealing still lets the class move on.
            on_answered.emit((submitted.unwrap_or(false), sentence));
        })
    };

    let options = order.iter().enumerate().filter_map(|(position, &index)| {
        let option = question.options.get(index)?;
        let id = format!("{base}-option-{position}");
        let chosen = selected.contains(&option.id.to_string());
        let onchange = {
            let selected = selected.clone();
            let missing_answer = missing_answer.clone();
            let option_id = option.id.to_string();
            Callback::from(move |_: Event| {
                let mut next = (*selected).clone();
                if multiple {
                    if let Some(at) = next.iter().position(|id| *id == option_id) {
                        next.remove(at);
                    } else {
                        next.push(option_id.clone());
                    }
                } else {
                    next = vec![option_id.clone()];
                }
                missing_answer.set(false);
                selected.set(next);
            })
        };
        let feedback = showing.then(|| option_feedback(option.correct, chosen, multiple));
        let state_class = feedback.map(|(class, _, _)| class);
        Some(html! {
            <div class={classes!("quiz-option", state_class)} key={option.id.to_string()}>
                <input
                    type={if multiple { "checkbox" } else { "radio" }}
                    id={id.clone()}
                    name={base.clone()}
                    value={option.id.to_string()}
                    checked={chosen}
                    disabled={submitted.is_some() || *revealed}
                    {onchange}
                />
                <label for={id}>
                    <QuizText text={AttrValue::Static(&option.text)} slug={props.lesson.clone()} phrasing=true />
                </label>
                if let Some((_, icon, words)) = feedback {
                    <div class="quiz-option-feedback">
                        <p class="quiz-option-verdict">
                            <span class="verdict-icon" aria-hidden="true">{ icon }</span>{ " " }{ words }
                        </p>
                        <QuizText text={AttrValue::Static(&option.explanation)} slug={props.lesson.clone()} />
                    </div>
                }
            </div>
        })
    });

    html! {
        <>
            if let Some(scenario) = &question.scenario {
                <div class="quiz-scenario">
                    <p class="quiz-scenario-label">{ "The situation" }</p>
                    <QuizText text={AttrValue::Static(scenario)} slug={props.lesson.clone()} />
                </div>
            }
            <form class="quiz-form" {onsubmit} novalidate=true>
                <fieldset
                    class="quiz-fieldset"
                    aria-describedby={if *missing_answer { format!("{hint_id} {error_id}") } else { hint_id.clone() }}
                >
                    <legend class="quiz-prompt">
                        <QuizText text={AttrValue::Static(&question.prompt)} slug={props.lesson.clone()} phrasing=true />
                    </legend>
                    <p class="quiz-hint" id={hint_id.clone()}>
                        { if multiple { "Choose all that apply." } else { "Choose one." } }
                    </p>
                    <div class="quiz-options">{ for options }</div>
                </fieldset>
                if *missing_answer {
                    <p class="quiz-error" id={error_id} role="alert">
                        <span aria-hidden="true">{ "⚠ " }</span>
                        { if multiple { "Choose at least one option before submitting." } else { "Choose an option before submitting." } }
                    </p>
                }
                if !*revealed && (submitted.is_none() || hide) {
                    <div class="quiz-actions">
                        if submitted.is_none() {
                            <button type="submit" class="button button-primary" onclick={submit}>{ "Submit answer" }</button>
                        }
                        if hide {
                            <button type="button" class="button quiz-reveal" onclick={reveal}>{ "Reveal the answer" }</button>
                        }
                    </div>
                }
            </form>
            if submitted.is_some() && !showing {
                <div id={RESULT_ID} tabindex="-1" class="quiz-result quiz-result-hidden">
                    { "Answer recorded. The right answer and the explanations stay hidden until you reveal them." }
                </div>
            }
            if submitted.is_none() && *revealed {
                <div id={RESULT_ID} tabindex="-1" class="quiz-result quiz-result-revealed">
                    <strong>{ "Revealed." }</strong>{ " " }{ answer_sentence(question) }
                </div>
            }
            if let Some(right) = submitted.filter(|_| showing) {
                <div id={RESULT_ID} tabindex="-1" class={classes!("quiz-result", if right { "quiz-result-right" } else { "quiz-result-wrong" })}>
                    <span class="verdict-icon" aria-hidden="true">{ if right { "✓" } else { "✗" } }</span>
                    { " " }
                    <strong>{ if right { "Right." } else { "Not quite." } }</strong>
                    { " " }
                    { result_detail(question, right) }
                </div>
            }
        </>
    }
}

/// The class, icon and words shown under an option once the answer is in.
fn option_feedback(
    correct: bool,
    chosen: bool,
    multiple: bool,
) -> (&'static str, &'static str, &'static str) {
    match (correct, chosen) {
        (true, true) => ("is-correct", "✓", "Your choice, and correct."),
        (true, false) if multiple => ("is-correct", "✓", "Correct, and you did not choose it."),
        (true, false) => ("is-correct", "✓", "The correct answer."),
        (false, true) => ("is-wrong", "✗", "Your choice, but not correct."),
        (false, false) => ("is-other", "✗", "Not correct."),
    }
}

/// What follows "Right." or "Not quite." in the verdict: after a miss, the right
/// answer(s) as a reveal gives them.
fn result_detail(question: &Question, right: bool) -> String {
    if right {
        "Why each option is right or wrong is shown under it.".to_string()
    } else {
        answer_sentence(question)
    }
}

/// The right answer(s) in a sentence, for a reveal before anyone answered.
fn answer_sentence(question: &Question) -> String {
    let answers: Vec<String> = question
        .options
        .iter()
        .filter(|o| o.correct)
        .map(|o| plain(&o.text))
        .collect();
    let lead = if answers.len() == 1 {
        "The correct answer is"
    } else {
        "The correct answers are"
    };
    format!(
        "{lead}: {}. Why each option is right or wrong is shown under it.",
        answers.join("; ")
    )
}

/// The sentence the status region announces.
fn verdict_sentence(question: &Question, right: bool) -> String {
    let verdict = if right { "Right." } else { "Not quite." };
    format!("{verdict} {}", result_detail(question, right))
}
