//! Performance marks around the playground's work, for `make bench-ui` and for anyone
//! profiling in the browser's performance panel.
//!
//! Marks and measures (all prefixed `fromlab:`):
//! - `fromlab:input` when the editor receives an input event;
//! - `fromlab:analyse` (a measure) from a request to the analysis worker to its answer
//!   (the round trip: posting, the worker's analysis, decoding);
//! - `fromlab:keystroke` (a measure) from the input to the moment the panels have been
//!   rendered with findings for the new text (so the worker's round trip included),
//!   taken only for edits the learner made.

use std::cell::Cell;

thread_local! {
    /// Whether an input mark waits for its render.
    static INPUT_PENDING: Cell<bool> = const { Cell::new(false) };
    /// Numbers the start marks of analyses, several of which can be on their way.
    static NEXT_ANALYSIS: Cell<u32> = const { Cell::new(0) };
}

const INPUT: &str = "fromlab:input";
const ANALYSE_START: &str = "fromlab:analyse-start";
const ANALYSE_END: &str = "fromlab:analyse-end";
const RENDERED: &str = "fromlab:rendered";

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|window| window.performance())
}

/// Marks an input event from the learner. When several inputs arrive before the panels
/// catch up, the measure runs from the first of them, so waiting is never hidden.
pub fn input() {
    if INPUT_PENDING.with(|pending| pending.replace(true)) {
        return;
    }
    if let Some(performance) = performance() {
        let _ = performance.mark(INPUT);
    }
}

/// Marks the moment a request for analysis leaves for the worker; [`Analysis::end`]
/// records the measure when its answer is back (the round trip, worker time included).
pub fn analyse_start() -> Analysis {
    let id = NEXT_ANALYSIS.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1));
        id
    });
    let start = format!("{ANALYSE_START}-{id}");
    if let Some(performance) = performance() {
        let _ = performance.mark(&start);
    }
    Analysis { start }
}

/// An analysis on its way (see [`analyse_start`]).
pub struct Analysis {
    start: String,
}

impl Analysis {
    /// Records the `fromlab:analyse` measure from the request to now.
    pub fn end(self) {
        if let Some(performance) = performance() {
            let _ = performance.mark(ANALYSE_END);
            let _ = performance.measure_with_start_mark_and_end_mark(
                "fromlab:analyse",
                &self.start,
                ANALYSE_END,
            );
            performance.clear_marks_with_mark_name(&self.start);
            performance.clear_marks_with_mark_name(ANALYSE_END);
        }
    }
}

/// Records that the panels show the latest analysis; closes the keystroke measure if an
/// input is waiting for it.
pub fn rendered() {
    if !INPUT_PENDING.with(|pending| pending.replace(false)) {
        return;
    }
    if let Some(performance) = performance() {
        let _ = performance.mark(RENDERED);
        let _ =
            performance.measure_with_start_mark_and_end_mark("fromlab:keystroke", INPUT, RENDERED);
        performance.clear_marks_with_mark_name(INPUT);
        performance.clear_marks_with_mark_name(RENDERED);
    }
}
