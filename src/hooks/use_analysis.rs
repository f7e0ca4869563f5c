//! The engine's analysis of the text being edited, computed once per version of the
//! text, with performance marks around it (see `services/perf.rs`).

use std::ops::Deref;
use std::rc::Rc;

use fromlab_engine::analysis::{self, Analysis};
use fromlab_engine::estimate::{Assumptions, Estimate};
use yew::prelude::*;

use crate::services::perf;

/// An analysis shared between components, compared by identity: each version of the
/// text gets a new analysis, so comparing pointers is exact and costs nothing.
#[derive(Clone, Debug)]
pub struct AnalysisRef(Rc<Analysis>);

impl PartialEq for AnalysisRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for AnalysisRef {
    type Target = Analysis;

    fn deref(&self) -> &Analysis {
        &self.0
    }
}

impl AnalysisRef {
    /// The size estimate, when the Dockerfile has a FROM.
    pub fn estimate(&self) -> Option<&Estimate> {
        self.0.estimate.as_ref()
    }
}

/// The analysis of `text` with a build context of `context_bytes`, recomputed only when
/// either changes.
#[hook]
pub fn use_analysis(text: AttrValue, context_bytes: u64) -> AnalysisRef {
    let analysis = use_memo((text, context_bytes), |(text, context_bytes)| {
        let assumptions = Assumptions {
            context_bytes: *context_bytes,
        };
        perf::analyse(|| analysis::analyze_with(text, &assumptions))
    });
    AnalysisRef(analysis)
}

/// Marks the moment the page has rendered `analysis` (the end of a keystroke's work).
/// Call it in the page component, after its panels: effects run once the whole tree
/// below has been updated.
#[hook]
pub fn use_rendered_mark(analysis: &AnalysisRef) {
    use_effect_with(analysis.clone(), |_| perf::rendered());
}
