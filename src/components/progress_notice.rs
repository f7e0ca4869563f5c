//! Tells the learner when their saved progress cannot be used: where an unreadable
//! value was kept (with a way to download it), and a way to start fresh.

use yew::prelude::*;

use crate::components::notice::{Notice, NoticeKind};
use crate::hooks::use_progress::use_progress;
use crate::services::{files, storage};
use crate::state::StorageStatus;

#[component]
pub fn ProgressNotice() -> Html {
    let progress = use_progress();
    let download_failed = use_state(|| None::<String>);
    match progress.storage().clone() {
        StorageStatus::Ok => html! {},
        StorageStatus::Unreadable { reason, kept_under } => {
            let start_fresh = {
                let progress = progress.clone();
                Callback::from(move |_| progress.start_fresh())
            };
            let kept = match kept_under {
                Some(key) => {
                    let download = {
                        let key = key.clone();
                        let download_failed = download_failed.clone();
                        Callback::from(move |_| {
                            let result = storage::read_raw(&key)
                                .ok_or_else(|| "the copy is no longer in storage".to_string())
                                .and_then(|text| {
                                    files::download(
                                        "fromlab-unreadable-progress.txt",
                                        &text,
                                        "text/plain",
                                    )
                                });
                            download_failed.set(result.err());
                        })
                    };
                    html! {
                        <>
                            { format!("Nothing is lost: the stored value is kept in this browser under “{key}”. ") }
                            <button type="button" class="button button-small" onclick={download}>
                                { "Download that copy" }
                            </button>
                            if let Some(error) = (*download_failed).clone() {
                                { format!(" (The download failed: {error}.)") }
                            }
                            { " " }
                        </>
                    }
                }
                None => html! {
                    { "It has been left as it is; your next change, or starting fresh, will replace it. " }
                },
            };
            html! {
                <Notice kind={NoticeKind::Warning}>
                    { "Your saved progress could not be read, so fromlab starts with none. \
                       It may come from another version of fromlab or have been changed by hand. " }
                    { kept }
                    <span class="notice-detail">{ format!("(Details: {reason}.)") }</span>
                    { " " }
                    <button type="button" class="button" onclick={start_fresh}>{ "Start fresh" }</button>
                </Notice>
            }
        }
        StorageStatus::Unavailable => html! {
            <Notice kind={NoticeKind::Info}>
                { "This browser does not let fromlab save here, so your progress lasts only until you close this page." }
            </Notice>
        },
        StorageStatus::SaveFailed { reason } => html! {
            <Notice kind={NoticeKind::Warning}>
                { format!("Your progress could not be saved ({reason}). Changes made now last only until you close this page.") }
            </Notice>
        },
    }
}
