//! A lesson's quiz, one question at a time ("Question 2 of 5"), then a review.
//!
//! One question at a time keeps the verdict and explanations next to the answer,
//! gives the keyboard a short path (choose, submit, next), and leaves room for a
//! Dockerfile challenge's editor and goals. Options are shuffled per attempt with a
//! fresh seed. Focus moves to the verdict after submitting (done by the question) and
//! to the next question's heading, or the review's score, after moving on; on first
//! display focus is left alone, so opening a lesson never jumps into its quiz.

use fromlab_engine::quiz::{Kind, Quiz as QuizData};
use yew::prelude::*;

use crate::app::use_module;
use crate::components::quiz_challenge::ChallengeQuestionProps;
use crate::components::quiz_choice::ChoiceQuestion;
use crate::components::quiz_review::{QuizReview, REVIEW_ID};
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_single_keys::{Step, use_single_keys};
use crate::services::{page, random};

/// The id of the current question's heading.
pub const QUESTION_ID: &str = "quiz-question-heading";

#[derive(Properties, PartialEq)]
pub struct QuizProps {
    pub quiz: &'static QuizData,
    /// The heading level of each question's "Question n of N" (3 under a lesson's
    /// `h2`, 2 on the quiz's own page).
    pub level: u8,
    /// Whether `j` and `k` step through the questions (on the quiz's own page; on a
    /// lesson page they step through the lesson's sections instead).
    #[prop_or_default]
    pub shortcuts: bool,
}

/// Where the learner is in the current attempt.
#[derive(Debug, Clone, PartialEq)]
struct Attempt {
    /// Indices of the questions asked in this attempt, in order.
    queue: Vec<usize>,
    /// Position in `queue`; `None` shows the review.
    position: Option<usize>,
    /// Whether the question at `position` has been answered.
    answered: bool,
    /// Which questions this attempt asks.
    scope: Scope,
    /// Shuffle seed of the attempt.
    seed: u64,
    /// Counts attempts, so each one starts its questions afresh.
    number: u32,
    /// The element to focus after the next render, with a counter so that asking
    /// twice for the same element focuses it twice.
    focus: Option<(u32, &'static str)>,
}

/// Which questions an attempt asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    All,
    /// Only those whose latest answer was wrong.
    Missed,
    /// Only those never answered (after a quiz left half-way).
    Unanswered,
}

impl Attempt {
    fn focusing(mut self, id: &'static str) -> Attempt {
        let serial = self.focus.map_or(0, |(serial, _)| serial + 1);
        self.focus = Some((serial, id));
        self
    }
}

#[component]
pub fn Quiz(props: &QuizProps) -> Html {
    let quiz = props.quiz;
    let progress = use_progress();
    let module = use_module();
    let status = use_state(String::new);
    let attempt = {
        let taken = progress.score(&quiz.lesson).is_some();
        use_state(move || Attempt {
            queue: (0..quiz.questions.len()).collect(),
            // A quiz already taken opens on its review, so the score is what a
            // returning learner sees first.
            position: (!taken && !quiz.questions.is_empty()).then_some(0),
            answered: false,
            scope: Scope::All,
            seed: random::seed(),
            number: 0,
            focus: None,
        })
    };
    use_effect_with(attempt.focus, |focus| {
        if let Some((_, id)) = focus {
            page::focus_by_id(id);
        }
    });

    let start = {
        let attempt = attempt.clone();
        let status = status.clone();
        move |queue: Vec<usize>, scope: Scope| {
            let next = Attempt {
                position: (!queue.is_empty()).then_some(0),
                queue,
                answered: false,
                scope,
                seed: random::seed(),
                number: attempt.number + 1,
                focus: attempt.focus,
            };
            status.set(String::new());
            attempt.set(next.focusing(QUESTION_ID));
        }
    };
    // The questions whose latest verdict is `verdict`, in quiz order.
    let queue_of = {
        let progress = progress.clone();
        move |verdict: Option<bool>| -> Vec<usize> {
            quiz.questions
                .iter()
                .enumerate()
                .filter(|(_, q)| progress.verdict(&quiz.lesson, &q.id) == verdict)
                .map(|(index, _)| index)
                .collect()
        }
    };
    let on_retry = {
        let start = start.clone();
        let queue_of = queue_of.clone();
        Callback::from(move |()| start(queue_of(Some(false)), Scope::Missed))
    };
    let on_continue = {
        let start = start.clone();
        Callback::from(move |()| start(queue_of(None), Scope::Unanswered))
    };
    let on_restart =
        Callback::from(move |()| start((0..quiz.questions.len()).collect(), Scope::All));
    let on_answered = {
        let attempt = attempt.clone();
        let status = status.clone();
        Callback::from(move |(_, sentence): (bool, String)| {
            status.set(sentence);
            attempt.set(Attempt {
                answered: true,
                ..(*attempt).clone()
            });
        })
    };
    let on_next = {
        let attempt = attempt.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let current = (*attempt).clone();
            let next = current
                .position
                .map(|p| p + 1)
                .filter(|p| *p < current.queue.len());
            status.set(String::new());
            let target = if next.is_some() {
                QUESTION_ID
            } else {
                REVIEW_ID
            };
            attempt.set(
                Attempt {
                    position: next,
                    answered: false,
                    ..current
                }
                .focusing(target),
            );
        })
    };

    // `j` and `k` move through the attempt's questions whether or not the current one
    // is answered, so a presenter can walk a class through them; past the last comes
    // the review, and `k` from the review goes back to the last question.
    let on_step = {
        let attempt = attempt.clone();
        let status = status.clone();
        let enabled = props.shortcuts;
        Callback::from(move |step: Step| {
            if !enabled {
                return;
            }
            let current = (*attempt).clone();
            let count = current.queue.len();
            let position = match (step, current.position) {
                (Step::Next, Some(p)) => (p + 1 < count).then_some(p + 1),
                (Step::Next, None) => return,
                (Step::Previous, Some(p)) => match p.checked_sub(1) {
                    Some(p) => Some(p),
                    None => return,
                },
                (Step::Previous, None) => match count.checked_sub(1) {
                    Some(last) => Some(last),
                    None => return,
                },
            };
            let target = if position.is_some() {
                QUESTION_ID
            } else {
                REVIEW_ID
            };
            status.set(String::new());
            attempt.set(
                Attempt {
                    position,
                    answered: false,
                    ..current
                }
                .focusing(target),
            );
        })
    };
    use_single_keys(on_step);

    let body = match attempt.position {
        None => html! {
            <QuizReview quiz={quiz} level={props.level} {on_retry} {on_continue} {on_restart} />
        },
        Some(position) => {
            let count = attempt.queue.len();
            let question = attempt
                .queue
                .get(position)
                .and_then(|&index| quiz.questions.get(index));
            let heading = format!("h{}", props.level.clamp(2, 6));
            let key = format!("{}-{position}", attempt.number);
            let lesson = AttrValue::Static(&quiz.lesson);
            html! {
                <div class="quiz-question">
                    <@{heading} id={QUESTION_ID} tabindex="-1" class="quiz-question-heading">
                        { format!("Question {} of {count}", position + 1) }
                        { match attempt.scope {
                            Scope::All => html! {},
                            Scope::Missed => html! {
                                <span class="quiz-retry-note">{ " · retrying the ones you missed" }</span>
                            },
                            Scope::Unanswered => html! {
                                <span class="quiz-retry-note">{ " · the ones not answered yet" }</span>
                            },
                        } }
                    </@>
                    { match question {
                        Some(question) if question.kind == Kind::Challenge => module.map_or_else(Html::default, |module| (module.challenge)(key, ChallengeQuestionProps {
                            lesson,
                            question,
                            on_answered: on_answered.clone(),
                            on_solved: Callback::noop(),
                        })),
                        Some(question) => html! {
                            <ChoiceQuestion key={key} {lesson} {question} seed={attempt.seed} on_answered={on_answered.clone()} />
                        },
                        None => html! {},
                    } }
                    if attempt.answered {
                        <div class="quiz-actions">
                            <button type="button" class="button button-primary" onclick={on_next}>
                                { if position + 1 < count { "Next question" } else { "See your score" } }
                            </button>
                        </div>
                    }
                </div>
            }
        }
    };
    html! {
        <div class="quiz">
            { body }
            <p class="visually-hidden" role="status">{ (*status).clone() }</p>
        </div>
    }
}
