//! The notice that a new build of fromlab has been installed for offline use, with a
//! Reload button. It never reloads by itself (that could throw away what the learner is
//! typing) and it is announced politely through a live region that is always in the page,
//! so screen readers hear it when the text appears.

use yew::prelude::*;

use crate::services::offline;

#[component]
pub fn UpdateNotice() -> Html {
    let ready = use_state_eq(|| false);
    let dismissed = use_state_eq(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| offline::register(move || ready.set(true)));
    }
    let shown = *ready && !*dismissed;
    let reload = Callback::from(|_: MouseEvent| offline::apply_update());
    let later = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: MouseEvent| dismissed.set(true))
    };
    html! {
        <div class={classes!("update-notice", shown.then_some("update-notice-shown"))}>
            <p class="update-notice-text" role="status">
                if shown {
                    { "A new version of fromlab is ready. Reload to use it." }
                }
            </p>
            if shown {
                <div class="update-notice-actions">
                    <button type="button" class="button button-primary" onclick={reload}>{ "Reload" }</button>
                    <button type="button" class="button" onclick={later}>
                        { "Not now" }
                    </button>
                </div>
            }
        </div>
    }
}
