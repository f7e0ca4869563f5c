//! Tells the learner when their saved reading progress cannot be used, and offers to
//! start fresh when a stored value is unreadable.

use yew::prelude::*;

use crate::components::notice::{Notice, NoticeKind};
use crate::hooks::use_progress::use_progress;
use crate::state::StorageStatus;

#[component]
pub fn ProgressNotice() -> Html {
    let progress = use_progress();
    match progress.storage().clone() {
        StorageStatus::Ok => html! {},
        StorageStatus::Unreadable { reason } => {
            let onclick = {
                let progress = progress.clone();
                Callback::from(move |_| progress.start_fresh())
            };
            html! {
                <Notice kind={NoticeKind::Warning}>
                    { "Your saved reading progress could not be read, so no lesson is shown as read. \
                       It may come from another version of fromlab or have been changed by hand. \
                       It has been left as it is; marking a lesson as read, or starting fresh, will replace it. " }
                    <span class="notice-detail">{ format!("(Details: {reason}.)") }</span>
                    { " " }
                    <button type="button" class="button" {onclick}>{ "Start fresh" }</button>
                </Notice>
            }
        }
        StorageStatus::Unavailable => html! {
            <Notice kind={NoticeKind::Info}>
                { "This browser does not let fromlab save here, so read marks last only until you close this page." }
            </Notice>
        },
        StorageStatus::SaveFailed { reason } => html! {
            <Notice kind={NoticeKind::Warning}>
                { format!("Your reading progress could not be saved ({reason}). Marks made now last only until you close this page.") }
            </Notice>
        },
    }
}
