//! The notice a page shows when the analysis worker cannot answer: feedback, sizes or
//! goals are missing, but the editor and everything typed in it keep working.

use yew::prelude::*;

use crate::components::notice::{Notice, NoticeKind};
use crate::hooks::use_analysis::Progress;

#[derive(Properties, PartialEq)]
pub struct WorkerNoticeProps {
    pub progress: Progress,
    /// What goes missing without the worker ("Feedback and sizes").
    #[prop_or(AttrValue::Static("Feedback and size estimates"))]
    pub missing: AttrValue,
}

#[component]
pub fn WorkerNotice(props: &WorkerNoticeProps) -> Html {
    let Progress::Failed(reason) = &props.progress else {
        return html! {};
    };
    html! {
        <Notice kind={NoticeKind::Warning}>
            { format!(
                "The analysis could not run: {reason}. {} are unavailable; you can still edit, \
                 and your work is kept. Reloading the page may help.",
                props.missing
            ) }
        </Notice>
    }
}
