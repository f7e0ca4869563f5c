//! A lesson's Dockerfile challenge in the lessons module, which has neither the editor
//! nor the analysis (see `lib.rs`): the challenge's embed (`#/embed/challenge/...`,
//! served by the app module) in a frame of this page, without its heading. The embed
//! saves nothing itself; it reports its height, the learner's submit and each solve,
//! and this side records them in the learner's progress and tells the quiz, so the
//! question counts as it does in the app module.

use web_sys::HtmlIFrameElement;
use yew::prelude::*;

use crate::components::quiz_challenge::ChallengeQuestionProps;
use crate::components::quiz_text::plain;
use crate::embed::{ANSWERED_MESSAGE, HEIGHT_MESSAGE, SOLVED_MESSAGE};
use crate::hooks::use_progress::use_progress;
use crate::services::frame;

/// Takes the props of the challenge it stands in for.
#[component]
pub fn ChallengeFrame(props: &ChallengeQuestionProps) -> Html {
    let question = props.question;
    let progress = use_progress();
    let frame_ref = use_node_ref();
    // The latest callbacks, for the listener registered once per frame.
    let latest = use_mut_ref(|| {
        (
            progress.clone(),
            props.on_answered.clone(),
            props.on_solved.clone(),
        )
    });
    *latest.borrow_mut() = (progress, props.on_answered.clone(), props.on_solved.clone());
    let src = format!(
        "#/embed/challenge/{}/{}?header=off",
        props.lesson, question.id
    );
    {
        let frame_ref = frame_ref.clone();
        let lesson = props.lesson.clone();
        use_effect_with(src.clone(), move |_| {
            let listener = frame_ref.cast::<HtmlIFrameElement>().and_then(|element| {
                let target = element.clone();
                frame::listen(element, move |message| {
                    let kind = message.kind();
                    // Reports about another question (an older frame's) are not this one's.
                    let ours = message.text("lesson").as_deref() == Some(lesson.as_str())
                        && message.text("question").as_deref() == Some(&*question.id);
                    match kind.as_deref() {
                        Some(HEIGHT_MESSAGE) => frame::apply_height(&target, &message),
                        Some(ANSWERED_MESSAGE) if ours => {
                            let right = message.flag("right").unwrap_or(false);
                            let sentence = message.text("message").unwrap_or_default();
                            let (progress, on_answered, _) = latest.borrow().clone();
                            progress.answer(&lesson, &question.id, right);
                            on_answered.emit((right, sentence));
                        }
                        Some(SOLVED_MESSAGE) if ours => {
                            let (progress, _, on_solved) = latest.borrow().clone();
                            progress.solve(&lesson, &question.id);
                            on_solved.emit(());
                        }
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }
    let title = format!("Dockerfile challenge: {}", plain(&question.prompt));
    html! {
        <div class="challenge-frame">
            <iframe ref={frame_ref} {src} {title} class="challenge-frame-view"></iframe>
        </div>
    }
}
