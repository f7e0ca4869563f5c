//! Owns the learner's kept work (the playground draft and the compare pair), shares it,
//! and saves each whenever the learner changes it.
//!
//! It sits above the router so that work survives moving between pages even when the
//! browser refuses storage.

use yew::prelude::*;

use crate::examples;
use crate::hooks::use_work::{KeptHandle, WorkHandle};
use crate::services::work_storage::{self, DRAFT_KEY, DraftRecord, PAIR_KEY, PairRecord, Stored};
use crate::work_state::{Kept, Pair};

#[derive(Properties, PartialEq)]
pub struct WorkProviderProps {
    pub children: Html,
}

fn load_draft() -> Kept<String> {
    let stored = match work_storage::load::<DraftRecord>(DRAFT_KEY) {
        Stored::Found(record) => Stored::Found(record.dockerfile),
        Stored::Missing => Stored::Missing,
        Stored::Unreadable { reason, raw } => Stored::Unreadable { reason, raw },
        Stored::Unavailable => Stored::Unavailable,
    };
    Kept::from_stored(stored, examples::starting_draft())
}

fn load_pair() -> Kept<Pair> {
    let stored = match work_storage::load::<PairRecord>(PAIR_KEY) {
        Stored::Found(record) => Stored::Found(Pair {
            a: record.a,
            b: record.b,
        }),
        Stored::Missing => Stored::Missing,
        Stored::Unreadable { reason, raw } => Stored::Unreadable { reason, raw },
        Stored::Unavailable => Stored::Unavailable,
    };
    Kept::from_stored(stored, examples::starting_pair())
}

#[component]
pub fn WorkProvider(props: &WorkProviderProps) -> Html {
    let draft = KeptHandle::new(use_reducer(load_draft));
    let pair = KeptHandle::new(use_reducer(load_pair));
    {
        let draft = draft.clone();
        use_effect_with(draft.kept().revision, move |_| {
            let kept = draft.kept();
            if kept.should_save() {
                let record = DraftRecord {
                    dockerfile: kept.value.clone(),
                };
                draft.saved(work_storage::save(DRAFT_KEY, &record));
            }
        });
    }
    {
        let pair = pair.clone();
        use_effect_with(pair.kept().revision, move |_| {
            let kept = pair.kept();
            if kept.should_save() {
                let record = PairRecord {
                    a: kept.value.a.clone(),
                    b: kept.value.b.clone(),
                };
                pair.saved(work_storage::save(PAIR_KEY, &record));
            }
        });
    }
    html! {
        <ContextProvider<WorkHandle> context={WorkHandle { draft, pair }}>
            { props.children.clone() }
        </ContextProvider<WorkHandle>>
    }
}
