//! "Reset all for the next class": progress, read marks, the playground draft and the
//! compare pair, after a question asked on the page (never `confirm()`, which a
//! sandboxed frame silently answers "no").

use yew::prelude::*;

use crate::app::use_module;
use crate::components::confirm_button::ConfirmButton;
use crate::hooks::use_progress::use_progress;
use crate::hooks::use_work::WorkHandle;

#[derive(Properties, PartialEq)]
pub struct ResetAllProps {
    /// A unique id for the button (it appears in the classroom menu and on the
    /// progress page).
    pub id: AttrValue,
}

#[component]
pub fn ResetAll(props: &ResetAllProps) -> Html {
    let progress = use_progress();
    // The app module keeps the work in a provider; the lessons module has none, and
    // resets what is stored.
    let work = use_context::<WorkHandle>();
    let module = use_module();
    let message = use_state(String::new);
    let onconfirm = {
        let message = message.clone();
        Callback::from(move |()| {
            progress.start_fresh();
            if let Some(module) = module {
                (module.reset_work)(work.as_ref());
            }
            message.set(
                "Everything was reset: progress, read marks, the playground draft and the compare pair."
                    .to_string(),
            );
        })
    };
    html! {
        <div class="reset-all">
            <ConfirmButton
                id={props.id.clone()}
                label="Reset all for the next class"
                question="Forget all progress and read marks, and put the playground draft and the compare pair back to their starting examples?"
                confirm="Yes, reset all"
                {onconfirm}
            />
            <p class="reset-all-status" role="status">{ (*message).clone() }</p>
        </div>
    }
}
