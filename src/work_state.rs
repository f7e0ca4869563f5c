//! The learner's work in the playground and in compare mode: their own copy, kept in
//! storage, and at most one scratch copy opened from a link, a lesson or the gallery.
//!
//! One reducer, generic over what is kept (`String` for the draft, [`Pair`] for a
//! comparison), shared through `components/work_provider.rs` and read through
//! `hooks/use_work.rs`. Two promises live here:
//! - **Opening something never destroys the learner's work.** A link opens as a scratch
//!   beside the draft; only "Keep this" (an explicit choice) copies it over.
//! - **A stored value that cannot be read is never written over silently.** Saving is
//!   an effect of the provider that runs when `revision` changes, and it is held back
//!   while the stored value is unreadable, until the learner chooses to replace it.

use std::rc::Rc;

use yew::Reducible;

use crate::services::work_storage::Stored;

/// The state of the stored copy of some work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkStorage {
    /// Nothing stored yet, or read back fine, or saved fine.
    Ok,
    /// A value is stored but cannot be read; it is left as it is.
    Unreadable { reason: String },
    /// The browser refuses storage (some private or embedded contexts).
    Unavailable,
    /// The last save failed.
    SaveFailed { reason: String },
}

/// The two Dockerfiles of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub a: String,
    pub b: String,
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    /// The side's letter, as the page shows it.
    pub fn letter(self) -> &'static str {
        match self {
            Side::A => "A",
            Side::B => "B",
        }
    }
}

impl Pair {
    pub fn side(&self, side: Side) -> &str {
        match side {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }

    /// This pair with one side replaced.
    pub fn with(&self, side: Side, text: String) -> Pair {
        match side {
            Side::A => Pair {
                a: text,
                b: self.b.clone(),
            },
            Side::B => Pair {
                a: self.a.clone(),
                b: text,
            },
        }
    }
}

/// A copy opened from somewhere, edited apart from the learner's own work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scratch<T> {
    /// What opened it (the link's query), so coming back to the same link finds the
    /// same edited copy instead of starting over.
    pub key: String,
    pub value: T,
}

/// The learner's own copy of something, a scratch beside it, and the state of storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept<T> {
    /// The learner's own work.
    pub value: T,
    pub scratch: Option<Scratch<T>>,
    pub storage: WorkStorage,
    /// The stored text that could not be read, kept so the learner can copy it out.
    pub unreadable: Option<String>,
    /// Bumped by every change to `value`; 0 means nothing to save.
    pub revision: u32,
}

/// Everything that changes kept work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeptAction<T> {
    /// The learner edited their own copy.
    Edit(T),
    /// Open a scratch copy; if the same key is already open, its edits are kept.
    OpenScratch { key: String, value: T },
    /// The learner edited the scratch copy.
    EditScratch(T),
    /// Make the scratch copy the learner's own (replacing their work, by their choice).
    KeepScratch,
    /// The learner chose to save over a stored value that could not be read.
    ReplaceUnreadable,
    /// The outcome of saving.
    Saved(Result<(), String>),
}

impl<T: Clone> Kept<T> {
    /// The state at start-up from what storage holds; `start` is the work a new learner
    /// begins with (also shown, unsaved, when the stored value cannot be read).
    pub fn from_stored(stored: Stored<T>, start: T) -> Kept<T> {
        let (value, storage, unreadable) = match stored {
            Stored::Missing => (start, WorkStorage::Ok, None),
            Stored::Found(value) => (value, WorkStorage::Ok, None),
            Stored::Unreadable { reason, raw } => {
                (start, WorkStorage::Unreadable { reason }, Some(raw))
            }
            Stored::Unavailable => (start, WorkStorage::Unavailable, None),
        };
        Kept {
            value,
            scratch: None,
            storage,
            unreadable,
            revision: 0,
        }
    }

    /// Whether the provider may write `value` to storage now.
    pub fn should_save(&self) -> bool {
        self.revision > 0
            && !matches!(
                self.storage,
                WorkStorage::Unavailable | WorkStorage::Unreadable { .. }
            )
    }
}

impl<T: Clone + PartialEq> Reducible for Kept<T> {
    type Action = KeptAction<T>;

    fn reduce(self: Rc<Self>, action: KeptAction<T>) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            KeptAction::Edit(value) => {
                if value == self.value {
                    return self;
                }
                next.value = value;
                next.revision += 1;
            }
            KeptAction::OpenScratch { key, value } => {
                if self.scratch.as_ref().is_some_and(|s| s.key == key) {
                    return self;
                }
                next.scratch = Some(Scratch { key, value });
            }
            KeptAction::EditScratch(value) => match &mut next.scratch {
                Some(scratch) if scratch.value != value => scratch.value = value,
                _ => return self,
            },
            KeptAction::KeepScratch => {
                let Some(scratch) = next.scratch.take() else {
                    return self;
                };
                next.value = scratch.value;
                next.revision += 1;
            }
            KeptAction::ReplaceUnreadable => {
                if !matches!(self.storage, WorkStorage::Unreadable { .. }) {
                    return self;
                }
                next.storage = WorkStorage::Ok;
                next.unreadable = None;
                next.revision += 1;
            }
            KeptAction::Saved(result) => {
                next.storage = match (result, &self.storage) {
                    (_, WorkStorage::Unavailable) => WorkStorage::Unavailable,
                    (Ok(()), _) => WorkStorage::Ok,
                    (Err(reason), _) => WorkStorage::SaveFailed { reason },
                };
                if next.storage == self.storage {
                    return self;
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce<T: Clone + PartialEq>(state: Kept<T>, action: KeptAction<T>) -> Kept<T> {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn fresh() -> Kept<String> {
        Kept::from_stored(Stored::Missing, "FROM start".to_string())
    }

    #[test]
    fn edits_bump_the_revision_only_when_the_text_changes() {
        let state = fresh();
        assert!(
            !state.should_save(),
            "nothing is written before the learner acts"
        );
        let state = reduce(state, KeptAction::Edit("FROM a".into()));
        assert_eq!(state.revision, 1);
        assert!(state.should_save());
        let state = reduce(state, KeptAction::Edit("FROM a".into()));
        assert_eq!(state.revision, 1);
    }

    #[test]
    fn a_scratch_never_touches_the_draft_until_kept() {
        let state = reduce(fresh(), KeptAction::Edit("mine".into()));
        let state = reduce(
            state,
            KeptAction::OpenScratch {
                key: "code=v1.x".into(),
                value: "theirs".into(),
            },
        );
        let state = reduce(state, KeptAction::EditScratch("theirs, edited".into()));
        assert_eq!(state.value, "mine");
        assert_eq!(state.revision, 1, "editing a scratch saves nothing");
        // Reopening the same link keeps the edits; another link replaces the scratch.
        let same = reduce(
            state.clone(),
            KeptAction::OpenScratch {
                key: "code=v1.x".into(),
                value: "theirs".into(),
            },
        );
        assert_eq!(same.scratch.as_ref().unwrap().value, "theirs, edited");
        let other = reduce(
            same.clone(),
            KeptAction::OpenScratch {
                key: "example=go-scratch".into(),
                value: "go".into(),
            },
        );
        assert_eq!(other.scratch.as_ref().unwrap().value, "go");
        assert_eq!(other.value, "mine");
        let kept = reduce(same, KeptAction::KeepScratch);
        assert_eq!(kept.value, "theirs, edited");
        assert!(kept.scratch.is_none());
        assert_eq!(kept.revision, 2);
    }

    #[test]
    fn an_unreadable_value_is_kept_until_the_learner_replaces_it() {
        let state = Kept::from_stored(
            Stored::Unreadable {
                reason: "expected value".into(),
                raw: "{\"dockerfile\": ".into(),
            },
            "FROM start".to_string(),
        );
        assert_eq!(state.unreadable.as_deref(), Some("{\"dockerfile\": "));
        let state = reduce(state, KeptAction::Edit("FROM typed".into()));
        assert!(!state.should_save(), "typing alone never overwrites it");
        let state = reduce(state, KeptAction::ReplaceUnreadable);
        assert!(state.should_save());
        assert_eq!(state.storage, WorkStorage::Ok);
        assert_eq!(state.unreadable, None);
    }

    #[test]
    fn unavailable_storage_stays_unavailable() {
        let state = Kept::from_stored(Stored::Unavailable, String::new());
        let state = reduce(state, KeptAction::Edit("x".into()));
        assert!(!state.should_save());
        let state = reduce(state, KeptAction::Saved(Ok(())));
        assert_eq!(state.storage, WorkStorage::Unavailable);
        let failed = reduce(fresh(), KeptAction::Saved(Err("quota".into())));
        assert_eq!(
            failed.storage,
            WorkStorage::SaveFailed {
                reason: "quota".into()
            }
        );
    }

    #[test]
    fn pairs_replace_one_side() {
        let pair = Pair {
            a: "a".into(),
            b: "b".into(),
        };
        assert_eq!(pair.with(Side::B, "c".into()).side(Side::B), "c");
        assert_eq!(pair.with(Side::B, "c".into()).side(Side::A), "a");
    }
}
