//! The engine's analysis of the text being edited, in two halves: the structure (parse,
//! stages, outline, highlighting tokens), computed in the page on every version of the
//! text, and the findings (diagnostics with fixes, the size estimate), asked of the
//! analysis worker (`services/worker.rs`).
//!
//! Each version of the text gets a number; a request carries it and its answer is
//! matched to it, so findings for an older version are shown as stale, never as current
//! (their ranges no longer fit: drawing clamps them, and fixes wait for current ones).
//! At most one request per editor is in flight: versions typed meanwhile collapse into
//! the latest, so a slow analysis never builds a queue.

use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use fromlab_engine::analysis::{self, Findings, Structure};
use fromlab_engine::diagnostic::Diagnostic;
use fromlab_engine::estimate::{Assumptions, Estimate};
use fromlab_engine::transport::{Answer, Ask};
use yew::prelude::*;

use crate::components::feedback_panel::count_summary;
use crate::components::size_panel::size_line;
use crate::services::{perf, worker};

/// Where the findings shown stand against the text shown.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    /// No findings yet: the first answer is on its way.
    Analysing,
    /// Findings for an older version; the latest is on its way.
    Stale,
    /// Findings for the text as it is.
    Current,
    /// The worker could not answer; the reason, in words.
    Failed(Rc<str>),
}

impl Progress {
    /// One word for it, written on the editor as `data-analysis` for tests and styles.
    pub fn name(&self) -> &'static str {
        match self {
            Progress::Analysing => "analysing",
            Progress::Stale => "stale",
            Progress::Current => "current",
            Progress::Failed(_) => "failed",
        }
    }
}

/// An analysis shared between components, compared by identity: each version of the
/// text gets a new structure and each answer new findings, so comparing pointers is
/// exact and costs nothing.
#[derive(Clone, Debug)]
pub struct AnalysisRef {
    structure: Rc<Structure>,
    findings: Option<Rc<Findings>>,
    progress: Progress,
}

impl PartialEq for AnalysisRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.structure, &other.structure)
            && match (&self.findings, &other.findings) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
            && self.progress == other.progress
    }
}

impl Deref for AnalysisRef {
    type Target = Structure;

    fn deref(&self) -> &Structure {
        &self.structure
    }
}

impl AnalysisRef {
    /// The diagnostics last received (empty until the first answer). They may describe
    /// an older text: see [`AnalysisRef::progress`].
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.findings
            .as_deref()
            .map_or(&[], |findings| &findings.diagnostics)
    }

    /// The size estimate last received, when the Dockerfile has a FROM.
    pub fn estimate(&self) -> Option<&Estimate> {
        self.findings.as_deref()?.estimate.as_ref()
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// Whether the findings describe the text as it is now.
    pub fn is_current(&self) -> bool {
        self.progress == Progress::Current
    }

    /// What the size panels say instead of figures while there are none to show: the
    /// first answer is on its way, or the worker could not answer.
    pub fn unavailable(&self) -> Option<AttrValue> {
        match self.progress {
            Progress::Analysing => Some(AttrValue::from("Analysing the Dockerfile…")),
            Progress::Failed(_) => Some(AttrValue::from(
                "Unavailable: the analysis could not run (see the notice above).",
            )),
            Progress::Stale | Progress::Current => None,
        }
    }

    /// The sentence the live region announces once typing pauses: the findings counted
    /// and the estimate, or that the analysis is still on its way.
    pub fn summary(&self) -> String {
        if self.progress == Progress::Analysing {
            return "Analysing the Dockerfile.".to_string();
        }
        format!(
            "{}. {}",
            count_summary(self.diagnostics().iter().map(|d| d.severity)),
            self.estimate().map_or_else(
                || "No size estimate.".to_string(),
                |estimate| format!("Estimated {}.", size_line(estimate))
            )
        )
    }
}

/// The last answer, with the version of the text it describes.
#[derive(Clone, PartialEq)]
struct Received {
    version: u64,
    findings: Rc<Findings>,
}

/// One editor's conversation with the worker.
#[derive(Default)]
struct Channel {
    /// The number of the latest version of the text.
    version: u64,
    in_flight: bool,
    /// The latest version typed while a request was in flight.
    next: Option<Pending>,
}

struct Pending {
    version: u64,
    text: AttrValue,
    context_bytes: u64,
}

/// What a reply updates.
#[derive(Clone)]
struct Outlets {
    channel: Rc<RefCell<Channel>>,
    received: UseStateSetter<Option<Received>>,
    failed: UseStateSetter<Option<Rc<str>>>,
}

/// The analysis of `text` with a build context of `context_bytes`.
#[hook]
pub fn use_analysis(text: AttrValue, context_bytes: u64) -> AnalysisRef {
    let channel = use_mut_ref(Channel::default);
    let received = use_state(|| None::<Received>);
    let failed = use_state(|| None::<Rc<str>>);
    // Numbered and sent while rendering, once per version, before the page parses the
    // text for highlighting and redraws the editor: the worker analyses while the page
    // does its own work, so the findings are ready about when the page is. The render
    // that shows new text also knows the findings it holds are for an older one.
    let version = *use_memo((text.clone(), context_bytes), {
        let channel = channel.clone();
        let outlets = Outlets {
            channel: channel.clone(),
            received: received.setter(),
            failed: failed.setter(),
        };
        move |(text, context_bytes)| {
            let version = {
                let mut channel = channel.borrow_mut();
                channel.version += 1;
                channel.version
            };
            let pending = Pending {
                version,
                text: text.clone(),
                context_bytes: *context_bytes,
            };
            let busy = channel.borrow().in_flight;
            if busy {
                channel.borrow_mut().next = Some(pending);
            } else {
                send(outlets, pending);
            }
            version
        }
    });
    let structure = use_memo(text, |text| analysis::structure(text));

    let progress = match (&*failed, &*received) {
        (Some(reason), _) => Progress::Failed(reason.clone()),
        (None, None) => Progress::Analysing,
        (None, Some(received)) if received.version == version => Progress::Current,
        (None, Some(_)) => Progress::Stale,
    };
    AnalysisRef {
        structure,
        findings: received.as_ref().map(|r| r.findings.clone()),
        progress,
    }
}

fn send(outlets: Outlets, pending: Pending) {
    outlets.channel.borrow_mut().in_flight = true;
    let Pending {
        version,
        text,
        context_bytes,
    } = pending;
    let ask = Ask::Analyse {
        text: text.to_string(),
        assumptions: Assumptions { context_bytes },
    };
    let measure = perf::analyse_start();
    worker::ask(ask, move |reply| {
        measure.end();
        match reply {
            Ok(Answer::Analysed { findings }) => outlets.received.set(Some(Received {
                version,
                findings: Rc::new(*findings),
            })),
            Ok(Answer::Refused { reason }) => outlets.failed.set(Some(
                format!("it could not read the page's request ({reason})").into(),
            )),
            Ok(_) => {}
            Err(reason) => outlets.failed.set(Some(reason)),
        }
        let next = {
            let mut channel = outlets.channel.borrow_mut();
            channel.in_flight = false;
            channel.next.take()
        };
        if let Some(next) = next {
            send(outlets, next);
        }
    });
}

/// Marks the moment the page has rendered findings for the text as it is (the end of a
/// keystroke's work, worker round trip included). Call it in the page component, after
/// its panels: effects run once the whole tree below has been updated.
#[hook]
pub fn use_rendered_mark(analysis: &AnalysisRef) {
    use_effect_with(analysis.clone(), |analysis| {
        if analysis.is_current() {
            perf::rendered();
        }
    });
}
