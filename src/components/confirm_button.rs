//! A button for an action that destroys something (a reset, a replacing import): the
//! first press only asks, in words on the page, with the action and "Cancel" beside
//! it. Focus goes to "Cancel", the harmless choice, and comes back to the button
//! when the question closes.

use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmButtonProps {
    /// A unique id, for the question's label.
    pub id: AttrValue,
    /// The button's text ("Reset").
    pub label: AttrValue,
    /// The button's accessible name when its text alone is ambiguous
    /// ("Reset progress for Distroless").
    #[prop_or_default]
    pub aria_label: Option<AttrValue>,
    /// The question asked ("Forget your progress in this lesson?").
    pub question: AttrValue,
    /// The text of the button that does it ("Yes, reset").
    pub confirm: AttrValue,
    pub onconfirm: Callback<()>,
    /// Starts with the question open (for actions that already had a first step).
    #[prop_or_default]
    pub open: bool,
    /// Called when the question is cancelled.
    #[prop_or_default]
    pub oncancel: Callback<()>,
}

#[component]
pub fn ConfirmButton(props: &ConfirmButtonProps) -> Html {
    let asking = use_state(|| props.open);
    let button = use_node_ref();
    let cancel_button = use_node_ref();
    // Whether focus should return to the button after the question closes; not on
    // first render, so that a page never starts by moving focus.
    let returning = use_mut_ref(|| false);
    {
        let button = button.clone();
        let cancel_button = cancel_button.clone();
        let returning = returning.clone();
        use_effect_with(*asking, move |asking| {
            let target = if *asking {
                Some(cancel_button)
            } else if returning.replace(false) {
                Some(button)
            } else {
                None
            };
            if let Some(element) = target.and_then(|r| r.cast::<HtmlElement>()) {
                let _ = element.focus();
            }
        });
    }
    let ask = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(true))
    };
    let close = {
        let asking = asking.clone();
        let returning = returning.clone();
        move || {
            *returning.borrow_mut() = true;
            asking.set(false);
        }
    };
    let cancel = {
        let close = close.clone();
        let oncancel = props.oncancel.clone();
        Callback::from(move |_| {
            close();
            oncancel.emit(());
        })
    };
    let confirm = {
        let onconfirm = props.onconfirm.clone();
        Callback::from(move |_| {
            close();
            onconfirm.emit(());
        })
    };
    let question_id = format!("{}-question", props.id);
    html! {
        <span class="confirm">
            if *asking {
                <span class="confirm-ask" role="group" aria-labelledby={question_id.clone()}>
                    <span id={question_id} class="confirm-question">{ props.question.clone() }</span>
                    { " " }
                    <button type="button" class="button button-danger" onclick={confirm}>{ props.confirm.clone() }</button>
                    { " " }
                    <button type="button" class="button" ref={cancel_button} onclick={cancel}>{ "Cancel" }</button>
                </span>
            } else {
                <button type="button" class="button" id={props.id.clone()} ref={button} aria-label={props.aria_label.clone()} onclick={ask}>
                    { props.label.clone() }
                </button>
            }
        </span>
    }
}
